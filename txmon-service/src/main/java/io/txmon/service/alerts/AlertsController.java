package io.txmon.service.alerts;

import io.swagger.v3.oas.annotations.Operation;
import io.txmon.alerts.Alerts;
import io.txmon.alerts.Alerts.AlertDetail;
import io.txmon.alerts.Alerts.AlertSummary;
import io.txmon.alerts.Alerts.Label;
import io.txmon.alerts.Alerts.Status;
import io.txmon.scoring.RiskLevel;
import io.txmon.service.problems.NotFoundException;
import io.txmon.service.problems.QueryParameters;
import io.txmon.transaction.InvalidFieldException;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /alerts}, {@code GET /alerts/{id}} and {@code PATCH /alerts/{id}}: the analysts' queue. */
@RestController
class AlertsController {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");
    static final int MAX_LIMIT = 500;
    static final int MAX_ASSIGNEE = 128;
    static final int MAX_NOTE = 2_000;

    private final Alerts alerts;

    AlertsController(Alerts alerts) {
        this.alerts = alerts;
    }

    /** A review: any of {@code status} (IN_REVIEW, ESCALATED, CLOSED), {@code assignee}, {@code note}, {@code label}. */
    record ReviewRequest(String status, String assignee, String note, String label) {}

    @Operation(
            summary = "The alert queue, newest first",
            description = "Filters: status (OPEN, IN_REVIEW, ESCALATED, CLOSED), reason (a reason code), level (LOW,"
                    + " MEDIUM, HIGH), from and to (when the alert was opened), user_id.")
    @GetMapping("/alerts")
    List<AlertSummary> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        QueryParameters.limit("limit", limit, MAX_LIMIT);
        QueryParameters.offset("offset", offset);
        Alerts.Filter filter = new Alerts.Filter(
                status == null ? null : parse(Status.class, "status", status),
                reason == null ? null : code("reason", reason),
                level == null ? null : level("level", level),
                QueryParameters.optionalInstant("from", from).orElse(null),
                QueryParameters.optionalInstant("to", to).orElse(null),
                userId);
        return alerts.list(filter, limit, offset);
    }

    @Operation(
            summary = "Precision of the decisions by analysts' reviews",
            description = "Among alerts closed as true or false positives: how many, and the share confirmed, overall"
                    + " (reason_code ALL) and per reason code. Training leaves confirmed fraud out of what the model"
                    + " learns as usual.")
    @GetMapping("/alerts/precision")
    List<Alerts.ReasonPrecision> precision() {
        return alerts.reviewedPrecision();
    }

    @Operation(summary = "One alert with its transaction, decision, notes and history")
    @GetMapping("/alerts/{id}")
    AlertDetail get(@PathVariable long id) {
        return alerts.get(id).orElseThrow(() -> new NotFoundException("no alert " + id));
    }

    @Operation(
            summary = "Review an alert: assign, note, escalate, or close as a true or false positive",
            description = "Body: any of status (IN_REVIEW, ESCALATED, CLOSED), assignee, note; closing needs label"
                    + " (TRUE_POSITIVE or FALSE_POSITIVE). Each review is recorded with who made it and when.")
    @PatchMapping(path = "/alerts/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    AlertDetail review(@PathVariable long id, @RequestBody ReviewRequest request, Principal principal) {
        Alerts.Review review = new Alerts.Review(
                request.status() == null ? null : parse(Status.class, "status", request.status()),
                bounded("assignee", request.assignee(), MAX_ASSIGNEE),
                bounded("note", request.note(), MAX_NOTE),
                request.label() == null ? null : parse(Label.class, "label", request.label()));
        AlertDetail updated = alerts.review(id, review, principal.getName())
                .orElseThrow(() -> new NotFoundException("no alert " + id));
        AUDIT.info(
                "alert {} reviewed by {}: status {}, assignee {}, label {}, note {}",
                id,
                principal.getName(),
                updated.alert().status(),
                review.assignee(),
                review.label(),
                review.note() == null ? "none" : review.note().length() + " characters");
        return updated;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(
                    field,
                    "must be one of " + Arrays.toString(type.getEnumConstants()) + ", was '"
                            + QueryParameters.abbreviate(text) + "'");
        }
    }

    private static RiskLevel level(String parameter, String text) {
        String level = text.strip().toUpperCase(Locale.ROOT);
        for (RiskLevel known : RiskLevel.values()) {
            if (known.name().equals(level)) {
                return known;
            }
        }
        throw new InvalidFieldException(
                parameter, "must be LOW, MEDIUM or HIGH, was '" + QueryParameters.abbreviate(text) + "'");
    }

    private static String code(String parameter, String text) {
        String code = text.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z0-9_]{1,64}")) {
            throw new InvalidFieldException(
                    parameter,
                    "must be a reason code such as HIGH_AMOUNT, was '" + QueryParameters.abbreviate(text) + "'");
        }
        return code;
    }

    private static String bounded(String field, String text, int max) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (value.isEmpty()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        if (value.length() > max) {
            throw new InvalidFieldException(field, "is " + value.length() + " characters long, the limit is " + max);
        }
        return value;
    }
}
