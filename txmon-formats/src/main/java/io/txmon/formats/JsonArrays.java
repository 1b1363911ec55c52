package io.txmon.formats;

import io.txmon.transaction.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/** JSON arrays of records, such as a batch an HTTP API receives, split into one object's text each. */
final class JsonArrays {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonArrays() {}

    /**
     * The text of each element of a JSON array of objects, in order.
     *
     * @param field what the array holds, such as {@code transactions}: the field its errors name
     * @throws InvalidFieldException naming {@code field} when the text is not a JSON array of objects
     */
    static List<String> elements(String array, String field) {
        List<String> elements = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), array)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidFieldException(field, "must be a JSON array of " + field);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                elements.add(array.substring(start, end));
            }
            if (token != JsonToken.END_ARRAY) {
                throw new InvalidFieldException(field, "item " + (elements.size() + 1) + " must be a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new InvalidFieldException(field, "has more after the array");
            }
        } catch (StreamConstraintsException e) {
            throw new InvalidFieldException(
                    field, "is nested too deeply, or holds a number or text longer than allowed");
        } catch (JacksonException e) {
            // Jackson's message names its own settings and types; the position is what helps the client.
            TokenStreamLocation at = e.getLocation();
            throw new InvalidFieldException(
                    field,
                    "is malformed JSON"
                            + (at == null || at.getLineNr() < 1
                                    ? ""
                                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        return elements;
    }
}
