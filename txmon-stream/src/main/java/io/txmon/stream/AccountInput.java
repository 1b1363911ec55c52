package io.txmon.stream;

/**
 * What reaches a key in {@link AccountStates}: one of its transactions ({@link AccountEvent}), new reference data for
 * an account ({@link AccountUpdate}), or a change of a transaction's known outcome ({@link AccountOutcome}). One keyed
 * input for all, so that the key's states and its newest reference data live under the same key.
 */
sealed interface AccountInput permits AccountEvent, AccountUpdate, AccountOutcome {
    /** The account this is for: the key. */
    String accountId();
}
