package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.SupervisedModelVersion;
import io.txmon.storage.SupervisedModelVersion.Role;
import io.txmon.storage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/txmon train --supervised}, {@code --schedule} and the supervised models in {@code bin/txmon models}. */
class SupervisedTrainCommandIT {
    private static final String AS_OF = "2026-01-20T00:00:00Z";
    private static final String LATER = "2026-01-25T00:00:00Z";

    @TempDir
    Path folder;

    @Test
    void retrainingKeepsTheFirstModelAsChampionEndsWithOneLineOfJsonAndTheModelsListShowsIt() throws Exception {
        try (TestDatabase test = labelledBank()) {
            CommandRun train =
                    CommandRun.of("train", "--supervised", "--as-of", AS_OF, "--label-delay", "2d", "--db", test.url());
            CommandRun again =
                    CommandRun.of("train", "--supervised", "--as-of", AS_OF, "--label-delay", "2d", "--db", test.url());
            CommandRun models = CommandRun.of("models", "--db", test.url());

            assertThat(train.exitCode()).as(train.err()).isZero();
            assertThat(train.outLines()).hasSize(1);
            assertThat(train.out())
                    .matches("\\{\"model_version\": \"sl-[0-9a-f]+\", \"verdict\": \"FIRST_CHAMPION\", \"role\":"
                            + " \"CHAMPION\", \"labels_as_of\": \"" + AS_OF + "\", \"training_rows\": \\d+,"
                            + " \"training_positives\": \\d+, \"validation_rows\": \\d+, \"validation_positives\":"
                            + " \\d+, \"roc_auc\": [01]\\.\\d{4}, \"pr_auc\": [01]\\.\\d{4}, \"precision_at_budget\":"
                            + " [01]\\.\\d{4}, \"champion_version\": null, \"champion_pr_auc\": null}\\s*");
            assertThat(train.err()).contains("kept as CHAMPION, first champion: no champion before it; PR-AUC ");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).contains("\"verdict\": \"ALREADY_KEPT\"");
            SupervisedModelVersion champion =
                    new StoredSupervisedModels(test.database()).versions().get(0);
            assertThat(champion.activation()).hasValueSatisfying(chosen -> assertThat(chosen.by())
                    .startsWith("bin/txmon train --supervised by "));
            assertThat(models.exitCode()).as(models.err()).isZero();
            assertThat(models.out())
                    .contains("no models kept", "supervised models")
                    .containsPattern(champion.version() + " .*CHAMPION, chosen by bin/txmon train --supervised by ");
        }
    }

    @Test
    void aSupervisedVersionActivatedFromTheCommandLineBecomesChampionChosenByTheUser() throws Exception {
        try (TestDatabase test = labelledBank()) {
            CommandRun first =
                    CommandRun.of("train", "--supervised", "--as-of", AS_OF, "--label-delay", "2d", "--db", test.url());
            CommandRun second =
                    CommandRun.of("train", "--supervised", "--as-of", LATER, "--label-delay", "2d", "--db", test.url());
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).containsPattern("\"verdict\": \"(PROMOTED|CHALLENGER)\"");
            StoredSupervisedModels registry = new StoredSupervisedModels(test.database());
            String notChampion = registry.versions().stream()
                    .filter(v -> v.role() != Role.CHAMPION)
                    .findFirst()
                    .orElseThrow()
                    .version();

            CommandRun activate = CommandRun.of("models", "activate", notChampion, "--db", test.url());

            assertThat(activate.exitCode()).as(activate.err()).isZero();
            assertThat(activate.out()).contains("supervised model " + notChampion + " is the champion");
            SupervisedModelVersion chosen = registry.version(notChampion).orElseThrow();
            assertThat(chosen.role()).isEqualTo(Role.CHAMPION);
            assertThat(chosen.activation()).hasValueSatisfying(by -> assertThat(by.by())
                    .isEqualTo("bin/txmon models activate by " + System.getProperty("user.name")));
            assertThat(registry.versions())
                    .filteredOn(v -> v.role() == Role.CHAMPION)
                    .hasSize(1);
        }
    }

    @Test
    void aScheduledRunWithTooFewLabelsSaysSoAndExitsZeroWhereAPlainRunFails() throws Exception {
        Path world = simulate();
        try (TestDatabase test = TestDatabase.create(DatabaseEngine.H2, folder)) {
            ingest(world, test);

            CommandRun scheduled = CommandRun.of("train", "--schedule", "--db", test.url());
            CommandRun plain = CommandRun.of("train", "--supervised", "--db", test.url());

            assertThat(scheduled.exitCode()).as(scheduled.err()).isZero();
            assertThat(scheduled.out()).isEmpty();
            assertThat(scheduled.err())
                    .startsWith("no supervised model trained: retraining needs at least 20 transactions known as"
                            + " fraud, but by ");
            assertThat(plain.exitCode()).isEqualTo(1);
            assertThat(plain.err()).startsWith("txmon train: retraining needs at least 20 transactions known as fraud");
            assertThat(new StoredSupervisedModels(test.database()).versions()).isEmpty();
        }
    }

    @Test
    void aScheduledRunIsAsOfNowAndTheAnomalyModelsWindowIsNotTheSupervisedOnes() {
        CommandRun scheduledAsOf = CommandRun.of("train", "--schedule", "--as-of", AS_OF);
        CommandRun supervisedFrom = CommandRun.of("train", "--supervised", "--from", AS_OF);
        CommandRun anomalyAsOf = CommandRun.of("train", "--as-of", AS_OF);

        assertThat(scheduledAsOf.exitCode()).isEqualTo(2);
        assertThat(scheduledAsOf.err()).contains("--schedule retrains as of now; leave out --as-of");
        assertThat(supervisedFrom.exitCode()).isEqualTo(2);
        assertThat(supervisedFrom.err()).contains("--from and --to choose the anomaly model's window");
        assertThat(anomalyAsOf.exitCode()).isEqualTo(2);
        assertThat(anomalyAsOf.err()).contains("--as-of is for --supervised or --schedule");
    }

    /** A simulated bank ingested with its labels, each known two days after its transaction. */
    private TestDatabase labelledBank() throws Exception {
        Path world = simulate();
        TestDatabase test = TestDatabase.create(DatabaseEngine.H2, folder);
        ingest(world, test);
        CommandRun labels =
                CommandRun.of("labels", "import", world.resolve("labels.csv").toString(), "--db", test.url());
        assertThat(labels.exitCode()).as(labels.err()).isZero();
        return test;
    }

    private Path simulate() {
        Path world = folder.resolve("world");
        if (!Files.isDirectory(world)) {
            CommandRun.of(
                    "simulate", "--seed", "21", "--customers", "150", "--days", "24", "--output", world.toString());
        }
        return world;
    }

    private static void ingest(Path world, TestDatabase test) {
        CommandRun ingest = CommandRun.of(
                "ingest",
                "--input",
                world.resolve("transactions.csv").toString(),
                "--accounts",
                world.resolve("accounts.csv").toString(),
                "--db",
                test.url());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    }
}
