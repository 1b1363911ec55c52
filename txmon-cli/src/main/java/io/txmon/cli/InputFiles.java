package io.txmon.cli;

import io.txmon.formats.AccountFiles;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.RejectedRecord;
import io.txmon.formats.RejectedRecordFiles;
import io.txmon.formats.TransactionFiles;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountParser;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the command line's input files: every good record kept, every bad one reported with its line and
 * reason (on stderr, and in full to a rejects file when asked), and transactions put in event-time order.
 */
final class InputFiles {
    /** Rejections printed on stderr before the rest are only counted. */
    private static final int SHOWN_REJECTIONS = 5;

    private final PrintWriter err;
    private final RecordWriter<RejectedRecord> rejectsFile;
    private long shown;

    /** Reports to {@code err}, and keeps every rejected record in {@code rejectsFile} when it is given. */
    InputFiles(PrintWriter err, Path rejectsFile) {
        this.err = err;
        this.rejectsFile = rejectsFile == null ? null : RejectedRecordFiles.newWriter(rejectsFile);
    }

    /** Transactions in event-time order (ties in file order); a repeated transaction id is rejected. */
    Loaded<Transaction> transactions(Path file, TransactionParser parser) {
        List<Transaction> transactions = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        long[] rejected = {0};
        TransactionFiles.read(
                file,
                parser,
                parsed -> {
                    Long seen = firstLine.putIfAbsent(parsed.value().transactionId(), parsed.line());
                    if (seen == null) {
                        transactions.add(parsed.value());
                    } else {
                        rejected[0]++;
                        reject(new RejectedRecord(
                                file.toString(),
                                parsed.line(),
                                parsed.value().transactionId(),
                                "transaction_id: '" + parsed.value().transactionId() + "' already appeared on line "
                                        + seen));
                    }
                },
                record -> {
                    rejected[0]++;
                    reject(record);
                });
        transactions.sort(Comparator.comparing(Transaction::timestamp));
        return new Loaded<>(transactions, rejected[0]);
    }

    /** Reference accounts by id; a repeated id keeps the first. */
    Map<String, Account> accounts(Path file) {
        Map<String, Account> accounts = new HashMap<>();
        AccountFiles.read(
                file,
                new AccountParser(),
                parsed -> accounts.putIfAbsent(parsed.value().userId(), parsed.value()),
                this::reject);
        return accounts;
    }

    void reject(RejectedRecord record) {
        if (shown++ < SHOWN_REJECTIONS) {
            err.printf("rejected %s line %d: %s%n", record.source(), record.line(), record.reason());
        }
        if (rejectsFile != null) {
            rejectsFile.write(record);
        }
    }

    /** Finishes the rejects file and says how many records were rejected in all. */
    void close() {
        if (rejectsFile != null) {
            rejectsFile.close();
        }
        if (shown > SHOWN_REJECTIONS) {
            err.printf(
                    "... %d rejected records in all%s%n",
                    shown, rejectsFile == null ? " (--rejects FILE keeps them all)" : "");
        }
    }

    /**
     * What a file held.
     *
     * @param records the good records
     * @param rejected how many were rejected
     */
    record Loaded<T>(List<T> records, long rejected) {}
}
