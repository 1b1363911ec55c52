package io.txmon.stream;

import io.txmon.transaction.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * A simulated world's transactions through a job on a local mini-cluster, as the parity tests send them: each carries
 * its place in the world's file, which breaks ties as batch scoring's stable sort does, but within each hour they
 * arrive latest first.
 */
final class StreamedWorld {
    private StreamedWorld() {}

    /** The job's decisions on {@code transactions}, by transaction. */
    static Map<String, StreamDecision> decisions(DecisionJob job, List<Transaction> transactions, int parallelism)
            throws Exception {
        return decisions(transactions, parallelism, (env, input) -> job.decide(input));
    }

    /**
     * The decisions of the job {@code decide} builds on the transactions' stream in {@code env}, by transaction: for a
     * test that gives the job more inputs than the transactions.
     */
    static Map<String, StreamDecision> decisions(
            List<Transaction> transactions,
            int parallelism,
            BiFunction<StreamExecutionEnvironment, DataStream<SequencedTransaction>, DecisionJob.Outputs> decide)
            throws Exception {
        List<SequencedTransaction> input = new ArrayList<>();
        transactions.forEach(tx -> input.add(new SequencedTransaction(input.size(), tx)));
        input.sort(Comparator.comparingLong((SequencedTransaction tx) ->
                        tx.transaction().timestamp().getEpochSecond() / 3600)
                .thenComparing(tx -> tx.transaction().timestamp(), Comparator.reverseOrder()));
        // Streaming mode, as on Kafka: a bounded test input would otherwise run as a batch.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        DataStream<SequencedTransaction> stream = env.fromData(input).setParallelism(1);
        Map<String, StreamDecision> decisions = new HashMap<>();
        try (CloseableIterator<StreamDecision> out =
                decide.apply(env, stream).decisions().executeAndCollect()) {
            out.forEachRemaining(decision -> decisions.put(decision.transactionId(), decision));
        }
        return decisions;
    }
}
