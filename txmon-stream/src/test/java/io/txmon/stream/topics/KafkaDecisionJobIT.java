package io.txmon.stream.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.InMemoryAccountStates;
import io.txmon.formats.DecisionRow;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.TransactionScorer;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.SimulationSettings;
import io.txmon.simulator.Simulator;
import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.cluster.LocalCluster;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job between real Kafka topics on a local broker: accounts read from their compacted topic before deciding,
 * transactions from theirs, and decisions read back with {@code read_committed} equal to batch scoring's, each once.
 */
class KafkaDecisionJobIT {
    @TempDir
    static Path dir;

    private static LocalKafka kafka;
    private static List<Transaction> inEventTimeOrder;
    private static Map<String, Account> accounts;
    private static AnomalyModel model;
    private static Map<String, DecisionRow> batch;

    @BeforeAll
    static void startABrokerAndScoreAWorldInBatch() {
        SimulatedData world = Simulator.simulate(
                SimulationSettings.builder().seed(5).customers(150).days(10).build());
        accounts = new HashMap<>();
        world.accounts().forEach(account -> accounts.put(account.userId(), account));
        Function<String, Account> directory = id -> accounts.getOrDefault(id, Account.unknown(id));
        inEventTimeOrder = new ArrayList<>(world.transactions());
        inEventTimeOrder.sort(Comparator.comparing(Transaction::timestamp));
        RuleSet rules = RuleFile.defaults();
        model = AnomalyModelTrainer.builder(7)
                .build()
                .train(AnomalyModelTrainer.earliestShare(inEventTimeOrder, 0.25), directory, rules.features());
        TransactionScorer scorer =
                new TransactionScorer(rules, Optional.of(model), new InMemoryAccountStates(directory));
        batch = new HashMap<>();
        for (Transaction tx : inEventTimeOrder) {
            batch.put(tx.transactionId(), DecisionRow.of(scorer.score(tx)));
        }
        kafka = LocalKafka.start(0, dir.resolve("kafka"));
    }

    @AfterAll
    static void stopTheBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void decidesEveryTransactionOnItsTopicOnceAndAsBatchScoringDoesOnTwoTasks() throws Exception {
        Topics topics = topics("parity");
        kafka.createTopics(topics.all(), 2, List.of(topics.accounts()));
        try (TransactionProducer producer = new TransactionProducer(kafka.bootstrapServers(), topics)) {
            producer.accounts(accounts.values());
            producer.transactions(inEventTimeOrder, 0, OptionalDouble.empty());
        }
        StreamSettings settings = StreamSettings.builder(kafka.bootstrapServers())
                .topics(topics)
                .groupId("parity")
                .parallelism(2)
                .model(model)
                .checkpointInterval(Duration.ofMillis(500))
                .checkpoints(dir.resolve("parity-checkpoints"))
                .build();

        try (LocalCluster job = LocalCluster.start(settings, 0)) {
            assertThat(job.started().accounts()).isEqualTo(accounts.size());
            job.awaitIdleInput(settings, Duration.ofSeconds(2));
            job.stopWithSavepoint();
        }

        Map<String, DecisionRow> streamed = new HashMap<>();
        List<String> ids = new ArrayList<>();
        DecisionConsumer.read(kafka.bootstrapServers(), topics.decisions(), Duration.ofSeconds(2), record -> {
            DecisionRow row = OutputMessages.decisionRow(record.value());
            ids.add(row.transactionId());
            streamed.put(row.transactionId(), row);
        });
        assertThat(ids).as("each decision once").hasSize(batch.size()).doesNotHaveDuplicates();
        assertThat(streamed).isEqualTo(batch);
    }

    private static Topics topics(String prefix) {
        Topics d = Topics.DEFAULTS;
        return new Topics(
                prefix + "." + d.transactions(),
                prefix + "." + d.accounts(),
                prefix + "." + d.control(),
                prefix + "." + d.decisions(),
                prefix + "." + d.alerts(),
                prefix + "." + d.late(),
                prefix + "." + d.rejected(),
                prefix + "." + d.controlErrors());
    }
}
