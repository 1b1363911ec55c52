package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LabelsImportCommandIT {
    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void importsAFileOnceReportsItsBadRecordsAndRecordsNothingNewWhenItIsImportedAgain(DatabaseEngine engine)
            throws Exception {
        Path labels = folder.resolve("chargebacks.csv");
        Files.writeString(labels, """
                transaction_id,label,typology,labelled_at
                t1,1,card testing,2026-02-01T10:00:00Z
                t2,0,,
                t3,maybe,,
                t4,true,,
                t5,0,mule,
                """);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            CommandRun first = CommandRun.of("labels", "import", labels.toString(), "--db", test.url(), "--by", "ops");
            CommandRun again = CommandRun.of("labels", "import", labels.toString(), "--db", test.url(), "--by", "ops");

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.outLines())
                    .containsExactly("read 5 labels from " + labels + ": 3 recorded, 0 already recorded, 2 rejected");
            assertThat(first.err())
                    .contains("rejected " + labels + " line 4: label")
                    .contains("rejected " + labels + " line 6: typology");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.outLines())
                    .containsExactly("read 5 labels from " + labels + ": 0 recorded, 3 already recorded, 2 rejected");
            assertThat(test.count("SELECT COUNT(*) FROM labels WHERE source = 'IMPORT' AND recorded_by = 'ops'"))
                    .isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void rejectsALabelDatedBeforeItsStoredTransactionWithItsLineAndRecordsTheRest(DatabaseEngine engine)
            throws Exception {
        List<Transaction> transactions = new RandomTransactions(3).generate(50, 5);
        Path transactionFile = folder.resolve("transactions.csv");
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(transactionFile)) {
            transactions.forEach(writer::write);
        }
        Transaction stored = transactions.get(10);
        Path labels = folder.resolve("cases.jsonl");
        Files.writeString(
                labels,
                "{\"transaction_id\": \"" + stored.transactionId() + "\", \"label\": 1, \"labelled_at\": \""
                        + stored.timestamp().minusSeconds(60) + "\"}\n"
                        + "{\"transaction_id\": \"" + stored.transactionId() + "\", \"label\": 1, \"labelled_at\": \""
                        + stored.timestamp().plusSeconds(60) + "\"}\n"
                        + "{\"transaction_id\": \"arrives-later\", \"label\": 1, \"typology\": \"mule\"}\n");
        Path rejects = folder.resolve("rejects.csv");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            assertThat(CommandRun.of("ingest", "--input", transactionFile.toString(), "--db", test.url())
                            .exitCode())
                    .isZero();

            CommandRun run = CommandRun.of(
                    "labels", "import", labels.toString(), "--db", test.url(), "--rejects", rejects.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("read 3 labels", "2 recorded, 0 already recorded, 1 rejected");
            assertThat(run.err()).contains("line 1: labelled_at: must not be before the transaction");
            assertThat(Files.readString(rejects)).contains("labelled_at: must not be before the transaction");
            assertThat(test.count("SELECT COUNT(*) FROM labels")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void endsWithOneLineAndExitCodeOneWhenTheFileCannotBeRead(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            CommandRun run = CommandRun.of(
                    "labels", "import", folder.resolve("missing.csv").toString(), "--db", test.url());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.errLines()).singleElement().asString().startsWith("txmon import: ");
        }
    }
}
