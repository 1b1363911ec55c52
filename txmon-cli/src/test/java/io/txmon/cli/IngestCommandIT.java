package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.RuleSet;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.StoredRuleSets;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.testkit.RuleFiles;
import io.txmon.transaction.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IngestCommandIT {
    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void ingestEndsWithOneLineOfJsonAndARerunInsertsNothing(DatabaseEngine engine) throws Exception {
        Path file = folder.resolve("transactions.csv");
        write(file, new RandomTransactions(7).generate(200, 10));
        Files.writeString(file, "broken,row\n", java.nio.file.StandardOpenOption.APPEND);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            CommandRun first = CommandRun.of("ingest", "--input", file.toString(), "--db", test.url());
            CommandRun again = CommandRun.of("ingest", "--input", file.toString(), "--db", test.url());
            CommandRun status = CommandRun.of("status", "--db", test.url());

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.outLines()).hasSize(1);
            assertThat(first.out())
                    .matches("\\{\"run_id\": 1, \"read\": 201, \"inserted\": 200, \"duplicates\": 0, \"rejected\": 1,"
                            + " \"alerts\": \\d+, \"rounded\": 0}\\s*");
            assertThat(first.err()).contains("scoring with the rules alone", "line 202");
            assertThat(again.out()).contains("\"inserted\": 0, \"duplicates\": 200, \"rejected\": 1");
            assertThat(status.exitCode()).isZero();
            assertThat(status.out()).contains("SUCCEEDED", "transactions.csv");
            assertThat(test.count("SELECT SUM(tx_count) FROM analytics_hourly"))
                    .as("the analytics refreshed after the run hold every stored transaction once")
                    .isEqualTo(200);
            assertThat(test.count("SELECT SUM(tx_count) FROM analytics_account_risk"))
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void ingestStoresAFloatsRenderingOfAnAmountRoundedAndCountsItInItsJsonLineAndTheRunLedger(DatabaseEngine engine)
            throws Exception {
        Path file = folder.resolve("pandas.csv");
        Files.writeString(file, """
                transaction_id,timestamp,user_id,amount
                a,2026-01-14T15:00:00Z,user_001,914.1500000000001
                b,2026-01-14T15:01:00Z,user_001,0.30000000000000004
                c,2026-01-14T15:02:00Z,user_001,12.50
                d,2026-01-14T15:03:00Z,user_001,1.0000001
                """);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            CommandRun ingest = CommandRun.of("ingest", "--input", file.toString(), "--db", test.url());

            assertThat(ingest.exitCode()).as(ingest.err()).isZero();
            assertThat(ingest.out()).contains("\"inserted\": 3,", "\"rejected\": 1,", "\"rounded\": 2}");
            assertThat(ingest.err()).contains("line 5", "amount: has more than 6 decimal places");
            assertThat(test.count("SELECT COUNT(*) FROM transactions WHERE amount IN (914.15, 0.30)"))
                    .isEqualTo(2);
            assertThat(test.count("SELECT rows_rounded FROM ingestion_runs")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void ingestDecidesWithTheRuleSetActiveInTheDatabaseAsServeDoes(DatabaseEngine engine) throws Exception {
        Path file = folder.resolve("transactions.csv");
        write(file, new RandomTransactions(9).generate(100, 10));
        RuleSet seeds = RuleFile.seedBaseline();
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            // What PUT /rules stores: a new version, made the active one.
            new StoredRuleSets(test.database())
                    .saveAndActivate(
                            seeds.version(),
                            seeds.name(),
                            RuleFile.format(seeds.definition()),
                            seeds.size(),
                            "analyst",
                            Instant.parse("2026-01-01T00:00:00Z"));

            CommandRun ingest = CommandRun.of("ingest", "--input", file.toString(), "--db", test.url());

            assertThat(ingest.exitCode()).as(ingest.err()).isZero();
            assertThat(RuleFile.defaults().version()).isNotEqualTo(seeds.version());
            assertThat(test.count("SELECT COUNT(*) FROM decisions WHERE rule_set_version = '" + seeds.version() + "'"))
                    .isEqualTo(100);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void ingestTeachesTheEntitiesTheImportedLabelsTheLabelDelayAfterTheirTransactions(DatabaseEngine engine)
            throws Exception {
        List<Transaction> transactions = evenlyOverFourDays(new RandomTransactions(12).generate(800, 40));
        Path file = folder.resolve("transactions.csv");
        write(file, transactions);
        StringBuilder labels = new StringBuilder("transaction_id,label\n");
        for (int i = 0; i < 400; i += 20) {
            labels.append(transactions.get(i).transactionId()).append(",1\n");
        }
        Path labelFile = Files.writeString(folder.resolve("labels.csv"), labels);
        Path ruleFile = Files.writeString(folder.resolve("known-fraud.yaml"), RuleFiles.MERCHANT_KNOWN_FRAUD);
        long[] flagged = new long[2];
        String[] delays = {"6h", "7d"};
        for (int run = 0; run < delays.length; run++) {
            try (TestDatabase test =
                    TestDatabase.create(engine, Files.createDirectories(folder.resolve("db-" + delays[run])))) {
                CommandRun rules = CommandRun.of("rules", "activate", ruleFile.toString(), "--db", test.url());
                CommandRun imported = CommandRun.of("labels", "import", labelFile.toString(), "--db", test.url());
                CommandRun ingest = CommandRun.of(
                        "ingest", "--input", file.toString(), "--label-delay", delays[run], "--db", test.url());

                assertThat(rules.exitCode()).as(rules.err()).isZero();
                assertThat(imported.exitCode()).as(imported.err()).isZero();
                assertThat(ingest.exitCode()).as(ingest.err()).isZero();
                flagged[run] =
                        test.count("SELECT COUNT(*) FROM decisions WHERE reason_codes LIKE '%MERCHANT_KNOWN_FRAUD%'");
            }
        }
        assertThat(flagged[0])
                .as("labels known six hours after their transactions")
                .isGreaterThan(100);
        assertThat(flagged[1])
                .as("labels known a week after, past the file's four days")
                .isZero();
    }

    /** The same transactions, evenly spread over four days from 2026-06-01. */
    private static List<Transaction> evenlyOverFourDays(List<Transaction> random) {
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        long step = 4 * 86_400_000L / random.size();
        return java.util.stream.IntStream.range(0, random.size())
                .mapToObj(i -> {
                    Transaction tx = random.get(i);
                    return Transaction.builder(tx.transactionId(), start.plusMillis(i * step), tx.userId(), tx.amount())
                            .type(tx.type())
                            .counterpartyId(tx.counterpartyId())
                            .merchantId(tx.merchantId())
                            .deviceId(tx.deviceId())
                            .build();
                })
                .toList();
    }

    @Test
    void anUnreachableDatabaseGivesOneLineAndANonZeroExit() throws Exception {
        Path file = folder.resolve("transactions.csv");
        write(file, new RandomTransactions(8).generate(10, 3));

        CommandRun run = CommandRun.of(
                "ingest", "--input", file.toString(), "--db", "jdbc:postgresql://127.0.0.1:1/txmon?connectTimeout=2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("txmon ingest: cannot reach the database at jdbc:postgresql://127.0.0.1:1/");
    }

    private static void write(Path file, List<Transaction> transactions) {
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(file)) {
            transactions.forEach(writer::write);
        }
    }
}
