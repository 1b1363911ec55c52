package io.txmon.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.RuleSet;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActiveRuleSetIT {
    private static final Instant THEN = Instant.parse("2026-01-01T00:00:00Z");
    private static final String BROKEN = "name: broken\nrules: not a list\n";

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void isTheActiveStoredRuleSetWhenItLoads(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredRuleSets stored = new StoredRuleSets(test.database());
            RuleSet seeds = RuleFile.seedBaseline();
            stored.saveAndActivate(
                    seeds.version(), seeds.name(), RuleFile.format(seeds.definition()), seeds.size(), "test", THEN);

            ActiveRuleSet starting =
                    ActiveRuleSet.fromStore(stored, "test", THEN).orElseThrow();

            assertThat(starting.rules().version()).isEqualTo(seeds.version());
            assertThat(starting.fallback()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void fallsBackToTheShippedDefaultsWhenNoStoredVersionLoadsAndActivatesThem(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredRuleSets stored = new StoredRuleSets(test.database());
            stored.saveAndActivate("00000000000000aa", "broken", BROKEN, 0, "test", THEN);
            stored.saveAndActivate(
                    "00000000000000bb", "broken too", BROKEN + "# again\n", 0, "test", THEN.plusSeconds(1));
            RuleSet defaults = RuleFile.defaults();

            ActiveRuleSet starting =
                    ActiveRuleSet.fromStore(stored, "test", THEN.plusSeconds(2)).orElseThrow();

            assertThat(starting.rules().version()).isEqualTo(defaults.version());
            assertThat(starting.fallback()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("00000000000000bb")
                    .contains("rules: must be a list of rules")
                    .contains(defaults.version()));
            assertThat(stored.active().orElseThrow().version()).isEqualTo(defaults.version());
            assertThat(ActiveRuleSet.fromStore(stored, "test", THEN.plusSeconds(3))
                            .orElseThrow()
                            .fallback())
                    .as("the next start finds a rule set that loads")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void onADatabaseWithNoRuleSetIsTheShippedDefaultsStoredAsItsFirstVersion(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            RuleSet defaults = RuleFile.defaults();

            ActiveRuleSet first = ActiveRuleSet.resolve(test.database(), "txmon ingest", THEN);

            assertThat(first.rules().version()).isEqualTo(defaults.version());
            StoredRuleSets stored = new StoredRuleSets(test.database());
            assertThat(stored.versions()).singleElement().satisfies(version -> {
                assertThat(version.version()).isEqualTo(defaults.version());
                assertThat(version.createdBy()).isEqualTo("txmon ingest");
                assertThat(version.active()).isTrue();
            });
            assertThat(ActiveRuleSet.resolve(test.database(), "txmon serve", THEN.plusSeconds(1))
                            .rules()
                            .version())
                    .as("the next door reads the stored defaults back to the same version")
                    .isEqualTo(defaults.version());
            assertThat(stored.versions()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void isTheRuleSetActivatedLastWhateverTheDoor(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ActiveRuleSet.resolve(test.database(), "txmon serve", THEN);
            RuleSet seeds = RuleFile.seedBaseline();
            new StoredRuleSets(test.database())
                    .saveAndActivate(
                            seeds.version(),
                            seeds.name(),
                            RuleFile.format(seeds.definition()),
                            seeds.size(),
                            "analyst",
                            THEN.plusSeconds(1));

            assertThat(ActiveRuleSet.resolve(test.database(), "txmon ingest", THEN.plusSeconds(2))
                            .rules()
                            .version())
                    .isEqualTo(seeds.version());
        }
    }
}
