package io.txmon.benchmarks.stream;

import io.txmon.formats.TransactionJson;
import io.txmon.stream.DecidedTransaction;
import io.txmon.stream.SequencedTransaction;
import io.txmon.stream.StreamDecision;
import io.txmon.stream.topics.OutputMessages;
import io.txmon.stream.topics.StreamSettings;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The floor under any job that gives issue 13's outputs: the keyed counter's plumbing, plus what no design of the
 * decision job can leave out, and nothing else. Each transaction is parsed from its JSON with the job's own reader,
 * a counter per payer is kept in keyed state, and a decision of txmon's size is written, exactly once, to a decisions
 * topic, and as an alert to an alerts topic for txmon's share of REVIEW and BLOCK.
 *
 * <p>It decides nothing: each message carries a typical decision measured on the same world (the same fields,
 * reason codes and versions), with the transaction's own id. What it costs beyond the counter is the price of the
 * outputs; txmon's deciding comes on top of that.
 */
public final class RequiredOutputsJob {
    private RequiredOutputsJob() {}

    /** Typical decisions to write, and which share of the transactions are flagged. */
    public record TypicalDecisions(Typical approved, Typical flagged, double flaggedShare) implements Serializable {}

    /** How much of each transaction the job reads. */
    public enum Reading {
        /** All of it, with the reader txmon's job uses: what deciding needs. */
        PARSED,
        /**
         * Its id alone, found in the message's bytes; flagged transactions are parsed for their alerts. No job that
         * decides can read less, so this is the floor under every design.
         */
        ID_ONLY
    }

    /** A decision's fields but its transaction id, in a form Flink can ship with the job. */
    public record Typical(
            double riskScore,
            String riskLevel,
            String recommendation,
            String reasonCodes,
            String ruleSetVersion,
            String modelVersion,
            Double anomalyScore,
            double reviewThreshold)
            implements Serializable {
        public static Typical of(StreamDecision decision) {
            return new Typical(
                    decision.riskScore(),
                    decision.riskLevel(),
                    decision.recommendation(),
                    decision.reasonCodes(),
                    decision.ruleSetVersion(),
                    decision.modelVersion(),
                    decision.anomalyScore(),
                    decision.reviewThreshold());
        }

        StreamDecision about(String transactionId) {
            return new StreamDecision(
                    transactionId,
                    riskScore,
                    riskLevel,
                    recommendation,
                    reasonCodes,
                    ruleSetVersion,
                    modelVersion,
                    anomalyScore,
                    reviewThreshold,
                    null, // the benchmark's jobs decide without a supervised model
                    null);
        }
    }

    /** Starts the job from the beginning of {@code input} for a new group. */
    public static AutoCloseable start(
            String servers,
            String input,
            String decisions,
            String alerts,
            String groupId,
            int parallelism,
            Duration checkpointInterval,
            StreamSettings.StateBackend stateBackend,
            TypicalDecisions typical,
            Reading reading)
            throws Exception {
        return BenchmarkCluster.run("required outputs", parallelism, checkpointInterval, stateBackend, env -> {
            // As txmon's job has it: chained operators hand their records on without copying them.
            env.getConfig().enableObjectReuse();
            KafkaSource<Tuple2<String, byte[]>> source = KafkaSource.<Tuple2<String, byte[]>>builder()
                    .setBootstrapServers(servers)
                    .setTopics(input)
                    .setGroupId(groupId)
                    .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                    .setDeserializer(new KeyedCounterJob.KeyAndValue())
                    .setProperty("isolation.level", "read_committed")
                    .build();
            DataStream<DecidedTransaction> decided = env.fromSource(
                            source, WatermarkStrategy.noWatermarks(), "transactions topic")
                    .keyBy(message -> message.f0, Types.STRING)
                    .process(new TypicalDecisionPerTransaction(typical, reading))
                    .returns(TypeInformation.of(DecidedTransaction.class))
                    .name("parse, count per payer, typical decision");
            decided.sinkTo(sink(
                            servers,
                            groupId + "-decisions",
                            decisions,
                            one -> one.decision().transactionId(),
                            one -> OutputMessages.decision(one.decision())))
                    .name("decisions topic");
            decided.filter(one -> one.decision().flagged())
                    .name("REVIEW and BLOCK")
                    .sinkTo(sink(
                            servers,
                            groupId + "-alerts",
                            alerts,
                            one -> one.transaction().transaction().userId(),
                            OutputMessages::alert))
                    .name("alerts topic");
        });
    }

    private static KafkaSink<DecidedTransaction> sink(
            String servers,
            String transactionalIdPrefix,
            String topic,
            SerializableFunction<DecidedTransaction, String> key,
            SerializableFunction<DecidedTransaction, byte[]> value) {
        Properties producer = new Properties();
        producer.setProperty(
                "transaction.timeout.ms", Long.toString(StreamSettings.DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        return KafkaSink.<DecidedTransaction>builder()
                .setBootstrapServers(servers)
                .setRecordSerializer(new ToTopic(topic, key, value))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setKafkaProducerConfig(producer)
                .build();
    }

    /**
     * Parses the transaction, counts it for its payer, and gives it the typical decision; flagged by a hash of its id
     * for the typical share, so that the alerts topic carries as many messages as txmon's.
     */
    private static final class TypicalDecisionPerTransaction
            extends KeyedProcessFunction<String, Tuple2<String, byte[]>, DecidedTransaction> {
        private static final long serialVersionUID = 1L;
        private static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Types.LONG);
        private static final byte[] ID_FIELD = "\"transaction_id\":\"".getBytes(StandardCharsets.UTF_8);
        private final TypicalDecisions typical;
        private final Reading reading;
        private transient ValueState<Long> count;
        private transient TransactionJson.Reader reader;

        TypicalDecisionPerTransaction(TypicalDecisions typical, Reading reading) {
            this.typical = typical;
            this.reading = reading;
        }

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(COUNT);
            reader = TransactionJson.reader(new TransactionParser(TransactionParser.DEFAULT_BASE_CURRENCY));
        }

        @Override
        public void processElement(Tuple2<String, byte[]> message, Context context, Collector<DecidedTransaction> out)
                throws Exception {
            Transaction tx = reading == Reading.PARSED ? parse(message.f1) : null;
            Long seen = count.value();
            long now = seen == null ? 1 : seen + 1;
            count.update(now);
            String id = tx == null ? idOf(message.f1) : tx.transactionId();
            boolean flagged = Math.floorMod(id.hashCode(), 1_000_000) < typical.flaggedShare() * 1_000_000;
            if (tx == null) {
                // Only the alerts need the transaction; the decisions topic carries its id.
                tx = flagged ? parse(message.f1) : UNREAD;
            }
            Typical like = flagged ? typical.flagged() : typical.approved();
            out.collect(new DecidedTransaction(new SequencedTransaction(now, tx), like.about(id)));
        }

        private Transaction parse(byte[] json) {
            return reader.parse(new String(json, StandardCharsets.UTF_8));
        }

        /** The transaction id in a message the producer wrote (compact JSON, an id without escapes). */
        private static String idOf(byte[] json) {
            int from = indexOf(json, ID_FIELD) + ID_FIELD.length;
            int to = from;
            while (json[to] != '"') {
                to++;
            }
            return new String(json, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private static int indexOf(byte[] json, byte[] field) {
            for (int i = 0; i + field.length <= json.length; i++) {
                if (Arrays.equals(json, i, i + field.length, field, 0, field.length)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no " + new String(field, StandardCharsets.UTF_8) + " in a message");
        }
    }

    /** Stands in for the transactions a job reading ids alone never parses: no output reads it. */
    private static final Transaction UNREAD = Transaction.builder("unread", Instant.EPOCH, "unread", BigDecimal.ONE)
            .build();

    private record ToTopic(
            String topic,
            SerializableFunction<DecidedTransaction, String> key,
            SerializableFunction<DecidedTransaction, byte[]> value)
            implements KafkaRecordSerializationSchema<DecidedTransaction> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                DecidedTransaction element, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(
                    topic, key.apply(element).getBytes(StandardCharsets.UTF_8), value.apply(element));
        }
    }
}
