package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 3 on the command line: what an operator sees, and the exit code, for bad input. */
class IngestBadInputCommandIT {
    private static final String HEADER = "transaction_id,timestamp,user_id,amount\n";

    @TempDir
    Path folder;

    @Test
    void anUnreachableDatabaseIsOneLineNamingItsUrlWithoutThePasswordAndExitCodeOne() throws Exception {
        Path file = Files.writeString(folder.resolve("transactions.csv"), HEADER + "g1,2026-01-14T15:00:00Z,u1,10\n");

        CommandRun run = CommandRun.of(
                "ingest",
                "--input",
                file.toString(),
                "--db",
                "jdbc:postgresql://127.0.0.1:1/txmon?user=txmon&password=s3cret&connectTimeout=2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err())
                .startsWith("txmon ingest: cannot reach the database at"
                        + " jdbc:postgresql://127.0.0.1:1/txmon?user=txmon&password=***&connectTimeout=2: ")
                .doesNotContain("s3cret");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aHeaderWithoutAmountEndsWithOneLineNamingTheColumnAndExitCodeOne(DatabaseEngine engine) throws Exception {
        Path file = Files.writeString(
                folder.resolve("no-amount.csv"), "transaction_id,timestamp,user_id\ng1,2026-01-14T15:00:00Z,u1\n");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            CommandRun run = CommandRun.of("ingest", "--input", file.toString(), "--db", test.url());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            List<String> err = run.errLines();
            assertThat(err.get(err.size() - 1))
                    .isEqualTo("txmon ingest: run 1 failed: " + file.toAbsolutePath()
                            + ": line 1: the header lacks the required column amount"
                            + " (it has: transaction_id, timestamp, user_id)");
            assertThat(test.string("SELECT status FROM ingestion_runs")).isEqualTo("FAILED");
            assertThat(test.count("SELECT COUNT(*) FROM transactions")).isZero();
            assertThat(test.count("SELECT COUNT(*) FROM decisions")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void brokenRowsAreReportedByLineAndReasonWhileTheRunSucceeds(DatabaseEngine engine) throws Exception {
        Path file = Files.writeString(
                folder.resolve("transactions.csv"),
                HEADER + "g1,2026-01-14T15:00:00Z,u1,10\n" + "b1,2026-01-14T15:01:00Z,u1,-5\n"
                        + "g2,2026-01-14T15:02:00Z,u2,20\n",
                StandardCharsets.UTF_8);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            CommandRun run = CommandRun.of("ingest", "--input", file.toString(), "--db", test.url());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.errLines())
                    .contains("rejected transactions.csv line 3: amount: must be greater than zero, was -5");
            assertThat(run.out())
                    .matches("\\{\"run_id\": 1, \"read\": 3, \"inserted\": 2, \"duplicates\": 0, \"rejected\": 1,"
                            + " \"alerts\": \\d+, \"rounded\": 0}\\s*");
            assertThat(test.count("SELECT COUNT(*) FROM decisions")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anEmptyFileIsASuccessfulRunThatReadsNothing(DatabaseEngine engine) throws Exception {
        Path file = Files.writeString(folder.resolve("empty.csv"), "");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            CommandRun run = CommandRun.of("ingest", "--input", file.toString(), "--db", test.url());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .isEqualToIgnoringNewLines("{\"run_id\": 1, \"read\": 0, \"inserted\": 0, \"duplicates\": 0,"
                            + " \"rejected\": 0, \"alerts\": 0, \"rounded\": 0}");
            assertThat(test.string("SELECT status FROM ingestion_runs")).isEqualTo("SUCCEEDED");
        }
    }
}
