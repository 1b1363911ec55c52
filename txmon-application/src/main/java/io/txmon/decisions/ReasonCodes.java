package io.txmon.decisions;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one encoding of a decision's reason codes in the {@code reason_codes} column: the codes in their order, joined
 * by {@code ;}, the empty string for none. A code never holds {@code ;}: rule files and the model only give codes of
 * capital letters, digits and underscores.
 */
public final class ReasonCodes {
    private static final String SEPARATOR = ";";
    private static final Pattern SPLIT = Pattern.compile(SEPARATOR, Pattern.LITERAL);

    private ReasonCodes() {}

    /** The column's value for {@code codes}. */
    public static String encode(List<String> codes) {
        for (String code : codes) {
            if (code.isEmpty() || code.contains(SEPARATOR)) {
                throw new IllegalArgumentException(
                        "a reason code must be non-empty and free of ';', was '" + code + "'");
            }
        }
        return String.join(SEPARATOR, codes);
    }

    /** The codes a column's value holds, in their order. */
    public static List<String> decode(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(SPLIT.split(column));
    }
}
