package io.txmon.formats;

import static io.txmon.formats.CsvRecordWriter.cell;
import static io.txmon.formats.JsonLinesRecordWriter.optionalString;

import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;

/**
 * Reads and writes transaction files (docs/file-formats.md, "Transactions") as CSV or JSON Lines, optionally gzip-compressed,
 * as the file name says: {@code .csv}, {@code .jsonl} or {@code .ndjson}, each optionally followed by
 * {@code .gz}.
 */
public final class TransactionFiles {

    /** The contract's fields in the order files list them. */
    private static final List<String> COLUMNS = List.of(
            "transaction_id",
            "timestamp",
            "user_id",
            "amount",
            "currency",
            "type",
            "counterparty_id",
            "merchant_id",
            "merchant_type",
            "location",
            "country",
            "channel",
            "device_id");

    private static final List<String> REQUIRED_COLUMNS = List.of("transaction_id", "timestamp", "user_id", "amount");
    private static final Set<Format> FORMATS = EnumSet.allOf(Format.class);

    private TransactionFiles() {}

    /**
     * Reads every record of a transactions file, streaming: each valid one goes to {@code transactions}
     * with the line it starts on, each invalid one to {@code rejected} with its reason, and reading goes
     * on. Unknown columns and fields are ignored; duplicate transaction ids are passed on as they are.
     *
     * @param parser applies the contract, including the base currency for records that name none
     * @return how many records went each way
     * @throws DataFileException when the file cannot be opened or read, its name asks for no known format,
     *     or its CSV header lacks {@code transaction_id}, {@code timestamp}, {@code user_id} or {@code amount}
     */
    public static ReadSummary read(
            Path file,
            TransactionParser parser,
            Consumer<Parsed<Transaction>> transactions,
            Consumer<RejectedRecord> rejected) {
        return RecordFileReader.read(DataFile.of(file, FORMATS), schema(parser), transactions, rejected);
    }

    /** What a transaction record holds, parsed by {@code parser}. */
    static RecordSchema<Transaction> schema(TransactionParser parser) {
        Objects.requireNonNull(parser, "parser");
        return RecordSchema.of(COLUMNS, REQUIRED_COLUMNS, parser::parse);
    }

    /**
     * Whether the file's transactions come in event-time order (equal times allowed), so that scoring them as
     * they stream by scores them as sorting the file first would. Only timestamps are parsed; records whose
     * timestamp is missing or malformed are left out, as reading leaves them out.
     *
     * @throws DataFileException as {@link #read} does, for the same files
     */
    public static boolean inEventTimeOrder(Path file, TransactionParser parser) {
        Objects.requireNonNull(parser, "parser");
        RecordSchema<Instant> schema = RecordSchema.of(COLUMNS, REQUIRED_COLUMNS, parser::timestamp);
        Instant[] latest = {Instant.MIN};
        boolean[] ordered = {true};
        RecordFileReader.read(
                DataFile.of(file, FORMATS),
                schema,
                parsed -> {
                    if (parsed.value().isBefore(latest[0])) {
                        ordered[0] = false;
                    } else {
                        latest[0] = parsed.value();
                    }
                },
                rejected -> {});
        return ordered[0];
    }

    /**
     * Creates (or truncates) a transactions file, CSV or JSON Lines by its name. Fields are written in the
     * contract's order, timestamps as {@link java.time.Instant#toString()} and amounts as plain decimals
     * with their scale; absent optional fields are empty cells in CSV and left out in JSON.
     *
     * @throws DataFileException when the file cannot be created or its name asks for no known format
     */
    public static RecordWriter<Transaction> newWriter(Path file) {
        DataFile data = DataFile.of(file, FORMATS);
        return data.format() == Format.CSV
                ? new CsvRecordWriter<>(data, COLUMNS, TransactionFiles::cells)
                : new JsonLinesRecordWriter<>(data, TransactionFiles::writeJson);
    }

    private static String[] cells(Transaction transaction) {
        return new String[] {
            transaction.transactionId(),
            transaction.timestamp().toString(),
            transaction.userId(),
            transaction.amount().toPlainString(),
            transaction.currency().getCurrencyCode(),
            transaction.type().name(),
            cell(transaction.counterpartyId()),
            cell(transaction.merchantId()),
            cell(transaction.merchantType()),
            cell(transaction.location()),
            cell(transaction.country()),
            cell(transaction.channel()),
            cell(transaction.deviceId())
        };
    }

    static void writeJson(Transaction transaction, JsonGenerator json) {
        json.writeStringProperty("transaction_id", transaction.transactionId());
        json.writeStringProperty("timestamp", transaction.timestamp().toString());
        json.writeStringProperty("user_id", transaction.userId());
        json.writeNumberProperty("amount", transaction.amount());
        json.writeStringProperty("currency", transaction.currency().getCurrencyCode());
        json.writeStringProperty("type", transaction.type().name());
        optionalString(json, "counterparty_id", transaction.counterpartyId());
        optionalString(json, "merchant_id", transaction.merchantId());
        optionalString(json, "merchant_type", transaction.merchantType());
        optionalString(json, "location", transaction.location());
        optionalString(json, "country", transaction.country());
        optionalString(
                json,
                "channel",
                transaction.channel() == null ? null : transaction.channel().name());
        optionalString(json, "device_id", transaction.deviceId());
    }
}
