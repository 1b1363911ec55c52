package io.txmon.payments;

/** An idempotency key sent again with a different payment than the one it was first used for. */
public final class IdempotencyConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IdempotencyConflictException(String paymentId) {
        super("this Idempotency-Key was used for a different payment (" + paymentId
                + "); use a new key for a new payment");
    }
}
