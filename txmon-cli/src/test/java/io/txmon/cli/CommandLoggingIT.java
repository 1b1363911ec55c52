package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees on the terminal, from the built jar in a process of its own (as {@code bin/txmon} runs it):
 * a database command prints its result, and the libraries' logs go to the log file unless {@code --verbose}.
 */
class CommandLoggingIT {
    private static final Path JAR = Path.of("target", "txmon.jar");

    @TempDir
    Path folder;

    private Path input;
    private Path logDir;

    @BeforeEach
    void aFileOfTransactions() {
        input = folder.resolve("transactions.csv");
        logDir = folder.resolve("logs");
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(input)) {
            new RandomTransactions(5).generate(50, 5).forEach(writer::write);
        }
    }

    @Test
    void ingestOnAFreshH2DatabasePrintsItsJsonLineAndNothingFromFlywayOrH2() throws Exception {
        Run ingest = bin("ingest", "--input", input.toString(), "--db", freshH2());

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out().lines().toList())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("{\"run_id\": 1, \"read\": 50, \"inserted\": 50");
        assertThat(ingest.err()).doesNotContainIgnoringCase("flyway").doesNotContain("H2 2.", "INFO", "WARNING");
        assertThat(Files.readString(logDir.resolve("txmon.log")))
                .as("the logs are kept in $TXMON_LOG_DIR/txmon.log")
                .contains("Migrating schema", "H2 2.4");
    }

    @Test
    void verboseAlsoPrintsTheLibrariesLogsOnStderr() throws Exception {
        Run ingest = bin("ingest", "--verbose", "--input", input.toString(), "--db", freshH2());

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out().lines()).hasSize(1);
        assertThat(ingest.err()).contains("org.flywaydb", "Migrating schema", "H2 2.4");
    }

    @Test
    void aCommandThatLogsNothingLeavesNoLogFile() throws Exception {
        Run help = bin("help", "ingest");

        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).contains("--verbose");
        assertThat(logDir).doesNotExist();
    }

    private String freshH2() {
        return "jdbc:h2:file:" + folder.resolve("db").resolve("txmon").toAbsolutePath();
    }

    private Run bin(String... args) throws IOException, InterruptedException {
        assertThat(JAR)
                .as("the shaded jar, built in the package phase before the integration tests")
                .exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectOutput(folder.resolve("stdout").toFile())
                .redirectError(folder.resolve("stderr").toFile());
        builder.environment().remove("TXMON_DB_URL");
        builder.environment().put(CommandLogging.LOG_DIR_VARIABLE, logDir.toString());
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(folder.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(folder.resolve("stderr"), StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {}
}
