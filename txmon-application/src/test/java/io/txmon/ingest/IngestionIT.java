package io.txmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.RuleSet;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IngestionIT {
    private static final RuleSet RULES = RuleFile.defaults();

    @TempDir
    Path folder;

    private final StringWriter progress = new StringWriter();

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void firstRunStoresAndScoresEveryTransactionAsOneScorerWould(DatabaseEngine engine) throws Exception {
        List<Transaction> all = new RandomTransactions(1).generate(600, 25);
        Path file = write("transactions.csv", all);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).chunkSize(100).run(file, null);

            assertThat(result.read()).isEqualTo(600);
            assertThat(result.inserted()).isEqualTo(600);
            assertThat(result.duplicates()).isZero();
            assertThat(storedDecisions(test)).isEqualTo(expectedDecisions(all));
            assertThat(test.count("SELECT COUNT(*) FROM alerts WHERE status = 'OPEN'"))
                    .isEqualTo(result.alerts());
            assertThat(test.count("SELECT COUNT(*) FROM ingestion_runs WHERE status = 'SUCCEEDED'"
                            + " AND rows_inserted = 600"))
                    .isEqualTo(1);
            assertThat(progress.toString()).contains("scoring with the rules alone");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void scoresAFileInEventTimeOrderAsItIsReadAndAnyOtherFileAfterSortingItAlike(DatabaseEngine engine)
            throws Exception {
        List<Transaction> ordered = new ArrayList<>(new RandomTransactions(2).generate(500, 20));
        ordered.sort(java.util.Comparator.comparing(Transaction::timestamp));
        List<Transaction> shuffled = new ArrayList<>(ordered);
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        for (Map.Entry<String, List<Transaction>> input :
                Map.of("ordered.csv", ordered, "shuffled.csv", shuffled).entrySet()) {
            Path own = Files.createDirectories(folder.resolve(input.getKey() + ".db"));
            Path file = write(input.getKey(), input.getValue());
            try (TestDatabase test = TestDatabase.create(engine, own)) {
                ingestion(test).chunkSize(64).run(file, null);

                assertThat(storedDecisions(test)).as(input.getKey()).isEqualTo(expectedDecisions(ordered));
            }
        }
        assertThat(progress.toString())
                .contains("shuffled.csv is not in event-time order: reading it whole to sort it")
                .doesNotContain("ordered.csv is not in event-time order");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void runningAgainOnTheSameFileInsertsNothingAndCountsDuplicates(DatabaseEngine engine) throws Exception {
        Path file = write("transactions.csv", new RandomTransactions(2).generate(300, 20));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ingestion(test).run(file, null);
            IngestionResult again = ingestion(test).run(file, null);

            assertThat(again.inserted()).isZero();
            assertThat(again.duplicates()).isEqualTo(300);
            assertThat(again.alerts()).isZero();
            assertThat(test.count("SELECT COUNT(*) FROM transactions")).isEqualTo(300);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aSecondFileContinuesTheAccountStatesOfTheFirst(DatabaseEngine engine) throws Exception {
        List<Transaction> all = new RandomTransactions(3).generate(800, 30);
        Path first = write("a.csv", all.subList(0, 400));
        Path second = write("b.csv", all.subList(400, 800));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ingestion(test).chunkSize(150).run(first, null);
            ingestion(test).chunkSize(150).run(second, null);

            assertThat(storedDecisions(test)).isEqualTo(expectedDecisions(all));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aSecondRunJudgesEachDayByTheReviewLineAnUnbrokenRunWouldHaveDrawn(DatabaseEngine engine) throws Exception {
        // Three busy days: from the second on, the alert budget draws each day's line from the days before.
        List<Transaction> all =
                new RandomTransactions(9).busyDays(Instant.parse("2026-06-01T00:00:00Z"), 3, 1_500, 100);
        int midSecondDay = 1_500 + 700;
        Path first = write("a.csv", all.subList(0, midSecondDay));
        Path second = write("b.csv", all.subList(midSecondDay, all.size()));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ingestion(test).chunkSize(500).run(first, null);
            ingestion(test).chunkSize(500).run(second, null);

            Map<String, String> expected = expectedDecisions(all);
            assertThat(storedDecisions(test)).isEqualTo(expected);
            assertThat(expected.values()).anyMatch(decision -> !decision.endsWith(" 0.6000"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anInboxReadsOnlyFilesItHasNotReadBefore(DatabaseEngine engine) throws Exception {
        List<Transaction> all = new RandomTransactions(4).generate(300, 20);
        Path inbox = Files.createDirectory(folder.resolve("inbox"));
        write(inbox.resolve("1.csv"), all.subList(0, 100));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult first = ingestion(test).run(inbox, null);
            write(inbox.resolve("2.csv"), all.subList(100, 300));
            IngestionResult second = ingestion(test).run(inbox, null);
            IngestionResult third = ingestion(test).run(inbox, null);

            assertThat(first.read()).isEqualTo(100);
            assertThat(second.read()).isEqualTo(200);
            assertThat(second.inserted()).isEqualTo(200);
            assertThat(third.read()).isZero();
            assertThat(test.count("SELECT COUNT(*) FROM ingested_files")).isEqualTo(2);
            assertThat(test.string("SELECT last_file FROM ingestion_state")).isEqualTo("2.csv");
            assertThat(storedDecisions(test)).isEqualTo(expectedDecisions(all));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aRunInterruptedAfterSomeChunksFinishesWithoutDuplicatesOrGapsWhenRunAgain(DatabaseEngine engine)
            throws Exception {
        List<Transaction> all = new RandomTransactions(5).generate(1_000, 30);
        Path file = write("transactions.csv", all);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            assertThatThrownBy(() -> ingestion(test)
                            .chunkSize(200)
                            .listener(chunk -> {
                                if (chunk == 3) {
                                    throw new IllegalStateException("killed");
                                }
                            })
                            .run(file, null))
                    .isInstanceOf(IngestionException.class)
                    .hasMessageContaining("killed");
            assertThat(test.count("SELECT COUNT(*) FROM transactions")).isEqualTo(400);
            assertThat(test.count("SELECT COUNT(*) FROM decisions")).isEqualTo(400);
            assertThat(test.count("SELECT rows_inserted FROM ingestion_runs WHERE status = 'FAILED'"))
                    .isEqualTo(400);

            IngestionResult resumed = ingestion(test).chunkSize(200).run(file, null);

            assertThat(resumed.inserted()).isEqualTo(600);
            assertThat(resumed.duplicates()).isEqualTo(400);
            assertThat(storedDecisions(test)).isEqualTo(expectedDecisions(all));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aRunLeftRunningByAKilledProcessIsMarkedAbandoned(DatabaseEngine engine) throws Exception {
        Path file = write("transactions.csv", new RandomTransactions(6).generate(50, 5));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            try (Connection connection = test.database().connect();
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO ingestion_runs (source, started_at, status)"
                        + " VALUES ('x', CURRENT_TIMESTAMP, 'RUNNING')");
            }
            ingestion(test).run(file, null);

            assertThat(test.count("SELECT COUNT(*) FROM ingestion_runs WHERE status = 'ABANDONED'"))
                    .isEqualTo(1);
            assertThat(progress.toString()).contains("marked ABANDONED");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void keepsGoodRowsAndStoresRejectedOnesWithLineAndReason(DatabaseEngine engine) throws Exception {
        Path file = folder.resolve("mixed.csv");
        byte[] badUtf8 = {(byte) 0xC3, (byte) 0x28};
        String text = "transaction_id,timestamp,user_id,amount\n"
                + "t1,2026-01-14T15:00:00Z,u1,10.50\n"
                + "t2,2026-01-14T15:01:00Z,u1,-5\n"
                + "t1,2026-01-14T15:02:00Z,u1,7\n"
                + "t3,not-a-time,u2,1\n"
                + "t4,2026-01-14T15:03:00Z,u2," + "9".repeat(100) + "\n";
        Files.write(
                file,
                concat(
                        text.getBytes(StandardCharsets.UTF_8),
                        "t5,2026-01-14T15:04:00Z,u".getBytes(StandardCharsets.UTF_8),
                        badUtf8,
                        ",3\nt6,2026-01-14T15:05:00Z,u3,1\n".getBytes(StandardCharsets.UTF_8)));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result.read()).isEqualTo(7);
            assertThat(result.inserted()).isEqualTo(result.read() - result.duplicates() - result.rejected());
            assertThat(result.duplicates()).isEqualTo(1);
            assertThat(result.rejected()).isGreaterThanOrEqualTo(3);
            assertThat(test.count("SELECT COUNT(*) FROM rejected_records WHERE line_number = 3"
                            + " AND reason LIKE 'amount%' AND raw_text LIKE 't2,%'"))
                    .isEqualTo(1);
            assertThat(test.count("SELECT COUNT(*) FROM rejected_records WHERE line_number = 5"
                            + " AND reason LIKE 'timestamp%'"))
                    .isEqualTo(1);
            assertThat(test.count("SELECT COUNT(*) FROM transactions WHERE transaction_id IN ('t1', 't6')"))
                    .isEqualTo(2);
            assertThat(test.string("SELECT CAST(amount AS VARCHAR(40)) FROM transactions WHERE transaction_id = 't1'"))
                    .startsWith("10.5");
        }
    }

    private Ingestion ingestion(TestDatabase test) {
        return new Ingestion(
                test.database(),
                DecisionSetup.of(RULES, Optional.empty()),
                new TransactionParser(Currency.getInstance("USD")),
                new PrintWriter(progress, true));
    }

    private Path write(String name, List<Transaction> transactions) {
        return write(folder.resolve(name), transactions);
    }

    private static Path write(Path file, List<Transaction> transactions) {
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(file)) {
            transactions.forEach(writer::write);
        }
        return file;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Each transaction's decision as one scorer over the whole stream makes it, in the stored form. */
    private static Map<String, String> expectedDecisions(List<Transaction> all) {
        List<Transaction> ordered = new ArrayList<>(all);
        ordered.sort(java.util.Comparator.comparing(Transaction::timestamp));
        return DecisionsInStore.expected(RULES, ordered);
    }

    private static Map<String, String> storedDecisions(TestDatabase test) throws SQLException {
        return DecisionsInStore.stored(test);
    }
}
