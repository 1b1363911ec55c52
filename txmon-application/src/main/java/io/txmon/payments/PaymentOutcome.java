package io.txmon.payments;

import io.txmon.ingest.Detection;

/**
 * The answer to a payment request: the payment, the decision that screened it, and whether the request repeated an
 * idempotency key already used (then nothing new happened).
 */
public record PaymentOutcome(Payment payment, Detection decision, boolean replayed) {}
