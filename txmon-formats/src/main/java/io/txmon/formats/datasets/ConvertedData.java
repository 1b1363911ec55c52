package io.txmon.formats.datasets;

import io.txmon.evaluation.AccountLabel;
import io.txmon.evaluation.Label;
import io.txmon.formats.RejectedRecord;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;

/**
 * Where a {@link Conversion} hands its output, one record at a time: to files on the command line, to a
 * list in a test.
 */
public interface ConvertedData {

    /** One converted row: the transaction and the truth about it. */
    void transaction(Transaction transaction, Label label);

    /** Reference data about one account, when the source describes accounts. */
    void account(Account account);

    /** The truth about one account, when the source labels accounts. */
    void accountLabel(AccountLabel label);

    /** A source row that could not be converted, with the reason naming the source's column. */
    void rejected(RejectedRecord rejected);
}
