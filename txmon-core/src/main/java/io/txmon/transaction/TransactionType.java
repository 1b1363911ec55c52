package io.txmon.transaction;

/** How money moves in a transaction; it decides which accounts' behaviour the transaction changes. */
public enum TransactionType {
    /** From {@code user_id} to a merchant. */
    CARD,
    /** From {@code user_id} to {@code counterparty_id}. */
    TRANSFER,
    /** Into {@code user_id}: a deposit. */
    CASH_IN,
    /** Out of {@code user_id}: a withdrawal. */
    CASH_OUT;

    /** Whether the transaction takes money out of {@code user_id}'s account. */
    public boolean isOutflow() {
        return this != CASH_IN;
    }
}
