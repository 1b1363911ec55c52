package io.txmon.formats.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.FeatureSettings;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.TransactionScorer;
import io.txmon.testkit.Instants;
import io.txmon.testkit.Transactions;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The default rules' fixed counts judged against the population a model was trained on: "more than 20 an hour" is
 * suspicious among customers who pay a few times a day, and ordinary where everyone pays every two minutes.
 */
class PopulationRulesTest {
    private static final RuleSet DEFAULTS = RuleFile.defaults();
    private static final String HOURLY_RULE = "HIGH_DAILY_HOUR_VOLUME";
    private static final Instant START = Instants.WEDNESDAY_3PM;

    private final Transactions tx = new Transactions();

    @Test
    void onAWorldWhereEveryoneIsBusyABusyAccountIsNotFlaggedByTheHourlyCountRule() {
        List<Transaction> world = everyTwoMinutes(20, 24 * 30);

        List<Decision> burst = scoreAfter(world, Optional.of(train(world)), burstAfter(world));

        assertThat(burst).noneMatch(decision -> decision.reasonCodes().contains(HOURLY_RULE));
    }

    @Test
    void aBusyAccountAmongQuietOnesIsFlaggedByTheHourlyCountRule() {
        List<Transaction> world = everyThreeHours(200, 8);

        List<Decision> burst = scoreAfter(world, Optional.of(train(world)), burstAfter(world));

        // Its 21st payment within the hour is the first over the seeds' limit of 20.
        assertThat(burst.subList(0, 20))
                .noneMatch(decision -> decision.reasonCodes().contains(HOURLY_RULE));
        assertThat(burst.subList(20, 30))
                .allMatch(decision -> decision.reasonCodes().contains(HOURLY_RULE));
    }

    @Test
    void withoutAModelTheHourlyCountRuleDecidesOnTheSeedsLimitAlone() {
        List<Transaction> world = everyTwoMinutes(20, 24 * 30);

        List<Decision> burst = scoreAfter(world, Optional.empty(), burstAfter(world));

        assertThat(burst.subList(20, 30))
                .allMatch(decision -> decision.reasonCodes().contains(HOURLY_RULE));
    }

    private static AnomalyModel train(List<Transaction> history) {
        return AnomalyModelTrainer.builder(3)
                .trees(20)
                .build()
                .train(history, Account::unknown, FeatureSettings.DEFAULTS);
    }

    private static List<Decision> scoreAfter(
            List<Transaction> world, Optional<AnomalyModel> model, List<Transaction> burst) {
        TransactionScorer scorer = new TransactionScorer(DEFAULTS, model, new InMemoryAccountStates());
        world.forEach(scorer::score);
        return burst.stream().map(scorer::score).toList();
    }

    /** Thirty card payments in an hour by a new account, after the world's last transaction. */
    private List<Transaction> burstAfter(List<Transaction> world) {
        Instant from = Instants.minutes(world.get(world.size() - 1).timestamp(), 1);
        List<Transaction> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            burst.add(tx.card("busy-newcomer", Instants.minutes(from, 2L * i), "14.90", "Pune")
                    .build());
        }
        return burst;
    }

    /** {@code accounts} accounts each paying every two minutes, {@code payments} times, all at once. */
    private List<Transaction> everyTwoMinutes(int accounts, int payments) {
        List<Transaction> world = new ArrayList<>();
        for (int p = 0; p < payments; p++) {
            for (int a = 0; a < accounts; a++) {
                world.add(tx.card("busy-" + a, Instants.seconds(START, 120L * p + a), "14.90", "Pune")
                        .build());
            }
        }
        return world;
    }

    /** {@code accounts} accounts each paying every three hours, {@code payments} times. */
    private List<Transaction> everyThreeHours(int accounts, int payments) {
        List<Transaction> world = new ArrayList<>();
        for (int p = 0; p < payments; p++) {
            for (int a = 0; a < accounts; a++) {
                world.add(tx.card("quiet-" + a, Instants.seconds(START, 3 * 3600L * p + 30L * a), "14.90", "Pune")
                        .build());
            }
        }
        return world;
    }
}
