package io.txmon.stream;

import java.util.Arrays;
import java.util.Objects;

/**
 * A new rule set, anomaly model or supervised model for a running job, from the control stream. The job checks it before any task
 * sees it: a message that does not hold a valid rule file or model goes to {@link DecisionJob.Outputs#controlErrors}
 * and the running one stays.
 *
 * @param kind what it replaces
 * @param origin where it came from, free text for people: a file name, a topic, partition and offset
 * @param ruleFile for {@link Kind#RULES}, the rule file's text (docs/rules.md); null for a model
 * @param model for {@link Kind#MODEL}, the model in {@code AnomalyModelCodec.toBytes} form; for {@link
 *     Kind#SUPERVISED}, the supervised model in {@code SupervisedModelCodec.toBytes} form; null for rules
 */
public record ControlMessage(Kind kind, String origin, String ruleFile, byte[] model) {
    /** What a control message replaces. */
    public enum Kind {
        RULES,
        MODEL,
        /** The supervised model, as activating a trained one does in {@code TransactionScorer.useSupervised}. */
        SUPERVISED
    }

    public ControlMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        if (kind == Kind.RULES && (ruleFile == null || model != null)) {
            throw new IllegalArgumentException("a RULES message holds a rule file and no model, from " + origin);
        }
        if (kind != Kind.RULES && (model == null || ruleFile != null)) {
            throw new IllegalArgumentException("a " + kind + " message holds a model and no rule file, from " + origin);
        }
        model = model == null ? null : model.clone();
    }

    /** A new rule set: the text of a rule file. */
    public static ControlMessage rules(String origin, String ruleFileText) {
        return new ControlMessage(Kind.RULES, origin, ruleFileText, null);
    }

    /** A new anomaly model: its bytes as {@code AnomalyModelCodec.toBytes} writes them. */
    public static ControlMessage model(String origin, byte[] modelBytes) {
        return new ControlMessage(Kind.MODEL, origin, null, modelBytes);
    }

    /** A new supervised model: its bytes as {@code SupervisedModelCodec.toBytes} writes them. */
    public static ControlMessage supervised(String origin, byte[] modelBytes) {
        return new ControlMessage(Kind.SUPERVISED, origin, null, modelBytes);
    }

    // A record compares arrays by identity; two messages with the same model bytes are the same message.
    @Override
    public boolean equals(Object other) {
        return other instanceof ControlMessage that
                && kind == that.kind
                && origin.equals(that.origin)
                && Objects.equals(ruleFile, that.ruleFile)
                && Arrays.equals(model, that.model);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, origin, ruleFile, Arrays.hashCode(model));
    }

    /** Kind, origin and size: a model or rule file is too long for a log line. */
    @Override
    public String toString() {
        int size = kind == Kind.RULES ? ruleFile.length() : model.length;
        return "ControlMessage[" + kind + " from " + origin + ", " + size
                + (kind == Kind.RULES ? " chars]" : " bytes]");
    }
}
