package io.txmon.simulator;

import io.txmon.transaction.TransactionType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each customer's account did in the ordinary world, so that typologies can be fitted into it: a
 * takeover drains the balance the victim actually has, a cloned card is used while the real card is in
 * use at home. Built once, after ordinary activity and before any typology.
 */
final class Histories {
    private static final int[] NONE = new int[0];

    private final List<Draft> drafts;
    private final Map<String, int[]> byAccount = new HashMap<>();

    Histories(List<Draft> ordinary, Population population) {
        this.drafts = List.copyOf(ordinary);
        Map<String, IndexList> building = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            if (population.customer(draft.userId()).isPresent()) {
                building.computeIfAbsent(draft.userId(), id -> new IndexList()).add(i);
            }
            String payee = draft.counterpartyId();
            if (payee != null && population.customer(payee).isPresent()) {
                building.computeIfAbsent(payee, id -> new IndexList()).add(i);
            }
        }
        for (Map.Entry<String, IndexList> entry : building.entrySet()) {
            int[] indices = entry.getValue().toArray();
            Integer[] boxed = Arrays.stream(indices).boxed().toArray(Integer[]::new);
            Arrays.sort(
                    boxed,
                    (a, b) -> Long.compare(drafts.get(a).second(), drafts.get(b).second()));
            byAccount.put(
                    entry.getKey(),
                    Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
        }
    }

    /** The customer's balance just before a moment: the opening balance plus everything in, less out. */
    long balanceAt(Customer customer, long second) {
        long balance = customer.openingBalance();
        for (int index : byAccount.getOrDefault(customer.id(), NONE)) {
            Draft draft = drafts.get(index);
            if (draft.second() >= second) {
                break;
            }
            balance += effect(customer.id(), draft);
        }
        return balance;
    }

    /** The customer's own payments and withdrawals (not money received), in time order. */
    List<Draft> madeBy(String accountId) {
        List<Draft> made = new ArrayList<>();
        for (int index : byAccount.getOrDefault(accountId, NONE)) {
            Draft draft = drafts.get(index);
            if (draft.userId().equals(accountId)) {
                made.add(draft);
            }
        }
        return made;
    }

    private static long effect(String accountId, Draft draft) {
        if (!draft.userId().equals(accountId)) {
            return draft.cents();
        }
        return draft.type() == TransactionType.CASH_IN ? draft.cents() : -draft.cents();
    }

    /** A growing list of ints, to index hundreds of thousands of drafts without boxing each. */
    private static final class IndexList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
