package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.Feature;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import io.txmon.testkit.RandomTransactions;
import io.txmon.testkit.SavedAccountStates;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    @TempDir
    Path dir;

    /** The file's transactions in event-time order, ties in file order, as docs/features.md orders them. */
    private List<Transaction> transactions;

    private Path input;

    @BeforeEach
    void aShuffledFileOfTransactionsWithTies() {
        List<Transaction> shuffled = new ArrayList<>(new RandomTransactions(3).generate(4_000, 30));
        Collections.shuffle(shuffled, new Random(8));
        input = dir.resolve("transactions.csv");
        try (RecordWriter<Transaction> out = TransactionFiles.newWriter(input)) {
            out.writeAll(shuffled);
        }
        transactions = shuffled.stream()
                .sorted(Comparator.comparing(Transaction::timestamp))
                .toList();
    }

    private static List<String> ids(Path decisions) throws IOException {
        return Files.readAllLines(decisions, StandardCharsets.UTF_8).stream()
                .skip(1)
                .map(line -> line.substring(0, line.indexOf(',')))
                .toList();
    }

    @Test
    void writesOneDecisionPerTransactionInEventTimeOrderAfterTrainingOnTheEarliestQuarter() throws IOException {
        Path output = dir.resolve("decisions.csv");

        CommandRun run = CommandRun.of("score", "--input", input.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("no --model given:").contains("training on the earliest 25 % of the time span");
        assertThat(Files.readAllLines(output).get(0))
                .startsWith("transaction_id,risk_score,risk_level,recommendation,reason_codes");
        assertThat(ids(output))
                .containsExactlyElementsOf(
                        transactions.stream().map(Transaction::transactionId).toList());
    }

    @Test
    void givesTheDecisionsTheRealTimePathGivesOneByOne() throws IOException {
        Path output = dir.resolve("decisions.csv");
        Path modelFile = dir.resolve("model.bin");
        assertThat(CommandRun.of(
                                "score",
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString(),
                                "--save-model",
                                modelFile.toString())
                        .exitCode())
                .isZero();

        // One transaction at a time, each through a fresh scorer over states kept only as saved bytes.
        AnomalyModel model = ModelFiles.read(modelFile);
        SavedAccountStates states = new SavedAccountStates();
        Path oneByOne = dir.resolve("one-by-one.csv");
        try (RecordWriter<Decision> out = io.txmon.formats.DecisionFiles.newWriter(oneByOne)) {
            for (Transaction tx : transactions) {
                out.write(new TransactionScorer(RuleFile.defaults(), Optional.of(model), states).score(tx));
            }
        }

        assertThat(Files.readAllLines(output)).isEqualTo(Files.readAllLines(oneByOne));
    }

    @Test
    void scoresTheSameWithASavedModelAsWithTheModelItTrained() throws IOException {
        Path first = dir.resolve("first.csv");
        Path again = dir.resolve("again.csv");
        Path modelFile = dir.resolve("model.bin");
        CommandRun.of(
                "score",
                "--input",
                input.toString(),
                "--output",
                first.toString(),
                "--save-model",
                modelFile.toString());

        CommandRun run = CommandRun.of(
                "score", "--input", input.toString(), "--output", again.toString(), "--model", modelFile.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("scoring with model").doesNotContain("training on");
        assertThat(Files.readAllLines(again)).isEqualTo(Files.readAllLines(first));
    }

    @Test
    void rejectsBadRowsWithTheirLineAndReasonAndScoresTheRest() throws IOException {
        Path mixed = dir.resolve("mixed.csv");
        Files.writeString(mixed, """
                transaction_id,timestamp,user_id,amount
                t1,2026-01-14T15:00:00Z,alice,12.50
                t2,2026-01-14T15:01:00Z,alice,-3
                t3,yesterday,bob,7
                t1,2026-01-14T15:02:00Z,alice,9
                t4,2026-01-14T15:03:00Z,bob,20
                """);
        Path output = dir.resolve("decisions.csv");
        Path rejects = dir.resolve("rejects.csv");

        CommandRun run = CommandRun.of(
                "score", "--input", mixed.toString(), "--output", output.toString(), "--rejects", rejects.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("line 3: amount: must be greater than zero, was -3")
                .contains("line 4: timestamp:")
                .contains("line 5: transaction_id: 't1' already appeared on line 2")
                .contains("read 2 transactions (3 rejected, 0 amounts rounded)")
                .contains("too few to train the anomaly model on (it needs 256): scoring with the rules alone");
        assertThat(ids(output)).containsExactly("t1", "t4");
        assertThat(Files.readAllLines(rejects)).hasSize(4).first().isEqualTo("source,line,reason,raw");
    }

    @Test
    void readsAFloatsRenderingOfAnAmountAsThatAmountAndSaysHowManyItRounded() throws IOException {
        Path pandas = dir.resolve("pandas.csv");
        Files.writeString(pandas, """
                transaction_id,timestamp,user_id,amount,currency
                t1,2026-01-14T15:00:00Z,alice,914.1500000000001,USD
                t2,2026-01-14T15:01:00Z,alice,0.30000000000000004,
                t3,2026-01-14T15:02:00Z,bob,1000.0000000000001,JPY
                t4,2026-01-14T15:03:00Z,bob,914.155,USD
                t5,2026-01-14T15:04:00Z,bob,1.0000001,USD
                """);
        Path output = dir.resolve("decisions.csv");

        CommandRun run = CommandRun.of("score", "--input", pandas.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("line 6: amount: has more than 6 decimal places: 1.0000001")
                .contains("read 4 transactions (1 rejected, 3 amounts rounded)");
        assertThat(ids(output)).containsExactly("t1", "t2", "t3", "t4");
    }

    @Test
    void endsWithOneLineAndExitCodeOneWhenTheInputCannotBeRead() {
        CommandRun run = CommandRun.of(
                "score",
                "--input",
                dir.resolve("missing.csv").toString(),
                "--output",
                dir.resolve("d.csv").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("missing.csv");
    }

    @Test
    void endsWithOneLineAndExitCodeTwoOnBadArguments() {
        CommandRun run = CommandRun.of("score", "--input", input.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--output");
    }

    @Test
    void scoresAsTheSeedSystemsDoWhenAskedForTheirBaseline() throws IOException {
        Path output = dir.resolve("baseline.csv");

        CommandRun run =
                CommandRun.of("score", "--seed-baseline", "--input", input.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("rule set seed-baseline").contains("2 inputs");
        assertThat(CommandRun.of(
                                "score",
                                "--seed-baseline",
                                "--rules",
                                "x.yaml",
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString())
                        .err())
                .contains("--seed-baseline brings its own rules");
    }

    @Test
    void followsTheAlertBudgetGivenOnTheCommandLineAndRecordsEachDecisionsLine() throws IOException {
        Path busy = dir.resolve("busy.csv");
        List<Transaction> days =
                new RandomTransactions(4).busyDays(Instant.parse("2026-06-01T00:00:00Z"), 4, 1_500, 60);
        try (RecordWriter<Transaction> out = TransactionFiles.newWriter(busy)) {
            for (Transaction tx : days) {
                out.write(tx);
            }
        }
        Path halfPercent = dir.resolve("half-percent.csv");
        Path off = dir.resolve("off.csv");

        CommandRun budgeted = CommandRun.of(
                "score", "--input", busy.toString(), "--output", halfPercent.toString(), "--alert-budget", "0.5%");
        CommandRun fixed =
                CommandRun.of("score", "--input", busy.toString(), "--output", off.toString(), "--alert-budget", "off");

        assertThat(budgeted.exitCode()).as(budgeted.err()).isZero();
        assertThat(fixed.exitCode()).as(fixed.err()).isZero();
        List<String[]> withBudget = rows(halfPercent);
        assertThat(rows(off)).allSatisfy(row -> assertThat(row[8]).isEqualTo("0.6000"));
        assertThat(withBudget.subList(0, 1_500))
                .allSatisfy(row -> assertThat(row[8]).isEqualTo("0.6000"));
        for (int day = 1; day < 4; day++) {
            List<String[]> before = withBudget.subList(0, day * 1_500);
            List<String[]> today = withBudget.subList(day * 1_500, (day + 1) * 1_500);
            double line = Double.parseDouble(today.get(0)[8]);
            long allowed = before.size() * 5L / 1_000;
            long lineStep = Math.round(line * 10_000);
            long atOrAbove =
                    before.stream().filter(row -> step(row) >= lineStep).count();
            long oneStepLower =
                    before.stream().filter(row -> step(row) >= lineStep - 1).count();

            assertThat(today).allSatisfy(row -> assertThat(row[8]).isEqualTo(today.get(0)[8]));
            assertThat(line == 0.3 || line == 0.85 || (atOrAbove <= allowed && oneStepLower > allowed))
                    .as(
                            "day %d's line %s: the lowest at which the days before sent at most 0.5%% to review"
                                    + " (%d of %d at or above it, %d one step lower), or the floor or the block line",
                            day, line, atOrAbove, before.size(), oneStepLower)
                    .isTrue();
            assertThat(today).allSatisfy(row -> assertThat(row[3])
                    .isEqualTo(step(row) >= 8_500 ? "BLOCK" : step(row) >= lineStep ? "REVIEW" : "APPROVE"));
        }
    }

    /** The row's risk score in steps of 0.0001, as decisions are rounded. */
    private static long step(String[] row) {
        return Math.round(Double.parseDouble(row[1]) * 10_000);
    }

    @Test
    void refusesAnAlertBudgetItCannotReadNamingTheOption() {
        CommandRun run = CommandRun.of(
                "score",
                "--input",
                input.toString(),
                "--output",
                dir.resolve("d.csv").toString(),
                "--alert-budget",
                "lots");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--alert-budget").contains("200/day");
    }

    /** The decisions file's rows, header left out, split at commas. */
    private static List<String[]> rows(Path decisions) throws IOException {
        return Files.readAllLines(decisions).stream()
                .skip(1)
                .map(line -> line.split(",", -1))
                .toList();
    }

    @Test
    void exportsEveryFeatureOfEveryTransactionInEventTimeOrder() throws IOException {
        Path features = dir.resolve("features.csv");

        CommandRun run = CommandRun.of("features", "--input", input.toString(), "--output", features.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(features);
        assertThat(lines).hasSize(transactions.size() + 1);
        assertThat(lines.get(0).split(",")).hasSize(Feature.COUNT + 1).startsWith("transaction_id", "amount");
        assertThat(lines.get(1)).startsWith(transactions.get(0).transactionId() + ",");
        assertThat(lines.get(lines.size() - 1))
                .startsWith(transactions.get(transactions.size() - 1).transactionId() + ",");
    }
}
