package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.StoredModels;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Transaction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandIT {
    @TempDir
    Path folder;

    @Test
    void trainingOnIngestedHistoryKeepsANewModelVersionAndEndsWithOneLineOfJson() throws Exception {
        Path world = folder.resolve("world");
        CommandRun.of("simulate", "--seed", "3", "--customers", "300", "--days", "20", "--output", world.toString());
        try (TestDatabase test = TestDatabase.create(DatabaseEngine.H2, folder)) {
            CommandRun ingest = CommandRun.of(
                    "ingest",
                    "--input",
                    world.resolve("transactions.csv").toString(),
                    "--accounts",
                    world.resolve("accounts.csv").toString(),
                    "--db",
                    test.url());

            CommandRun train = CommandRun.of("train", "--db", test.url(), "--to", "2026-01-08T00:00:00Z");
            CommandRun again = CommandRun.of("train", "--db", test.url(), "--to", "2026-01-08T00:00:00Z");
            CommandRun models = CommandRun.of("models", "--db", test.url());

            assertThat(ingest.exitCode()).as(ingest.err()).isZero();
            assertThat(ingest.err()).contains("analytics refreshed: ");
            assertThat(train.exitCode()).as(train.err()).isZero();
            assertThat(train.outLines()).hasSize(1);
            assertThat(train.out())
                    .matches("\\{\"model_version\": \"\\S+\", \"new_version\": true, \"training_transactions\": \\d+,"
                            + " \"trained_from\": \"2026-01-01T\\S+Z\", \"trained_to\": \"2026-01-0[1-7]T\\S+Z\"}\\s*");
            assertThat(train.err()).contains("trained model ", "a new version, kept");
            assertThat(again.out()).contains("\"new_version\": false");
            String version = new StoredModels(test.database()).versions().get(0).version();
            assertThat(train.out()).contains("\"model_version\": \"" + version + "\"");
            assertThat(new StoredModels(test.database()).forScoring()).isPresent();
            assertThat(models.exitCode()).as(models.err()).isZero();
            assertThat(models.out()).contains(version, "newest (scoring uses it)");
        }
    }

    @Test
    void trainingOnTooFewStoredTransactionsEndsWithOneLineAndExitCodeOne() throws Exception {
        Path file = folder.resolve("transactions.csv");
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(file)) {
            List<Transaction> few = new RandomTransactions(7).generate(100, 10);
            few.forEach(writer::write);
        }
        try (TestDatabase test = TestDatabase.create(DatabaseEngine.H2, folder)) {
            CommandRun.of("ingest", "--input", file.toString(), "--db", test.url());

            CommandRun train = CommandRun.of("train", "--db", test.url());

            assertThat(train.exitCode()).isEqualTo(1);
            assertThat(train.out()).isEmpty();
            assertThat(train.errLines()).hasSize(1);
            assertThat(train.err()).startsWith("txmon train: the window [the first, the last] holds 100 stored");
            assertThat(new StoredModels(test.database()).versions()).isEmpty();
        }
    }
}
