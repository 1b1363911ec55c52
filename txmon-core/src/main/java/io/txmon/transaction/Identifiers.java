package io.txmon.transaction;

/**
 * What an identifier may be, wherever one enters txmon (a transaction's {@code transaction_id}, {@code user_id},
 * {@code counterparty_id}, {@code merchant_id}, {@code device_id}; an account opened for payments; an id in a URL):
 * 1 to {@value #MAX_LENGTH} characters, each an ASCII letter or digit or one of {@code - _ . : @}.
 *
 * <p>Why so strict: an identifier travels into URLs ({@code /accounts/{id}}), HTTP headers, CSV and JSON files,
 * log lines, HTML and database keys. Every character outside this set is special to one of them (a space, a quote,
 * {@code <}, {@code #}, {@code /}, {@code %}, a line break, NUL), and letting it in once meant an account stored
 * whose answer could not be written. Ids of real sources fit: PaySim's {@code C1231006815}, AMLSim's and the
 * Fraud Detection Handbook's numbers, UUIDs, IBANs, hex hashes, e-mail addresses.
 */
public final class Identifiers {
    /** Longest identifier accepted. */
    public static final int MAX_LENGTH = 64;

    /** The characters besides ASCII letters and digits that an identifier may hold. */
    public static final String PUNCTUATION = "-_.:@";

    private Identifiers() {}

    /** Whether {@code value} is an identifier txmon accepts. */
    public static boolean isValid(String value) {
        return value != null && problem(value) == null;
    }

    /**
     * {@code value} itself, once checked.
     *
     * @throws InvalidFieldException naming {@code field} and what is wrong with the value
     */
    public static String require(String field, String value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidFieldException(field, problem);
        }
        return value;
    }

    /** What is wrong with {@code value} as an identifier, in a user's terms, or null when nothing is. */
    static String problem(String value) {
        if (value.isEmpty()) {
            return "must not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "is " + value.length() + " characters long, the limit is " + MAX_LENGTH;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!allowed(c)) {
                return "may hold only ASCII letters, digits and " + String.join(" ", PUNCTUATION.split(""))
                        + ", and has " + described(c) + " at position " + (i + 1);
            }
        }
        return null;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || PUNCTUATION.indexOf(c) >= 0;
    }

    /** A character as a message may show it: printable ones quoted, others by code point, never raw. */
    private static String described(char c) {
        if (c > ' ' && c < 0x7f) {
            return "'" + c + "'";
        }
        return c == ' ' ? "a space" : String.format("the character U+%04X", (int) c);
    }
}
