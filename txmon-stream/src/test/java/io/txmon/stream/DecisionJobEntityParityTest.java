package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.rules.RuleFile;
import io.txmon.scoring.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job against batch scoring with rules that read the features of the entities a transaction touches: its
 * merchant's, its device's, its payee's as a receiver. The world's transactions arrive out of order; the same
 * decisions come out at parallelism 1 and 2.
 */
class DecisionJobEntityParityTest {
    /**
     * Rules on entity features alone, each firing on some of the world's transactions and not on others, and none
     * when its entity's features are zero: a job that left them so would decide otherwise.
     */
    static final String ENTITY_RULES = """
            name: entity-parity
            decision:
              alert_budget: off
            rules:
              - id: BUSY_MERCHANT
                reason_code: BUSY_MERCHANT
                description: Many accounts at the merchant this week.
                weight: 0.4
                enabled: true
                condition: merchant_accounts_7d >= 20
              - id: YOUNG_MERCHANT
                reason_code: YOUNG_MERCHANT
                description: A merchant first seen less than two days ago.
                weight: 0.3
                enabled: true
                condition: merchant_tx_count_1d >= 1 && merchant_age_days < 2
              - id: KNOWN_DEVICE
                reason_code: KNOWN_DEVICE
                description: A device first seen a week or more ago (the world's devices are each one account's).
                weight: 0.5
                enabled: true
                condition: device_accounts_7d >= 1 && device_age_days >= 7
              - id: BUSY_DEVICE
                reason_code: BUSY_DEVICE
                description: A device used often today.
                weight: 0.2
                enabled: true
                condition: device_tx_count_1d >= 4
              - id: BUSY_PAYEE
                reason_code: BUSY_PAYEE
                description: A receiving account paid more than once today.
                weight: 0.6
                enabled: true
                condition: payee_tx_count_1d >= 2
            """;

    private static ScoredWorld scored;
    private static Map<String, StreamDecision> batch;

    @BeforeAll
    static void scoreTheWorldInBatch() {
        scored = ScoredWorld.of(11, 300, 14, RuleFile.parse(ENTITY_RULES, "entity-parity.yaml"));
        batch = scored.batch(StreamDecision::of);
    }

    @Test
    void everyEntityRuleFiresOnSomeTransactionsAndNotOnMost() {
        int all = scored.batch().size();
        for (String code : List.of("BUSY_MERCHANT", "YOUNG_MERCHANT", "KNOWN_DEVICE", "BUSY_DEVICE", "BUSY_PAYEE")) {
            long fired = scored.batch().values().stream()
                    .filter(decision -> firedOn(decision, code))
                    .count();
            assertThat(fired).as(code + " of " + all).isGreaterThan(10).isLessThan(all * 9L / 10);
        }
    }

    @Test
    void decidesEveryTransactionAsBatchScoringDoesOnOneTask() throws Exception {
        assertThat(streamed(1)).isEqualTo(batch);
    }

    @Test
    void decidesEveryTransactionAsBatchScoringDoesOnTwoTasks() throws Exception {
        assertThat(streamed(2)).isEqualTo(batch);
    }

    private static boolean firedOn(Decision decision, String code) {
        return StreamDecision.of(decision).reasonCodes().contains(code);
    }

    private static Map<String, StreamDecision> streamed(int parallelism) throws Exception {
        DecisionJob job = DecisionJob.of(
                Optional.of(ENTITY_RULES), Optional.of(scored.model()), scored.accounts(), Duration.ofDays(1));
        return StreamedWorld.decisions(job, scored.world().transactions(), parallelism);
    }
}
