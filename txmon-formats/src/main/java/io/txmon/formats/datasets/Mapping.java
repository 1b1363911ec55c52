package io.txmon.formats.datasets;

import io.txmon.evaluation.Label;
import io.txmon.transaction.FieldSource;
import io.txmon.transaction.Transaction;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One data set's mapping onto txmon's contract. A conversion feeds it every row of the transaction files
 * in order, then asks it for what it learned about accounts. Holds state across rows, so one instance
 * serves one conversion.
 */
interface Mapping {

    /** The columns a transaction file's header must name. */
    List<String> columns();

    /**
     * Converts one row; once it returns, the row is converted, so the mapping may keep what it learned.
     *
     * @param row the row's fields by the source's column names
     * @param number the 1-based number of the data row over all transaction files, for sources without ids
     * @throws io.txmon.transaction.InvalidFieldException naming the source's column when the row is unusable
     */
    Row map(FieldSource row, long number);

    /**
     * Hands on the accounts and account labels, after the last row.
     *
     * @param accountsFile the source's accounts file, for data sets that {@link PublicDataSet#readsAccountsFile()}
     */
    void finish(Optional<Path> accountsFile, ConvertedData out);

    /**
     * A converted row.
     *
     * @param transaction the transaction
     * @param label the truth about it
     */
    record Row(Transaction transaction, Label label) {}
}
