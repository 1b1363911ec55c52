package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.Feature;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The join of a transfer's two halves, alone, with the watermarks the test gives. */
class DecisionJoinTest {
    private static final long NINE = 1_770_022_800_000L;

    private KeyedBroadcastOperatorTestHarness<String, FeatureHalf, ControlMessage, DecidedTransaction> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new BroadcastOutsideEventTime<>(new DecisionJoin(WhatDecides.of(Optional.empty(), Optional.empty()))),
                FeatureHalf::transactionId,
                Types.STRING,
                1,
                1,
                0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void decidesATransferOnceBothHalvesHaveArrivedInEitherOrder() throws Exception {
        harness.processElement(half("t1", "acct_b", AccountEvent.Side.PAYEE), NINE);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processElement(half("t1", "acct_a", AccountEvent.Side.PAYER), NINE);
        harness.processWatermark(NINE + 1);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .extracting(decided -> decided.decision().transactionId())
                .isEqualTo("t1");
        assertThat(harness.getSideOutput(DecisionJoin.HALF_ALONE)).isNullOrEmpty();
    }

    @Test
    void decidesATransactionOfFourPartsOnceAllHaveArrivedWithEachKeysOwnFeatures() throws Exception {
        Transaction tx = Transaction.builder("t3", Instant.ofEpochMilli(NINE), "acct_a", new BigDecimal("100.00"))
                .type(TransactionType.TRANSFER)
                .counterpartyId("acct_b")
                .merchantId("m1")
                .deviceId("d1")
                .build();
        SequencedTransaction sequenced = new SequencedTransaction(1, tx);
        harness.processElement(FeatureHalf.of("device/d1", AccountEvent.Side.DEVICE, 4, sequenced, filled(7)), NINE);
        harness.processElement(FeatureHalf.of("acct_b", AccountEvent.Side.PAYEE, 4, sequenced, filled(5)), NINE);
        harness.processElement(FeatureHalf.payer("acct_a", 4, sequenced, filled(3)), NINE);
        assertThat(harness.extractOutputValues())
                .as("the merchant's part is still to come")
                .isEmpty();

        FeatureHalf merchant = FeatureHalf.of("merchant/m1", AccountEvent.Side.MERCHANT, 4, sequenced, filled(6));
        harness.processElement(merchant, NINE);
        harness.processWatermark(NINE + 1);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .extracting(decided -> decided.decision().transactionId())
                .isEqualTo("t3");
        assertThat(harness.getSideOutput(DecisionJoin.HALF_ALONE)).isNullOrEmpty();
    }

    @Test
    void joinsThePayersVectorWithTheFeaturesEachOtherKeyKnows() {
        Transaction tx = Transaction.builder("t4", Instant.ofEpochMilli(NINE), "acct_a", new BigDecimal("100.00"))
                .build();
        SequencedTransaction sequenced = new SequencedTransaction(1, tx);
        FeatureHalf payer = FeatureHalf.payer("acct_a", 4, sequenced, filled(3));

        double[] features = DecisionJoin.joined(
                payer,
                List.of(
                        FeatureHalf.of("device/d1", AccountEvent.Side.DEVICE, 4, sequenced, filled(7)),
                        payer,
                        FeatureHalf.of("acct_b", AccountEvent.Side.PAYEE, 4, sequenced, filled(5)),
                        FeatureHalf.of("merchant/m1", AccountEvent.Side.MERCHANT, 4, sequenced, filled(6))));

        assertThat(features[Feature.DEVICE_ACCOUNTS_7D.ordinal()]).isEqualTo(7);
        assertThat(features[Feature.MERCHANT_ACCOUNTS_7D.ordinal()]).isEqualTo(6);
        assertThat(features[Feature.PAYEE_TX_COUNT_1D.ordinal()]).isEqualTo(5);
        assertThat(features[Feature.CP_PRIOR_TX_COUNT.ordinal()]).isEqualTo(5);
        assertThat(features[Feature.ACCOUNT_FRAUD_SHARE_7D.ordinal()]).isEqualTo(3);
        assertThat(features[Feature.AMOUNT.ordinal()]).isEqualTo(3);
    }

    @Test
    void aHalfWaitingInStateSavedByTheEarlierTwoHalfVersionIsStillJoinedWithItsPartner() throws Exception {
        harness.close();
        KeyedBroadcastOperatorTestHarness<String, FeatureHalf, ControlMessage, DecidedTransaction> earlier =
                new KeyedBroadcastOperatorTestHarness<>(
                        new BroadcastOutsideEventTime<>(new EarlierJoin()),
                        FeatureHalf::transactionId,
                        Types.STRING,
                        1,
                        1,
                        0);
        earlier.open();
        earlier.processElement(half("t5", "acct_a", AccountEvent.Side.PAYER), NINE);
        OperatorSubtaskState saved = earlier.snapshot(1, NINE);
        earlier.close();

        harness = new KeyedBroadcastOperatorTestHarness<>(
                new BroadcastOutsideEventTime<>(new DecisionJoin(WhatDecides.of(Optional.empty(), Optional.empty()))),
                FeatureHalf::transactionId,
                Types.STRING,
                1,
                1,
                0);
        harness.initializeState(saved);
        harness.open();
        harness.processElement(half("t5", "acct_b", AccountEvent.Side.PAYEE), NINE);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .extracting(decided -> decided.decision().transactionId())
                .isEqualTo("t5");
    }

    /** What the earlier version kept of a transfer's first half: one value, named {@code waiting-half}. */
    private static final class EarlierJoin
            extends KeyedBroadcastProcessFunction<String, FeatureHalf, ControlMessage, DecidedTransaction> {
        private static final ValueStateDescriptor<FeatureHalf> WAITING =
                new ValueStateDescriptor<>("waiting-half", SerializedType.FEATURE_HALF);

        @Override
        public void processElement(FeatureHalf half, ReadOnlyContext context, Collector<DecidedTransaction> out)
                throws Exception {
            getRuntimeContext().getState(WAITING).update(half);
            context.timerService().registerEventTimeTimer(half.eventTimeMillis());
        }

        @Override
        public void processBroadcastElement(
                ControlMessage message, Context context, Collector<DecidedTransaction> out) {}
    }

    private static double[] filled(double value) {
        double[] features = new double[Feature.COUNT];
        Arrays.fill(features, value);
        return features;
    }

    @Test
    void aHalfWhosePartnerCameTooLateIsSetAsideWithItsReasonOnceTheWatermarkPassesIt() throws Exception {
        harness.processElement(half("t2", "acct_a", AccountEvent.Side.PAYER), NINE);
        harness.processWatermark(NINE - 1);
        assertThat(harness.getSideOutput(DecisionJoin.HALF_ALONE))
                .as("not yet: its partner may still come")
                .isNull();

        harness.processWatermark(NINE);

        assertThat(harness.extractOutputValues()).isEmpty();
        List<LateTransaction> alone = harness.getSideOutput(DecisionJoin.HALF_ALONE).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(alone).singleElement().satisfies(late -> {
            assertThat(late.transactionId()).isEqualTo("t2");
            assertThat(late.accountId()).isEqualTo("acct_a");
            assertThat(late.reason()).contains("only 1 of its 2 parts", "received it too late");
        });
    }

    private static FeatureHalf half(String transactionId, String accountId, AccountEvent.Side side) {
        Transaction tx = Transaction.builder(
                        transactionId, Instant.ofEpochMilli(NINE), "acct_a", new BigDecimal("100.00"))
                .type(TransactionType.TRANSFER)
                .counterpartyId("acct_b")
                .build();
        SequencedTransaction sequenced = new SequencedTransaction(1, tx);
        return side == AccountEvent.Side.PAYER
                ? FeatureHalf.payer(accountId, 2, sequenced, new double[Feature.COUNT])
                : FeatureHalf.of(accountId, side, 2, sequenced, new double[Feature.COUNT]);
    }
}
