package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.RuleSet;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.StoredModels;
import io.txmon.storage.StoredRuleSets;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RulesAndModelsCommandIT {
    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aRuleFileActivatedFromTheCommandLineDecidesTheNextIngestAndABadOneChangesNothing(DatabaseEngine engine)
            throws Exception {
        RuleSet seeds = RuleFile.seedBaseline();
        Path ruleFile = folder.resolve("seed-rules.yaml");
        Files.writeString(ruleFile, RuleFile.format(seeds.definition()));
        Path broken = folder.resolve("broken.yaml");
        Files.writeString(broken, "name: broken\nrules: not a list\n");
        Path transactions = folder.resolve("transactions.csv");
        write(transactions, new RandomTransactions(5).generate(200, 10));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            CommandRun activate = CommandRun.of("rules", "activate", ruleFile.toString(), "--db", test.url());
            CommandRun refused = CommandRun.of("rules", "activate", broken.toString(), "--db", test.url());
            CommandRun list = CommandRun.of("rules", "list", "--db", test.url());
            CommandRun ingest = CommandRun.of("ingest", "--input", transactions.toString(), "--db", test.url());

            assertThat(activate.exitCode()).as(activate.err()).isZero();
            assertThat(activate.out()).contains("rule set " + seeds.version(), "is active");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.errLines()).hasSize(1);
            assertThat(refused.err()).contains("broken.yaml:2", "rules");
            assertThat(new StoredRuleSets(test.database())
                            .active()
                            .orElseThrow()
                            .version())
                    .isEqualTo(seeds.version());
            assertThat(list.out()).containsPattern(seeds.version() + ".*active \\(decides\\)");
            assertThat(ingest.exitCode()).as(ingest.err()).isZero();
            assertThat(test.count("SELECT COUNT(*) FROM decisions WHERE rule_set_version = '" + seeds.version() + "'"))
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aModelActivatedFromTheCommandLineIsRecordedAsChosenByItAndScoresTheNextIngestThoughANewerOneIsKept(
            DatabaseEngine engine) throws Exception {
        List<Transaction> all = new RandomTransactions(6).generate(3_000, 20);
        Path first = folder.resolve("first.csv");
        Path later = folder.resolve("later.csv");
        write(first, all.subList(0, 2_000));
        write(later, all.subList(2_000, 3_000));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            assertThat(CommandRun.of("ingest", "--input", first.toString(), "--db", test.url())
                            .exitCode())
                    .isZero();
            CommandRun older = CommandRun.of("train", "--db", test.url(), "--seed", "1");
            CommandRun newer = CommandRun.of("train", "--db", test.url(), "--seed", "2");
            assertThat(older.exitCode()).as(older.err()).isZero();
            assertThat(newer.exitCode()).as(newer.err()).isZero();
            List<StoredModels.ModelVersion> kept = new StoredModels(test.database()).versions();
            assertThat(kept).hasSize(2);
            String olderVersion = kept.get(1).version();

            CommandRun activate = CommandRun.of("models", "activate", olderVersion, "--db", test.url());
            CommandRun unknown = CommandRun.of("models", "activate", "no-such-model", "--db", test.url());
            CommandRun list = CommandRun.of("models", "--db", test.url());
            CommandRun ingest = CommandRun.of("ingest", "--input", later.toString(), "--db", test.url());

            assertThat(activate.exitCode()).as(activate.err()).isZero();
            assertThat(activate.out()).contains("model " + olderVersion + " is active");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).contains("no model version no-such-model is kept (bin/txmon models lists them)");
            assertThat(new StoredModels(test.database()).versions().get(1).activation())
                    .hasValueSatisfying(chosen -> assertThat(chosen.by()).isEqualTo("bin/txmon models activate"));
            assertThat(list.out())
                    .containsPattern(
                            olderVersion + ".*active \\(scoring uses it\\), chosen by bin/txmon models activate at ");
            assertThat(ingest.exitCode()).as(ingest.err()).isZero();
            assertThat(test.count("SELECT COUNT(*) FROM decisions WHERE model_version = '" + olderVersion + "'"))
                    .isEqualTo(1_000);
        }
    }

    private static void write(Path file, List<Transaction> transactions) {
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(file)) {
            transactions.forEach(writer::write);
        }
    }
}
