package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.StoredDecision;
import io.txmon.decisions.StoredDecisions;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.scoring.Decision;
import io.txmon.scoring.SupervisedOpinion;
import io.txmon.scoring.TransactionScorer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.StoredHistory;
import io.txmon.storage.TestDatabase;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job on a local Flink mini-cluster writing into a real database, H2 in a file and PostgreSQL: every decision is
 * stored once, as ingestion would store batch scoring's decision on it, with one alert per REVIEW and BLOCK; sending
 * the decisions through the sink again, as a restarted job does, stores nothing twice; and the service's reader
 * reads them back unchanged.
 */
class DecisionDatabaseSinkIT {
    /** Small, so that each task's writer stores many batches, taking turns with the other task's. */
    private static final int BATCH_SIZE = 200;

    private static SimulatedData world;
    private static Map<String, Account> accounts;
    private static AnomalyModel model;
    private static Map<String, Decision> batch;

    @TempDir
    Path folder;

    @BeforeAll
    static void scoreTheWorldInBatch() {
        world = Simulator.simulate(
                SimulationSettings.builder().seed(17).customers(120).days(10).build());
        accounts = new HashMap<>();
        world.accounts().forEach(account -> accounts.put(account.userId(), account));
        Function<String, Account> directory = id -> accounts.getOrDefault(id, Account.unknown(id));
        List<Transaction> inEventTimeOrder = new ArrayList<>(world.transactions());
        inEventTimeOrder.sort(Comparator.comparing(Transaction::timestamp));
        model = AnomalyModelTrainer.builder(7)
                .build()
                .train(
                        AnomalyModelTrainer.earliestShare(inEventTimeOrder, 0.25),
                        directory,
                        RuleFile.defaults().features());
        TransactionScorer scorer =
                new TransactionScorer(RuleFile.defaults(), Optional.of(model), new InMemoryAccountStates(directory));
        batch = new HashMap<>();
        for (Transaction tx : inEventTimeOrder) {
            batch.put(tx.transactionId(), scorer.score(tx));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void storesEveryDecisionOnceWithItsAlertAndAReplayStoresNothingTwice(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            DecisionDatabaseSink sink = DecisionDatabaseSink.open(test.url(), BATCH_SIZE, Clock.systemUTC());

            List<DecidedTransaction> decided = decideIntoTheDatabase(sink);

            assertThat(decided).hasSize(world.transactions().size());
            Map<String, StoredDecision> stored = storedDecisions(test);
            assertThat(stored).hasSameSizeAs(decided);
            assertThat(test.count("SELECT COUNT(*) FROM transactions")).isEqualTo(decided.size());
            for (StoredDecision decision : stored.values()) {
                assertThat(decision)
                        .as("what ingestion stores of batch scoring's decision")
                        .isEqualTo(
                                DecisionColumns.stored(batch.get(decision.transactionId()), decision.sequenceNumber()));
            }
            assertThat(stored.values()).anyMatch(d -> d.modelVersion().isPresent());
            Map<String, Transaction> transactions = new HashMap<>();
            new StoredHistory(test.database()).afterSequence(0).forEach(tx -> transactions.put(tx.transactionId(), tx));
            assertThat(transactions).hasSameSizeAs(world.transactions());
            for (Transaction tx : world.transactions()) {
                // Stored amounts carry the column's six decimals, as every door's do.
                assertThat(transactions.get(tx.transactionId()))
                        .usingRecursiveComparison()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                        .isEqualTo(tx);
            }

            long flagged =
                    stored.values().stream().filter(StoredDecision::opensAlert).count();
            assertThat(flagged).isPositive();
            assertThat(test.count("SELECT COUNT(*) FROM alerts a JOIN decisions d"
                            + " ON d.sequence_number = a.sequence_number"
                            + " WHERE d.recommendation IN ('REVIEW', 'BLOCK') AND a.status = 'OPEN'"))
                    .isEqualTo(flagged);
            assertThat(test.count("SELECT COUNT(*) FROM alerts")).isEqualTo(flagged);
            String alertsBefore = alerts(test);

            replay(sink, decided);

            assertThat(storedDecisions(test)).as("read back after the replay").isEqualTo(stored);
            assertThat(test.count("SELECT COUNT(*) FROM transactions")).isEqualTo(decided.size());
            assertThat(alerts(test)).as("the alerts, by id").isEqualTo(alertsBefore);

            sink.succeeded();
            long run = sink.runId();
            assertThat(test.string("SELECT source FROM ingestion_runs WHERE run_id = " + run))
                    .isEqualTo(DecisionDatabaseSink.SOURCE);
            assertThat(test.string("SELECT status FROM ingestion_runs WHERE run_id = " + run))
                    .isEqualTo("SUCCEEDED");
            assertThat(test.count("SELECT rows_read FROM ingestion_runs WHERE run_id = " + run))
                    .isEqualTo(2L * decided.size());
            assertThat(test.count("SELECT rows_inserted FROM ingestion_runs WHERE run_id = " + run))
                    .isEqualTo(decided.size());
            assertThat(test.count("SELECT rows_duplicate FROM ingestion_runs WHERE run_id = " + run))
                    .isEqualTo(decided.size());
            assertThat(test.count("SELECT alerts_opened FROM ingestion_runs WHERE run_id = " + run))
                    .isEqualTo(flagged);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aWriterStoresWhatItHoldsWhenItsBatchIsFullAndWhenFlinkFlushesAtACheckpoint(DatabaseEngine engine)
            throws Exception {
        List<DecidedTransaction> five = new ArrayList<>();
        for (Transaction tx : world.transactions().subList(0, 5)) {
            five.add(new DecidedTransaction(
                    new SequencedTransaction(five.size(), tx), StreamDecision.of(batch.get(tx.transactionId()))));
        }
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            DecisionDatabaseSink sink = DecisionDatabaseSink.open(test.url(), 3, Clock.systemUTC());
            // The writer reads nothing of Flink's context; flush(false) is what Flink calls before a checkpoint.
            try (SinkWriter<DecidedTransaction> writer = sink.createWriter(null)) {
                writer.write(five.get(0), null);
                writer.write(five.get(1), null);
                assertThat(test.count("SELECT COUNT(*) FROM decisions")).isZero();

                writer.write(five.get(2), null);
                assertThat(test.count("SELECT COUNT(*) FROM decisions")).isEqualTo(3);

                writer.write(five.get(3), null);
                writer.write(five.get(4), null);
                assertThat(test.count("SELECT COUNT(*) FROM decisions")).isEqualTo(3);

                writer.flush(false);
                assertThat(test.count("SELECT COUNT(*) FROM decisions")).isEqualTo(5);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void storesTheSupervisedModelsVersionAndFraudProbabilityAndNeitherWhenNoSupervisedModelDecided(
            DatabaseEngine engine) throws Exception {
        List<Transaction> three = world.transactions().subList(0, 3);
        List<Decision> decisions = List.of(
                withSupervised(batch.get(three.get(0).transactionId()), 0.12345),
                withSupervised(batch.get(three.get(1).transactionId()), 1.0),
                batch.get(three.get(2).transactionId()));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            DecisionDatabaseSink sink = DecisionDatabaseSink.open(test.url(), 10, Clock.systemUTC());
            try (SinkWriter<DecidedTransaction> writer = sink.createWriter(null)) {
                for (int i = 0; i < three.size(); i++) {
                    writer.write(
                            new DecidedTransaction(
                                    new SequencedTransaction(i, three.get(i)), StreamDecision.of(decisions.get(i))),
                            null);
                }
                writer.flush(false);
            }

            Map<String, StoredDecision> stored = storedDecisions(test);
            StoredDecision first = stored.get(three.get(0).transactionId());
            assertThat(first.supervisedModelVersion()).contains("sl-stream0001");
            assertThat(first.fraudProbability()).contains(new BigDecimal("0.1234"));
            assertThat(stored.get(three.get(1).transactionId()).fraudProbability())
                    .contains(new BigDecimal("1.0000"));
            StoredDecision none = stored.get(three.get(2).transactionId());
            assertThat(none.supervisedModelVersion()).isEmpty();
            assertThat(none.fraudProbability()).isEmpty();
            for (int i = 0; i < three.size(); i++) {
                StoredDecision decision = stored.get(three.get(i).transactionId());
                assertThat(decision)
                        .as("what ingestion stores of the same decision")
                        .isEqualTo(DecisionColumns.stored(decisions.get(i), decision.sequenceNumber()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void endsTheStreamsRunAsFailedWithWhyWhenTheCallerSaysTheJobFailed(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            DecisionDatabaseSink sink = DecisionDatabaseSink.open(test.url());
            assertThat(test.string("SELECT status FROM ingestion_runs WHERE run_id = " + sink.runId()))
                    .isEqualTo("RUNNING");

            sink.failed(new IllegalStateException("the transactions topic is gone"));

            assertThat(test.string("SELECT status FROM ingestion_runs WHERE run_id = " + sink.runId()))
                    .isEqualTo("FAILED");
            assertThat(test.string("SELECT message FROM ingestion_runs WHERE run_id = " + sink.runId()))
                    .contains("the transactions topic is gone");
        }
    }

    /**
     * Runs the job on the world at parallelism 2, with checkpoints, into {@code sink}, and returns what it decided.
     * The world arrives in its own order; a day of out-of-orderness decides it as batch scoring does.
     */
    private static List<DecidedTransaction> decideIntoTheDatabase(DecisionDatabaseSink sink) throws Exception {
        List<SequencedTransaction> input = new ArrayList<>();
        for (Transaction tx : world.transactions()) {
            input.add(new SequencedTransaction(input.size(), tx));
        }
        StreamExecutionEnvironment env = streaming();
        env.enableCheckpointing(200);
        DecisionJob job = DecisionJob.of(Optional.empty(), Optional.of(model), accounts, Duration.ofDays(1));
        DecisionJob.Outputs outputs = job.decide(env.fromData(input).setParallelism(1));
        outputs.decided().sinkTo(sink).name("database");
        List<DecidedTransaction> decided = new ArrayList<>();
        try (CloseableIterator<DecidedTransaction> out = outputs.decided().executeAndCollect()) {
            out.forEachRemaining(decided::add);
        }
        return decided;
    }

    /** {@code decision} as if a supervised model had decided beside the rules with {@code probability}. */
    private static Decision withSupervised(Decision decision, double probability) {
        return new Decision(
                decision.transactionId(),
                decision.riskScore(),
                decision.riskLevel(),
                decision.recommendation(),
                decision.reasons(),
                decision.ruleSetVersion(),
                decision.model(),
                Optional.of(new SupervisedOpinion("sl-stream0001", probability, decision.riskScore())),
                decision.reviewThreshold());
    }

    /** Sends {@code decided} through {@code sink} again, as a job restarted from an earlier checkpoint does. */
    private static void replay(DecisionDatabaseSink sink, List<DecidedTransaction> decided) throws Exception {
        StreamExecutionEnvironment env = streaming();
        env.fromData(decided).sinkTo(sink).name("database");
        env.execute("replay");
    }

    /** What the service reads, by transaction id. */
    private static Map<String, StoredDecision> storedDecisions(TestDatabase test) {
        Map<String, StoredDecision> stored = new LinkedHashMap<>();
        new StoredDecisions(test.database()).forEach(decision -> {
            StoredDecision before = stored.put(decision.transactionId(), decision);
            assertThat(before)
                    .as("a second decision on " + decision.transactionId())
                    .isNull();
        });
        return stored;
    }

    /** Each alert's id, decision and status, in id order. */
    private static String alerts(TestDatabase test) throws Exception {
        return test.string("SELECT STRING_AGG(CAST(alert_id AS VARCHAR) || ':' || CAST(sequence_number AS VARCHAR)"
                + " || ':' || status, ',' ORDER BY alert_id) FROM alerts");
    }

    /** A local mini-cluster at parallelism 2 in streaming mode, as on Kafka. */
    private static StreamExecutionEnvironment streaming() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        return env;
    }
}
