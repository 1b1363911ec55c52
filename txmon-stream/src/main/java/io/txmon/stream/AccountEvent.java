package io.txmon.stream;

import io.txmon.transaction.Transaction;
import java.util.Comparator;
import java.util.List;

/**
 * A transaction as one of its accounts sees it: as the payer, or as the payee of a transfer. Each account's state
 * learns both kinds, in the order {@link #ORDER} gives.
 */
record AccountEvent(String accountId, Side side, long sequence, Transaction transaction) implements AccountInput {
    /** Which end of the transaction the account is. */
    enum Side {
        PAYER,
        PAYEE
    }

    /** Event time, then input order, then the payer before the payee: the order batch scoring observes them in. */
    static final Comparator<AccountEvent> ORDER = Comparator.comparing(
                    (AccountEvent e) -> e.transaction().timestamp())
            .thenComparingLong(AccountEvent::sequence)
            .thenComparing(AccountEvent::side);

    SequencedTransaction sequenced() {
        return new SequencedTransaction(sequence, transaction);
    }

    /** The events a transaction makes: one for its payer and, for a transfer to an account, one for its payee. */
    static List<AccountEvent> of(SequencedTransaction sequenced) {
        Transaction tx = sequenced.transaction();
        AccountEvent payer = new AccountEvent(tx.userId(), Side.PAYER, sequenced.sequence(), tx);
        return tx.payeeAccount() == null
                ? List.of(payer)
                : List.of(payer, new AccountEvent(tx.payeeAccount(), Side.PAYEE, sequenced.sequence(), tx));
    }
}
