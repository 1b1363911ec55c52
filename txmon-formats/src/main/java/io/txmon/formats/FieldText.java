package io.txmon.formats;

import io.txmon.transaction.FieldSource;
import io.txmon.transaction.InvalidFieldException;
import java.util.Locale;

/** Reads single field values for the record types whose parsers live in this module. */
final class FieldText {
    private static final int MAX_QUOTED_VALUE = 40;

    private FieldText() {}

    /** The field's text without surrounding blanks, or {@code null} when absent, empty or blank. */
    static String optional(FieldSource fields, String field) {
        String value = fields.get(field);
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    static String required(FieldSource fields, String field) {
        String value = optional(fields, field);
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    /**
     * A required 0/1 flag such as a label: {@code 1}, {@code 0}, {@code true} or {@code false}, in any case.
     *
     * @throws InvalidFieldException naming the field when it is absent or anything else
     */
    static boolean flag(FieldSource fields, String field) {
        String text = required(fields, field);
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default ->
                throw new InvalidFieldException(field, "must be 1, 0, true or false, was '" + quoted(text) + "'");
        };
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "must be one of " + names(type) + ", was '" + quoted(text) + "'");
        }
    }

    static <E extends Enum<E>> String names(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(constant.name());
        }
        return names.toString();
    }

    /** Keeps a reason readable when the offending value is a page of garbage. */
    static String quoted(String value) {
        return value.length() <= MAX_QUOTED_VALUE ? value : value.substring(0, MAX_QUOTED_VALUE - 3) + "...";
    }
}
