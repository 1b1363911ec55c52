package io.txmon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.features.Feature;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModelCodec;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule sets and models changing under {@link DecisionJoin}, alone, with control messages and decisions in the order
 * the test gives: what a decision records is what made it.
 */
class DecisionJoinControlTest {
    private static final long NINE = 1_770_022_800_000L;
    private static final String DEFAULT_VERSION = RuleFile.defaults().version();
    private static final String STRICTER_VERSION =
            RuleFile.parse(ControlFixtures.stricterRuleFile(), "stricter").version();

    private KeyedBroadcastOperatorTestHarness<String, FeatureHalf, ControlMessage, DecidedTransaction> harness;

    @BeforeEach
    void open() throws Exception {
        harness = startedWithTheDefaults();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void decisionsMadeAfterANewRuleSetArrivesRecordItsVersionAndThoseBeforeItTheOldOne() throws Exception {
        harness.processElement(payment("before"), NINE);
        harness.processBroadcastElement(
                ControlMessage.rules("stricter.yaml", ControlFixtures.stricterRuleFile()), NINE);
        harness.processElement(payment("after"), NINE);

        assertThat(decisions())
                .extracting(StreamDecision::transactionId, StreamDecision::ruleSetVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("before", DEFAULT_VERSION),
                        org.assertj.core.groups.Tuple.tuple("after", STRICTER_VERSION));
        assertThat(STRICTER_VERSION).isNotEqualTo(DEFAULT_VERSION);
    }

    @Test
    void decisionsMadeAfterANewModelArrivesAreMadeWithItAndRecordItsVersion() throws Exception {
        String modelVersion = ControlFixtures.model().version();

        harness.processElement(payment("rules_alone"), NINE);
        harness.processBroadcastElement(
                ControlMessage.model("model.bin", AnomalyModelCodec.toBytes(ControlFixtures.model())), NINE);
        harness.processElement(payment("with_model"), NINE);

        List<StreamDecision> decisions = decisions();
        assertThat(decisions.get(0).modelVersion()).isNull();
        assertThat(decisions.get(0).anomalyScore()).isNull();
        assertThat(decisions.get(1).modelVersion()).isEqualTo(modelVersion);
        assertThat(decisions.get(1).anomalyScore()).isNotNull();
    }

    @Test
    void decisionsMadeAfterASupervisedModelArrivesAreMadeWithItAndRecordItsVersionAndProbability() throws Exception {
        harness.processElement(payment("without"), NINE);
        harness.processBroadcastElement(
                ControlMessage.supervised("supervised.bin", ControlFixtures.supervisedModel()), NINE);
        harness.processElement(payment("with_supervised"), NINE);

        List<StreamDecision> decisions = decisions();
        assertThat(decisions.get(0).supervisedModelVersion()).isNull();
        assertThat(decisions.get(0).fraudProbability()).isNull();
        assertThat(decisions.get(1).supervisedModelVersion()).isEqualTo("sl-0123456789ab");
        assertThat(decisions.get(1).fraudProbability()).isBetween(0.0, 1.0);
    }

    @Test
    void aTaskRestoredFromACheckpointDecidesWithTheRulesItAcceptedNotThoseTheJobStartedWith() throws Exception {
        harness.processBroadcastElement(
                ControlMessage.rules("stricter.yaml", ControlFixtures.stricterRuleFile()), NINE);
        OperatorSubtaskState checkpoint = harness.snapshot(1, NINE);
        harness.close();

        harness = startedWithTheDefaults();
        harness.initializeState(checkpoint);
        harness.open();
        harness.processElement(payment("after_restore"), NINE);

        assertThat(decisions())
                .singleElement()
                .extracting(StreamDecision::ruleSetVersion)
                .isEqualTo(STRICTER_VERSION);
    }

    private static KeyedBroadcastOperatorTestHarness<String, FeatureHalf, ControlMessage, DecidedTransaction>
            startedWithTheDefaults() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new BroadcastOutsideEventTime<>(new DecisionJoin(WhatDecides.of(Optional.empty(), Optional.empty()))),
                FeatureHalf::transactionId,
                Types.STRING,
                1,
                1,
                0);
    }

    private List<StreamDecision> decisions() {
        return harness.extractOutputValues().stream()
                .map(DecidedTransaction::decision)
                .toList();
    }

    /** A card payment's only half: decided as soon as it arrives. */
    private static FeatureHalf payment(String transactionId) {
        Transaction tx = Transaction.builder(
                        transactionId, Instant.ofEpochMilli(NINE), "acct_a", new BigDecimal("100.00"))
                .build();
        return FeatureHalf.payer("acct_a", 1, new SequencedTransaction(1, tx), new double[Feature.COUNT]);
    }
}
