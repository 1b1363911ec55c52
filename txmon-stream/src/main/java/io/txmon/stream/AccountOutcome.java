package io.txmon.stream;

import io.txmon.features.EntityKind;
import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A change of a transaction's known outcome as one of its keys learns it ({@link EntityKind}'s state under the key):
 * in event time at the instant it became known, after the key's transactions of that instant and before its later
 * ones, as {@code bin/txmon score --labels} learns outcomes known strictly before each transaction it scores.
 *
 * @param accountId the key, as {@link AccountEvent#accountId} names it
 * @param side which of the transaction's entities the key is
 * @param knownAtMillis when the outcome became known: its event time
 * @param delta +1 when the transaction became known as fraud, -1 when a later label overruled that
 * @param transaction the labelled transaction, which the entity's state learns the outcome of
 */
record AccountOutcome(String accountId, AccountEvent.Side side, long knownAtMillis, int delta, Transaction transaction)
        implements AccountInput {
    /** The labelled transactions' event time, then their ids: a set order for outcomes known at one instant. */
    static final Comparator<AccountOutcome> ORDER = Comparator.comparing(
                    (AccountOutcome o) -> o.transaction().timestamp())
            .thenComparing(o -> o.transaction().transactionId());

    AccountOutcome {
        if (delta != 1 && delta != -1) {
            throw new IllegalArgumentException("an outcome changes a fraud count by 1 or -1, not " + delta);
        }
    }

    /** The outcome as every key of {@code tx} learns it: the keys {@link AccountEvent#of} sends its events to. */
    static List<AccountOutcome> of(Transaction tx, int delta, long knownAtMillis) {
        List<AccountOutcome> outcomes = new ArrayList<>(4);
        for (AccountEvent event : AccountEvent.of(new SequencedTransaction(0, tx))) {
            outcomes.add(new AccountOutcome(event.accountId(), event.side(), knownAtMillis, delta, tx));
        }
        return outcomes;
    }
}
