package io.txmon.transaction;

/**
 * What free text may hold wherever it enters txmon (an analyst's note, an assignee, a name, any text of a request or
 * a query parameter): any character but a control character, except tab, line feed and carriage return.
 *
 * <p>Why: PostgreSQL's {@code text} cannot hold NUL at all (the driver fails the statement, and the request with it),
 * and the other control characters (escape sequences, bell, backspace, the C1 range) only ever arrive by accident or
 * to rewrite what a terminal, a log line or a CSV export shows. Tab and line breaks are what people type in notes.
 */
public final class FreeText {
    private FreeText() {}

    /** Whether {@code value} holds no character {@link FreeText} refuses; null holds none. */
    public static boolean isValid(String value) {
        return value == null || problem(value) == null;
    }

    /**
     * {@code value} itself, once checked; null stays null (whether a field is required is its owner's rule).
     *
     * @throws InvalidFieldException naming {@code field}, the character and its position
     */
    public static String require(String field, String value) {
        String problem = value == null ? null : problem(value);
        if (problem != null) {
            throw new InvalidFieldException(field, problem);
        }
        return value;
    }

    /** What is wrong with {@code value} as free text, in a user's terms, or null when nothing is. */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (refused(c)) {
                return "must not hold control characters other than tab and line breaks, and has the character "
                        + String.format("U+%04X", (int) c) + " at position " + (i + 1);
            }
        }
        return null;
    }

    private static boolean refused(char c) {
        return (c < ' ' && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }
}
