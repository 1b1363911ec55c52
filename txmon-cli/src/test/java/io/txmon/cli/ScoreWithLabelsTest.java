package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreWithLabelsTest {
    @TempDir
    static Path dir;

    private static Path world;

    @BeforeAll
    static void simulateABank() {
        world = dir.resolve("world");
        CommandRun run = CommandRun.of(
                "simulate", "--seed", "9", "--customers", "150", "--days", "24", "--output", world.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static CommandRun score(Path labels, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "score",
                "--input",
                world.resolve("transactions.csv").toString(),
                "--accounts",
                world.resolve("accounts.csv").toString(),
                "--labels",
                labels.toString(),
                "--output",
                output.toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void replaysTheLabelsAsTheyArriveAndDecidesLaterTransactionsWithTheSupervisedModel() throws IOException {
        Path output = dir.resolve("decisions.jsonl");

        CommandRun run = score(world.resolve("labels.csv"), output, "--label-delay", "2d", "--retrain-every", "4d");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("the supervised model trains at")
                .contains("trained supervised model sl-")
                .containsPattern("\\d+ of \\d+ trainings made a supervised model");
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).as("before any training").doesNotContain("supervised_model_version");
        assertThat(lines.get(lines.size() - 1))
                .contains("\"supervised_model_version\":\"sl-")
                .contains("fraud_probability");
    }

    @Test
    void savesTheLatestSupervisedModelAndScoresEveryTransactionWithItWhenGivenBack() throws IOException {
        Path saved = dir.resolve("supervised.model");

        CommandRun replay = score(
                world.resolve("labels.csv"),
                dir.resolve("replayed.jsonl"),
                "--label-delay",
                "2d",
                "--retrain-every",
                "4d",
                "--save-supervised-model",
                saved.toString());

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        Matcher savedLine = Pattern.compile("saved supervised model (sl-[0-9a-f]+) .*the latest trained")
                .matcher(replay.err());
        assertThat(savedLine.find()).as(replay.err()).isTrue();
        String version = savedLine.group(1);
        assertThat(saved).isRegularFile();

        Path output = dir.resolve("with-saved-model.jsonl");
        CommandRun run = CommandRun.of(
                "score",
                "--input",
                world.resolve("transactions.csv").toString(),
                "--accounts",
                world.resolve("accounts.csv").toString(),
                "--supervised-model",
                saved.toString(),
                "--output",
                output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("scoring with supervised model " + version);
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(line)
                .contains("\"supervised_model_version\":\"" + version + "\"")
                .contains("fraud_probability"));
    }

    @Test
    void savesNothingAndSaysSoWhenNoSupervisedModelWasTrained() throws IOException {
        Path labels = dir.resolve("no-frauds.csv");
        Files.writeString(labels, "transaction_id,label,typology,labelled_at\n", StandardCharsets.UTF_8);
        Path saved = dir.resolve("never-trained.model");

        CommandRun run = score(labels, dir.resolve("no-frauds.jsonl"), "--save-supervised-model", saved.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("no supervised model was trained in this replay")
                .contains("nothing saved to");
        assertThat(saved).doesNotExist();
    }

    @Test
    void refusesASavedSupervisedModelTogetherWithLabels() {
        CommandRun run = score(
                world.resolve("labels.csv"),
                dir.resolve("refused.jsonl"),
                "--supervised-model",
                dir.resolve("any.model").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("--supervised-model and --labels conflict");
        assertThat(dir.resolve("refused.jsonl")).doesNotExist();
    }

    @Test
    void reportsLabelsOfUnknownTransactionsAndRejectsALabelLearnedBeforeItsTransaction() throws IOException {
        List<String> transactions = Files.readAllLines(world.resolve("transactions.csv"), StandardCharsets.UTF_8);
        String firstId = transactions.get(1).split(",", -1)[0];
        Path labels = dir.resolve("labels-with-problems.csv");
        Files.writeString(
                labels,
                "transaction_id,label,typology,labelled_at\n"
                        + "no-such-transaction,1,,\n"
                        + firstId + ",1,,2000-01-01T00:00:00Z\n"
                        + firstId + ",maybe,,\n",
                StandardCharsets.UTF_8);

        CommandRun run = score(labels, dir.resolve("problems.csv"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("read 3 labels from")
                .contains("0 of transactions in the input, 1 of other transactions (not used), 2 rejected")
                .contains("line 3: labelled_at")
                .contains("line 4: label");
    }
}
