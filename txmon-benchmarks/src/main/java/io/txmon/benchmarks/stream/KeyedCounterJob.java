package io.txmon.benchmarks.stream;

import io.txmon.stream.topics.StreamSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The plumbing's ceiling: Kafka source, keyed by the message key ({@code user_id}), a counter per key in keyed state,
 * and an exactly-once Kafka sink, on a {@link BenchmarkCluster}. It reads the message value and does nothing with it,
 * so what it costs is what any keyed exactly-once job on these topics costs before deciding anything.
 */
public final class KeyedCounterJob {
    private KeyedCounterJob() {}

    /** Starts the job from the beginning of {@code input} for a new group, writing one message per input to {@code output}. */
    public static AutoCloseable start(
            String servers,
            String input,
            String output,
            String groupId,
            int parallelism,
            Duration checkpointInterval,
            StreamSettings.StateBackend stateBackend)
            throws Exception {
        return BenchmarkCluster.run("keyed counter", parallelism, checkpointInterval, stateBackend, env -> {
            KafkaSource<Tuple2<String, byte[]>> source = KafkaSource.<Tuple2<String, byte[]>>builder()
                    .setBootstrapServers(servers)
                    .setTopics(input)
                    .setGroupId(groupId)
                    .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                    .setDeserializer(new KeyAndValue())
                    .setProperty("isolation.level", "read_committed")
                    .build();
            Properties producer = new Properties();
            producer.setProperty(
                    "transaction.timeout.ms", Long.toString(StreamSettings.DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
            KafkaSink<Tuple2<String, Long>> sink = KafkaSink.<Tuple2<String, Long>>builder()
                    .setBootstrapServers(servers)
                    .setRecordSerializer(new CountToTopic(output))
                    .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix("counter-" + groupId)
                    .setKafkaProducerConfig(producer)
                    .build();
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "input topic")
                    .keyBy(message -> message.f0, Types.STRING)
                    .process(new CountPerKey())
                    .name("count per key")
                    .sinkTo(sink)
                    .name("output topic");
        });
    }

    /** The message key as text, and the value's bytes untouched. */
    static final class KeyAndValue implements KafkaRecordDeserializationSchema<Tuple2<String, byte[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Tuple2<String, byte[]>> out) {
            String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
            out.collect(Tuple2.of(key, record.value()));
        }

        @Override
        public TypeInformation<Tuple2<String, byte[]>> getProducedType() {
            return Types.TUPLE(Types.STRING, Types.PRIMITIVE_ARRAY(Types.BYTE));
        }
    }

    /** How many messages each key has had so far; the state lives as long as the job (keys are a bank's accounts). */
    private static final class CountPerKey
            extends KeyedProcessFunction<String, Tuple2<String, byte[]>, Tuple2<String, Long>> {
        private static final long serialVersionUID = 1L;
        private static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Types.LONG);
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(COUNT);
        }

        @Override
        public void processElement(Tuple2<String, byte[]> message, Context context, Collector<Tuple2<String, Long>> out)
                throws Exception {
            Long seen = count.value();
            long now = seen == null ? 1 : seen + 1;
            count.update(now);
            out.collect(Tuple2.of(message.f0, now));
        }
    }

    private record CountToTopic(String topic) implements KafkaRecordSerializationSchema<Tuple2<String, Long>> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Tuple2<String, Long> count, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(
                    topic,
                    count.f0.getBytes(StandardCharsets.UTF_8),
                    Long.toString(count.f1).getBytes(StandardCharsets.UTF_8));
        }
    }
}
