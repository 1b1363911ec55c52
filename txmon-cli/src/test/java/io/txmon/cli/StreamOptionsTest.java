package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.labels.LabelTimeline;
import io.txmon.stream.topics.StreamSettings;
import io.txmon.stream.topics.Topics;
import io.txmon.testkit.SupervisedModels;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code stream}'s options for outcomes and the supervised model, read into the job's settings without a broker. */
class StreamOptionsTest {
    @TempDir
    Path dir;

    @Test
    void withoutOptionsLabelsComeFromTheLabelsTopicAndUndatedOnesAreKnownSevenDaysAfterTheirTransaction() {
        StreamSettings settings = parsed("--bootstrap-servers", "127.0.0.1:9092");

        assertThat(settings.topics()).isEqualTo(Topics.DEFAULTS);
        assertThat(settings.topics().labels()).isEqualTo("labels");
        assertThat(settings.topics().setAsideLabels()).isEqualTo("set-aside-labels");
        assertThat(settings.labelDelay()).isEqualTo(LabelTimeline.DEFAULT_DELAY);
        assertThat(settings.supervised()).isEmpty();
        assertThat(settings.learnsFromLabels())
                .as("the labels topic is read only when asked")
                .isFalse();
    }

    @Test
    void theLabelsTopicTheLabelDelayAndASavedSupervisedModelAreTakenFromTheirOptions() {
        Path saved = dir.resolve("supervised.model");
        ModelFiles.writeSupervised(saved, SupervisedModels.largePaymentsAreFraud("sl-options", 0.9f));

        StreamSettings settings = parsed(
                "--bootstrap-servers",
                "127.0.0.1:9092",
                "--learn-from-labels",
                "--labels-topic",
                "bank.labels",
                "--label-delay",
                "3d",
                "--supervised-model",
                saved.toString());

        assertThat(settings.learnsFromLabels()).isTrue();
        assertThat(settings.topics().labels()).isEqualTo("bank.labels");
        assertThat(settings.topics().transactions()).isEqualTo(Topics.DEFAULTS.transactions());
        assertThat(settings.labelDelay()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.supervised())
                .hasValueSatisfying(model -> assertThat(model.version()).isEqualTo("sl-options"));
    }

    @Test
    void aSupervisedModelFileThatCannotBeReadFailsTheCommandNamingTheFileBeforeAnyBrokerIsAsked() {
        Path missing = dir.resolve("nowhere.model");

        CommandRun run =
                CommandRun.of("stream", "--bootstrap-servers", "127.0.0.1:1", "--supervised-model", missing.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("nowhere.model");
    }

    private static StreamSettings parsed(String... args) {
        StreamCommand command = new StreamCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }
}
