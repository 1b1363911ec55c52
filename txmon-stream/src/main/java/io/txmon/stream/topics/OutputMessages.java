package io.txmon.stream.topics;

import io.txmon.formats.DecisionRow;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.stream.ControlError;
import io.txmon.stream.DecidedTransaction;
import io.txmon.stream.LateTransaction;
import io.txmon.stream.OutcomeLabel;
import io.txmon.stream.SequencedTransaction;
import io.txmon.stream.SetAsideLabel;
import io.txmon.stream.StreamDecision;
import io.txmon.transaction.Transaction;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON the job writes to its output topics, with the field names of the files {@code bin/txmon score} writes
 * (docs/file-formats.md) and of the transactions contract. Scores travel as full doubles; files round them when
 * they are written, as {@code score} does.
 */
public final class OutputMessages {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Writes the messages: a generator from the mapper sets up a serialization context per message that plain
     * properties never use, a third of the time the decisions sink spent on JSON (BENCHMARKS.md, "Streaming").
     */
    private static final JsonFactory GENERATORS = JsonFactory.builder().build();

    private OutputMessages() {}

    /** A decision on the decisions topic. */
    public static byte[] decision(StreamDecision decision) {
        return object(json -> writeDecision(json, decision));
    }

    /** The row of the decisions file a decisions-topic message stands for. */
    public static DecisionRow decisionRow(byte[] message) {
        JsonNode node = JSON.readTree(message);
        List<String> codes = new ArrayList<>();
        node.path("reason_codes").forEach(code -> codes.add(code.asString()));
        JsonNode model = node.path("model_version");
        JsonNode anomaly = node.path("anomaly_score");
        JsonNode line = node.path("review_threshold");
        return new DecisionRow(
                node.path("transaction_id").asString(),
                node.path("risk_score").asDouble(),
                RiskLevel.valueOf(node.path("risk_level").asString()),
                Recommendation.valueOf(node.path("recommendation").asString()),
                codes,
                node.path("rule_set_version").asString(),
                model.isNull() || model.isMissingNode() ? null : model.asString(),
                anomaly.isNull() || anomaly.isMissingNode() ? null : anomaly.asDouble(),
                line.isNull() || line.isMissingNode() ? null : line.asDouble());
    }

    /** An alert on the alerts topic: the decision with the transaction it is about. */
    public static byte[] alert(DecidedTransaction decided) {
        Transaction tx = decided.transaction().transaction();
        return object(json -> {
            writeDecision(json, decided.decision());
            json.writeStringProperty("user_id", tx.userId());
            json.writeStringProperty("timestamp", tx.timestamp().toString());
            json.writeNumberProperty("amount", tx.amount());
            json.writeStringProperty("currency", tx.currency().getCurrencyCode());
            json.writeStringProperty("type", tx.type().name());
            if (tx.counterpartyId() != null) {
                json.writeStringProperty("counterparty_id", tx.counterpartyId());
            }
            if (tx.merchantId() != null) {
                json.writeStringProperty("merchant_id", tx.merchantId());
            }
        });
    }

    /** A transaction on the late topic, with why it was not decided. */
    public static byte[] late(LateTransaction late) {
        return object(json -> {
            json.writeStringProperty("transaction_id", late.transactionId());
            json.writeStringProperty("account_id", late.accountId());
            json.writeStringProperty(
                    "event_time", Instant.ofEpochMilli(late.eventTimeMillis()).toString());
            json.writeStringProperty(
                    "watermark", Instant.ofEpochMilli(late.watermarkMillis()).toString());
            json.writeStringProperty("reason", late.reason());
        });
    }

    /** A message that was not a transaction, on the rejected topic, kept whole with why. */
    public static byte[] rejected(TransactionMessage message) {
        return object(json -> {
            json.writeStringProperty("source", message.source());
            json.writeStringProperty("value", message.value());
            json.writeStringProperty("reason", message.reason());
        });
    }

    /** A message on the labels topic that was no label, on the rejected topic, kept whole with why. */
    public static byte[] rejected(LabelMessage message) {
        return object(json -> {
            json.writeStringProperty("source", message.source());
            json.writeStringProperty("value", message.value());
            json.writeStringProperty("reason", message.reason());
        });
    }

    /** A label the job could not learn, on the set-aside-labels topic, with the fields of a labels file and why. */
    public static byte[] setAsideLabel(SetAsideLabel setAside) {
        OutcomeLabel label = setAside.label();
        return object(json -> {
            json.writeStringProperty("transaction_id", label.transactionId());
            json.writeNumberProperty("label", label.suspicious() ? 1 : 0);
            if (label.typology() != null) {
                json.writeStringProperty("typology", label.typology());
            }
            if (label.dated()) {
                json.writeStringProperty("labelled_at", label.knownAt().toString());
            }
            json.writeStringProperty("reason", setAside.reason());
        });
    }

    /** A second copy of a transaction id, on the rejected topic: the first copy was decided. */
    public static byte[] duplicate(SequencedTransaction copy) {
        return object(json -> {
            json.writeStringProperty("transaction_id", copy.transaction().transactionId());
            json.writeNumberProperty("sequence", copy.sequence());
            json.writeStringProperty(
                    "reason", "transaction_id was already decided; a second copy is not decided again");
        });
    }

    /** A control message the job refused, on the control-errors topic: the running rules and model stay. */
    public static byte[] controlError(ControlError error) {
        return object(json -> {
            json.writeStringProperty("origin", error.origin());
            json.writeStringProperty("kind", error.kind());
            json.writeStringProperty("reason", error.reason());
            json.writeStringProperty(
                    "received_at",
                    Instant.ofEpochMilli(error.receivedAtMillis()).toString());
        });
    }

    private static void writeDecision(JsonGenerator json, StreamDecision decision) {
        json.writeStringProperty("transaction_id", decision.transactionId());
        json.writeNumberProperty("risk_score", decision.riskScore());
        json.writeStringProperty("risk_level", decision.riskLevel());
        json.writeStringProperty("recommendation", decision.recommendation());
        json.writeArrayPropertyStart("reason_codes");
        if (!decision.reasonCodes().isEmpty()) {
            for (String code : decision.reasonCodes().split(";")) {
                json.writeString(code);
            }
        }
        json.writeEndArray();
        json.writeStringProperty("rule_set_version", decision.ruleSetVersion());
        if (decision.modelVersion() != null) {
            json.writeStringProperty("model_version", decision.modelVersion());
            if (decision.anomalyScore() == null) {
                json.writeNullProperty("anomaly_score");
            } else {
                json.writeNumberProperty("anomaly_score", decision.anomalyScore());
            }
        }
        json.writeNumberProperty("review_threshold", decision.reviewThreshold());
        if (decision.supervisedModelVersion() != null) {
            json.writeStringProperty("supervised_model_version", decision.supervisedModelVersion());
            json.writeNumberProperty("fraud_probability", decision.fraudProbability());
        }
    }

    /**
     * One JSON object written by {@code properties} straight to bytes. Built as a tree first, as it was, the JSON
     * took 15 % of the decisions task on the stream benchmark (BENCHMARKS.md).
     */
    private static byte[] object(Consumer<JsonGenerator> properties) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = GENERATORS.createGenerator(ObjectWriteContext.empty(), bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            properties.accept(json);
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }
}
