package io.txmon.formats;

import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Transactions as JSON objects, such as an HTTP API receives them: read exactly as JSON Lines records are, so that
 * a record refused in a file is refused on the API with the same reason.
 */
public final class TransactionJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private TransactionJson() {}

    /**
     * The transaction in one JSON object.
     *
     * @throws InvalidFieldException naming the field that breaks the contract, or {@code record} for text that is
     *     not one JSON object
     */
    public static Transaction parse(String object, TransactionParser parser) {
        return reader(parser).parse(object);
    }

    /**
     * A reader for many objects with one parser: what {@link #parse} builds for each call (the schema and its field
     * sets) is built once. Built per message, it was an eighth of the stream job's source task (BENCHMARKS.md).
     */
    public static Reader reader(TransactionParser parser) {
        Objects.requireNonNull(parser, "parser");
        return new Reader(TransactionFiles.schema(parser));
    }

    /** Reads transactions, one JSON object at a time, as {@link #parse} does; holds no state between objects. */
    public static final class Reader {
        private final RecordSchema<Transaction> schema;
        private final JsonRecords records;

        private Reader(RecordSchema<Transaction> schema) {
            this.schema = schema;
            this.records = new JsonRecords(schema);
        }

        /**
         * The transaction in one JSON object.
         *
         * @throws InvalidFieldException naming the field that breaks the contract, or {@code record} for text that
         *     is not one JSON object
         */
        public Transaction parse(String object) {
            RecordFields fields = records.fields(new RawRecord(1, object, object.length(), false, false));
            return schema.parser().apply(fields);
        }
    }

    /** The transaction as one JSON object with the contract's field names, as a JSON Lines file holds it. */
    public static String toJson(Transaction transaction) {
        return JsonLinesRecordWriter.object(transaction, TransactionFiles::writeJson);
    }

    /**
     * The text of each element of a JSON array, in order, for {@link #parse}.
     *
     * @throws InvalidFieldException naming {@code transactions} when the text is not a JSON array of objects
     */
    public static List<String> elements(String array) {
        List<String> elements = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), array)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidFieldException("transactions", "must be a JSON array of transactions");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                elements.add(array.substring(start, end));
            }
            if (token != JsonToken.END_ARRAY) {
                throw new InvalidFieldException(
                        "transactions", "item " + (elements.size() + 1) + " must be a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new InvalidFieldException("transactions", "has more after the array");
            }
        } catch (StreamConstraintsException e) {
            throw new InvalidFieldException(
                    "transactions", "is nested too deeply, or holds a number or text longer than allowed");
        } catch (JacksonException e) {
            // Jackson's message names its own settings and types; the position is what helps the client.
            TokenStreamLocation at = e.getLocation();
            throw new InvalidFieldException(
                    "transactions",
                    "is malformed JSON"
                            + (at == null || at.getLineNr() < 1
                                    ? ""
                                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        return elements;
    }
}
