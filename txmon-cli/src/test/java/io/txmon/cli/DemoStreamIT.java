package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --stream} end to end: a broker and the job in the command's process, and a report on decisions that
 * are, row for row, what {@code bin/txmon score} makes with the model the demo trained.
 */
class DemoStreamIT {
    @TempDir
    Path dir;

    @Test
    void theStreamDemoDecidesEveryTransactionAsBatchScoringWithItsModelDoesAndReportsOnThem() throws IOException {
        Path demo = dir.resolve("demo");
        CommandRun run = ok(CommandRun.of(
                "demo", "--stream", "--seed", "3", "--customers", "150", "--days", "10", "--dir", demo.toString()));

        assertThat(run.out())
                .contains("txmon demo: seed 3")
                .contains("(every transaction decided once), 0 late, 0 rejected")
                .contains("after the training window", "as the stream decided")
                .contains("ROC-AUC", "PR-AUC", "seed baseline")
                .contains("bin/txmon demo --stream --seed 3");
        assertThat(run.err()).contains("training on the earliest 25 %", "stopped with savepoint");

        // The report judges these rows, so equal rows make equal numbers: the demo's report is batch scoring's.
        Path scored = dir.resolve("scored.csv");
        ok(CommandRun.of(
                "score",
                "--input",
                demo.resolve("transactions.csv").toString(),
                "--accounts",
                demo.resolve("accounts.csv").toString(),
                "--model",
                demo.resolve("model.bin").toString(),
                "--output",
                scored.toString()));
        assertThat(sortedRows(demo.resolve("decisions-stream.csv"))).isEqualTo(sortedRows(scored));
    }

    private static CommandRun ok(CommandRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    /** The file's header, then its rows sorted by transaction id (the first column). */
    private static List<String> sortedRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return Stream.concat(
                        Stream.of(lines.get(0)),
                        lines.subList(1, lines.size()).stream().sorted())
                .toList();
    }
}
