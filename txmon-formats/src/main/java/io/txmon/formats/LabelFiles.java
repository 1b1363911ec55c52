package io.txmon.formats;

import io.txmon.evaluation.Label;
import io.txmon.labels.ReportedLabel;
import io.txmon.transaction.EventTimes;
import io.txmon.transaction.InvalidFieldException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads and writes ground-truth labels: {@code transaction_id, label, typology}, with label {@code 1} for
 * a suspicious transaction and its typology when known, {@code 0} and no typology for an ordinary one, and, when
 * read, an optional {@code labelled_at}: when the bank learned it.
 */
public final class LabelFiles {

    private static final List<String> COLUMNS = List.of("transaction_id", "label", "typology");
    private static final List<String> READ_COLUMNS = List.of("transaction_id", "label", "typology", "labelled_at");
    private static final List<String> REQUIRED_COLUMNS = List.of("transaction_id", "label");
    private static final Set<Format> READ_FORMATS = EnumSet.allOf(Format.class);
    private static final Set<Format> WRITE_FORMATS = EnumSet.of(Format.CSV);
    private static final RecordSchema<ReportedLabel> SCHEMA =
            RecordSchema.of(READ_COLUMNS, REQUIRED_COLUMNS, LabelFiles::parse);

    private LabelFiles() {}

    /**
     * Reads every record of a labels file (CSV or JSON Lines), streaming. The label may be {@code 1},
     * {@code 0}, {@code true} or {@code false}; the typology is any name, or empty when unknown, and an
     * ordinary transaction must have none, or the record is rejected. Extra columns are ignored.
     *
     * @return how many records went each way
     * @throws DataFileException when the file cannot be opened or read, its name asks for no known format,
     *     or its CSV header lacks {@code transaction_id} or {@code label}
     */
    public static ReadSummary read(Path file, Consumer<Parsed<Label>> labels, Consumer<RejectedRecord> rejected) {
        return readReported(
                file,
                reported -> labels.accept(
                        new Parsed<>(reported.line(), reported.value().label())),
                rejected);
    }

    /**
     * Reads every record of a labels file as {@link #read} does, with when each label was learned: {@code
     * labelled_at}, an ISO-8601 instant, or empty when the source does not say.
     *
     * @return how many records went each way
     * @throws DataFileException as {@link #read} does
     */
    public static ReadSummary readReported(
            Path file, Consumer<Parsed<ReportedLabel>> labels, Consumer<RejectedRecord> rejected) {
        return RecordFileReader.read(DataFile.of(file, READ_FORMATS), SCHEMA, labels, rejected);
    }

    /**
     * Creates (or truncates) a labels CSV file: {@code transaction_id, label, typology}.
     *
     * @throws DataFileException when the file cannot be created or is not named {@code .csv} or {@code .csv.gz}
     */
    public static RecordWriter<Label> newWriter(Path file) {
        return new CsvRecordWriter<>(DataFile.of(file, WRITE_FORMATS), COLUMNS, label -> new String[] {
            label.transactionId(),
            label.suspicious() ? "1" : "0",
            label.typology().orElse("")
        });
    }

    /** The schema labels are read with, from files and, by {@link LabelJson}, from JSON objects alike. */
    static RecordSchema<ReportedLabel> schema() {
        return SCHEMA;
    }

    private static ReportedLabel parse(RecordFields fields) {
        Label label = label(fields);
        String labelledAt = FieldText.optional(fields, "labelled_at");
        return labelledAt == null
                ? ReportedLabel.undated(label)
                : ReportedLabel.learnedAt(label, EventTimes.parse("labelled_at", labelledAt));
    }

    private static Label label(RecordFields fields) {
        String transactionId = FieldText.required(fields, "transaction_id");
        boolean suspicious = FieldText.flag(fields, "label");
        String typology = FieldText.optional(fields, "typology");
        if (!suspicious && typology != null) {
            throw new InvalidFieldException(
                    "typology", "must be empty when label is 0, was '" + FieldText.quoted(typology) + "'");
        }
        if (!suspicious) {
            return Label.ordinary(transactionId);
        }
        return typology == null ? Label.suspicious(transactionId) : Label.suspicious(transactionId, typology);
    }
}
