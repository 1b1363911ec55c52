package io.txmon.stream.topics;

import io.txmon.formats.DecisionRow;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.stream.ControlError;
import io.txmon.stream.DecidedTransaction;
import io.txmon.stream.LateTransaction;
import io.txmon.stream.SequencedTransaction;
import io.txmon.stream.StreamDecision;
import io.txmon.transaction.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the job writes to its output topics, with the field names of the files {@code bin/txmon score} writes
 * (docs/file-formats.md) and of the transactions contract. Scores travel as full doubles; files round them when
 * they are written, as {@code score} does.
 */
public final class OutputMessages {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OutputMessages() {}

    /** A decision on the decisions topic. */
    public static byte[] decision(StreamDecision decision) {
        ObjectNode node = JSON.createObjectNode();
        putDecision(node, decision);
        return bytes(node);
    }

    /** The row of the decisions file a decisions-topic message stands for. */
    public static DecisionRow decisionRow(byte[] message) {
        JsonNode node = JSON.readTree(message);
        List<String> codes = new ArrayList<>();
        node.path("reason_codes").forEach(code -> codes.add(code.asString()));
        JsonNode model = node.path("model_version");
        JsonNode anomaly = node.path("anomaly_score");
        return new DecisionRow(
                node.path("transaction_id").asString(),
                node.path("risk_score").asDouble(),
                RiskLevel.valueOf(node.path("risk_level").asString()),
                Recommendation.valueOf(node.path("recommendation").asString()),
                codes,
                node.path("rule_set_version").asString(),
                model.isNull() || model.isMissingNode() ? null : model.asString(),
                anomaly.isNull() || anomaly.isMissingNode() ? null : anomaly.asDouble());
    }

    /** An alert on the alerts topic: the decision with the transaction it is about. */
    public static byte[] alert(DecidedTransaction decided) {
        Transaction tx = decided.transaction().transaction();
        ObjectNode node = JSON.createObjectNode();
        putDecision(node, decided.decision());
        node.put("user_id", tx.userId());
        node.put("timestamp", tx.timestamp().toString());
        node.put("amount", tx.amount());
        node.put("currency", tx.currency().getCurrencyCode());
        node.put("type", tx.type().name());
        if (tx.counterpartyId() != null) {
            node.put("counterparty_id", tx.counterpartyId());
        }
        if (tx.merchantId() != null) {
            node.put("merchant_id", tx.merchantId());
        }
        return bytes(node);
    }

    /** A transaction on the late topic, with why it was not decided. */
    public static byte[] late(LateTransaction late) {
        ObjectNode node = JSON.createObjectNode();
        node.put("transaction_id", late.transactionId());
        node.put("account_id", late.accountId());
        node.put("event_time", Instant.ofEpochMilli(late.eventTimeMillis()).toString());
        node.put("watermark", Instant.ofEpochMilli(late.watermarkMillis()).toString());
        node.put("reason", late.reason());
        return bytes(node);
    }

    /** A message that was not a transaction, on the rejected topic, kept whole with why. */
    public static byte[] rejected(TransactionMessage message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("source", message.source());
        node.put("value", message.value());
        node.put("reason", message.reason());
        return bytes(node);
    }

    /** A second copy of a transaction id, on the rejected topic: the first copy was decided. */
    public static byte[] duplicate(SequencedTransaction copy) {
        ObjectNode node = JSON.createObjectNode();
        node.put("transaction_id", copy.transaction().transactionId());
        node.put("sequence", copy.sequence());
        node.put("reason", "transaction_id was already decided; a second copy is not decided again");
        return bytes(node);
    }

    /** A control message the job refused, on the control-errors topic: the running rules and model stay. */
    public static byte[] controlError(ControlError error) {
        ObjectNode node = JSON.createObjectNode();
        node.put("origin", error.origin());
        node.put("kind", error.kind());
        node.put("reason", error.reason());
        node.put("received_at", Instant.ofEpochMilli(error.receivedAtMillis()).toString());
        return bytes(node);
    }

    private static void putDecision(ObjectNode node, StreamDecision decision) {
        node.put("transaction_id", decision.transactionId());
        node.put("risk_score", decision.riskScore());
        node.put("risk_level", decision.riskLevel());
        node.put("recommendation", decision.recommendation());
        ArrayNode codes = node.putArray("reason_codes");
        if (!decision.reasonCodes().isEmpty()) {
            Arrays.stream(decision.reasonCodes().split(";")).forEach(codes::add);
        }
        node.put("rule_set_version", decision.ruleSetVersion());
        if (decision.modelVersion() != null) {
            node.put("model_version", decision.modelVersion());
            node.put("anomaly_score", decision.anomalyScore());
        }
    }

    private static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }
}
