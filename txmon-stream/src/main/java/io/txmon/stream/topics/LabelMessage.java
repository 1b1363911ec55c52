package io.txmon.stream.topics;

import io.txmon.stream.OutcomeLabel;

/**
 * What one message on the labels topic held: a label, or the reason it is none (the message kept whole, for the
 * rejected topic).
 *
 * @param label the label, or null when rejected
 * @param source where the rejected message was (topic-partition@offset), or null
 * @param value the rejected message's text, or null
 * @param reason why it was rejected, naming the field, or null
 */
public record LabelMessage(OutcomeLabel label, String source, String value, String reason) {

    static LabelMessage accepted(OutcomeLabel label) {
        return new LabelMessage(label, null, null, null);
    }

    static LabelMessage rejected(String source, String value, String reason) {
        return new LabelMessage(null, source, value, reason);
    }

    /** Event time for the watermark: a rejected message has none, and neither has an undated label. */
    long eventTimeMillis() {
        return label == null || !label.dated()
                ? Long.MIN_VALUE
                : label.knownAt().toEpochMilli();
    }
}
