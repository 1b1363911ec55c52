package io.txmon.cli;

import io.txmon.evaluation.Label;
import io.txmon.evaluation.Outcome;
import io.txmon.formats.DecisionFiles;
import io.txmon.formats.DecisionRow;
import io.txmon.formats.RecordWriter;
import io.txmon.model.AnomalyModel;
import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.cluster.LocalCluster;
import io.txmon.stream.topics.DecisionConsumer;
import io.txmon.stream.topics.StreamSettings;
import io.txmon.stream.topics.Topics;
import io.txmon.stream.topics.TransactionProducer;
import io.txmon.transaction.Transaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * {@code demo --stream}'s middle: a Kafka broker and the decision job in this process, the demo's world produced
 * through them, and the decisions read back as a bank's downstream system reads them ({@code read_committed}).
 */
final class DemoStream {
    /** As {@code bin/txmon kafka} creates them. */
    private static final int PARTITIONS = 2;
    /**
     * How long the job's input must stand still, taken to its end by completed checkpoints, before it is stopped:
     * a few checkpoint intervals, so that a checkpoint still under way is not mistaken for the end.
     */
    private static final Duration INPUT_IDLE = Duration.ofSeconds(3);
    /** How long an output topic must stay quiet before it is taken as read; the job has stopped by then. */
    private static final Duration OUTPUT_IDLE = Duration.ofSeconds(2);

    private DemoStream() {}

    /**
     * What the stream did with the world.
     *
     * @param messages decision messages read, which equals {@code decisions.size()} when each was published once
     * @param took from the broker's start to the last output read
     */
    record Result(
            Map<String, DecisionRow> decisions,
            long messages,
            long late,
            long rejected,
            Duration took,
            Path savepoint) {
        Result {
            decisions = Map.copyOf(decisions);
        }

        /** Whether every one of {@code transactions} was decided, once. */
        boolean decidedEach(List<Transaction> transactions) {
            return messages == decisions.size()
                    && decisions.size() == transactions.size()
                    && transactions.stream().map(Transaction::transactionId).allMatch(decisions::containsKey);
        }

        /** The decisions on {@code ids}, in that order, next to their truth. */
        List<Outcome> outcomes(List<String> ids, Map<String, Label> truth) {
            List<Outcome> outcomes = new ArrayList<>(ids.size());
            for (String id : ids) {
                DecisionRow row = decisions.get(id);
                if (row == null) {
                    throw new IllegalStateException("the stream published no decision on transaction " + id);
                }
                Label label = truth.get(id);
                outcomes.add(new Outcome(
                        row.riskScore(),
                        row.recommendation().flags(),
                        row.reasonCodes(),
                        label.suspicious(),
                        label.typology()));
            }
            return outcomes;
        }

        /** Writes the decisions on {@code transactions}, in their order, to the file {@code bin/txmon score} writes. */
        void write(List<Transaction> transactions, Path file) {
            try (RecordWriter<DecisionRow> rows = DecisionFiles.newRowWriter(file)) {
                for (Transaction transaction : transactions) {
                    DecisionRow row = decisions.get(transaction.transactionId());
                    if (row != null) {
                        rows.write(row);
                    }
                }
            }
        }
    }

    /**
     * Starts a broker in {@code dir/kafka} and the job with {@code model} (the default rules alone without one) and
     * checkpoints in {@code dir/checkpoints}, both emptied of an earlier run's first; produces the world's accounts,
     * then all its transactions; stops the job with a savepoint once its input is idle, and reads back what it wrote.
     */
    static Result run(DemoWorld world, Optional<AnomalyModel> model, Path dir, PrintWriter err) throws Exception {
        Path kafkaLog = dir.resolve("kafka");
        Path checkpoints = dir.resolve("checkpoints");
        // A broker log or a savepoint left by an earlier run would hand the job its transactions again, or resume it.
        deleteTree(kafkaLog);
        deleteTree(checkpoints);
        long started = System.nanoTime();
        try (LocalKafka kafka = LocalKafka.start(0, kafkaLog)) {
            Topics topics = Topics.DEFAULTS;
            kafka.createTopics(topics.all(), PARTITIONS, List.of(topics.accounts()));
            String servers = kafka.bootstrapServers();
            try (TransactionProducer producer = new TransactionProducer(servers, topics)) {
                producer.accounts(world.reference().values());
                Duration produced = producer.transactions(world.transactions(), 0, OptionalDouble.empty());
                err.printf(
                        "stream: broker on %s; produced %,d accounts and %,d transactions in %.1f s%n",
                        servers, world.reference().size(), world.transactions().size(), produced.toMillis() / 1e3);
            }

            StreamSettings.Builder builder =
                    StreamSettings.builder(servers).parallelism(1).checkpoints(checkpoints);
            model.ifPresent(builder::model);
            StreamSettings settings = builder.build();
            Path savepoint;
            try (LocalCluster job = LocalCluster.start(settings, 0)) {
                err.printf(
                        "stream: job started, %,d accounts known from the accounts topic; waiting for its input to"
                                + " be idle for %d s%n",
                        job.started().accounts(), INPUT_IDLE.toSeconds());
                err.flush();
                job.awaitIdleInput(settings, INPUT_IDLE);
                savepoint = job.stopWithSavepoint();
            }
            err.printf("stream: stopped with savepoint %s; reading its output back%n", savepoint);

            Map<String, DecisionRow> decisions = new HashMap<>();
            long messages = DecisionConsumer.readDecisions(
                    servers, topics.decisions(), OUTPUT_IDLE, row -> decisions.put(row.transactionId(), row));
            long late = DecisionConsumer.count(servers, topics.late(), OUTPUT_IDLE);
            long rejected = DecisionConsumer.count(servers, topics.rejected(), OUTPUT_IDLE);
            return new Result(
                    decisions, messages, late, rejected, Duration.ofNanos(System.nanoTime() - started), savepoint);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + " from an earlier demo: " + e.getMessage(), e);
        }
    }
}
