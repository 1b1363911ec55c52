package io.txmon.formats;

import io.txmon.evaluation.AccountLabel;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads and writes ground truth about accounts, for data sets that label accounts rather than
 * transactions: {@code user_id, label}, with label {@code 1} for a suspicious account and {@code 0} for
 * an ordinary one.
 */
public final class AccountLabelFiles {

    private static final List<String> COLUMNS = List.of("user_id", "label");
    private static final Set<Format> READ_FORMATS = EnumSet.allOf(Format.class);
    private static final Set<Format> WRITE_FORMATS = EnumSet.of(Format.CSV);
    private static final RecordSchema<AccountLabel> SCHEMA = RecordSchema.of(
            COLUMNS,
            COLUMNS,
            fields -> new AccountLabel(FieldText.required(fields, "user_id"), FieldText.flag(fields, "label")));

    private AccountLabelFiles() {}

    /**
     * Reads every record of an account labels file (CSV or JSON Lines), streaming. The label may be
     * {@code 1}, {@code 0}, {@code true} or {@code false}; extra columns are ignored.
     *
     * @return how many records went each way
     * @throws DataFileException when the file cannot be opened or read, its name asks for no known format,
     *     or its CSV header lacks {@code user_id} or {@code label}
     */
    public static ReadSummary read(
            Path file, Consumer<Parsed<AccountLabel>> labels, Consumer<RejectedRecord> rejected) {
        return RecordFileReader.read(DataFile.of(file, READ_FORMATS), SCHEMA, labels, rejected);
    }

    /**
     * Creates (or truncates) an account labels CSV file: {@code user_id, label}.
     *
     * @throws DataFileException when the file cannot be created or is not named {@code .csv} or {@code .csv.gz}
     */
    public static RecordWriter<AccountLabel> newWriter(Path file) {
        return new CsvRecordWriter<>(DataFile.of(file, WRITE_FORMATS), COLUMNS, label ->
                new String[] {label.userId(), label.suspicious() ? "1" : "0"});
    }
}
