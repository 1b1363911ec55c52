package io.txmon.formats;

import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.util.List;
import java.util.Objects;

/**
 * Transactions as JSON objects, such as an HTTP API receives them: read exactly as JSON Lines records are, so that
 * a record refused in a file is refused on the API with the same reason.
 */
public final class TransactionJson {
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
        return JsonArrays.elements(array, "transactions");
    }
}
