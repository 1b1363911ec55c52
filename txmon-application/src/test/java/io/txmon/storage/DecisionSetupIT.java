package io.txmon.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.features.FeatureSettings;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Account;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DecisionSetupIT {
    private static final Instant THEN = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<Transaction> HISTORY = new RandomTransactions(3).generate(400, 20);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void onAFreshDatabaseTheShippedDefaultsDecideAloneAndAreKeptAsTheFirstVersion(DatabaseEngine engine)
            throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            DecisionSetup setup = DecisionSetup.resolve(test.database(), "test", THEN);

            assertThat(setup.rules().version()).isEqualTo(RuleFile.defaults().version());
            assertThat(setup.model()).isEmpty();
            assertThat(new StoredRuleSets(test.database())
                            .active()
                            .orElseThrow()
                            .createdBy())
                    .isEqualTo("test");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void theActiveRuleSetAndTheNewestModelDecideUntilAnOlderModelIsActivated(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            RuleSet seeds = ActiveRuleSet.activate(
                    test.database(), RuleFile.format(RuleFile.seedBaseline().definition()), "seeds", "test", THEN);
            StoredModels models = new StoredModels(test.database());
            AnomalyModel older = model(1);
            AnomalyModel newer = model(2);
            models.save(older, "{}", THEN);
            models.save(newer, "{}", THEN.plusSeconds(1));

            DecisionSetup before = DecisionSetup.resolve(test.database(), "test", THEN);
            ActiveModel.activate(test.database(), " " + older.version() + " ", "alice", THEN.plusSeconds(2));
            DecisionSetup after = DecisionSetup.resolve(test.database(), "test", THEN);

            assertThat(before.rules().version()).isEqualTo(seeds.version());
            assertThat(before.model().orElseThrow().version()).isEqualTo(newer.version());
            assertThat(after.rules().version()).isEqualTo(seeds.version());
            assertThat(after.model().orElseThrow().version()).isEqualTo(older.version());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void activatingAModelRecordsWhoChoseItAndWhenAndAnUnknownOrBlankVersionChangesNothing(DatabaseEngine engine)
            throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredModels models = new StoredModels(test.database());
            AnomalyModel first = model(1);
            AnomalyModel second = model(2);
            models.save(first, "{}", THEN);
            models.save(second, "{}", THEN.plusSeconds(1));
            ActiveModel.activate(test.database(), first.version(), "alice", THEN.plusSeconds(5));

            assertThatThrownBy(() -> ActiveModel.activate(test.database(), "if-nosuchmodel", "bob", THEN))
                    .isInstanceOf(UnknownModelVersionException.class)
                    .hasMessage("no model version if-nosuchmodel is kept");
            assertThatThrownBy(() -> ActiveModel.activate(test.database(), "x".repeat(100), "bob", THEN))
                    .hasMessage("no model version " + "x".repeat(61) + "... is kept");
            assertThatThrownBy(() -> ActiveModel.activate(test.database(), " ", "bob", THEN))
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessage("model_version: is required");

            List<StoredModels.ModelVersion> kept = models.versions();
            assertThat(kept.get(0).version()).isEqualTo(second.version());
            assertThat(kept.get(0).active()).isFalse();
            assertThat(kept.get(0).activation()).isEmpty();
            assertThat(kept.get(1).active()).isTrue();
            assertThat(kept.get(1).activation()).contains(new StoredModels.Activation("alice", THEN.plusSeconds(5)));
        }
    }

    /** A small model of {@link #HISTORY}; a different seed gives a different version. */
    private static AnomalyModel model(long seed) {
        return AnomalyModelTrainer.builder(seed).build().train(HISTORY, Account::unknown, FeatureSettings.DEFAULTS);
    }
}
