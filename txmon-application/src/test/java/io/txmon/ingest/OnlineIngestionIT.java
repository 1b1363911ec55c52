package io.txmon.ingest;

import static io.txmon.ingest.OnlineDetections.detectAll;
import static io.txmon.ingest.OnlineDetections.ordered;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.RuleSet;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Transaction;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OnlineIngestionIT {
    private static final RuleSet RULES = RuleFile.defaults();

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void answersEachTransactionOnceStoredWithTheDecisionOneScorerInTheStoredOrderMakes(DatabaseEngine engine)
            throws Exception {
        List<Transaction> all = ordered(new RandomTransactions(4).generate(800, 30));
        List<Detection> told = new CopyOnWriteArrayList<>();
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            List<CompletableFuture<Detection>> answers = new ArrayList<>();
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(RULES, Optional.empty()), Clock.systemUTC(), told::add)) {
                for (Transaction tx : all) {
                    answers.add(online.detect(tx));
                }
                for (CompletableFuture<Detection> answer : answers) {
                    Detection detection = answer.get(30, TimeUnit.SECONDS);
                    assertThat(detection.duplicate()).isFalse();
                    // Answered means stored.
                    assertThat(test.count("SELECT COUNT(*) FROM decisions WHERE sequence_number = "
                                    + detection.decision().sequenceNumber()))
                            .isOne();
                }
            }

            assertThat(DecisionsInStore.stored(test)).isEqualTo(DecisionsInStore.expected(RULES, all));
            assertThat(told).hasSize(all.size());
            assertThat(test.count("SELECT COUNT(*) FROM alerts"))
                    .isEqualTo(
                            told.stream().filter(d -> d.decision().opensAlert()).count());
            assertThat(test.string("SELECT status FROM ingestion_runs")).isEqualTo("SUCCEEDED");
            assertThat(test.count("SELECT rows_inserted FROM ingestion_runs")).isEqualTo(all.size());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aTransactionSentAgainIsAnsweredWithItsFirstDecisionAndStoredOnce(DatabaseEngine engine) throws Exception {
        List<Transaction> all = ordered(new RandomTransactions(5).generate(300, 10));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(RULES, Optional.empty()), Clock.systemUTC(), d -> {})) {
                List<CompletableFuture<Detection>> first = new ArrayList<>();
                List<CompletableFuture<Detection>> again = new ArrayList<>();
                for (Transaction tx : all) {
                    first.add(online.detect(tx));
                    // Sent again at once, while the first copy may still be queued or being written.
                    again.add(online.detect(tx));
                }
                for (int i = 0; i < all.size(); i++) {
                    Detection original = first.get(i).get(30, TimeUnit.SECONDS);
                    Detection repeated = again.get(i).get(30, TimeUnit.SECONDS);
                    assertThat(repeated.duplicate()).isTrue();
                    assertThat(repeated.decision()).isEqualTo(original.decision());
                }
                Detection later = online.detect(all.get(7)).get(30, TimeUnit.SECONDS);
                assertThat(later.duplicate()).isTrue();
                assertThat(later.decision()).isEqualTo(first.get(7).get().decision());
            }

            assertThat(test.count("SELECT COUNT(*) FROM transactions")).isEqualTo(all.size());
            assertThat(test.count("SELECT rows_duplicate FROM ingestion_runs")).isEqualTo(all.size() + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aRestartedServiceGoesOnWithTheAccountStatesWhereTheLastLeftThem(DatabaseEngine engine) throws Exception {
        List<Transaction> all = ordered(new RandomTransactions(6).generate(600, 20));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(RULES, Optional.empty()), Clock.systemUTC(), d -> {})) {
                detectAll(online, all.subList(0, 250));
            }
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(RULES, Optional.empty()), Clock.systemUTC(), d -> {})) {
                detectAll(online, all.subList(250, all.size()));
            }

            assertThat(DecisionsInStore.stored(test)).isEqualTo(DecisionsInStore.expected(RULES, all));
            assertThat(test.count("SELECT COUNT(*) FROM ingestion_runs WHERE status = 'SUCCEEDED'"))
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void rulesReplacedWhileRunningDecideEverythingSentAfterThem(DatabaseEngine engine) throws Exception {
        List<Transaction> all = ordered(new RandomTransactions(7).generate(200, 10));
        RuleSet baseline = RuleFile.seedBaseline();
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            try (OnlineIngestion online = OnlineIngestion.start(
                    test.database(), DecisionSetup.of(RULES, Optional.empty()), Clock.systemUTC(), d -> {})) {
                Detection before = online.detect(all.get(0)).get(30, TimeUnit.SECONDS);
                online.useRules(baseline);
                Detection after = online.detect(all.get(1)).get(30, TimeUnit.SECONDS);

                assertThat(before.decision().ruleSetVersion()).isEqualTo(RULES.version());
                assertThat(after.decision().ruleSetVersion()).isEqualTo(baseline.version());
                assertThat(online.rules()).isSameAs(baseline);
            }
        }
    }
}
