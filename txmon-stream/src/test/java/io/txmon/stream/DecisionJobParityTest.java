package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.DecisionThresholds;
import io.txmon.scoring.TransactionScorer;
import io.txmon.simulator.SimulatedData;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job on a local Flink mini-cluster against batch scoring: the same simulated world, transfers between accounts
 * that both pay and receive included, gives the same decision on every transaction, at parallelism 1 and 2.
 */
class DecisionJobParityTest {
    private static SimulatedData world;
    private static Map<String, Account> accounts;
    private static List<Transaction> inEventTimeOrder;
    private static AnomalyModel model;
    private static Map<String, StreamDecision> batch;

    @BeforeAll
    static void scoreTheWorldInBatch() {
        ScoredWorld scored = ScoredWorld.of(11, 300, 14);
        world = scored.world();
        accounts = scored.accounts();
        inEventTimeOrder = scored.inEventTimeOrder();
        model = scored.model();
        batch = scored.batch(StreamDecision::of);
    }

    @Test
    void theWorldHoldsTransfersBetweenAccountsThatAlsoPay() {
        long transfers = world.transactions().stream()
                .filter(tx -> tx.type() == TransactionType.TRANSFER && tx.payeeAccount() != null)
                .filter(tx -> accounts.containsKey(tx.payeeAccount()))
                .count();

        assertThat(transfers).isGreaterThan(100);
    }

    @Test
    void theWorldIsLongEnoughForTheAlertBudgetToMoveTheReviewLine() {
        assertThat(batch.values())
                .extracting(StreamDecision::reviewThreshold)
                .contains(DecisionThresholds.DEFAULT_REVIEW_AT)
                .anyMatch(line -> line != DecisionThresholds.DEFAULT_REVIEW_AT);
    }

    @Test
    void decidesEveryTransactionAsBatchScoringDoesOnOneTask() throws Exception {
        assertThat(streamed(1)).isEqualTo(batch);
    }

    @Test
    void decidesEveryTransactionAsBatchScoringDoesOnTwoTasks() throws Exception {
        assertThat(streamed(2)).isEqualTo(batch);
    }

    @Test
    void breaksTiesInEventTimeByInputOrderAsBatchScoringDoes() throws Exception {
        List<Transaction> ties = new ArrayList<>();
        Instant[] instants = {
            Instant.parse("2026-01-20T09:00:00Z"),
            Instant.parse("2026-01-20T09:00:05Z"),
            Instant.parse("2026-01-21T18:30:00Z")
        };
        String[] people = {"tie_a", "tie_b", "tie_c"};
        for (int i = 0; i < 36; i++) {
            String payer = people[i % 3];
            Transaction.Builder tx = Transaction.builder(
                    "tie_" + i, instants[i / 12], payer, new BigDecimal(15 + 37 * (i % 7) + i * i).setScale(2));
            if (i % 4 == 0) {
                tx.type(TransactionType.TRANSFER).counterpartyId(people[(i + 1) % 3]);
            }
            ties.add(tx.build());
        }
        Function<String, Account> directory = Account::unknown;
        TransactionScorer scorer =
                new TransactionScorer(RuleFile.defaults(), Optional.of(model), new InMemoryAccountStates(directory));
        Map<String, StreamDecision> expected = new HashMap<>();
        for (Transaction tx : ties) {
            expected.put(tx.transactionId(), StreamDecision.of(scorer.score(tx)));
        }
        List<SequencedTransaction> input = new ArrayList<>();
        for (Transaction tx : ties) {
            input.add(new SequencedTransaction(input.size(), tx));
        }
        // Latest first within each instant: every tie arrives in the reverse of its input order.
        input.sort(Comparator.comparing(
                        (SequencedTransaction tx) -> tx.transaction().timestamp())
                .thenComparing(SequencedTransaction::sequence, Comparator.reverseOrder()));

        assertThat(run(input, Map.of(), 2)).isEqualTo(expected);
    }

    /**
     * The job's decisions on the world, by transaction. Each transaction carries its place in the world's file, which
     * breaks ties as batch scoring's stable sort does, but they arrive out of order: within each hour, latest first.
     */
    private static Map<String, StreamDecision> streamed(int parallelism) throws Exception {
        List<SequencedTransaction> input = new ArrayList<>();
        for (Transaction tx : world.transactions()) {
            input.add(new SequencedTransaction(input.size(), tx));
        }
        input.sort(Comparator.comparingLong((SequencedTransaction tx) -> hourOf(tx))
                .thenComparing(tx -> tx.transaction().timestamp(), Comparator.reverseOrder()));
        long backwards = 0;
        for (int i = 1; i < input.size(); i++) {
            backwards += input.get(i)
                            .transaction()
                            .timestamp()
                            .isBefore(input.get(i - 1).transaction().timestamp())
                    ? 1
                    : 0;
        }
        assertThat(backwards)
                .as("transactions arriving earlier in event time than the one before")
                .isGreaterThan(100);
        return run(input, accounts, parallelism);
    }

    /** The job's decisions on {@code input}, sent in its order, by transaction. */
    private static Map<String, StreamDecision> run(
            List<SequencedTransaction> input, Map<String, Account> reference, int parallelism) throws Exception {
        StreamExecutionEnvironment env = streaming(parallelism);
        DataStream<SequencedTransaction> transactions = env.fromData(input).setParallelism(1);
        DecisionJob job = DecisionJob.of(Optional.empty(), Optional.of(model), reference, Duration.ofDays(1));
        Map<String, StreamDecision> decisions = new HashMap<>();
        try (CloseableIterator<StreamDecision> out =
                job.decide(transactions).decisions().executeAndCollect()) {
            out.forEachRemaining(decision -> decisions.put(decision.transactionId(), decision));
        }
        return decisions;
    }

    private static long hourOf(SequencedTransaction tx) {
        return tx.transaction().timestamp().getEpochSecond() / 3600;
    }

    /** A local mini-cluster in streaming mode, as on Kafka: a bounded test input would otherwise run as a batch. */
    private static StreamExecutionEnvironment streaming(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        return env;
    }
}
