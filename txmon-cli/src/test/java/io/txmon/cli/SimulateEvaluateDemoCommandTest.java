package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulateEvaluateDemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void simulatesTheSameFilesForTheSameSeedAndOthersForAnother() throws IOException {
        Path first = dir.resolve("first");
        Path again = dir.resolve("again");
        Path other = dir.resolve("other");

        assertThat(CommandRun.of(
                                "simulate",
                                "--seed",
                                "7",
                                "--customers",
                                "100",
                                "--days",
                                "10",
                                "--output",
                                first.toString())
                        .exitCode())
                .isZero();
        CommandRun.of("simulate", "--seed", "7", "--customers", "100", "--days", "10", "--output", again.toString());
        CommandRun.of("simulate", "--seed", "8", "--customers", "100", "--days", "10", "--output", other.toString());

        for (String file : List.of("transactions.csv", "accounts.csv", "labels.csv")) {
            assertThat(Files.readAllLines(again.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllLines(first.resolve(file)));
        }
        assertThat(Files.readAllLines(other.resolve("transactions.csv")))
                .isNotEqualTo(Files.readAllLines(first.resolve("transactions.csv")));
        assertThat(Files.readAllLines(first.resolve("labels.csv")).get(0)).isEqualTo("transaction_id,label,typology");
    }

    @Test
    void evaluatesScoredSimulatedDataAgainstItsLabels() throws IOException {
        Path world = dir.resolve("world");
        CommandRun.of("simulate", "--seed", "3", "--customers", "300", "--days", "20", "--output", world.toString());
        Path decisions = dir.resolve("decisions.csv");
        CommandRun.of(
                "score",
                "--input",
                world.resolve("transactions.csv").toString(),
                "--accounts",
                world.resolve("accounts.csv").toString(),
                "--output",
                decisions.toString());
        Path json = dir.resolve("report.json");

        CommandRun run = CommandRun.of(
                "evaluate",
                "--decisions",
                decisions.toString(),
                "--labels",
                world.resolve("labels.csv").toString(),
                "--json",
                json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("ROC-AUC")
                .contains("at 1.0 % budget")
                .contains("recall by typology")
                .contains("STRUCTURING");
        JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(report.get("transactions").asLong())
                .isEqualTo(Files.readAllLines(decisions).size() - 1);
        assertThat(report.get("rocAuc").asDouble()).isBetween(0.5, 1.0);
    }

    @Test
    void evaluationSaysWhichDecisionsItCouldNotMatchWithALabel() throws IOException {
        Path decisions = dir.resolve("d.csv");
        Files.writeString(decisions, """
                transaction_id,risk_score,risk_level,recommendation,reason_codes
                t1,0.9000,HIGH,BLOCK,HIGH_AMOUNT
                t2,0.1000,LOW,APPROVE,
                t3,0.2000,LOW,APPROVE,
                """);
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "transaction_id,label,typology\nt1,1,\nt2,0,\n");

        CommandRun run = CommandRun.of("evaluate", "--decisions", decisions.toString(), "--labels", labels.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("1 decisions have no label and are left out");
        assertThat(run.out())
                .contains("ROC-AUC             1.0000")
                .as("one of the two labelled decisions flagged")
                .contains("alert rate          50.00 % of transactions flagged, 50.00 times the 1.0 % budget");
    }

    @Test
    void theDemoStoresTrainsAndReportsAndASecondRunWithTheSameSeedStartsCleanAndReportsTheSameNumbers() {
        Path demo = dir.resolve("demo");
        String[] args = {"demo", "--seed", "3", "--customers", "300", "--days", "20", "--dir", demo.toString()};

        CommandRun first = CommandRun.of(args);
        CommandRun second = CommandRun.of(args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.out())
                .contains("txmon demo: seed 3")
                .contains("stored: ", " 2 ingestion runs", " 1 model")
                .contains("scored with the rules alone", "scored with model if-")
                .contains("open alerts by reason code")
                .contains("detection on the ", "after the training window")
                .contains("txmon    seed baseline")
                .contains("recall by typology")
                .contains("the same, before and after labels")
                .contains("no labels", "with labels")
                .contains("flagged: share of transactions")
                .contains("bin/txmon status --db jdbc:h2:file:", "bin/txmon models --db jdbc:h2:file:")
                .contains("bin/txmon demo --seed 3");
        assertThat(first.err()).contains("trained supervised model sl-");
        assertThat(second.err()).contains("deleted the previous demo database");
        assertThat(withoutTiming(second.out())).isEqualTo(withoutTiming(first.out()));
        assertThat(demo.resolve("txmon.mv.db")).exists();
        assertThat(demo.resolve("decisions-seed-baseline.csv")).exists();
        assertThat(demo.resolve("decisions-with-labels.jsonl")).exists();
    }

    @Test
    void theDemoPicksAFreshSeedEachRunUnlessTold() {
        Path demo = dir.resolve("demo");

        CommandRun first = CommandRun.of("demo", "--customers", "100", "--days", "10", "--dir", demo.toString());
        CommandRun second = CommandRun.of("demo", "--customers", "100", "--days", "10", "--dir", demo.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(seedOf(first)).isNotEqualTo(seedOf(second));
    }

    /** The report's only line that may differ between equal runs is its first, which says how long it took. */
    private static String withoutTiming(String report) {
        return report.replaceFirst("\\(\\d+ s\\)", "(_ s)");
    }

    private static String seedOf(CommandRun run) {
        return run.outLines().stream()
                .filter(l -> l.startsWith("txmon demo: seed "))
                .findFirst()
                .orElseThrow()
                .split(" ")[3];
    }
}
