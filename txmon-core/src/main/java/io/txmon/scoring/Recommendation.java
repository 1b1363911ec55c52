package io.txmon.scoring;

/** What to do with the transaction. */
public enum Recommendation {
    APPROVE,
    REVIEW,
    BLOCK
}
