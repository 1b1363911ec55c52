package io.txmon.service.labels;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.txmon.formats.LabelJson;
import io.txmon.labelling.InvalidLabelException;
import io.txmon.labelling.StoredLabels;
import io.txmon.labels.ReportedLabel;
import io.txmon.storage.Database;
import io.txmon.transaction.InvalidFieldException;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /labels}: labels as the bank learns them, read exactly as the records of a JSON Lines labels file are
 * ({@code bin/txmon labels import}), kept with source {@code API} and the caller's key name.
 */
@RestController
class LabelsController {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");

    /** Most labels in one request. */
    static final int MAX_BATCH = 1_000;

    private final StoredLabels labels;

    LabelsController(Database database, Clock clock) {
        this.labels = new StoredLabels(database, clock);
    }

    /** One label, for the OpenAPI document: the body itself is read by {@link LabelJson}, as a JSON Lines record is. */
    @Schema(description = "A label, as docs/file-formats.md (Labels) describes it")
    record LabelRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "t-000123")
            String transactionId,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "1 or true: suspicious; 0 or false: ordinary",
                    example = "1")
            String label,

            @Schema(description = "The pattern's name; only for a suspicious transaction", example = "card testing")
            String typology,

            @Schema(
                    description =
                            "When the bank learned it (ISO-8601); absent: the label delay after the" + " transaction",
                    example = "2026-02-01T10:00:00Z")
            String labelledAt) {}

    /**
     * What a request recorded.
     *
     * @param received labels in the request
     * @param recorded labels kept for the first time
     * @param alreadyRecorded labels sent through the API before: nothing changed
     */
    record LabelsRecorded(int received, int recorded, int alreadyRecorded) {}

    @Operation(
            summary = "Record labels: what became known of transactions, and when",
            description = "A JSON array of at most 1,000 labels: transaction_id, label (1, 0, true or false), typology"
                    + " (none for an ordinary transaction), labelled_at (ISO-8601, optional). All are checked before"
                    + " any is kept, so a bad one refuses the whole request, naming its position and field. A label"
                    + " sent before is not kept again; a transaction not stored yet may be labelled. Recorded with"
                    + " source API and the key's name.")
    @PostMapping(
            path = "/labels",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    LabelsRecorded record(
            @RequestBody(
                            description = "At most 1,000 labels",
                            content =
                                    @Content(
                                            array =
                                                    @ArraySchema(
                                                            schema = @Schema(implementation = LabelRequest.class))))
                    @org.springframework.web.bind.annotation.RequestBody
                    String body,
            Principal principal) {
        List<String> elements = LabelJson.elements(body);
        if (elements.size() > MAX_BATCH) {
            throw new InvalidFieldException(
                    "labels", "holds " + elements.size() + " labels, at most " + MAX_BATCH + " are taken");
        }
        List<ReportedLabel> batch = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            try {
                batch.add(LabelJson.parse(elements.get(i)));
            } catch (InvalidFieldException e) {
                throw new InvalidFieldException("labels[" + i + "]." + e.field(), problemOf(e));
            }
        }
        StoredLabels.Recorded recorded;
        try {
            recorded = labels.record(batch, StoredLabels.Source.API, principal.getName());
        } catch (InvalidLabelException e) {
            String prefix = e.field() + ": ";
            String problem = e.problem().startsWith(prefix) ? e.problem().substring(prefix.length()) : e.problem();
            throw new InvalidFieldException("labels[" + e.index() + "]." + e.field(), problem);
        }
        AUDIT.info(
                "{} labels sent by {}: {} recorded, {} already recorded",
                batch.size(),
                principal.getName(),
                recorded.recorded(),
                recorded.alreadyRecorded());
        return new LabelsRecorded(batch.size(), recorded.recorded(), recorded.alreadyRecorded());
    }

    private static String problemOf(InvalidFieldException e) {
        String prefix = e.field() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }
}
