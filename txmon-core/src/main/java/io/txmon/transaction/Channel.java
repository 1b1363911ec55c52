package io.txmon.transaction;

/** Where the transaction was made. */
public enum Channel {
    POS,
    ONLINE,
    ATM,
    BRANCH
}
