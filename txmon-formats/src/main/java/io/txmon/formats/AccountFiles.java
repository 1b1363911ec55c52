package io.txmon.formats;

import static io.txmon.formats.CsvRecordWriter.cell;

import io.txmon.transaction.Account;
import io.txmon.transaction.AccountParser;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads account reference data (docs/file-formats.md, "Accounts") from CSV or JSON Lines and writes it as CSV, optionally
 * gzip-compressed, as the file name says.
 */
public final class AccountFiles {

    /** The contract's fields in the order files list them. */
    private static final List<String> COLUMNS =
            List.of("user_id", "opened_at", "account_type", "country", "city", "opening_balance");

    private static final List<String> REQUIRED_COLUMNS = List.of("user_id");
    private static final Set<Format> READ_FORMATS = EnumSet.allOf(Format.class);
    private static final Set<Format> WRITE_FORMATS = EnumSet.of(Format.CSV);

    private AccountFiles() {}

    /**
     * Reads every record of an accounts file, streaming: each valid one goes to {@code accounts}, each
     * invalid one to {@code rejected} with its reason, and reading goes on.
     *
     * @return how many records went each way
     * @throws DataFileException when the file cannot be opened or read, its name asks for no known format,
     *     or its CSV header lacks {@code user_id}
     */
    public static ReadSummary read(
            Path file, AccountParser parser, Consumer<Parsed<Account>> accounts, Consumer<RejectedRecord> rejected) {
        Objects.requireNonNull(parser, "parser");
        RecordSchema<Account> schema = RecordSchema.of(COLUMNS, REQUIRED_COLUMNS, parser::parse);
        return RecordFileReader.read(DataFile.of(file, READ_FORMATS), schema, accounts, rejected);
    }

    /**
     * Creates (or truncates) an accounts CSV file: {@code user_id, opened_at, account_type, country, city,
     * opening_balance}, with the opening time as {@link java.time.Instant#toString()}, empty when unknown.
     *
     * @throws DataFileException when the file cannot be created or is not named {@code .csv} or {@code .csv.gz}
     */
    public static RecordWriter<Account> newWriter(Path file) {
        return new CsvRecordWriter<>(DataFile.of(file, WRITE_FORMATS), COLUMNS, AccountFiles::cells);
    }

    /**
     * The account in one JSON object with the contract's fields, as a message on the accounts topic carries it.
     *
     * @throws io.txmon.transaction.InvalidFieldException naming the field that breaks the contract
     */
    public static Account parseJson(String object, AccountParser parser) {
        Objects.requireNonNull(parser, "parser");
        RecordSchema<Account> schema = RecordSchema.of(COLUMNS, REQUIRED_COLUMNS, parser::parse);
        RecordFields fields = new JsonRecords(schema).fields(new RawRecord(1, object, object.length(), false, false));
        return schema.parser().apply(fields);
    }

    /** The account as one JSON object with the contract's fields; unknown ones are left out. */
    public static String toJson(Account account) {
        return JsonLinesRecordWriter.object(account, (a, json) -> {
            json.writeStringProperty("user_id", a.userId());
            JsonLinesRecordWriter.optionalString(
                    json,
                    "opened_at",
                    a.openedAt() == null ? null : a.openedAt().toString());
            json.writeStringProperty("account_type", a.accountType().name());
            JsonLinesRecordWriter.optionalString(json, "country", a.country());
            JsonLinesRecordWriter.optionalString(json, "city", a.city());
            json.writeNumberProperty("opening_balance", a.openingBalance());
        });
    }

    private static String[] cells(Account account) {
        return new String[] {
            account.userId(),
            cell(account.openedAt()),
            account.accountType().name(),
            cell(account.country()),
            cell(account.city()),
            account.openingBalance().toPlainString()
        };
    }
}
