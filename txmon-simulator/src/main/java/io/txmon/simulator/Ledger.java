package io.txmon.simulator;

import io.txmon.evaluation.Label;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Collects the world's drafts and turns them into the final, time-ordered transactions with their
 * labels. Drafts outside the window are not recorded: they belong to days before or after it.
 */
final class Ledger {
    /** Bits of an ordering key that hold a draft's position; the rest hold its second in the window. */
    private static final int INDEX_BITS = 27;

    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private final Window window;
    private final List<Draft> drafts = new ArrayList<>();
    private int suspicious;

    Ledger(Window window) {
        this.window = window;
    }

    /** Records a draft that falls in the window; says whether it did. */
    boolean add(Draft draft) {
        if (!window.contains(draft.second())) {
            return false;
        }
        drafts.add(draft);
        if (draft.suspicious()) {
            suspicious++;
        }
        return true;
    }

    int size() {
        return drafts.size();
    }

    int suspiciousCount() {
        return suspicious;
    }

    /** The drafts so far, in the order they were planned. */
    List<Draft> drafts() {
        return Collections.unmodifiableList(drafts);
    }

    /**
     * Orders the drafts by time and gives them ids. They are shuffled before a stable sort so that
     * transactions in the same second come in random order rather than in the order they were planned
     * (ordinary activity first, typologies after). Ids are issued in the final order, so neither their
     * order nor their digits say anything about how a transaction was made. Empties the ledger.
     */
    SimulatedData assemble(List<Account> accounts, Currency currency, Ids ids, RandomGenerator random) {
        Draft[] shuffled = drafts.toArray(new Draft[0]);
        drafts.clear();
        suspicious = 0;
        if (shuffled.length > INDEX_MASK) {
            throw new IllegalStateException("too many transactions to order: " + shuffled.length);
        }
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Draft draft = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = draft;
        }
        // Sorting primitive keys (seconds into the window, then shuffled position) is a stable sort of
        // the shuffled drafts by time, several times faster than sorting the objects with a comparator.
        long[] keys = new long[shuffled.length];
        for (int i = 0; i < shuffled.length; i++) {
            keys[i] = ((shuffled[i].second() - window.start()) << INDEX_BITS) | i;
        }
        Arrays.sort(keys);
        List<Transaction> transactions = new ArrayList<>(shuffled.length);
        List<Label> labels = new ArrayList<>(shuffled.length);
        for (long key : keys) {
            int index = (int) (key & INDEX_MASK);
            Draft draft = shuffled[index];
            shuffled[index] = null;
            String id = ids.transaction();
            transactions.add(transaction(id, draft, currency));
            labels.add(
                    draft.suspicious() ? Label.suspicious(id, draft.typology().name()) : Label.ordinary(id));
        }
        return new SimulatedData(accounts, transactions, labels);
    }

    private static Transaction transaction(String id, Draft draft, Currency currency) {
        Merchant merchant = draft.merchant();
        City place = draft.place();
        return new Transaction(
                id,
                Instant.ofEpochSecond(draft.second()),
                draft.userId(),
                BigDecimal.valueOf(draft.cents(), 2),
                currency,
                draft.type(),
                draft.counterpartyId(),
                merchant == null ? null : merchant.id(),
                merchant == null ? null : merchant.category().merchantType(),
                place == null ? null : place.name(),
                place == null ? null : place.country(),
                draft.channel(),
                draft.deviceId());
    }
}
