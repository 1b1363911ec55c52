package io.txmon.formats;

import java.util.Objects;

/**
 * A record that broke the data contract, kept where an operator can see it instead of being dropped.
 * The raw text is capped at {@value #MAX_RAW_TEXT_CHARS} characters, ending in {@value #TRUNCATION_MARK}
 * when cut, and any invalid UTF-8 in it shows as U+FFFD, so that every rejected record can be written
 * out as valid text.
 *
 * @param source where the record came from: a file path, or a name such as {@code http} or a topic
 * @param line 1-based line where the record starts, or its 1-based position in a batch without lines
 * @param rawText the record as it arrived, capped
 * @param reason why it was rejected, naming the field: {@code amount: must be greater than zero, was -5}
 */
public record RejectedRecord(String source, long line, String rawText, String reason) {

    /** Longest raw text kept, marker included; the reason still describes the whole record. */
    public static final int MAX_RAW_TEXT_CHARS = 4096;

    /** Ends a raw text that was cut to {@link #MAX_RAW_TEXT_CHARS}. */
    public static final String TRUNCATION_MARK = "…[truncated]";

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    public RejectedRecord {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank, was '" + source + "'");
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1, was " + line);
        }
        rawText = displayable(Objects.requireNonNull(rawText, "rawText"));
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank, was '" + reason + "'");
        }
    }

    /**
     * Cuts the text to the cap (the cut text is exactly the cap long, so capping twice changes nothing)
     * and replaces unpaired surrogates, which is how undecodable bytes arrive, with U+FFFD.
     */
    private static String displayable(String text) {
        String capped = text;
        if (text.length() > MAX_RAW_TEXT_CHARS) {
            int keep = MAX_RAW_TEXT_CHARS - TRUNCATION_MARK.length();
            if (Character.isHighSurrogate(text.charAt(keep - 1))) {
                keep--;
            }
            capped = text.substring(0, keep) + TRUNCATION_MARK;
        }
        int bad = firstUnpairedSurrogate(capped);
        if (bad < 0) {
            return capped;
        }
        char[] chars = capped.toCharArray();
        for (int i = bad; i < chars.length; i++) {
            if (Character.isHighSurrogate(chars[i]) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(chars[i])) {
                chars[i] = REPLACEMENT_CHARACTER;
            }
        }
        return new String(chars);
    }

    private static int firstUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
