package io.txmon.stream.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.DecisionRow;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.stream.ControlError;
import io.txmon.stream.DecidedTransaction;
import io.txmon.stream.LateTransaction;
import io.txmon.stream.SequencedTransaction;
import io.txmon.stream.StreamDecision;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputMessagesTest {
    private static final Instant NINE = Instant.parse("2026-02-02T09:00:00Z");

    private static final StreamDecision BLOCKED = new StreamDecision(
            "tx-1",
            0.8125,
            "HIGH",
            "BLOCK",
            "HIGH_AMOUNT;NEW_PAYEE",
            "defaults-1",
            "model-3",
            0.71,
            0.4521,
            null,
            null);

    @Test
    void aDecisionIsWrittenWithTheFieldsOfTheDecisionsFileAndReadsBackAsTheSameRow() {
        byte[] message = OutputMessages.decision(BLOCKED);

        assertThat(text(message))
                .isEqualTo("{\"transaction_id\":\"tx-1\",\"risk_score\":0.8125,\"risk_level\":\"HIGH\","
                        + "\"recommendation\":\"BLOCK\",\"reason_codes\":[\"HIGH_AMOUNT\",\"NEW_PAYEE\"],"
                        + "\"rule_set_version\":\"defaults-1\",\"model_version\":\"model-3\",\"anomaly_score\":0.71,"
                        + "\"review_threshold\":0.4521}");
        assertThat(OutputMessages.decisionRow(message))
                .isEqualTo(new DecisionRow(
                        "tx-1",
                        0.8125,
                        RiskLevel.HIGH,
                        Recommendation.BLOCK,
                        List.of("HIGH_AMOUNT", "NEW_PAYEE"),
                        "defaults-1",
                        "model-3",
                        0.71,
                        0.4521));
    }

    @Test
    void aDecisionTheSupervisedModelTookPartInNamesItAndItsProbabilityAsTheDecisionsFileDoes() {
        StreamDecision learnt =
                new StreamDecision("tx-3", 0.5, "MEDIUM", "APPROVE", "", "defaults-1", null, null, 0.6, "sl-1", 0.25);

        assertThat(text(OutputMessages.decision(learnt)))
                .endsWith("\"review_threshold\":0.6,\"supervised_model_version\":\"sl-1\",\"fraud_probability\":0.25}");
    }

    @Test
    void aDecisionByRulesAloneHasNoReasonCodesNoModelAndNoAnomalyScore() {
        StreamDecision rulesAlone =
                new StreamDecision("tx-2", 0.0, "LOW", "APPROVE", "", "defaults-1", null, null, 0.6, null, null);

        byte[] message = OutputMessages.decision(rulesAlone);

        assertThat(text(message)).contains("\"reason_codes\":[]").doesNotContain("model_version", "anomaly_score");
        assertThat(OutputMessages.decisionRow(message).modelVersion()).isNull();
        assertThat(OutputMessages.decisionRow(message).anomalyScore()).isNull();
    }

    @Test
    void anAlertCarriesTheDecisionAndTheTransactionItIsAbout() {
        Transaction transfer = Transaction.builder("tx-1", NINE, "acct-a", new BigDecimal("9500.00"))
                .type(TransactionType.TRANSFER)
                .counterpartyId("acct-b")
                .build();

        String alert =
                text(OutputMessages.alert(new DecidedTransaction(new SequencedTransaction(7, transfer), BLOCKED)));

        assertThat(alert)
                .startsWith("{\"transaction_id\":\"tx-1\",\"risk_score\":0.8125,")
                .contains(
                        "\"user_id\":\"acct-a\"",
                        "\"timestamp\":\"2026-02-02T09:00:00Z\"",
                        "\"amount\":9500.00",
                        "\"currency\":\"USD\"",
                        "\"type\":\"TRANSFER\"",
                        "\"counterparty_id\":\"acct-b\"")
                .doesNotContain("merchant_id");
    }

    @Test
    void lateCopiedAndRefusedInputIsWrittenWithItsReason() {
        LateTransaction late = new LateTransaction(
                "tx-9", "acct-a", NINE.toEpochMilli(), NINE.plusSeconds(60).toEpochMilli(), "arrived \"late\"");
        Transaction copy =
                Transaction.builder("tx-1", NINE, "acct-a", BigDecimal.TEN).build();
        ControlError refused = new ControlError("control-0@4", "rules", "no such feature", NINE.toEpochMilli());

        assertThat(text(OutputMessages.late(late)))
                .isEqualTo(
                        "{\"transaction_id\":\"tx-9\",\"account_id\":\"acct-a\",\"event_time\":\"2026-02-02T09:00:00Z\","
                                + "\"watermark\":\"2026-02-02T09:01:00Z\",\"reason\":\"arrived \\\"late\\\"\"}");
        assertThat(text(OutputMessages.duplicate(new SequencedTransaction(12, copy))))
                .startsWith("{\"transaction_id\":\"tx-1\",\"sequence\":12,\"reason\":\"transaction_id was already");
        assertThat(text(OutputMessages.controlError(refused)))
                .isEqualTo("{\"origin\":\"control-0@4\",\"kind\":\"rules\",\"reason\":\"no such feature\","
                        + "\"received_at\":\"2026-02-02T09:00:00Z\"}");
    }

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }
}
