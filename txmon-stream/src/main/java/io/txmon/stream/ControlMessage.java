package io.txmon.stream;

/** TEMP placeholder until the control branch lands. */
public record ControlMessage(Kind kind, String origin, String ruleFile, byte[] model) {
    public enum Kind {
        RULES,
        MODEL
    }

    public static ControlMessage rules(String origin, String text) {
        return new ControlMessage(Kind.RULES, origin, text, null);
    }

    public static ControlMessage model(String origin, byte[] bytes) {
        return new ControlMessage(Kind.MODEL, origin, null, bytes);
    }
}
