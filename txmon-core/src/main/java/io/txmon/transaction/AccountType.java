package io.txmon.transaction;

/** Whether an account belongs to a person or a business; businesses legitimately trade with many parties. */
public enum AccountType {
    PERSONAL,
    BUSINESS
}
