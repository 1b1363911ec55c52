package io.txmon.formats;

import io.txmon.transaction.InvalidFieldException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one JSON Lines record with Jackson's streaming parser. Numbers keep their exact text (0.1 stays
 * {@code 0.1}, never passing through a {@code double}), {@code null} means absent, names are matched
 * exactly and unknown ones are skipped, a name given twice makes the record malformed.
 */
final class JsonRecords {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final int MAX_REASON_DETAIL = 200;

    private final Set<String> fields;
    private final Set<String> listFields;

    JsonRecords(RecordSchema<?> schema) {
        Objects.requireNonNull(schema, "schema");
        this.fields = Set.copyOf(schema.fields());
        this.listFields = schema.listFields();
    }

    /**
     * The fields of a record.
     *
     * @throws InvalidFieldException naming {@code record} when the line is not one JSON object, or naming
     *     the field whose value is an object or an unexpected array
     */
    RecordFields fields(RawRecord raw) {
        Map<String, String> texts = new HashMap<>();
        Map<String, List<String>> lists = new HashMap<>();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), raw.text())) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidFieldException(RecordFileReader.RECORD, "is not a JSON object but " + describe(first));
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!fields.contains(name)) {
                    parser.skipChildren();
                } else if (value == JsonToken.START_ARRAY) {
                    lists.put(name, items(parser, name));
                } else if (value == JsonToken.START_OBJECT) {
                    throw new InvalidFieldException(name, "must be a single value, was an object");
                } else if (value != JsonToken.VALUE_NULL) {
                    texts.put(name, validUnicode(name, parser.getString()));
                }
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new InvalidFieldException(
                        RecordFileReader.RECORD,
                        "has " + describe(after) + " after the JSON object, at column "
                                + column(parser.currentTokenLocation()));
            }
        } catch (JacksonException e) {
            throw new InvalidFieldException(
                    RecordFileReader.RECORD,
                    "is malformed JSON at column " + column(e.getLocation()) + ": " + detail(e));
        }
        return new RecordFields() {
            @Override
            public String get(String field) {
                return texts.get(field);
            }

            @Override
            public List<String> list(String field) {
                List<String> items = lists.get(field);
                return items != null ? items : RecordFields.split(texts.get(field));
            }
        };
    }

    private List<String> items(JsonParser parser, String field) {
        if (!listFields.contains(field)) {
            throw new InvalidFieldException(field, "must be a single value, was an array");
        }
        List<String> items = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (item != JsonToken.VALUE_STRING) {
                throw new InvalidFieldException(field, "must be an array of strings, has " + describe(item));
            }
            String text = validUnicode(field, parser.getString()).strip();
            if (text.isEmpty() || text.indexOf(RecordFields.LIST_SEPARATOR) >= 0) {
                throw new InvalidFieldException(
                        field,
                        "items must be non-blank and free of '" + RecordFields.LIST_SEPARATOR + "', was '" + text
                                + "'");
            }
            items.add(text);
        }
        return items;
    }

    /**
     * Refuses a string holding an unpaired surrogate, which here only a JSON escape of a lone surrogate can
     * produce: it is not Unicode text, and writing it out as UTF-8 would silently turn it into {@code ?}.
     */
    private static String validUnicode(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidFieldException(
                        field, "is not valid Unicode: an unpaired surrogate escape at position " + (i + 1));
            }
        }
        return value;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    private static String column(TokenStreamLocation location) {
        return location == null || location.getColumnNr() < 1 ? "?" : String.valueOf(location.getColumnNr());
    }

    /** Jackson's explanation, on one line and short enough for a reason column. */
    /**
     * Jackson's reason in one line, without what it appends for programmers: where an unclosed structure started,
     * and which of its settings (StreamReadFeature..., StreamReadConstraints...) applies. Neither helps whoever
     * fixes the record, and a service answers with this text.
     */
    private static String detail(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "nested too deeply, or a number or text longer than allowed";
        }
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        for (String appendix : new String[] {" (start marker at", "[Source", " (from `", "`"}) {
            int at = message.indexOf(appendix);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        if (message.isBlank()) {
            return "unreadable";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_REASON_DETAIL ? line : line.substring(0, MAX_REASON_DETAIL - 3) + "...";
    }
}
