package io.txmon.service.payments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.txmon.payments.Payment;
import io.txmon.payments.PaymentOutcome;
import io.txmon.payments.PaymentRequest;
import io.txmon.payments.Payments;
import io.txmon.service.detect.DetectionResponse;
import io.txmon.service.problems.NotFoundException;
import io.txmon.service.problems.QueryParameters;
import io.txmon.transaction.InvalidFieldException;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /payments}: a payment screened by the decision path, then posted, rejected or held, once per
 * {@code Idempotency-Key}; {@code GET /payments/{id}} shows one as it stands now.
 */
@RestController
class PaymentsController {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Payments payments;

    PaymentsController(Payments payments) {
        this.payments = payments;
    }

    /** What a payer sends; the amount as a number or a decimal string. */
    record PayRequest(String fromAccount, String toAccount, BigDecimal amount, String currency) {}

    /** A payment as it stands, with the decision that screened it. */
    record PaymentResponse(
            String paymentId,
            String status,
            String reason,
            String fromAccount,
            String toAccount,
            BigDecimal amount,
            String currency,
            Instant createdAt,
            Instant settledAt,
            String settledBy,
            DetectionResponse decision) {

        static PaymentResponse of(PaymentOutcome outcome) {
            Payment payment = outcome.payment();
            return new PaymentResponse(
                    payment.paymentId(),
                    payment.status().name(),
                    payment.reason(),
                    payment.fromAccount(),
                    payment.toAccount(),
                    payment.amount(),
                    payment.currency().getCurrencyCode(),
                    payment.createdAt(),
                    payment.settledAt(),
                    payment.settledBy(),
                    DetectionResponse.of(outcome.decision()));
        }
    }

    @Operation(
            summary = "Pay: screen, then post, reject or hold",
            description = "Body: from_account, to_account, amount, currency. The payment is scored as a TRANSFER"
                    + " first: BLOCK rejects it, REVIEW holds it until its alert is closed (FALSE_POSITIVE posts it,"
                    + " TRUE_POSITIVE rejects it), APPROVE posts it if the payer's balance and overdraft allow;"
                    + " otherwise it is REJECTED with the reason. 201 for a new payment; the same Idempotency-Key"
                    + " again answers 200 with that payment as it stands (header Idempotent-Replayed: true), and"
                    + " 422 when sent with a different payment.")
    @PostMapping(path = "/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PaymentResponse> pay(
            @Parameter(
                            description =
                                    "A unique string per payment, such as a UUID; retries send the same one: 1 to 255"
                                            + " visible ASCII characters (! to ~)")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    String key,
            @RequestBody PayRequest request,
            Principal principal) {
        // The key first: a client whose key cannot work learns that before anything about the payment.
        Payments.checkedKey(key);
        PaymentOutcome outcome = payments.pay(
                key,
                new PaymentRequest(
                        request.fromAccount(),
                        request.toAccount(),
                        request.amount(),
                        currency("currency", request.currency())));
        PaymentResponse response = PaymentResponse.of(outcome);
        if (outcome.replayed()) {
            return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(response);
        }
        Payment payment = outcome.payment();
        AUDIT.info(
                "payment {} by {}: {} {} from {} to {}, {}",
                payment.paymentId(),
                principal.getName(),
                payment.amount().toPlainString(),
                payment.currency().getCurrencyCode(),
                payment.fromAccount(),
                payment.toAccount(),
                payment.status());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/payments/" + payment.paymentId()))
                .body(response);
    }

    @Operation(summary = "One payment as it stands now, with the decision that screened it")
    @GetMapping("/payments/{id}")
    PaymentResponse get(@PathVariable String id) {
        return payments.find(id)
                .map(PaymentResponse::of)
                .orElseThrow(() -> new NotFoundException("no payment " + QueryParameters.abbreviate(id)));
    }

    static Currency currency(String field, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidFieldException(field, "is required, an ISO 4217 code such as EUR");
        }
        try {
            return Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(
                    field, "is not an ISO 4217 currency code: '" + QueryParameters.abbreviate(code) + "'");
        }
    }
}
