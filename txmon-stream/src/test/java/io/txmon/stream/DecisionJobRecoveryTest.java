package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The job fails part-way and restarts from its last checkpoint: its account states and waiting halves come back
 * with it, and every transaction is decided exactly once, as in a run that never failed.
 */
class DecisionJobRecoveryTest {
    /** Set once the injected failure has happened: the restarted job must not fail again. */
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    /** Set once a checkpoint has completed: the failure waits for one, so the restart restores state from it. */
    private static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();

    @Test
    void aJobRestartedFromItsCheckpointDecidesEveryTransactionOnceAndAsAnUninterruptedRunDoes() throws Exception {
        SimulatedData world = Simulator.simulate(
                SimulationSettings.builder().seed(5).customers(120).days(10).build());
        Map<String, Account> accounts = new HashMap<>();
        world.accounts().forEach(account -> accounts.put(account.userId(), account));
        List<SequencedTransaction> input = new ArrayList<>();
        for (Transaction tx : world.transactions()) {
            input.add(new SequencedTransaction(input.size(), tx));
        }

        List<Transaction> ordered = new ArrayList<>(world.transactions());
        ordered.sort(Comparator.comparing(Transaction::timestamp));
        // With the model, every decision's score depends on its accounts' states, so a lost state shows.
        AnomalyModel model = AnomalyModelTrainer.builder(3)
                .build()
                .train(
                        AnomalyModelTrainer.earliestShare(ordered, 0.25),
                        id -> accounts.getOrDefault(id, Account.unknown(id)),
                        RuleFile.defaults().features());

        List<StreamDecision> uninterrupted = run(input, accounts, model, Integer.MAX_VALUE);
        FAILED.set(false);
        CHECKPOINTED.set(false);
        List<StreamDecision> recovered = run(input, accounts, model, input.size() / 2);

        assertThat(FAILED).as("the failure was injected").isTrue();
        assertThat(recovered).hasSameSizeAs(input);
        assertThat(recovered).containsExactlyInAnyOrderElementsOf(uninterrupted);
    }

    private static List<StreamDecision> run(
            List<SequencedTransaction> input, Map<String, Account> accounts, AnomalyModel model, int failAt)
            throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, config);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(50);
        DataStream<SequencedTransaction> transactions =
                env.fromData(input).setParallelism(1).map(new FailOnce(failAt)).setParallelism(1);
        DecisionJob job = DecisionJob.of(Optional.empty(), Optional.of(model), accounts, Duration.ofHours(1));
        List<StreamDecision> decisions = new ArrayList<>();
        try (CloseableIterator<StreamDecision> out =
                job.decide(transactions).decisions().executeAndCollect()) {
            out.forEachRemaining(decisions::add);
        }
        return decisions;
    }

    /**
     * Passes transactions on, and fails the job once: at the first transaction from the given one on that comes after
     * a completed checkpoint.
     */
    private static final class FailOnce
            implements MapFunction<SequencedTransaction, SequencedTransaction>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        private final int failAt;

        FailOnce(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public SequencedTransaction map(SequencedTransaction tx) throws Exception {
            if (tx.sequence() >= failAt && !FAILED.get()) {
                if (CHECKPOINTED.get()) {
                    FAILED.set(true);
                    throw new IllegalStateException("injected failure at transaction " + tx.sequence());
                }
                // Slows down until a checkpoint completes; barriers pass between records, so one does.
                Thread.sleep(20);
            }
            return tx;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }
}
