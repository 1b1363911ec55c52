package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Labels meeting their transactions, alone, with watermarks the test gives. */
class LabelledTransactionsTest {
    private static final Instant NINE = Instant.parse("2026-02-02T09:00:00Z");
    private static final Transaction STOLEN = Transaction.builder("t1", NINE, "acct_a", new BigDecimal("25.00"))
            .merchantId("m-1")
            .deviceId("d-1")
            .build();

    private KeyedTwoInputStreamOperatorTestHarness<String, SequencedTransaction, OutcomeLabel, AccountInput> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new LabelledTransactions(Duration.ofDays(37), Duration.ofDays(7)),
                (SequencedTransaction tx) -> tx.transaction().transactionId(),
                OutcomeLabel::transactionId,
                Types.STRING);
        harness.processElement1(new SequencedTransaction(1, STOLEN), NINE.toEpochMilli());
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aFraudLabelReachesEveryKeyOfItsTransactionOnceTheWatermarkPassesTheInstantItBecameKnown() throws Exception {
        Instant known = NINE.plus(Duration.ofDays(2));
        harness.processElement2(new OutcomeLabel("t1", true, "card_theft", known), known.toEpochMilli());
        watermark(known.toEpochMilli() - 1);
        assertThat(harness.extractOutputValues())
                .as("not before the watermark passes it")
                .isEmpty();

        watermark(known.toEpochMilli());

        assertThat(outcomes())
                .extracting(AccountOutcome::accountId, AccountOutcome::delta, AccountOutcome::knownAtMillis)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("acct_a", 1, known.toEpochMilli()),
                        org.assertj.core.groups.Tuple.tuple("merchant/m-1", 1, known.toEpochMilli()),
                        org.assertj.core.groups.Tuple.tuple("device/d-1", 1, known.toEpochMilli()));
    }

    @Test
    void aRepeatedLabelChangesNothingAndALaterClearingOneTakesTheFraudBack() throws Exception {
        Instant known = NINE.plus(Duration.ofDays(2));
        Instant cleared = known.plus(Duration.ofDays(1));
        // Arriving out of order: the clearing label first. They are learned in the order they became known.
        harness.processElement2(new OutcomeLabel("t1", false, null, cleared), cleared.toEpochMilli());
        harness.processElement2(new OutcomeLabel("t1", true, null, known), known.toEpochMilli());
        harness.processElement2(new OutcomeLabel("t1", true, null, known.plusSeconds(1)), known.toEpochMilli());
        watermark(cleared.toEpochMilli());

        assertThat(outcomes())
                .filteredOn(outcome -> outcome.side() == AccountEvent.Side.PAYER)
                .extracting(AccountOutcome::delta)
                .containsExactly(1, -1);
    }

    @Test
    void aLabelBehindTheWatermarkOrOfATransactionNeverSeenIsSetAsideWithWhy() throws Exception {
        watermark(NINE.plus(Duration.ofDays(1)).toEpochMilli());

        harness.processElement2(new OutcomeLabel("t1", true, null, NINE.plusSeconds(60)), 0);
        Instant later = NINE.plus(Duration.ofDays(2));
        harness.processElement2(new OutcomeLabel("never_seen", true, null, later), later.toEpochMilli());
        watermark(later.toEpochMilli());

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(LabelledTransactions.SET_ASIDE).stream()
                        .map(StreamRecord::getValue)
                        .toList())
                .extracting(aside -> aside.label().transactionId(), SetAsideLabel::reason)
                .satisfiesExactly(
                        first -> assertThat(first.toList())
                                .containsExactly("t1", first.toList().get(1)),
                        second -> assertThat(second.toList().get(0)).isEqualTo("never_seen"));
        assertThat(harness.getSideOutput(LabelledTransactions.SET_ASIDE).stream()
                        .map(record -> record.getValue().reason())
                        .toList())
                .satisfiesExactly(
                        first -> assertThat(first).contains("arrived after event time had passed"),
                        second -> assertThat(second).contains("was not seen"));
    }

    @Test
    void anUndatedLabelIsKnownTheLabelDelayAfterItsTransactionAsLabelTimelineTakesIt() throws Exception {
        Instant sevenDaysOn = NINE.plus(Duration.ofDays(7));
        harness.processElement2(OutcomeLabel.undated("t1", true, "card_theft"), Long.MIN_VALUE);
        watermark(sevenDaysOn.toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).as("not before the delay").isEmpty();

        watermark(sevenDaysOn.toEpochMilli());

        assertThat(outcomes())
                .extracting(AccountOutcome::accountId, AccountOutcome::knownAtMillis)
                .contains(org.assertj.core.groups.Tuple.tuple("acct_a", sevenDaysOn.toEpochMilli()));
    }

    @Test
    void anUndatedLabelArrivingBeforeItsTransactionWaitsForItAndIsDatedFromIt() throws Exception {
        Instant ten = NINE.plus(Duration.ofHours(1));
        Transaction later =
                Transaction.builder("t2", ten, "acct_b", new BigDecimal("5.00")).build();
        watermark(NINE.toEpochMilli());
        harness.processElement2(OutcomeLabel.undated("t2", true, null), Long.MIN_VALUE);
        harness.processElement1(new SequencedTransaction(2, later), ten.toEpochMilli());

        watermark(ten.plus(Duration.ofDays(7)).toEpochMilli());

        assertThat(outcomes())
                .extracting(AccountOutcome::accountId, AccountOutcome::knownAtMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "acct_b", ten.plus(Duration.ofDays(7)).toEpochMilli()));
    }

    @Test
    void anUndatedLabelWhoseTransactionNeverComesIsSetAsideOnceEventTimeHasMovedTheKeepingSpanOn() throws Exception {
        watermark(NINE.toEpochMilli());
        harness.processElement2(OutcomeLabel.undated("never_seen", true, null), Long.MIN_VALUE);
        watermark(NINE.plus(Duration.ofDays(37)).toEpochMilli() - 1);
        assertThat(harness.getSideOutput(LabelledTransactions.SET_ASIDE))
                .as("still waiting")
                .isNullOrEmpty();

        watermark(NINE.plus(Duration.ofDays(37)).toEpochMilli());

        assertThat(harness.getSideOutput(LabelledTransactions.SET_ASIDE).stream()
                        .map(record -> record.getValue().reason())
                        .toList())
                .singleElement()
                .asString()
                .contains("undated", "had not come");
    }

    private void watermark(long millis) throws Exception {
        harness.processBothWatermarks(new Watermark(millis));
    }

    private List<AccountOutcome> outcomes() {
        return harness.extractOutputValues().stream()
                .map(AccountOutcome.class::cast)
                .toList();
    }
}
