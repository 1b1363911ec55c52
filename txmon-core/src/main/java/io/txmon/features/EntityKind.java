package io.txmon.features;

import io.txmon.transaction.Transaction;

/**
 * Something besides the paying account that a transaction touches and that txmon keeps a memory of: the paying
 * account itself as an outcome holder, the merchant or terminal, the device, and the receiving account of a transfer.
 */
public enum EntityKind {
    /** The transaction's {@code user_id}: its known outcomes, as a compromised card shows in them. */
    ACCOUNT("account"),
    /** The transaction's {@code merchant_id}, a shop or a terminal: compromised terminals show here. */
    MERCHANT("merchant"),
    /** The transaction's {@code device_id}: one device used by many accounts shows here. */
    DEVICE("device"),
    /** The receiving account of a transfer ({@code payee_account}): a mule collecting from strangers shows here. */
    PAYEE("payee");

    private final String prefix;

    EntityKind(String prefix) {
        this.prefix = prefix;
    }

    /** How its features' names begin, such as {@code merchant} in {@code merchant_fraud_share_7d}. */
    public String prefix() {
        return prefix;
    }

    /** The id of this kind of entity the transaction names, or {@code null} when it names none. */
    public String idOf(Transaction tx) {
        return switch (this) {
            case ACCOUNT -> tx.userId();
            case MERCHANT -> tx.merchantId();
            case DEVICE -> tx.deviceId();
            case PAYEE -> tx.payeeAccount();
        };
    }
}
