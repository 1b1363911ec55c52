package io.txmon.formats;

import io.txmon.transaction.InvalidFieldException;
import java.io.IOException;
import java.io.Reader;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads every record of a file, handing each on either as a parsed value or as a rejected record, so
 * that one bad record never stops the rest. Memory stays constant: one record is held at a time.
 */
final class RecordFileReader<T> {

    /** The name a reason gives when the record as a whole, not one field, is wrong. */
    static final String RECORD = "record";

    private final DataFile file;
    private final RecordSchema<T> schema;
    private final Consumer<Parsed<T>> accepted;
    private final Consumer<RejectedRecord> rejected;
    private final String source;
    private final CsvRecords csv;
    private final JsonRecords json;
    private long acceptedCount;
    private long rejectedCount;

    private RecordFileReader(
            DataFile file, RecordSchema<T> schema, Consumer<Parsed<T>> accepted, Consumer<RejectedRecord> rejected) {
        this.file = file;
        this.schema = schema;
        this.accepted = Objects.requireNonNull(accepted, "accepted");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
        this.source = file.path().toString();
        this.csv = new CsvRecords(file.path(), schema);
        this.json = new JsonRecords(schema);
    }

    /**
     * Reads the file to its end.
     *
     * @throws DataFileException when the file cannot be opened or read, or its CSV header is unusable (an empty
     *     or blank file has no header and reads as no records)
     */
    static <T> ReadSummary read(
            DataFile file, RecordSchema<T> schema, Consumer<Parsed<T>> accepted, Consumer<RejectedRecord> rejected) {
        return new RecordFileReader<>(file, schema, accepted, rejected).readAll();
    }

    private ReadSummary readAll() {
        try (Reader reader = file.openReader()) {
            RecordFramer framer = new RecordFramer(reader, file.format());
            try {
                framer.forEach(this::accept);
            } catch (IOException e) {
                throw file.failure("cannot read past line " + framer.line(), e);
            }
        } catch (IOException e) {
            throw file.failure("cannot close", e);
        }
        // An empty or blank CSV file has no header, and no records to lose: it reads as none, like an empty
        // JSON Lines file, so an empty file dropped into an inbox does not fail the whole run.
        return new ReadSummary(acceptedCount, rejectedCount);
    }

    private void accept(RawRecord raw) {
        if (file.format() == Format.CSV && !csv.headerRead()) {
            csv.readHeader(raw);
            return;
        }
        Optional<String> problem = flaw(raw);
        if (problem.isPresent()) {
            reject(raw, RECORD + ": " + problem.get());
            return;
        }
        T value;
        try {
            RecordFields fields = file.format() == Format.CSV ? csv.fields(raw) : json.fields(raw);
            value = schema.parser().apply(fields);
        } catch (InvalidFieldException e) {
            reject(raw, e.getMessage());
            return;
        }
        acceptedCount++;
        accepted.accept(new Parsed<>(raw.line(), value));
    }

    private void reject(RawRecord raw, String reason) {
        rejectedCount++;
        rejected.accept(new RejectedRecord(source, raw.line(), raw.text(), reason));
    }

    /** What makes the record unreadable before its fields are looked at, if anything. */
    static Optional<String> flaw(RawRecord raw) {
        if (raw.unclosedQuote()) {
            return Optional.of("has a quoted field that is still open at the end of the file");
        }
        if (raw.tooLong()) {
            return Optional.of(
                    "is " + raw.length() + " characters long, the limit is " + RecordFramer.MAX_RECORD_CHARS);
        }
        if (raw.invalidUtf8()) {
            return Optional.of("is not valid UTF-8");
        }
        return Optional.empty();
    }
}
