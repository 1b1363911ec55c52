package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/** What the job does with a transaction that comes too late, and with one that comes twice. */
class DecisionJobLateAndDuplicateTest {
    private static final Instant NINE = Instant.parse("2026-02-02T09:00:00Z");

    @Test
    void aTransactionLaterThanTheOutOfOrdernessIsKeptWithItsReasonAndNotDecided() throws Exception {
        List<SequencedTransaction> input = sequenced(
                card("on_time_1", NINE),
                card("on_time_2", NINE.plus(Duration.ofMinutes(10))),
                card("too_late", NINE.plus(Duration.ofMinutes(5))),
                card("on_time_3", NINE.plus(Duration.ofMinutes(20))));

        Results results = run(input);

        assertThat(results.decided).containsExactlyInAnyOrder("on_time_1", "on_time_2", "on_time_3");
        assertThat(results.late).singleElement().satisfies(late -> {
            assertThat(late.transactionId()).isEqualTo("too_late");
            assertThat(late.accountId()).isEqualTo("acct_late");
            assertThat(late.watermarkMillis()).isGreaterThanOrEqualTo(late.eventTimeMillis());
            assertThat(late.reason()).contains("arrived after event time had passed it");
        });
    }

    @Test
    void aTransactionSentTwiceIsDecidedOnceAndItsCopyIsKeptAside() throws Exception {
        Transaction once = card("twice", NINE);
        List<SequencedTransaction> input = sequenced(once, card("other", NINE.plusSeconds(30)), once);

        Results results = run(input);

        assertThat(results.decided).containsExactlyInAnyOrder("twice", "other");
        assertThat(results.duplicates).containsExactly("twice");
    }

    @Test
    void aTransferSentTwiceIsObservedOnceByBothAccountsAndItsCopyIsReportedOnce() throws Exception {
        Transaction transfer = Transaction.builder("sent_twice", NINE, "acct_late", new BigDecimal("300.00"))
                .type(TransactionType.TRANSFER)
                .counterpartyId("acct_payee")
                .build();
        List<SequencedTransaction> input = sequenced(transfer, card("other", NINE.plusSeconds(30)), transfer);

        Results results = run(input);

        assertThat(results.decided).containsExactlyInAnyOrder("sent_twice", "other");
        assertThat(results.duplicates).containsExactly("sent_twice");
        assertThat(results.late).as("both halves of the first copy met").isEmpty();
    }

    @Test
    void aCopyArrivingAfterItsOriginalWasDecidedIsLateAndNotDecidedAgain() throws Exception {
        Transaction once = card("once", NINE);
        List<SequencedTransaction> input =
                sequenced(once, card("ten_minutes_later", NINE.plus(Duration.ofMinutes(10))), once);

        Results results = run(input);

        assertThat(results.decided).containsExactlyInAnyOrder("once", "ten_minutes_later");
        assertThat(results.duplicates).isEmpty();
        assertThat(results.late).singleElement().satisfies(late -> assertThat(late.transactionId())
                .isEqualTo("once"));
    }

    private static Transaction card(String id, Instant at) {
        return Transaction.builder(id, at, "acct_late", new BigDecimal("42.00")).build();
    }

    private static List<SequencedTransaction> sequenced(Transaction... transactions) {
        List<SequencedTransaction> sequenced = new ArrayList<>();
        for (Transaction tx : transactions) {
            sequenced.add(new SequencedTransaction(sequenced.size(), tx));
        }
        return sequenced;
    }

    /** Ids decided, late and duplicated, from one run on one task with a watermark after each transaction. */
    private record Results(List<String> decided, List<LateTransaction> late, List<String> duplicates) {}

    private static Results run(List<SequencedTransaction> input) throws Exception {
        StreamExecutionEnvironment env = streaming(1);
        DataStream<SequencedTransaction> transactions = env.fromData(input);
        DecisionJob.Outputs outputs = DecisionJob.of(
                        Optional.empty(), Optional.empty(), Map.of(), Duration.ofMinutes(2))
                .withWatermarkAfterEveryTransaction()
                .decide(transactions);
        DataStream<String> tagged = outputs.decisions()
                .map(d -> "decided " + d.transactionId())
                .union(
                        outputs.late()
                                .map(l -> "late " + l.transactionId() + " " + l.accountId() + " " + l.eventTimeMillis()
                                        + " " + l.watermarkMillis() + " " + l.reason()),
                        outputs.duplicates()
                                .map(d -> "duplicate " + d.transaction().transactionId()));
        List<String> decided = new ArrayList<>();
        List<LateTransaction> late = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        try (CloseableIterator<String> out = tagged.executeAndCollect()) {
            out.forEachRemaining(line -> {
                String[] parts = line.split(" ", 6);
                switch (parts[0]) {
                    case "decided" -> decided.add(parts[1]);
                    case "duplicate" -> duplicates.add(parts[1]);
                    default ->
                        late.add(new LateTransaction(
                                parts[1], parts[2], Long.parseLong(parts[3]), Long.parseLong(parts[4]), parts[5]));
                }
            });
        }
        return new Results(decided, late, duplicates);
    }

    /** A local mini-cluster in streaming mode, as on Kafka: a bounded test input would otherwise run as a batch. */
    private static StreamExecutionEnvironment streaming(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        return env;
    }
}
