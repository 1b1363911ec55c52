package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.evaluation.Label;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.labels.KnownOutcomes;
import io.txmon.labels.LabelTimeline;
import io.txmon.labels.ReportedLabel;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job learning outcomes from a labels input against {@code bin/txmon score --labels}'s way of learning them
 * ({@code KnownOutcomes}, outcomes known strictly before each transaction learned before it is scored): with rules
 * that read what the entities know of fraud, the world's frauds labelled days after they happened (some later
 * cleared) give the same decisions at parallelism 1 and 2.
 */
class DecisionJobOutcomeParityTest {
    /** Rules on known outcomes alone: none fires while no outcome is known. */
    static final String OUTCOME_RULES = """
            name: outcome-parity
            decision:
              alert_budget: off
            rules:
              - id: MERCHANT_KNOWN_FRAUD
                reason_code: MERCHANT_KNOWN_FRAUD
                description: A fraud at the merchant became known in the last 30 days.
                weight: 0.4
                enabled: true
                condition: merchant_known_frauds_30d >= 1
              - id: MERCHANT_FRAUD_ACCOUNTS
                reason_code: MERCHANT_FRAUD_ACCOUNTS
                description: An account defrauded at the merchant in the last 30 days.
                weight: 0.3
                enabled: true
                condition: merchant_fraud_accounts_30d >= 1
              - id: ACCOUNT_KNOWN_FRAUD
                reason_code: ACCOUNT_KNOWN_FRAUD
                description: The paying account has a known fraud in the last 30 days.
                weight: 0.5
                enabled: true
                condition: account_known_frauds_30d >= 1
              - id: DEVICE_FRAUD_SHARE
                reason_code: DEVICE_FRAUD_SHARE
                description: Some of the device's transactions this week are known fraud.
                weight: 0.3
                enabled: true
                condition: device_fraud_share_7d > 0
            """;

    private static ScoredWorld scored;
    private static List<OutcomeLabel> labels;
    private static Map<String, StreamDecision> batch;

    @BeforeAll
    static void labelTheWorldAndScoreItInBatchLearningOutcomes() {
        RuleSet rules = RuleFile.parse(OUTCOME_RULES, "outcome-parity.yaml");
        scored = ScoredWorld.of(11, 300, 14, rules);
        labels = labels(scored);
        Map<String, Transaction> byId = new HashMap<>();
        scored.inEventTimeOrder().forEach(tx -> byId.put(tx.transactionId(), tx));
        LabelTimeline.Builder timeline = LabelTimeline.builder(DecisionJob.DEFAULT_LABEL_DELAY);
        for (OutcomeLabel label : labels) {
            Label said = new Label(label.transactionId(), label.suspicious(), Optional.ofNullable(label.typology()));
            timeline.add(
                    ReportedLabel.learnedAt(said, label.knownAt()),
                    byId.get(label.transactionId()).timestamp());
        }
        KnownOutcomes outcomes = new KnownOutcomes(timeline.build());
        Map<String, Account> accounts = scored.accounts();
        TransactionScorer scorer = new TransactionScorer(
                rules,
                Optional.of(scored.model()),
                new InMemoryAccountStates(id -> accounts.getOrDefault(id, Account.unknown(id))));
        Map<String, Transaction> scoredSoFar = new HashMap<>();
        batch = new HashMap<>();
        // As LabelledReplay does: outcomes known strictly before the transaction, of transactions scored already.
        for (Transaction tx : scored.inEventTimeOrder()) {
            outcomes.learnUpTo(tx.timestamp().minusNanos(1), (id, delta) -> {
                Transaction labelled = scoredSoFar.get(id);
                if (labelled != null) {
                    scorer.learnOutcome(labelled, delta);
                }
            });
            batch.put(tx.transactionId(), StreamDecision.of(scorer.score(tx)));
            scoredSoFar.put(tx.transactionId(), tx);
        }
    }

    /**
     * Every fraud of the world labelled one to three days after it happened (a few milliseconds apart, so that no two
     * become known at the same instant), every fifth cleared by a second label a day later, and as many ordinary
     * transactions labelled ordinary: in the order they became known, as a labels feed sends them.
     */
    private static List<OutcomeLabel> labels(ScoredWorld scored) {
        Map<String, Instant> timeOf = new HashMap<>();
        scored.inEventTimeOrder().forEach(tx -> timeOf.put(tx.transactionId(), tx.timestamp()));
        List<OutcomeLabel> labels = new ArrayList<>();
        int frauds = 0;
        int ordinary = 0;
        for (Label label : scored.world().labels()) {
            Instant happened = timeOf.get(label.transactionId());
            if (label.suspicious()) {
                Instant known = happened.plus(Duration.ofDays(1 + frauds % 3)).plusMillis(frauds);
                labels.add(new OutcomeLabel(
                        label.transactionId(), true, label.typology().orElse(null), known));
                if (frauds % 5 == 0) {
                    labels.add(new OutcomeLabel(label.transactionId(), false, null, known.plus(Duration.ofDays(1))));
                }
                frauds++;
            } else if (ordinary < frauds) {
                labels.add(new OutcomeLabel(
                        label.transactionId(),
                        false,
                        null,
                        happened.plus(Duration.ofDays(2)).plusMillis(7 + ordinary)));
                ordinary++;
            }
        }
        labels.sort(Comparator.comparing(OutcomeLabel::knownAt));
        return List.copyOf(labels);
    }

    @Test
    void everyOutcomeRuleFiresOnSomeTransactionsAndTheOutcomesChangeDecisions() {
        int all = batch.size();
        for (String code : List.of(
                "MERCHANT_KNOWN_FRAUD", "MERCHANT_FRAUD_ACCOUNTS", "ACCOUNT_KNOWN_FRAUD", "DEVICE_FRAUD_SHARE")) {
            long fired = batch.values().stream()
                    .filter(decision -> decision.reasonCodes().contains(code))
                    .count();
            assertThat(fired).as(code + " of " + all).isGreaterThan(10).isLessThan(all * 9L / 10);
        }
        long changed = batch.values().stream()
                .filter(decision -> decision.riskScore()
                        != scored.batch().get(decision.transactionId()).riskScore())
                .count();
        assertThat(changed).as("decisions that the outcomes changed").isGreaterThan(100);
        assertThat(labels).anyMatch(label -> !label.suspicious());
    }

    @Test
    void learnsOutcomesAndDecidesEveryTransactionAsBatchScoringDoesOnOneTask() throws Exception {
        assertThat(streamed(1)).isEqualTo(batch);
    }

    @Test
    void learnsOutcomesAndDecidesEveryTransactionAsBatchScoringDoesOnTwoTasks() throws Exception {
        assertThat(streamed(2)).isEqualTo(batch);
    }

    private static Map<String, StreamDecision> streamed(int parallelism) throws Exception {
        DecisionJob job = DecisionJob.of(
                Optional.of(OUTCOME_RULES), Optional.of(scored.model()), scored.accounts(), Duration.ofDays(1));
        return StreamedWorld.decisions(scored.world().transactions(), parallelism, (env, transactions) -> {
            DataStream<OutcomeLabel> feed = env.fromData(labels).setParallelism(1);
            return job.decideLearning(transactions, feed);
        });
    }
}
