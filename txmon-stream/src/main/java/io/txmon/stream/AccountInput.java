package io.txmon.stream;

/**
 * What reaches an account's key in {@link AccountStates}: one of its transactions ({@link AccountEvent}), or new
 * reference data for it ({@link AccountUpdate}). One keyed input for both, so that the account's state and its newest
 * reference data live under the same key.
 */
sealed interface AccountInput permits AccountEvent, AccountUpdate {
    /** The account this is for: the key. */
    String accountId();
}
