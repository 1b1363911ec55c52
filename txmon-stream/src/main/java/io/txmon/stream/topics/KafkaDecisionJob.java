package io.txmon.stream.topics;

import io.txmon.formats.TransactionJson;
import io.txmon.stream.ControlError;
import io.txmon.stream.ControlMessage;
import io.txmon.stream.DecisionDatabaseSink;
import io.txmon.stream.DecisionJob;
import io.txmon.stream.LateTransaction;
import io.txmon.stream.OutcomeLabel;
import io.txmon.stream.ReferenceAccount;
import io.txmon.stream.SequencedTransaction;
import io.txmon.stream.StreamDecision;
import io.txmon.stream.TimedEventWatermarks;
import io.txmon.transaction.AccountParser;
import io.txmon.transaction.TransactionParser;
import java.io.Serializable;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The decision job between Kafka topics: transactions, account reference data, control messages and outcome labels
 * in; decisions, alerts, late and rejected input, labels set aside and control errors out, each sink exactly once (Kafka transactions committed at
 * checkpoints). The decisions themselves are {@link DecisionJob}'s; this class is only the plumbing around it.
 *
 * <p>Before it decides anything, the job reads the accounts topic to its end (as {@code score --accounts} reads its
 * file first) and then follows it from there, so that an account added later opens from its reference data too.
 */
public final class KafkaDecisionJob {
    private static final OutputTag<TransactionMessage> REJECTED =
            new OutputTag<>("rejected", TypeInformation.of(TransactionMessage.class));
    private static final OutputTag<LabelMessage> UNREADABLE_LABELS =
            new OutputTag<>("unreadable-labels", TypeInformation.of(LabelMessage.class));
    private static final OutputTag<ControlError> UNREADABLE_CONTROL =
            new OutputTag<>("unreadable-control", TypeInformation.of(ControlError.class));

    private final StreamSettings settings;

    public KafkaDecisionJob(StreamSettings settings) {
        this.settings = settings;
    }

    /**
     * What the job knew of accounts when it was built (read from the accounts topic to its end), and the database
     * sink when it writes to a database, whose run its caller ends.
     */
    public record Started(int accounts, int skippedAccountMessages, Optional<DecisionDatabaseSink> database) {}

    /** Adds the job to {@code env}, reading the accounts topic to its end first. */
    public Started addTo(StreamExecutionEnvironment env) {
        // The exactly-once sinks publish at checkpoints: without them nothing would ever be published.
        env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.setBufferTimeout(settings.bufferTimeout().toMillis());
        env.getConfig().setAutoWatermarkInterval(settings.watermarkInterval().toMillis());
        Topics topics = settings.topics();
        String servers = settings.bootstrapServers();
        AccountMessages.Snapshot known = AccountMessages.readToEnd(servers, topics.accounts(), new AccountParser());
        DecisionJob job = DecisionJob.of(
                        settings.ruleFile(), settings.model(), known.accounts(), settings.outOfOrderness())
                .withEventTimeFromSource()
                .withQuietAccountsForgottenAfter(settings.quietAccountTtl())
                .withSupervised(settings.supervised())
                .withLabelDelay(settings.labelDelay());

        Currency currency = settings.baseCurrency();
        // Per partition, in the source: each partition's own order is what the bound is about.
        WatermarkStrategy<TransactionMessage> eventTime =
                WatermarkStrategy.<TransactionMessage>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner((message, previous) -> message.eventTimeMillis())
                        .withIdleness(settings.idlePartitionTimeout());
        KafkaSource<TransactionMessage> transactionSource = source(
                topics.transactions(),
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST),
                new TransactionDeserializer(currency),
                TransactionMessage.class);
        // A reader without a partition would hold event time back until the idle timeout: have none.
        int readers = Math.min(env.getParallelism(), partitions(servers, topics.transactions()));
        SingleOutputStreamOperator<SequencedTransaction> transactions = env.fromSource(
                        transactionSource, eventTime, "transactions topic")
                .uid("transactions-source")
                .setParallelism(readers)
                .process(new AcceptedTransactions())
                // Chained to its reader: a rebalance to more tasks would split one partition's records and watermarks
                // over channels that leave idleness one at a time (DecisionJob.decide).
                .setParallelism(readers)
                .name("transactions, rejected ones set aside")
                .uid("accepted-transactions");

        KafkaSource<ReferenceAccount> accountSource = source(
                topics.accounts(),
                OffsetsInitializer.offsets(Map.copyOf(known.end()), OffsetResetStrategy.EARLIEST),
                new AccountDeserializer(),
                ReferenceAccount.class);
        DataStream<ReferenceAccount> accountUpdates = env.fromSource(
                        accountSource, WatermarkStrategy.noWatermarks(), "accounts topic, after start-up")
                .uid("accounts-source")
                .setParallelism(Math.min(env.getParallelism(), known.end().size()));

        KafkaSource<ControlAttempt> controlSource = source(
                topics.control(),
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST),
                new ControlDeserializer(),
                ControlAttempt.class);
        SingleOutputStreamOperator<ControlMessage> control = env.fromSource(
                        controlSource, WatermarkStrategy.noWatermarks(), "control topic")
                .uid("control-source")
                .setParallelism(1)
                .process(new ReadableControl())
                .setParallelism(1)
                .name("control messages, unreadable ones set aside")
                .uid("readable-control");

        Optional<SingleOutputStreamOperator<OutcomeLabel>> labels =
                settings.learnsFromLabels() ? Optional.of(labels(env)) : Optional.empty();

        DecisionJob.Outputs outputs = labels.isPresent()
                ? job.decide(transactions, accountUpdates, control, labels.get())
                : job.decide(transactions, accountUpdates, control);

        outputs.decisions()
                .sinkTo(sink(
                        new ToTopic<>(topics.decisions(), StreamDecision::transactionId, OutputMessages::decision)))
                .name("decisions topic")
                .uid("decisions-sink");
        outputs.decided()
                .filter(decided -> decided.decision().flagged())
                .name("REVIEW and BLOCK")
                .sinkTo(sink(new ToTopic<>(
                        topics.alerts(),
                        decided -> decided.transaction().transaction().userId(),
                        OutputMessages::alert)))
                .name("alerts topic")
                .uid("alerts-sink");
        outputs.late()
                .sinkTo(sink(new ToTopic<>(topics.late(), LateTransaction::transactionId, OutputMessages::late)))
                .name("late topic")
                .uid("late-sink");
        DataStream<byte[]> rejected = transactions
                .getSideOutput(REJECTED)
                .map(OutputMessages::rejected)
                .union(outputs.duplicates().map(OutputMessages::duplicate));
        if (labels.isPresent()) {
            rejected =
                    rejected.union(labels.get().getSideOutput(UNREADABLE_LABELS).map(OutputMessages::rejected));
        }
        rejected.sinkTo(sink(new ToTopic<byte[]>(topics.rejected(), bytes -> null, bytes -> bytes)))
                .name("rejected topic")
                .uid("rejected-sink");
        outputs.setAsideLabels()
                .sinkTo(sink(new ToTopic<>(
                        topics.setAsideLabels(),
                        setAside -> setAside.label().transactionId(),
                        OutputMessages::setAsideLabel)))
                .name("set-aside-labels topic")
                .uid("set-aside-labels-sink");
        outputs.controlErrors()
                .union(control.getSideOutput(UNREADABLE_CONTROL))
                .sinkTo(sink(new ToTopic<>(topics.controlErrors(), ControlError::origin, OutputMessages::controlError)))
                .name("control-errors topic")
                .uid("control-errors-sink");
        Optional<DecisionDatabaseSink> database = settings.databaseUrl().map(DecisionDatabaseSink::open);
        database.ifPresent(
                sink -> outputs.decided().sinkTo(sink).name("database").uid("database-sink"));
        return new Started(known.accounts().size(), known.skipped(), database);
    }

    /**
     * The labels topic, read from the group's committed offsets (else from the start: a label is never skipped), in
     * event time at the instant each became known. Its partitions go idle as the transactions' do; undated labels
     * and messages that are no label move no watermark ({@link TimedEventWatermarks}). A labels topic with nothing to
     * read when the job starts is idle until its first label: a job without labels, or whose labels are all learned,
     * decides at once instead of waiting for the idle timeout.
     */
    private SingleOutputStreamOperator<OutcomeLabel> labels(StreamExecutionEnvironment env) {
        String servers = settings.bootstrapServers();
        String topic = settings.topics().labels();
        boolean backlog = TopicBacklog.of(servers, settings.groupId(), topic) > 0;
        WatermarkStrategy<LabelMessage> knownAt = WatermarkStrategy.<LabelMessage>forGenerator(
                        labelTime(settings.outOfOrderness(), settings.idlePartitionTimeout(), backlog))
                .withTimestampAssigner((message, previous) -> message.eventTimeMillis());
        KafkaSource<LabelMessage> source = source(
                topic,
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST),
                new LabelDeserializer(),
                LabelMessage.class);
        int readers = Math.min(env.getParallelism(), partitions(servers, topic));
        return env.fromSource(source, knownAt, "labels topic")
                .uid("labels-source")
                .setParallelism(readers)
                .process(new ReadableLabels())
                .setParallelism(readers)
                .name("labels, unreadable ones set aside")
                .uid("readable-labels");
    }

    private static WatermarkGeneratorSupplier<LabelMessage> labelTime(
            Duration outOfOrderness, Duration idleAfter, boolean backlog) {
        return backlog
                ? context -> TimedEventWatermarks.activeFromStart(outOfOrderness, idleAfter, context)
                : context -> TimedEventWatermarks.idleUntilFirstEvent(outOfOrderness, idleAfter, context);
    }

    private static int partitions(String servers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic " + topic, e);
        }
    }

    private <T> KafkaSource<T> source(
            String topic, OffsetsInitializer start, KafkaRecordDeserializationSchema<T> deserializer, Class<T> type) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setTopics(topic)
                .setGroupId(settings.groupId())
                .setStartingOffsets(start)
                .setDeserializer(deserializer)
                // Only what upstream committed: a producer's aborted transaction is no input.
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    private <T> KafkaSink<T> sink(ToTopic<T> serializer) {
        String topic = serializer.topic();
        Properties producer = new Properties();
        producer.setProperty(
                "transaction.timeout.ms",
                Long.toString(settings.transactionTimeout().toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(
                        settings.delivery() == StreamSettings.Delivery.EXACTLY_ONCE
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                // Unique per topic and group: two jobs, or two sinks of one job, must never share transactional ids.
                .setTransactionalIdPrefix("txmon-" + settings.groupId() + "-" + topic)
                .setKafkaProducerConfig(producer)
                .build();
    }

    /** Writes each element as one message on {@code topic}: its key (null for none) and its JSON. */
    private record ToTopic<T>(String topic, SerializableFunction<T, String> key, SerializableFunction<T, byte[]> value)
            implements KafkaRecordSerializationSchema<T> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            String k = key.apply(element);
            return new ProducerRecord<>(topic, k == null ? null : TransactionMessages.utf8(k), value.apply(element));
        }
    }

    /** Transactions topic messages, read with the contract's parser; never fails on a bad message. */
    private static final class TransactionDeserializer implements KafkaRecordDeserializationSchema<TransactionMessage> {
        private static final long serialVersionUID = 1L;
        private final Currency baseCurrency;
        private transient TransactionJson.Reader reader;

        TransactionDeserializer(Currency baseCurrency) {
            this.baseCurrency = baseCurrency;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<TransactionMessage> out) {
            if (reader == null) {
                reader = TransactionJson.reader(new TransactionParser(baseCurrency));
            }
            out.collect(TransactionMessages.read(record, reader));
        }

        @Override
        public TypeInformation<TransactionMessage> getProducedType() {
            return TypeInformation.of(TransactionMessage.class);
        }
    }

    /** Accounts topic messages; deletion markers and messages that are no account are skipped. */
    private static final class AccountDeserializer implements KafkaRecordDeserializationSchema<ReferenceAccount> {
        private static final long serialVersionUID = 1L;
        private transient AccountParser parser;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ReferenceAccount> out) {
            if (parser == null) {
                parser = new AccountParser();
            }
            AccountMessages.read(record, parser).map(ReferenceAccount::of).ifPresent(out::collect);
        }

        @Override
        public TypeInformation<ReferenceAccount> getProducedType() {
            return TypeInformation.of(ReferenceAccount.class);
        }
    }

    /** A control message, or why a message on the control topic is none. */
    public record ControlAttempt(ControlMessage message, ControlError error) implements Serializable {}

    private static final class ControlDeserializer implements KafkaRecordDeserializationSchema<ControlAttempt> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ControlAttempt> out) {
            try {
                out.collect(new ControlAttempt(ControlMessages.read(record), null));
            } catch (IllegalArgumentException e) {
                out.collect(new ControlAttempt(
                        null,
                        new ControlError(
                                record.topic() + "-" + record.partition() + "@" + record.offset(),
                                "UNREADABLE",
                                e.getMessage(),
                                record.timestamp())));
            }
        }

        @Override
        public TypeInformation<ControlAttempt> getProducedType() {
            return TypeInformation.of(ControlAttempt.class);
        }
    }

    /** Labels topic messages, read as a labels file's records are; never fails on a bad message. */
    private static final class LabelDeserializer implements KafkaRecordDeserializationSchema<LabelMessage> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LabelMessage> out) {
            out.collect(LabelMessages.read(record));
        }

        @Override
        public TypeInformation<LabelMessage> getProducedType() {
            return TypeInformation.of(LabelMessage.class);
        }
    }

    private static final class ReadableLabels extends ProcessFunction<LabelMessage, OutcomeLabel> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(LabelMessage message, Context context, Collector<OutcomeLabel> out) {
            if (message.label() != null) {
                out.collect(message.label());
            } else {
                context.output(UNREADABLE_LABELS, message);
            }
        }
    }

    private static final class AcceptedTransactions extends ProcessFunction<TransactionMessage, SequencedTransaction> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(TransactionMessage message, Context context, Collector<SequencedTransaction> out) {
            if (message.transaction() != null) {
                out.collect(message.transaction());
            } else {
                context.output(REJECTED, message);
            }
        }
    }

    private static final class ReadableControl extends ProcessFunction<ControlAttempt, ControlMessage> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(ControlAttempt attempt, Context context, Collector<ControlMessage> out) {
            if (attempt.message() != null) {
                out.collect(attempt.message());
            } else {
                context.output(UNREADABLE_CONTROL, attempt.error());
            }
        }
    }
}
