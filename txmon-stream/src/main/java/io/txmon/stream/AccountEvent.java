package io.txmon.stream;

import io.txmon.features.EntityKind;
import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A transaction as one of its keys sees it: its paying account, the receiving account of a transfer, its merchant or
 * its device. Each key's state learns its events in the order {@link #ORDER} gives.
 *
 * @param accountId the key: the account's id for a payer or payee, {@link #keyOf} for a merchant or device
 */
record AccountEvent(String accountId, Side side, long sequence, Transaction transaction) implements AccountInput {
    /** Which part of the transaction the key is, and so which entity's state ({@link EntityKind}) it teaches. */
    enum Side {
        PAYER(EntityKind.ACCOUNT),
        PAYEE(EntityKind.PAYEE),
        MERCHANT(EntityKind.MERCHANT),
        DEVICE(EntityKind.DEVICE);

        private final EntityKind entity;

        Side(EntityKind entity) {
            this.entity = entity;
        }

        /** The entity whose state this side's key keeps: the payer's account keeps it as an outcome holder. */
        EntityKind entity() {
            return entity;
        }
    }

    /** Event time, then input order, then the payer before the payee: the order batch scoring observes them in. */
    static final Comparator<AccountEvent> ORDER = Comparator.comparing(
                    (AccountEvent e) -> e.transaction().timestamp())
            .thenComparingLong(AccountEvent::sequence)
            .thenComparing(AccountEvent::side);

    SequencedTransaction sequenced() {
        return new SequencedTransaction(sequence, transaction);
    }

    /**
     * The events a transaction makes: one for its payer and one for each entity it names (the payee of a transfer to
     * an account, its merchant, its device), each giving one part of its features ({@link #partsOf}).
     */
    static List<AccountEvent> of(SequencedTransaction sequenced) {
        Transaction tx = sequenced.transaction();
        List<AccountEvent> events = new ArrayList<>(4);
        events.add(new AccountEvent(tx.userId(), Side.PAYER, sequenced.sequence(), tx));
        if (tx.payeeAccount() != null) {
            events.add(new AccountEvent(tx.payeeAccount(), Side.PAYEE, sequenced.sequence(), tx));
        }
        if (tx.merchantId() != null) {
            events.add(new AccountEvent(
                    keyOf(EntityKind.MERCHANT, tx.merchantId()), Side.MERCHANT, sequenced.sequence(), tx));
        }
        if (tx.deviceId() != null) {
            events.add(
                    new AccountEvent(keyOf(EntityKind.DEVICE, tx.deviceId()), Side.DEVICE, sequenced.sequence(), tx));
        }
        return events;
    }

    /** How many events, and so parts of its features, {@link #of} makes of {@code tx}. */
    static int partsOf(Transaction tx) {
        return 1
                + (tx.payeeAccount() == null ? 0 : 1)
                + (tx.merchantId() == null ? 0 : 1)
                + (tx.deviceId() == null ? 0 : 1);
    }

    /**
     * The key of a merchant or device: its kind, a slash, then its id, such as {@code merchant/m-1}. An identifier
     * may not hold a slash ({@code Identifiers}), so no account's id is ever such a key: merchants and devices share
     * the account-keyed operator, and so its event-time order, late and duplicate handling and quiet-state TTL,
     * rather than repeat them in a second keyed operator fed by a second copy of every transaction.
     */
    static String keyOf(EntityKind kind, String id) {
        return kind.prefix() + "/" + id;
    }
}
