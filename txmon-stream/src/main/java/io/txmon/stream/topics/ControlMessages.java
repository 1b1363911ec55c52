package io.txmon.stream.topics;

import io.txmon.stream.ControlMessage;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rule sets and models on the control topic: {@code {"kind":"RULES","rule_file":"<the YAML>"}} or {@code
 * {"kind":"MODEL","model":"<the saved model, base64>"}}, with an optional {@code origin} saying where it came from.
 */
public final class ControlMessages {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SHOWN_CHARACTERS = 60;

    private ControlMessages() {}

    /** The message that makes the running job decide with the rule file {@code text}. */
    public static ProducerRecord<byte[], byte[]> rules(String topic, String origin, String text) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", ControlMessage.Kind.RULES.name());
        node.put("origin", origin);
        node.put("rule_file", text);
        return new ProducerRecord<>(topic, JSON.writeValueAsBytes(node));
    }

    /** The message that makes the running job decide with the saved model {@code bytes}. */
    public static ProducerRecord<byte[], byte[]> model(String topic, String origin, byte[] bytes) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", ControlMessage.Kind.MODEL.name());
        node.put("origin", origin);
        node.put("model", Base64.getEncoder().encodeToString(bytes));
        return new ProducerRecord<>(topic, JSON.writeValueAsBytes(node));
    }

    /** Sends the rule file {@code text} to {@code topic} and waits until the broker has it. */
    public static void sendRules(String bootstrapServers, String topic, String origin, String text)
            throws ExecutionException, InterruptedException {
        send(bootstrapServers, rules(topic, origin, text));
    }

    /** Sends the saved model {@code bytes} to {@code topic} and waits until the broker has it. */
    public static void sendModel(String bootstrapServers, String topic, String origin, byte[] bytes)
            throws ExecutionException, InterruptedException {
        send(bootstrapServers, model(topic, origin, bytes));
    }

    private static void send(String bootstrapServers, ProducerRecord<byte[], byte[]> message)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(message).get();
        }
    }

    /**
     * The control message a record holds.
     *
     * @throws IllegalArgumentException with the reason when it holds none
     */
    public static ControlMessage read(ConsumerRecord<byte[], byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        JsonNode node;
        try {
            node = JSON.readTree(record.value() == null ? new byte[0] : record.value());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("control message at " + where + " is not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("control message at " + where + " is not a JSON object");
        }
        String origin = node.path("origin").isString() ? node.path("origin").asString() + " (" + where + ")" : where;
        String kind = node.path("kind").asString("");
        if (kind.equals(ControlMessage.Kind.RULES.name())
                && node.path("rule_file").isString()) {
            return ControlMessage.rules(origin, node.path("rule_file").asString());
        }
        boolean anomaly = kind.equals(ControlMessage.Kind.MODEL.name());
        if ((anomaly || kind.equals(ControlMessage.Kind.SUPERVISED.name()))
                && node.path("model").isString()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(node.path("model").asString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("control message at " + where + ": model must be base64");
            }
            return anomaly ? ControlMessage.model(origin, bytes) : ControlMessage.supervised(origin, bytes);
        }
        throw new IllegalArgumentException("control message at " + where
                + ": kind must be RULES with rule_file, or MODEL or SUPERVISED with model, was '" + shown(kind)
                + "'");
    }

    /** At most the first {@value #SHOWN_CHARACTERS} characters, so that a reason never carries a whole message. */
    private static String shown(String text) {
        return text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "…";
    }
}
