package io.txmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.FeatureSettings;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleDefinition;
import io.txmon.rules.RuleSet;
import io.txmon.rules.RuleSetDefinition;
import io.txmon.testkit.RandomTransactions;
import io.txmon.testkit.SavedAccountStates;
import io.txmon.testkit.Transactions;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TransactionScorerTest {
    private static final RuleSet RULES = RuleSet.compile(RuleSetDefinition.of(
            "test",
            List.of(
                    new RuleDefinition("VELOCITY", "VELOCITY", "busy minute", 0.4, true, "tx_count_1m > 3.0"),
                    new RuleDefinition("FAN_IN", "FAN_IN", "many senders", 0.5, true, "cp_fan_in_24h >= 3.0"),
                    new RuleDefinition(
                            "OUTLIER", "OUTLIER", "far above usual", 0.3, true, "amount_zscore_30d > 3.0"))));

    @Test
    void scoringOneByOneFromSavedStatesGivesExactlyTheBatchDecisions() {
        List<Transaction> transactions = new RandomTransactions(21).generate(12_000, 40);
        AnomalyModel model = AnomalyModelTrainer.builder(4)
                .trees(50)
                .build()
                .train(
                        AnomalyModelTrainer.earliestShare(transactions, 0.25),
                        Account::unknown,
                        FeatureSettings.DEFAULTS);

        TransactionScorer batch = new TransactionScorer(RULES, Optional.of(model), new InMemoryAccountStates());
        List<Decision> batchDecisions = transactions.stream().map(batch::score).toList();

        SavedAccountStates saved = new SavedAccountStates();
        for (int i = 0; i < transactions.size(); i++) {
            // A fresh scorer per request, as a stateless service would use, over states kept only as bytes.
            TransactionScorer oneByOne = new TransactionScorer(RULES, Optional.of(model), saved);
            assertThat(oneByOne.score(transactions.get(i))).isEqualTo(batchDecisions.get(i));
        }
        assertThat(batchDecisions).extracting(Decision::recommendation).contains(Recommendation.REVIEW);
    }

    @Test
    void onceWarmTheAlertBudgetSendsAboutItsShareOfEachDayToReviewAndEveryDecisionRecordsItsLine() {
        List<Transaction> transactions = everyDay(4, 3_000, new Random(5));
        AnomalyModel model = AnomalyModelTrainer.builder(4)
                .trees(50)
                .build()
                .train(transactions.subList(0, 3_000), Account::unknown, FeatureSettings.DEFAULTS);
        TransactionScorer scorer = new TransactionScorer(RULES, Optional.of(model), new InMemoryAccountStates());

        Map<LocalDate, List<Decision>> byDay = new TreeMap<>();
        for (Transaction tx : transactions) {
            byDay.computeIfAbsent(LocalDate.ofInstant(tx.timestamp(), ZoneOffset.UTC), d -> new ArrayList<>())
                    .add(scorer.score(tx));
        }

        List<List<Decision>> days = new ArrayList<>(byDay.values());
        assertThat(days.get(0)).allSatisfy(d -> assertThat(d.reviewThreshold()).isEqualTo(0.6));
        for (List<Decision> day : days.subList(1, days.size())) {
            double line = day.get(0).reviewThreshold();
            assertThat(day).allSatisfy(d -> assertThat(d.reviewThreshold()).isEqualTo(line));
            assertThat(day)
                    .filteredOn(d -> d.recommendation() == Recommendation.REVIEW)
                    .allSatisfy(d -> assertThat(d.riskScore()).isGreaterThanOrEqualTo(line));
            assertThat(day)
                    .filteredOn(d -> d.recommendation() == Recommendation.APPROVE)
                    .allSatisfy(d -> assertThat(d.riskScore()).isLessThan(line));
            long alerts = day.stream()
                    .filter(d -> d.recommendation() != Recommendation.APPROVE)
                    .count();
            assertThat((double) alerts / day.size()).isBetween(0.002, 0.02);
        }
    }

    @Test
    void aNewSupervisedModelStartsANewReviewLine() {
        List<Transaction> transactions = everyDay(2, 1_500, new Random(6));
        TransactionScorer scorer = new TransactionScorer(RULES, Optional.empty(), new InMemoryAccountStates());
        transactions.subList(0, 1_500).forEach(scorer::score);
        ReviewLine warm = scorer.reviewLine();

        scorer.useSupervised(Optional.empty());
        assertThat(scorer.reviewLine())
                .as("the same (no) model: the line goes on")
                .isSameAs(warm);
    }

    /** {@code perDay} card payments a day for {@code days} days among 200 accounts, amounts log-normal. */
    private static List<Transaction> everyDay(int days, int perDay, Random random) {
        Transactions fixtures = new Transactions();
        List<Transaction> out = new ArrayList<>();
        Instant start = Instant.parse("2026-05-04T00:00:00Z");
        for (int day = 0; day < days; day++) {
            for (int i = 0; i < perDay; i++) {
                Instant at = start.plus(Duration.ofDays(day)).plusMillis((long) i * 86_400_000 / perDay);
                String amount = String.format(Locale.ROOT, "%.2f", Math.exp(3 + random.nextGaussian()));
                out.add(fixtures.card("acct-" + random.nextInt(200), at, amount, CITIES[random.nextInt(CITIES.length)])
                        .build());
            }
        }
        return out;
    }

    private static final String[] CITIES = {"Berlin", "Paris", "Madrid", "Rome"};
}
