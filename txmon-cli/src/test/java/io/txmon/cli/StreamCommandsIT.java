package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.topics.DecisionConsumer;
import io.txmon.stream.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parity proof as a user runs it: the same file through {@code produce}, {@code stream} and {@code
 * consume} gives exactly the rows {@code bin/txmon score --model M} writes, at parallelism 1 and 2, on a simulated
 * world with transfers between accounts that both pay and receive within seconds.
 */
class StreamCommandsIT {
    @TempDir
    static Path dir;

    private static Path world;
    private static Path model;
    private static List<String> scored;

    @BeforeAll
    static void simulateAWorldAndScoreItWithASavedModel() throws IOException {
        world = dir.resolve("world");
        ok(CommandRun.of(
                "simulate", "--seed", "4", "--customers", "200", "--days", "10", "--output", world.toString()));
        model = dir.resolve("model.bin");
        ok(CommandRun.of(
                "score",
                "--input",
                transactions(),
                "--accounts",
                accounts(),
                "--output",
                dir.resolve("trained.csv").toString(),
                "--save-model",
                model.toString()));
        Path reference = dir.resolve("reference.csv");
        ok(CommandRun.of(
                "score",
                "--input",
                transactions(),
                "--accounts",
                accounts(),
                "--model",
                model.toString(),
                "--output",
                reference.toString()));
        scored = sortedRows(reference);
    }

    @ParameterizedTest(name = "at parallelism {0}")
    @ValueSource(ints = {1, 2})
    void produceStreamAndConsumeGiveTheRowsScoreGives(int parallelism) throws IOException {
        try (LocalKafka kafka = LocalKafka.start(0, dir.resolve("kafka-" + parallelism))) {
            Topics topics = Topics.DEFAULTS;
            kafka.createTopics(topics.all(), 2, List.of(topics.accounts()));
            String servers = kafka.bootstrapServers();

            ok(CommandRun.of(
                    "produce", "--bootstrap-servers", servers, "--input", transactions(), "--accounts", accounts()));
            CommandRun stream = ok(CommandRun.of(
                    "stream",
                    "--bootstrap-servers",
                    servers,
                    "--parallelism",
                    Integer.toString(parallelism),
                    "--model",
                    model.toString(),
                    "--checkpoints",
                    dir.resolve("checkpoints-" + parallelism).toString(),
                    "--metrics-port",
                    "0",
                    "--stop-when-idle",
                    "3s"));
            Path consumed = dir.resolve("consumed-" + parallelism + ".csv");
            ok(CommandRun.of(
                    "consume",
                    "--bootstrap-servers",
                    servers,
                    "--output",
                    consumed.toString(),
                    "--stop-when-idle",
                    "3s"));

            assertThat(stream.err()).contains("started afresh", "accounts known from the accounts topic", "savepoint");
            assertThat(sortedRows(consumed)).isEqualTo(scored);
        }
    }

    @Test
    void controlSendsARuleFileToTheControlTopicAndRefusesAMissingOne() throws IOException {
        Path rules = Files.writeString(dir.resolve("stricter.yaml"), "name: stricter\n");
        try (LocalKafka kafka = LocalKafka.start(0, dir.resolve("kafka-control"))) {
            kafka.createTopics(Topics.DEFAULTS.all(), 1, List.of());
            String servers = kafka.bootstrapServers();

            CommandRun sent = ok(CommandRun.of("control", "--bootstrap-servers", servers, "--rules", rules.toString()));
            CommandRun missing = CommandRun.of(
                    "control",
                    "--bootstrap-servers",
                    servers,
                    "--rules",
                    dir.resolve("nowhere.yaml").toString());

            assertThat(sent.err()).contains("sent " + rules + " to control");
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.err()).contains("nowhere.yaml");
            List<String> messages = new ArrayList<>();
            DecisionConsumer.read(
                    servers,
                    "control",
                    Duration.ofSeconds(1),
                    record -> messages.add(new String(record.value(), StandardCharsets.UTF_8)));
            assertThat(messages)
                    .singleElement()
                    .asString()
                    .contains("\"kind\":\"RULES\"", "\"rule_file\":\"name: stricter\\n\"", "stricter.yaml");
        }
    }

    @Test
    void produceSendsALabelsFileToTheLabelsTopicKeyedByTransactionIdAfterTheTransactions() throws IOException {
        Path labels = world.resolve("labels.csv");
        long inFile = Files.readAllLines(labels).size() - 1;
        try (LocalKafka kafka = LocalKafka.start(0, dir.resolve("kafka-labels"))) {
            Topics topics = Topics.DEFAULTS.withLabels("bank.labels");
            kafka.createTopics(topics.all(), 1, List.of(topics.accounts()));
            String servers = kafka.bootstrapServers();

            CommandRun produced = ok(CommandRun.of(
                    "produce",
                    "--bootstrap-servers",
                    servers,
                    "--input",
                    transactions(),
                    "--labels",
                    labels.toString(),
                    "--labels-topic",
                    "bank.labels"));

            List<String> keyedAsTheirTransaction = new ArrayList<>();
            long read = DecisionConsumer.read(servers, "bank.labels", Duration.ofSeconds(1), record -> {
                String value = new String(record.value(), StandardCharsets.UTF_8);
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (value.startsWith("{\"transaction_id\":\"" + key + "\",\"label\":")) {
                    keyedAsTheirTransaction.add(key);
                }
            });
            assertThat(inFile).isPositive();
            assertThat(read).isEqualTo(inFile);
            assertThat(keyedAsTheirTransaction).hasSize((int) inFile);
            assertThat(produced.err()).contains("produced " + String.format("%,d", inFile) + " labels to bank.labels");
        }
    }

    private static CommandRun ok(CommandRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    /** The file's header, then its rows sorted by transaction id (the first column). */
    private static List<String> sortedRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> rows = lines.subList(1, lines.size()).stream().sorted().toList();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(lines.get(0)), rows.stream())
                .toList();
    }

    private static String transactions() {
        return world.resolve("transactions.csv").toString();
    }

    private static String accounts() {
        return world.resolve("accounts.csv").toString();
    }
}
