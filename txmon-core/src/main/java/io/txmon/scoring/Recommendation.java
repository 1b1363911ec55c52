package io.txmon.scoring;

/** What to do with the transaction. */
public enum Recommendation {
    APPROVE,
    REVIEW,
    BLOCK;

    /** Whether it flags the transaction for an analyst: REVIEW and BLOCK open an alert and count as flagged. */
    public boolean flags() {
        return this != APPROVE;
    }
}
