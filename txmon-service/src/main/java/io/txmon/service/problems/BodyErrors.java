package io.txmon.service.problems;

import io.txmon.transaction.InvalidFieldException;
import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns why a JSON body could not be read into the field at fault, as the client wrote it ({@code amount},
 * {@code items[3].timestamp}, or {@code body} for the body as a whole), and what is wrong in the client's terms.
 *
 * <p>Jackson's own messages name Java types, its settings and the reader's internals, which mean nothing to a
 * client and tell an attacker what runs here; so only the exception's type, path, location and value are used.
 */
final class BodyErrors {
    static final String BODY = "body";

    /** What may be quoted from an exception's message: nothing that looks like code or a setting. */
    private static final Pattern INTERNAL = Pattern.compile(
            "java\\.|jackson|Exception|[A-Z]{2,}_[A-Z_]{2,}|`|\\$|\\bat [a-z]+\\.", Pattern.CASE_INSENSITIVE);

    private BodyErrors() {}

    /** The problem with a body, from the first Jackson exception among the causes of {@code failure}. */
    static InvalidFieldException of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return of(json);
            }
        }
        return new InvalidFieldException(BODY, "is required: a JSON object");
    }

    private static InvalidFieldException of(JacksonException e) {
        String path = path(e);
        if (e.getCause() instanceof InvalidFieldException invalid) {
            // A rule of ours (free text, a record's check) refused a value while it was read.
            return new InvalidFieldException(path.isEmpty() ? invalid.field() : path, problemOf(invalid));
        }
        if (e instanceof ValueInstantiationException) {
            Throwable why = e.getCause();
            String reason = why == null
                            || why.getMessage() == null
                            || INTERNAL.matcher(why.getMessage()).find()
                    ? "is not valid"
                    : "is not valid: " + QueryParameters.abbreviate(why.getMessage());
            return new InvalidFieldException(orBody(path), reason);
        }
        if (e instanceof StreamConstraintsException) {
            return new InvalidFieldException(
                    BODY, "is nested too deeply, or holds a number or text longer than allowed" + at(e));
        }
        if (e instanceof InputCoercionException coercion) {
            return new InvalidFieldException(
                    orBody(path), "must be " + expected(coercion.getTargetType()) + ", and is out of its range");
        }
        if (e instanceof UnexpectedEndOfInputException) {
            return new InvalidFieldException(BODY, "is not valid JSON: it ends before the JSON is complete" + at(e));
        }
        if (e instanceof StreamReadException) {
            return new InvalidFieldException(BODY, "is not valid JSON" + at(e));
        }
        if (e instanceof PropertyBindingException unknown) {
            String known = unknown.getKnownPropertyIds() == null
                    ? ""
                    : "; the known properties are "
                            + unknown.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .collect(Collectors.joining(", "));
            return new InvalidFieldException(orBody(path), "is not a property taken here" + known);
        }
        if (e instanceof InvalidNullException) {
            return new InvalidFieldException(orBody(path), "must not be null");
        }
        if (e instanceof InvalidFormatException format) {
            return new InvalidFieldException(
                    orBody(path), "must be " + expected(format.getTargetType()) + ", was " + quoted(format.getValue()));
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (path.isEmpty()) {
                return new InvalidFieldException(BODY, "must be " + expected(mismatch.getTargetType()));
            }
            return new InvalidFieldException(path, "must be " + expected(mismatch.getTargetType()));
        }
        return new InvalidFieldException(orBody(path), "could not be read");
    }

    /** The JSON path of the value at fault, as the client named it: {@code transactions[1].amount}. */
    static String path(JacksonException e) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** What a value of {@code type} is, for a client: "a number", "text", "a JSON object". */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type) || type == char.class) {
            return "text";
        }
        if (type == BigDecimal.class
                || Number.class.isAssignableFrom(type)
                || (type.isPrimitive() && type != boolean.class)) {
            return type == int.class || type == long.class || type == Integer.class || type == Long.class
                    ? "a whole number"
                    : "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2026-01-14T15:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    /** A value as a problem may show it: short, in JSON's quotes, with control characters escaped. */
    static String quoted(Object value) {
        if (!(value instanceof String text)) {
            return String.valueOf(value);
        }
        StringBuilder shown = new StringBuilder("\"");
        String shortened = QueryParameters.abbreviate(text);
        for (int i = 0; i < shortened.length(); i++) {
            char c = shortened.charAt(i);
            if (c < ' ' || (c >= 0x7f && c <= 0x9f)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                shown.append('\\').append(c);
            } else {
                shown.append(c);
            }
        }
        return shown.append('"').toString();
    }

    private static String orBody(String path) {
        return path.isEmpty() ? BODY : path;
    }

    private static String at(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String problemOf(InvalidFieldException e) {
        String prefix = e.field() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }
}
