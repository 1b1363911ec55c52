package io.txmon.simulator;

import io.txmon.evaluation.Label;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.util.List;
import java.util.Objects;

/**
 * A simulated world: the bank's accounts, every transaction in time order, and the ground truth for each.
 *
 * @param accounts reference data of the bank's own accounts, customers and businesses (accounts of other
 *     banks appear only as counterparties or payers)
 * @param transactions sorted by timestamp
 * @param labels one per transaction, {@code labels.get(i)} labelling {@code transactions.get(i)}
 */
public record SimulatedData(List<Account> accounts, List<Transaction> transactions, List<Label> labels) {

    public SimulatedData {
        accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
        transactions = List.copyOf(Objects.requireNonNull(transactions, "transactions"));
        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        if (labels.size() != transactions.size()) {
            throw new IllegalArgumentException("labels must be one per transaction: " + labels.size() + " labels for "
                    + transactions.size() + " transactions");
        }
        for (int i = 0; i < labels.size(); i++) {
            String transactionId = transactions.get(i).transactionId();
            if (!labels.get(i).transactionId().equals(transactionId)) {
                throw new IllegalArgumentException("labels[" + i + "] labels transaction '"
                        + labels.get(i).transactionId() + "' but transactions[" + i + "] is '" + transactionId + "'");
            }
        }
    }

    /** How many transactions are part of a typology. */
    public long suspiciousCount() {
        return labels.stream().filter(Label::suspicious).count();
    }
}
