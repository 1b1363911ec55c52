package io.txmon.storage;

import static io.txmon.testkit.SupervisedModels.largePaymentsAreFraud;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.txmon.boosting.SupervisedModel;
import io.txmon.storage.StoredModels.Activation;
import io.txmon.storage.StoredSupervisedModels.Registration;
import io.txmon.storage.SupervisedModelVersion.Metrics;
import io.txmon.storage.SupervisedModelVersion.Role;
import io.txmon.storage.SupervisedModelVersion.Window;
import io.txmon.transaction.InvalidFieldException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoredSupervisedModelsIT {
    private static final Instant TRAINED = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");
    private static final Window TRAINING =
            new Window(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-10T12:30:00Z"), 40_000, 120);
    private static final Window VALIDATION =
            new Window(Instant.parse("2026-02-10T12:31:00Z"), Instant.parse("2026-02-22T00:00:00Z"), 10_000, 31);
    private static final Metrics METRICS = new Metrics(0.91, 0.47, 0.01, 0.3);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void keepsAModelWithItsInputsWindowsLabelCountsMetricsAndWhoMadeItChampionAndReadsTheSameModelBack(
            DatabaseEngine engine) {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredSupervisedModels registry = new StoredSupervisedModels(test.database());
            SupervisedModel model = largePaymentsAreFraud("sl-000000000001", 0.9f);

            registry.keepAsChampion(registration(model, TRAINED), "retraining", TRAINED);

            assertThat(registry.champion()).contains(model);
            assertThat(registry.versions()).singleElement().satisfies(v -> {
                assertThat(v.version()).isEqualTo("sl-000000000001");
                assertThat(v.createdAt()).isEqualTo(TRAINED);
                assertThat(v.inputs()).containsExactly("amount", "merchant_fraud_share_30d");
                assertThat(v.labelsAsOf()).isEqualTo(AS_OF);
                assertThat(v.training()).isEqualTo(TRAINING);
                assertThat(v.validation()).isEqualTo(VALIDATION);
                assertThat(v.metrics()).isEqualTo(METRICS);
                assertThat(v.decision()).isEqualTo("first champion");
                assertThat(v.role()).isEqualTo(Role.CHAMPION);
                assertThat(v.activation()).contains(new Activation("retraining", TRAINED));
            });
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aNewChampionRetiresTheOldOneAndANewChallengerRetiresTheOlderChallenger(DatabaseEngine engine) {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredSupervisedModels registry = new StoredSupervisedModels(test.database());
            registry.keepAsChampion(
                    registration(largePaymentsAreFraud("sl-000000000001", 0.9f), TRAINED), "retraining", TRAINED);
            registry.keepAsChallenger(
                    registration(largePaymentsAreFraud("sl-000000000002", 0.8f), TRAINED.plusSeconds(1)));
            registry.keepAsChallenger(
                    registration(largePaymentsAreFraud("sl-000000000003", 0.7f), TRAINED.plusSeconds(2)));
            registry.keepAsChampion(
                    registration(largePaymentsAreFraud("sl-000000000004", 0.6f), TRAINED.plusSeconds(3)),
                    "retraining",
                    TRAINED.plusSeconds(3));

            assertThat(registry.versions())
                    .extracting(SupervisedModelVersion::version, SupervisedModelVersion::role)
                    .containsExactly(
                            tuple("sl-000000000004", Role.CHAMPION),
                            tuple("sl-000000000003", Role.CHALLENGER),
                            tuple("sl-000000000002", Role.RETIRED),
                            tuple("sl-000000000001", Role.RETIRED));
            assertThat(registry.champion().orElseThrow().version()).isEqualTo("sl-000000000004");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void activatingAChallengerMakesItChampionRecordsWhoChoseItAndRetiresTheChampion(DatabaseEngine engine) {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredSupervisedModels registry = new StoredSupervisedModels(test.database());
            registry.keepAsChampion(
                    registration(largePaymentsAreFraud("sl-000000000001", 0.9f), TRAINED), "retraining", TRAINED);
            registry.keepAsChallenger(
                    registration(largePaymentsAreFraud("sl-000000000002", 0.8f), TRAINED.plusSeconds(1)));
            Instant chosen = TRAINED.plusSeconds(60);

            SupervisedModelVersion activated =
                    ActiveSupervisedModel.activate(test.database(), " sl-000000000002 ", "alice", chosen);

            assertThat(activated.role()).isEqualTo(Role.CHAMPION);
            assertThat(activated.activation()).contains(new Activation("alice", chosen));
            assertThat(registry.version("sl-000000000001").orElseThrow().role()).isEqualTo(Role.RETIRED);
            assertThat(registry.champion().orElseThrow().version()).isEqualTo("sl-000000000002");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void activatingAVersionNotKeptOrNoneChangesNothingAndSaysWhy(DatabaseEngine engine) {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredSupervisedModels registry = new StoredSupervisedModels(test.database());
            registry.keepAsChampion(
                    registration(largePaymentsAreFraud("sl-000000000001", 0.9f), TRAINED), "retraining", TRAINED);

            assertThatThrownBy(() -> ActiveSupervisedModel.activate(test.database(), "sl-nosuch", "alice", TRAINED))
                    .isInstanceOf(UnknownModelVersionException.class)
                    .hasMessage("no model version sl-nosuch is kept");
            assertThatThrownBy(() -> ActiveSupervisedModel.activate(test.database(), " ", "alice", TRAINED))
                    .isInstanceOf(InvalidFieldException.class);
            assertThat(registry.champion().orElseThrow().version()).isEqualTo("sl-000000000001");
            assertThat(registry.contains("sl-nosuch")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void theSchemaRefusesASecondChampionWhateverWritesIt(DatabaseEngine engine) {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            new StoredSupervisedModels(test.database())
                    .keepAsChampion(
                            registration(largePaymentsAreFraud("sl-000000000001", 0.9f), TRAINED),
                            "retraining",
                            TRAINED);

            assertThatThrownBy(() -> {
                        try (Connection connection = test.database().connect();
                                Statement statement = connection.createStatement()) {
                            statement.executeUpdate("INSERT INTO supervised_models SELECT 'sl-copy', created_at,"
                                    + " model_file, inputs, labels_as_of, trained_from, trained_to, training_rows,"
                                    + " training_positives, validated_from, validated_to, validation_rows,"
                                    + " validation_positives, roc_auc, pr_auc, alert_share, precision_at_budget,"
                                    + " decision, role, champion, activated_at, activated_by FROM supervised_models");
                        }
                    })
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(Jdbc.isUniqueViolation(e))
                            .isTrue());
        }
    }

    private static Registration registration(SupervisedModel model, Instant createdAt) {
        return new Registration(model, createdAt, AS_OF, TRAINING, VALIDATION, METRICS, "first champion");
    }
}
