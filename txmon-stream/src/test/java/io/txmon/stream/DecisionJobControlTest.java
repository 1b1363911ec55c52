package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.rules.RuleFile;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The whole job on a local mini-cluster with account updates and control messages, where the order in which they
 * meet the transactions does not matter (the operator harness tests cover the order): a refused rule file changes
 * nothing, and the job's metrics count what it decided.
 */
class DecisionJobControlTest {
    private static final Instant NINE = Instant.parse("2026-02-02T09:00:00Z");

    @Test
    void aRuleFileThatDoesNotParseIsRefusedOnControlErrorsAndEveryTransactionIsDecidedWithTheRunningRules()
            throws Exception {
        StreamExecutionEnvironment env = streaming(2, new Configuration());
        List<SequencedTransaction> input = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Transaction tx = Transaction.builder(
                            "t" + i, NINE.plusSeconds(60L * i), "acct_" + (i % 4), new BigDecimal("250.00"))
                    .build();
            input.add(new SequencedTransaction(i, tx));
        }
        String broken = ControlFixtures.defaultRuleFile().replace("weight: 0.5", "weight: heavy");
        DataStream<ReferenceAccount> updates = env.fromData(ReferenceAccount.of(Account.unknown("acct_1")));
        DataStream<ControlMessage> control = env.fromData(ControlMessage.rules("broken.yaml", broken));

        DecisionJob.Outputs outputs = DecisionJob.of(
                        Optional.empty(), Optional.empty(), Map.of(), Duration.ofMinutes(2))
                .decide(env.fromData(input), updates, control);
        DataStream<String> tagged = outputs.decisions()
                .map(d -> "decided " + d.transactionId() + " " + d.ruleSetVersion())
                .union(outputs.controlErrors().map(e -> "refused " + e.origin() + " " + e.reason()));
        List<String> decided = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try (CloseableIterator<String> out = tagged.executeAndCollect()) {
            out.forEachRemaining(line -> (line.startsWith("decided") ? decided : refused).add(line));
        }

        assertThat(refused)
                .singleElement()
                .asString()
                .startsWith("refused broken.yaml")
                .contains("weight");
        assertThat(decided).hasSize(input.size());
        assertThat(decided).allSatisfy(line -> assertThat(line)
                .endsWith(" " + RuleFile.defaults().version()));
    }

    @Test
    void theJobsMetricsCountEachDecisionUnderItsRiskLevelAndEachDuplicate() throws Exception {
        SimulatedData world = Simulator.simulate(
                SimulationSettings.builder().seed(3).customers(80).days(7).build());
        Map<String, Account> accounts = new HashMap<>();
        world.accounts().forEach(account -> accounts.put(account.userId(), account));
        List<SequencedTransaction> input = new ArrayList<>();
        for (Transaction tx : world.transactions()) {
            input.add(new SequencedTransaction(input.size(), tx));
            if (input.size() == 1) {
                // Sent again at once: its account still holds the first copy for the watermark.
                input.add(new SequencedTransaction(input.size(), tx));
            }
        }
        KeptMetrics.forget();
        StreamExecutionEnvironment env = streaming(2, KeptMetrics.addTo(new Configuration()));
        DecisionJob job =
                DecisionJob.of(Optional.empty(), Optional.of(ControlFixtures.model()), accounts, Duration.ofHours(1));

        Map<String, Long> decidedByLevel = new TreeMap<>();
        try (CloseableIterator<StreamDecision> out =
                job.decide(env.fromData(input).setParallelism(1)).decisions().executeAndCollect()) {
            out.forEachRemaining(decision -> decidedByLevel.merge(decision.riskLevel(), 1L, Long::sum));
        }

        assertThat(decidedByLevel).as("a world with more than one risk level").hasSizeGreaterThan(1);
        assertThat(countersByLevel()).isEqualTo(decidedByLevel);
        assertThat(sum(JobMetrics.DUPLICATE_TRANSACTIONS)).isEqualTo(1);
        long timed = KeptMetrics.named(JobMetrics.SCORING_LATENCY).stream()
                .mapToLong(kept -> ((Histogram) kept.metric()).getCount())
                .sum();
        assertThat(timed).isEqualTo(world.transactions().size());
    }

    /** The decisions counters of every task, summed by the risk level their group names, leaving out zeros. */
    private static Map<String, Long> countersByLevel() {
        Map<String, Long> byLevel = new TreeMap<>();
        for (KeptMetrics.Kept kept : KeptMetrics.named(JobMetrics.TRANSACTIONS_PROCESSED)) {
            String level = kept.variables().get("<" + JobMetrics.RISK_LEVEL + ">");
            long count = ((Counter) kept.metric()).getCount();
            if (count > 0) {
                byLevel.merge(level, count, Long::sum);
            }
        }
        return byLevel;
    }

    private static long sum(String counterName) {
        return KeptMetrics.named(counterName).stream()
                .mapToLong(kept -> ((Counter) kept.metric()).getCount())
                .sum();
    }

    /** A local mini-cluster in streaming mode, as on Kafka: a bounded test input would otherwise run as a batch. */
    private static StreamExecutionEnvironment streaming(int parallelism, Configuration config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        return env;
    }
}
