package io.txmon.ingest;

import io.txmon.formats.RejectedRecord;
import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What reading one file left out: its rejected records, and transactions seen before in the same run. */
final class FileRecords {
    final List<RejectedRecord> rejected = new ArrayList<>();
    long repeated;

    /** For files decided through {@link OnlineIngestion}: decided anew, and answered as stored before. */
    long decided;

    long duplicates;

    /** Records whose amount the file's parser rounded ({@code TransactionParser#roundedAmounts}). */
    long rounded;

    /** Whether {@code transaction}'s id is new to the run; counts it as repeated when not. */
    boolean isNew(Transaction transaction, Set<String> seenThisRun) {
        if (seenThisRun.add(transaction.transactionId())) {
            return true;
        }
        repeated++;
        return false;
    }

    /** Adds them to the run's counts, once every chunk of the file has committed. */
    void count(RunCounts counts) {
        counts.read += rejected.size() + repeated;
        counts.rejected += rejected.size();
        counts.duplicates += repeated;
        counts.rounded += rounded;
    }
}
