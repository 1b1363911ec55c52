package io.txmon.benchmarks.stream;

import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.stream.StreamDecision;
import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.cluster.LocalCluster;
import io.txmon.stream.topics.OutputMessages;
import io.txmon.stream.topics.StreamSettings;
import io.txmon.stream.topics.Topics;
import io.txmon.stream.topics.TransactionMessages;
import io.txmon.stream.topics.TransactionProducer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Decisions per second through Kafka, Flink and Kafka on this machine, broker included, against references measured
 * in the same run, and the end-to-end latency at a steady rate. Run: {@code txmon-benchmarks/scripts/stream-load.sh},
 * or {@code java -cp txmon-benchmarks/target/benchmarks.jar io.txmon.benchmarks.stream.StreamLoad [--name value]...}
 * (options in {@link Options}).
 *
 * <p>One JVM holds everything, as {@code bin/txmon kafka} and {@code bin/txmon stream} on one machine would: a
 * simulated world and its model, a local broker, the transactions produced once onto one topic, then in turn
 *
 * <ol>
 *   <li>the reference, {@link KeyedCounterJob}: the same topic through a keyed counter to an exactly-once sink;
 *   <li>the floor, {@link RequiredOutputsJob} (unless {@code --required-outputs false}), twice: the counter's plumbing
 *       writing txmon's outputs (a typical decision per transaction, alerts for txmon's share) without deciding,
 *       once parsing every transaction and once reading its id alone;
 *   <li>txmon's {@code KafkaDecisionJob} on {@code LocalCluster}, a fresh consumer group, the same checkpoint
 *       interval and parallelism;
 *   <li>{@code bin/txmon score}'s decision loop in process ({@link TransactionScorer} over the same transactions in
 *       event-time order, the same model);
 *   <li>the latency: the job on topics of its own, a producer at a steady rate whose transactions carry their send
 *       time as event time, and readers of the decisions topic that note when each decision arrives.
 * </ol>
 *
 * <p>Both jobs are timed the same way: from just before the job is started (mini-cluster start-up included) until a
 * {@code read_committed} reader of the output topic, started beforehand, has received one message per transaction.
 * The topic ends with one far-future transaction on each partition, so that txmon's watermark passes every real
 * transaction; the counter counts those two as well, which the criterion ignores. A second rate, "after first",
 * leaves start-up out: the messages after the first commit's over the time from the first committed message to the
 * last (the throughput checkpoint interval must be well over 100 ms for the first commit to be told apart).
 */
public final class StreamLoad {
    private static final String INPUT = "load";
    private static final double NANOS = 1e9;

    private StreamLoad() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, Java %s (%s), max heap %,d MB%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("options: " + options);

        long started = System.nanoTime();
        SimulatedData world = Simulator.simulate(SimulationSettings.builder()
                .seed(options.seed)
                .customers(options.customers)
                .days(options.days)
                .build());
        Map<String, Account> accounts = new HashMap<>();
        world.accounts().forEach(account -> accounts.put(account.userId(), account));
        Function<String, Account> directory = id -> accounts.getOrDefault(id, Account.unknown(id));
        List<Transaction> inEventTimeOrder = new ArrayList<>(world.transactions());
        inEventTimeOrder.sort(Comparator.comparing(Transaction::timestamp));
        RuleSet rules = RuleFile.defaults();
        AnomalyModel model = AnomalyModelTrainer.builder(7)
                .build()
                .train(AnomalyModelTrainer.earliestShare(inEventTimeOrder, 0.25), directory, rules.features());
        int n = inEventTimeOrder.size();
        System.out.printf(
                Locale.ROOT,
                "world: seed %d, %,d customers, %d days: %,d transactions of %,d accounts; simulated and model trained"
                        + " in %.1f s%n",
                options.seed,
                options.customers,
                options.days,
                n,
                accounts.size(),
                (System.nanoTime() - started) / NANOS);

        List<Row> rows = new ArrayList<>();
        // The broker's logs and the jobs' checkpoints: over a gigabyte a run, deleted at the end.
        Path dir = Files.createTempDirectory("txmon-stream-load");
        try (LocalKafka kafka = LocalKafka.start(0, dir.resolve("kafka"))) {
            String servers = kafka.bootstrapServers();
            Topics input = Topics.prefixed(INPUT, INPUT);
            kafka.createTopics(
                    List.of(input.transactions(), input.accounts()), options.partitions, List.of(input.accounts()));
            Duration produced;
            try (TransactionProducer producer = new TransactionProducer(servers, input)) {
                producer.accounts(accounts.values());
                produced = producer.transactions(inEventTimeOrder, 0, OptionalDouble.empty());
            }
            endOfInput(servers, input.transactions(), inEventTimeOrder.get(n - 1), n, options.partitions);
            rows.add(new Row("producer (TransactionProducer, idempotent, acks=all)", n, produced.toNanos() / NANOS));
            System.out.println(rows.get(rows.size() - 1).line());

            RequiredOutputsJob.TypicalDecisions typical =
                    options.requiredOutputs ? typicalDecisions(inEventTimeOrder, rules, model, directory) : null;

            // The first round's jobs pay for the JIT's compiling of their code, and the counter, first, for much of
            // Kafka's and Flink's that txmon then finds compiled: a fifth of the process's CPU time in the first
            // txmon job went to the compiler threads in a JFR profile (BENCHMARKS.md, run 5). Later rounds are warm.
            for (int round = 1; round <= options.rounds; round++) {
                for (StreamSettings.StateBackend backend : options.backends) {
                    String tag =
                            backend.name().toLowerCase(Locale.ROOT) + (options.rounds > 1 ? ", round " + round : "");
                    String id = backend.name().toLowerCase(Locale.ROOT) + "-" + round; // topics and groups of their own
                    Topics counterTopics = Topics.prefixed(INPUT, "counter-" + id);
                    kafka.createTopics(List.of(counterTopics.decisions()), options.partitions, List.of());
                    Row counter = throughput(
                            "keyed counter (reference), " + tag,
                            servers,
                            counterTopics.decisions(),
                            n,
                            options.idle,
                            () -> KeyedCounterJob.start(
                                    servers,
                                    input.transactions(),
                                    counterTopics.decisions(),
                                    "counter-" + id,
                                    options.parallelism,
                                    options.checkpointInterval,
                                    backend));
                    rows.add(counter);
                    if (typical != null) {
                        for (RequiredOutputsJob.Reading reading : RequiredOutputsJob.Reading.values()) {
                            String floorId = "floor-" + reading.name().toLowerCase(Locale.ROOT) + "-" + id;
                            Topics floorTopics = Topics.prefixed(INPUT, floorId);
                            kafka.createTopics(
                                    List.of(floorTopics.decisions(), floorTopics.alerts()),
                                    options.partitions,
                                    List.of());
                            Row floor = throughput(
                                    "required outputs, "
                                            + reading.name()
                                                    .toLowerCase(Locale.ROOT)
                                                    .replace('_', ' ') + ", no deciding (floor), " + tag,
                                    servers,
                                    floorTopics.decisions(),
                                    n,
                                    options.idle,
                                    () -> RequiredOutputsJob.start(
                                            servers,
                                            input.transactions(),
                                            floorTopics.decisions(),
                                            floorTopics.alerts(),
                                            floorId,
                                            options.parallelism,
                                            options.checkpointInterval,
                                            backend,
                                            typical,
                                            reading));
                            rows.add(floor);
                            compare(tag + ", floor " + reading.name().toLowerCase(Locale.ROOT), floor, counter);
                        }
                    }

                    Row txmon = txmon(
                            "txmon KafkaDecisionJob, " + tag,
                            "txmon-" + id,
                            Optional.of(model),
                            kafka,
                            dir,
                            options,
                            backend,
                            n);
                    rows.add(txmon);
                    compare(tag, txmon, counter);
                    if (options.rulesAlone) {
                        Row rulesAlone = txmon(
                                "txmon KafkaDecisionJob, rules alone (no model), " + tag,
                                "txmon-rules-" + id,
                                Optional.empty(),
                                kafka,
                                dir,
                                options,
                                backend,
                                n);
                        rows.add(rulesAlone);
                        compare(tag + ", rules alone", rulesAlone, counter);
                    }
                }
            }

            for (int pass = 1; pass <= 2; pass++) {
                rows.add(score(pass, inEventTimeOrder, rules, model, directory));
            }

            Latency latency = options.latencySeconds > 0
                    ? latency(kafka, dir, options, accounts.values(), inEventTimeOrder, model)
                    : null;

            System.out.println();
            System.out.println("== throughput: " + n + " transactions, parallelism " + options.parallelism
                    + ", checkpoints every " + options.checkpointInterval.toMillis() + " ms");
            System.out.printf(
                    Locale.ROOT,
                    "%-64s %10s %9s %12s %12s %10s%n",
                    "what",
                    "records",
                    "seconds",
                    "per second",
                    "after first",
                    "CPU µs/rec");
            rows.forEach(row -> System.out.println(row.line()));
            if (latency != null) {
                System.out.println();
                latency.print();
            }
        } finally {
            FileUtils.deleteDirectory(dir.toFile());
        }
    }

    /** A job that runs until closed. */
    @FunctionalInterface
    private interface JobStart {
        AutoCloseable start() throws Exception;
    }

    /**
     * How long a job takes from its start until a {@code read_committed} reader has {@code n} of its outputs; gives
     * up when no output has come for {@code idle}.
     */
    private static Row throughput(String name, String servers, String output, long n, Duration idle, JobStart job)
            throws Exception {
        Progress progress = new Progress(n);
        long started;
        long cpuAtStart;
        try (OutputWatch watch = OutputWatch.start(
                servers, output, OutputWatch.Isolation.READ_COMMITTED, (key, at) -> progress.received(at))) {
            Thread.sleep(1_000); // the reader assigned and at the beginning before the job writes
            cpuAtStart = processCpuNanos();
            started = System.nanoTime();
            try (AutoCloseable running = job.start()) {
                long lastCount = -1;
                long lastChange = System.nanoTime();
                while (progress.doneAt == 0) {
                    Thread.sleep(100);
                    long count = progress.count;
                    if (count != lastCount) {
                        lastCount = count;
                        lastChange = System.nanoTime();
                    } else if (System.nanoTime() - lastChange > idle.toNanos()) {
                        System.out.printf(
                                Locale.ROOT,
                                "  %s: gave up at %,d of %,d outputs, idle for %s%n",
                                name,
                                count,
                                n,
                                idle);
                        break;
                    }
                }
            }
        }
        long end = progress.doneAt == 0 ? progress.lastAt : progress.doneAt;
        // Up to the job's stop, not to its last output: what the whole process (broker, job, reader) spent on it.
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / NANOS;
        Row row = new Row(
                name,
                progress.doneAt == 0 ? progress.count : n,
                (end - started) / NANOS,
                progress.doneAt == 0 ? 0 : progress.done() - progress.countAtFirst,
                (end - progress.firstAt) / NANOS,
                cpuSeconds);
        System.out.println(row.line());
        return row;
    }

    /**
     * What the reader has seen; written by its thread only. The first commit's messages are those read within
     * {@link #FIRST_COMMIT} of the first one: the sinks commit once a checkpoint, at least that far apart.
     */
    private static final class Progress {
        private static final Duration FIRST_COMMIT = Duration.ofMillis(100);

        private final long target;
        volatile long count;
        volatile long firstAt;
        volatile long countAtFirst;
        volatile long lastAt;
        volatile long doneAt;

        Progress(long target) {
            this.target = target;
        }

        void received(long at) {
            if (firstAt == 0) {
                firstAt = at;
            }
            if (at - firstAt <= FIRST_COMMIT.toNanos()) {
                countAtFirst++;
            }
            count++;
            lastAt = at;
            if (count == target) {
                doneAt = at;
            }
        }

        long done() {
            return target;
        }
    }

    /** What {@code bin/txmon score} decides with: the rules, the model, and no account known yet. */
    private static TransactionScorer freshScorer(
            RuleSet rules, AnomalyModel model, Function<String, Account> directory) {
        return new TransactionScorer(rules, Optional.of(model), new InMemoryAccountStates(directory));
    }

    /** {@code bin/txmon score}'s loop: every transaction in event-time order through one scorer, fresh states. */
    private static Row score(
            int pass,
            List<Transaction> inEventTimeOrder,
            RuleSet rules,
            AnomalyModel model,
            Function<String, Account> directory) {
        TransactionScorer scorer = freshScorer(rules, model, directory);
        long started = System.nanoTime();
        double sum = 0;
        for (Transaction transaction : inEventTimeOrder) {
            sum += scorer.score(transaction).riskScore();
        }
        double seconds = (System.nanoTime() - started) / NANOS;
        Row row = new Row(
                "TransactionScorer in process (score's loop), pass " + pass
                        + (sum < 0 ? "" : pass == 1 ? ", JIT cold" : ", warm"),
                inEventTimeOrder.size(),
                seconds);
        System.out.println(row.line());
        return row;
    }

    /**
     * The job on topics of its own; a producer at {@code options.rate} a second, each transaction stamped with its
     * send time as its event time; readers of the decisions topic, committed and uncommitted, noting when each
     * decision arrives. The first {@code warmUp} seconds and the last second are sent but not measured.
     */
    private static Latency latency(
            LocalKafka kafka,
            Path dir,
            Options options,
            java.util.Collection<Account> accounts,
            List<Transaction> inEventTimeOrder,
            AnomalyModel model)
            throws Exception {
        Topics topics = Topics.prefixed("latency", "latency");
        kafka.createTopics(topics.all(), options.partitions, List.of(topics.accounts()));
        String servers = kafka.bootstrapServers();
        try (TransactionProducer producer = new TransactionProducer(servers, topics)) {
            producer.accounts(accounts);
        }
        int warmUp = options.rate * options.latencyWarmUpSeconds;
        int measured = options.rate * options.latencySeconds;
        int total = warmUp + measured + options.rate;
        if (total > inEventTimeOrder.size()) {
            throw new IllegalArgumentException("the latency phase sends " + total + " transactions, the world has only "
                    + inEventTimeOrder.size() + ": more --customers or --days, or fewer --latency-s");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < total; i++) {
            index.put(inEventTimeOrder.get(i).transactionId(), i);
        }
        long[] sentAt = new long[total];
        long[] committedAt = new long[total];
        long[] uncommittedAt = new long[total];

        StreamSettings settings = StreamSettings.builder(servers)
                .topics(topics)
                .groupId("latency")
                .parallelism(options.parallelism)
                .model(model)
                .checkpointInterval(options.latencyCheckpointInterval)
                .checkpoints(dir.resolve("checkpoints-latency"))
                .outOfOrderness(options.latencyOutOfOrderness)
                .watermarkInterval(options.watermarkInterval)
                .delivery(options.latencyDelivery)
                .bufferTimeout(options.bufferTimeout)
                .build();
        double sendSeconds;
        try (OutputWatch committed = OutputWatch.start(
                        servers, topics.decisions(), OutputWatch.Isolation.READ_COMMITTED, (key, at) -> {
                            Integer i = index.get(key);
                            if (i != null && committedAt[i] == 0) {
                                committedAt[i] = at;
                            }
                        });
                OutputWatch uncommitted = OutputWatch.start(
                        servers, topics.decisions(), OutputWatch.Isolation.READ_UNCOMMITTED, (key, at) -> {
                            Integer i = index.get(key);
                            if (i != null && uncommittedAt[i] == 0) {
                                uncommittedAt[i] = at;
                            }
                        });
                LocalCluster job = LocalCluster.start(settings, 0);
                KafkaProducer<byte[], byte[]> producer = producer(servers)) {
            Thread.sleep(3_000); // the job's tasks deployed and its sources assigned
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * NANOS / options.rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Transaction original = inEventTimeOrder.get(i);
                sentAt[i] = System.nanoTime();
                producer.send(TransactionMessages.record(
                        topics.transactions(),
                        i,
                        options.latencyEventTime == EventTime.SEND
                                ? retimed(original, original.transactionId(), Instant.now())
                                : original));
            }
            producer.flush();
            sendSeconds = (sentAt[warmUp + measured - 1] - sentAt[warmUp]) / NANOS;
            long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < waitUntil && !allSeen(committedAt, warmUp, warmUp + measured)) {
                Thread.sleep(100);
            }
            Thread.sleep(options.latencyCheckpointInterval.toMillis() * 2);
        }
        return new Latency(
                options,
                measured,
                (measured - 1) / sendSeconds,
                Latency.Percentiles.of(sentAt, committedAt, warmUp, warmUp + measured),
                Latency.Percentiles.of(sentAt, uncommittedAt, warmUp, warmUp + measured));
    }

    private static boolean allSeen(long[] at, int from, int to) {
        for (int i = from; i < to; i++) {
            if (at[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** End-to-end latency, send to receive, over the measured transactions. */
    private record Latency(
            Options options,
            int measured,
            double sentPerSecond,
            Percentiles readCommitted,
            Percentiles readUncommitted) {

        record Percentiles(int received, double p50, double p95, double p99, double max) {
            static Percentiles of(long[] sentAt, long[] receivedAt, int from, int to) {
                double[] millis = new double[to - from];
                int received = 0;
                for (int i = from; i < to; i++) {
                    if (receivedAt[i] != 0) {
                        millis[received++] = (receivedAt[i] - sentAt[i]) / 1e6;
                    }
                }
                double[] sorted = Arrays.copyOf(millis, received);
                Arrays.sort(sorted);
                return received == 0
                        ? new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                        : new Percentiles(
                                received, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[received - 1]);
            }

            private static double at(double[] sorted, double quantile) {
                return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
            }

            String line(String name, int measured) {
                return String.format(
                        Locale.ROOT,
                        "%-34s %,9d of %,9d %8.1f %8.1f %8.1f %8.1f",
                        name,
                        received,
                        measured,
                        p50,
                        p95,
                        p99,
                        max);
            }
        }

        void print() {
            System.out.printf(
                    Locale.ROOT,
                    "== latency, send to receive, ms: %,d transactions measured after %d s of warm-up, sent at %.0f a"
                            + " second (asked %d), parallelism %d, checkpoints every %d ms, out-of-orderness %d ms,"
                            + " watermarks every %d ms, delivery %s, event time %s%n",
                    measured,
                    options.latencyWarmUpSeconds,
                    sentPerSecond,
                    options.rate,
                    options.parallelism,
                    options.latencyCheckpointInterval.toMillis(),
                    options.latencyOutOfOrderness.toMillis(),
                    options.watermarkInterval.toMillis(),
                    options.latencyDelivery,
                    options.latencyEventTime);
            System.out.printf(
                    Locale.ROOT, "%-34s %22s %8s %8s %8s %8s%n", "reader", "received", "p50", "p95", "p99", "max");
            System.out.println(readCommitted.line("read_committed (what is published)", measured));
            System.out.println(readUncommitted.line("read_uncommitted (written, uncommitted)", measured));
        }
    }

    /**
     * One line of the throughput table; {@code cpuSeconds} is the whole process's CPU time (user and system, every
     * thread) while a job ran, NaN where not measured. On a shared machine the wall-clock rates move with the
     * neighbours' load; CPU time per record moves much less, and says what the job itself costs.
     */
    private record Row(
            String name, long records, double seconds, long steadyRecords, double steadySeconds, double cpuSeconds) {
        Row(String name, long records, double seconds) {
            this(name, records, seconds, records, seconds, Double.NaN);
        }

        double cpuMicrosPerRecord() {
            return cpuSeconds * 1e6 / records;
        }

        double perSecond() {
            return records / seconds;
        }

        double steadyPerSecond() {
            return steadyRecords / steadySeconds;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%-64s %,10d %9.2f %,12.0f %,12.0f %10s",
                    name,
                    records,
                    seconds,
                    perSecond(),
                    steadyPerSecond(),
                    Double.isNaN(cpuSeconds) ? "" : String.format(Locale.ROOT, "%.1f", cpuMicrosPerRecord()));
        }
    }

    /**
     * One far-future transaction on each partition after the last real one, so that the watermark of every source
     * task passes every real transaction and the job decides them all without being stopped.
     */
    private static void endOfInput(String servers, String topic, Transaction last, long sequence, int partitions) {
        try (KafkaProducer<byte[], byte[]> producer = producer(servers)) {
            for (int partition = 0; partition < partitions; partition++) {
                Transaction end = retimed(
                        last, "end-of-input-" + partition, last.timestamp().plus(Duration.ofDays(1)));
                ProducerRecord<byte[], byte[]> record = TransactionMessages.record(topic, sequence + partition, end);
                producer.send(new ProducerRecord<>(topic, partition, record.key(), record.value(), record.headers()));
            }
            producer.flush();
        }
    }

    /**
     * txmon's job on topics of its own ({@code prefix}), a fresh consumer group, from the same input, deciding with
     * the default rules and {@code model} (the rules alone when empty, as txmon decides before a model is trained).
     */
    private static Row txmon(
            String name,
            String prefix,
            Optional<AnomalyModel> model,
            LocalKafka kafka,
            Path dir,
            Options options,
            StreamSettings.StateBackend backend,
            int n)
            throws Exception {
        Topics topics = Topics.prefixed(INPUT, prefix);
        kafka.createTopics(topics.all(), options.partitions, List.of(topics.accounts()));
        StreamSettings.Builder settings = StreamSettings.builder(kafka.bootstrapServers())
                .topics(topics)
                .groupId(prefix)
                .parallelism(options.parallelism)
                .checkpointInterval(options.checkpointInterval)
                .checkpoints(dir.resolve("checkpoints-" + prefix))
                .stateBackend(backend);
        model.ifPresent(settings::model);
        StreamSettings built = settings.build();
        return throughput(
                name,
                kafka.bootstrapServers(),
                topics.decisions(),
                n,
                options.idle,
                () -> LocalCluster.start(built, 0));
    }

    /**
     * The decisions {@code bin/txmon score} gives on the world, one approved and one flagged of median message length
     * each, and the share flagged: what {@link RequiredOutputsJob} writes in their place.
     */
    private static RequiredOutputsJob.TypicalDecisions typicalDecisions(
            List<Transaction> inEventTimeOrder,
            RuleSet rules,
            AnomalyModel model,
            Function<String, Account> directory) {
        TransactionScorer scorer = freshScorer(rules, model, directory);
        List<StreamDecision> approved = new ArrayList<>();
        List<StreamDecision> flagged = new ArrayList<>();
        for (Transaction transaction : inEventTimeOrder) {
            StreamDecision decision = StreamDecision.of(scorer.score(transaction));
            (decision.flagged() ? flagged : approved).add(decision);
        }
        Comparator<StreamDecision> bySize = Comparator.comparingInt(one -> OutputMessages.decision(one).length);
        approved.sort(bySize);
        flagged.sort(bySize);
        double share = flagged.size() / (double) inEventTimeOrder.size();
        StreamDecision typicalApproved = approved.get(approved.size() / 2);
        StreamDecision typicalFlagged = flagged.isEmpty() ? typicalApproved : flagged.get(flagged.size() / 2);
        System.out.printf(
                Locale.ROOT,
                "typical decisions for the floor: %d and %d bytes, %.2f %% flagged%n",
                OutputMessages.decision(typicalApproved).length,
                OutputMessages.decision(typicalFlagged).length,
                100 * share);
        return new RequiredOutputsJob.TypicalDecisions(
                RequiredOutputsJob.Typical.of(typicalApproved), RequiredOutputsJob.Typical.of(typicalFlagged), share);
    }

    private static void compare(String tag, Row txmon, Row counter) {
        System.out.printf(
                Locale.ROOT,
                "  ratio / keyed counter, %s: %.2f from start, %.2f from first output%n",
                tag,
                txmon.perSecond() / counter.perSecond(),
                txmon.steadyPerSecond() / counter.steadyPerSecond());
        System.out.printf(
                Locale.ROOT,
                "  CPU per record / keyed counter's, %s: %.1f / %.1f µs = %.2f%n",
                tag,
                txmon.cpuMicrosPerRecord(),
                counter.cpuMicrosPerRecord(),
                txmon.cpuMicrosPerRecord() / counter.cpuMicrosPerRecord());
    }

    /** The producer settings of {@link TransactionProducer}. */
    private static KafkaProducer<byte[], byte[]> producer(String servers) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static Transaction retimed(Transaction t, String id, Instant timestamp) {
        return t.restamped(id, timestamp);
    }

    /**
     * The event time of the latency phase's transactions. {@code SEND}: each stamped with the time it is sent, as a
     * live feed is, so that every transaction waits for the watermark as it would in production; but the world's
     * 30 days then pass in under a minute, every account makes hundreds of transactions a minute, and the model
     * flags, explains and alerts on far more of them than on the world as simulated. {@code ORIGINAL}: the world's
     * own times, replayed at the rate: its behaviour, and so its decisions, are those of the simulation, but event
     * time runs ahead of the clock and the watermark's wait (the out-of-orderness) is not part of the latency.
     */
    enum EventTime {
        SEND,
        ORIGINAL
    }

    /** The command line: {@code --name value} pairs, each optional. */
    private static final class Options {
        long seed = 9;
        int customers = 10_000;
        int days = 30;
        int parallelism = 2;
        int partitions = 2;
        Duration checkpointInterval = StreamSettings.DEFAULT_CHECKPOINT_INTERVAL;
        List<StreamSettings.StateBackend> backends = List.of(StreamSettings.StateBackend.HEAP);
        Duration idle = Duration.ofSeconds(60);
        int rate = 5_000;
        int latencyWarmUpSeconds = 10;
        int latencySeconds = 40;
        Duration latencyCheckpointInterval = Duration.ofMillis(100);
        Duration latencyOutOfOrderness = Duration.ofMillis(20);
        Duration watermarkInterval = Duration.ofMillis(10);
        StreamSettings.Delivery latencyDelivery = StreamSettings.Delivery.EXACTLY_ONCE;
        Duration bufferTimeout = StreamSettings.DEFAULT_BUFFER_TIMEOUT;
        EventTime latencyEventTime = EventTime.SEND;
        /** Also txmon deciding with the rules alone: how much of its cost is the model's. */
        boolean rulesAlone = false;
        /** How many times the jobs run in turn, on fresh topics: the first round includes the JIT's compiling. */
        int rounds = 1;
        /** Also the floor under txmon's outputs ({@link RequiredOutputsJob}): what writing them costs, deciding aside. */
        boolean requiredOutputs = true;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--seed" -> options.seed = Long.parseLong(value);
                    case "--customers" -> options.customers = Integer.parseInt(value);
                    case "--days" -> options.days = Integer.parseInt(value);
                    case "--parallelism" -> options.parallelism = Integer.parseInt(value);
                    case "--partitions" -> options.partitions = Integer.parseInt(value);
                    case "--checkpoint-ms" -> options.checkpointInterval = Duration.ofMillis(Long.parseLong(value));
                    case "--state" ->
                        options.backends = value.equals("none")
                                ? List.of()
                                : Arrays.stream(value.split(","))
                                        .map(name -> StreamSettings.StateBackend.valueOf(name.toUpperCase(Locale.ROOT)))
                                        .toList();
                    case "--idle-s" -> options.idle = Duration.ofSeconds(Long.parseLong(value));
                    case "--rate" -> options.rate = Integer.parseInt(value);
                    case "--latency-warm-up-s" -> options.latencyWarmUpSeconds = Integer.parseInt(value);
                    case "--latency-s" -> options.latencySeconds = Integer.parseInt(value);
                    case "--latency-checkpoint-ms" ->
                        options.latencyCheckpointInterval = Duration.ofMillis(Long.parseLong(value));
                    case "--out-of-orderness-ms" ->
                        options.latencyOutOfOrderness = Duration.ofMillis(Long.parseLong(value));
                    case "--watermark-ms" -> options.watermarkInterval = Duration.ofMillis(Long.parseLong(value));
                    case "--latency-delivery" ->
                        options.latencyDelivery = StreamSettings.Delivery.valueOf(value.toUpperCase(Locale.ROOT));
                    case "--buffer-timeout-ms" -> options.bufferTimeout = Duration.ofMillis(Long.parseLong(value));
                    case "--rules-alone" -> options.rulesAlone = Boolean.parseBoolean(value);
                    case "--rounds" -> options.rounds = Integer.parseInt(value);
                    case "--required-outputs" -> options.requiredOutputs = Boolean.parseBoolean(value);
                    case "--latency-event-time" ->
                        options.latencyEventTime = EventTime.valueOf(value.toUpperCase(Locale.ROOT));
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option " + args[i] + "; see StreamLoad's" + " Options for the names");
                }
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
            }
            return options;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "seed %d, customers %d, days %d, parallelism %d, partitions %d, checkpoints every %d ms, state %s;"
                            + " latency: %d a second, %d s warm-up + %d s measured, checkpoints every %d ms,"
                            + " out-of-orderness %d ms, watermarks every %d ms, delivery %s, buffer timeout %d ms,"
                            + " event time %s; rounds %d, rules alone %s, required outputs %s",
                    seed,
                    customers,
                    days,
                    parallelism,
                    partitions,
                    checkpointInterval.toMillis(),
                    backends,
                    rate,
                    latencyWarmUpSeconds,
                    latencySeconds,
                    latencyCheckpointInterval.toMillis(),
                    latencyOutOfOrderness.toMillis(),
                    watermarkInterval.toMillis(),
                    latencyDelivery,
                    bufferTimeout.toMillis(),
                    latencyEventTime,
                    rounds,
                    rulesAlone,
                    requiredOutputs);
        }
    }

    /** CPU time of this whole process (every thread, user and system), from the operating system. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
