package io.txmon.features;

import io.txmon.transaction.TransactionType;

/** One money movement as an account experiences it: which way the money went and who started it. */
enum MovementKind {
    CARD,
    TRANSFER_OUT,
    CASH_OUT,
    CASH_IN,
    TRANSFER_IN;

    private static final MovementKind[] BY_ORDINAL = values();

    /** Started by the account itself (its own transactions, as {@code user_id}). */
    boolean initiated() {
        return this != TRANSFER_IN;
    }

    /** Money left the account. */
    boolean outflow() {
        return this == CARD || this == TRANSFER_OUT || this == CASH_OUT;
    }

    /** Money came into the account. */
    boolean inflow() {
        return this == CASH_IN || this == TRANSFER_IN;
    }

    static MovementKind ofOrdinal(int ordinal) {
        return BY_ORDINAL[ordinal];
    }

    /** The movement a transaction is for its {@code user_id}. */
    static MovementKind payerSide(TransactionType type) {
        return switch (type) {
            case CARD -> CARD;
            case TRANSFER -> TRANSFER_OUT;
            case CASH_OUT -> CASH_OUT;
            case CASH_IN -> CASH_IN;
        };
    }
}
