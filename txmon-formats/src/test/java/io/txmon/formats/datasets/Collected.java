package io.txmon.formats.datasets;

import io.txmon.evaluation.AccountLabel;
import io.txmon.evaluation.Label;
import io.txmon.formats.RejectedRecord;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;

/** What a conversion handed on, kept in lists for assertions. */
final class Collected implements ConvertedData {
    final List<Transaction> transactions = new ArrayList<>();
    final List<Label> labels = new ArrayList<>();
    final List<Account> accounts = new ArrayList<>();
    final List<AccountLabel> accountLabels = new ArrayList<>();
    final List<RejectedRecord> rejected = new ArrayList<>();

    @Override
    public void transaction(Transaction transaction, Label label) {
        transactions.add(transaction);
        labels.add(label);
    }

    @Override
    public void account(Account account) {
        accounts.add(account);
    }

    @Override
    public void accountLabel(AccountLabel label) {
        accountLabels.add(label);
    }

    @Override
    public void rejected(RejectedRecord record) {
        rejected.add(record);
    }

    List<String> reasons() {
        return rejected.stream().map(RejectedRecord::reason).toList();
    }
}
