package io.txmon.formats;

import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.Reason;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import io.txmon.scoring.SupervisedOpinion;
import io.txmon.transaction.InvalidFieldException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;

/**
 * Writes decisions (docs/file-formats.md, "Decisions") as CSV or JSON Lines and reads them back for evaluation, optionally
 * gzip-compressed, as the file name says. Scores are written with {@value #DECIMALS} decimals, the same
 * on every machine whatever its locale.
 */
public final class DecisionFiles {

    /** Decimals written for scores and weights: finer than any threshold, coarse enough to read. */
    public static final int DECIMALS = 4;

    private static final List<String> CSV_COLUMNS = List.of(
            "transaction_id",
            "risk_score",
            "risk_level",
            "recommendation",
            "reason_codes",
            "rule_set_version",
            "model_version",
            "anomaly_score",
            "review_threshold");

    private static final List<String> READ_FIELDS =
            List.of("transaction_id", "risk_score", "risk_level", "recommendation", "reason_codes");
    private static final Set<Format> FORMATS = EnumSet.allOf(Format.class);
    private static final RecordSchema<RecordedDecision> SCHEMA =
            new RecordSchema<>(READ_FIELDS, READ_FIELDS, Set.of("reason_codes"), DecisionFiles::parse);

    private DecisionFiles() {}

    /**
     * Reads every record of a decisions file, streaming: {@code transaction_id, risk_score, risk_level,
     * recommendation, reason_codes}; other fields are ignored.
     *
     * @return how many records went each way
     * @throws DataFileException when the file cannot be opened or read, its name asks for no known format,
     *     or its CSV header lacks one of those five columns
     */
    public static ReadSummary read(
            Path file, Consumer<Parsed<RecordedDecision>> decisions, Consumer<RejectedRecord> rejected) {
        return RecordFileReader.read(DataFile.of(file, FORMATS), SCHEMA, decisions, rejected);
    }

    /**
     * Creates (or truncates) a decisions file. CSV has the columns {@code transaction_id, risk_score, risk_level,
     * recommendation, reason_codes, rule_set_version, model_version, anomaly_score, review_threshold}, reason codes
     * joined with {@code ;} and the model's columns empty when no model was used. JSON Lines has the
     * same fields, reason codes as an array, and adds {@code reasons} with each reason's source, description
     * and weight, and the supervised model's {@code supervised_model_version} and {@code fraud_probability}; a
     * model's fields are left out when it was not used.
     *
     * @throws DataFileException when the file cannot be created or its name asks for no known format
     */
    public static RecordWriter<Decision> newWriter(Path file) {
        DataFile data = DataFile.of(file, FORMATS);
        return data.format() == Format.CSV
                ? new CsvRecordWriter<>(data, CSV_COLUMNS, DecisionFiles::cells)
                : new JsonLinesRecordWriter<>(data, DecisionFiles::writeJson);
    }

    /**
     * Creates (or truncates) a decisions file of rows: CSV exactly as {@link #newWriter} writes it, and JSON Lines with
     * the same fields but without {@code reasons}, which a row does not carry.
     *
     * @throws DataFileException when the file cannot be created or its name asks for no known format
     */
    public static RecordWriter<DecisionRow> newRowWriter(Path file) {
        DataFile data = DataFile.of(file, FORMATS);
        return data.format() == Format.CSV
                ? new CsvRecordWriter<>(data, CSV_COLUMNS, DecisionFiles::rowCells)
                : new JsonLinesRecordWriter<>(data, DecisionFiles::writeRowJson);
    }

    private static String[] cells(Decision decision) {
        return rowCells(DecisionRow.of(decision));
    }

    private static String[] rowCells(DecisionRow row) {
        return new String[] {
            row.transactionId(),
            fixed("risk_score", row.riskScore()),
            row.riskLevel().name(),
            row.recommendation().name(),
            String.join(String.valueOf(RecordFields.LIST_SEPARATOR), codes(row.transactionId(), row.reasonCodes())),
            row.ruleSetVersion(),
            row.modelVersion() == null ? "" : row.modelVersion(),
            row.anomalyScore() == null ? "" : fixed("anomaly_score", row.anomalyScore()),
            row.reviewThreshold() == null ? "" : fixed("review_threshold", row.reviewThreshold())
        };
    }

    private static void writeRowJson(DecisionRow row, JsonGenerator json) {
        json.writeStringProperty("transaction_id", row.transactionId());
        json.writeName("risk_score");
        json.writeNumber(fixed("risk_score", row.riskScore()));
        json.writeStringProperty("risk_level", row.riskLevel().name());
        json.writeStringProperty("recommendation", row.recommendation().name());
        json.writeName("reason_codes");
        json.writeStartArray();
        for (String code : codes(row.transactionId(), row.reasonCodes())) {
            json.writeString(code);
        }
        json.writeEndArray();
        json.writeStringProperty("rule_set_version", row.ruleSetVersion());
        if (row.modelVersion() != null) {
            json.writeStringProperty("model_version", row.modelVersion());
        }
        if (row.anomalyScore() != null) {
            json.writeName("anomaly_score");
            json.writeNumber(fixed("anomaly_score", row.anomalyScore()));
        }
        if (row.reviewThreshold() != null) {
            json.writeName("review_threshold");
            json.writeNumber(fixed("review_threshold", row.reviewThreshold()));
        }
    }

    private static void writeJson(Decision decision, JsonGenerator json) {
        json.writeStringProperty("transaction_id", decision.transactionId());
        json.writeName("risk_score");
        json.writeNumber(fixed("risk_score", decision.riskScore()));
        json.writeStringProperty("risk_level", decision.riskLevel().name());
        json.writeStringProperty("recommendation", decision.recommendation().name());
        json.writeName("reason_codes");
        json.writeStartArray();
        for (String code : codes(decision)) {
            json.writeString(code);
        }
        json.writeEndArray();
        json.writeName("reasons");
        json.writeStartArray();
        for (Reason reason : decision.reasons()) {
            json.writeStartObject();
            json.writeStringProperty("code", reason.code());
            json.writeStringProperty("source", reason.source().name());
            json.writeStringProperty("description", reason.description());
            json.writeName("weight");
            json.writeNumber(fixed("weight", reason.weight()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringProperty("rule_set_version", decision.ruleSetVersion());
        if (decision.model().isPresent()) {
            ModelOpinion model = decision.model().get();
            json.writeStringProperty("model_version", model.modelVersion());
            json.writeName("anomaly_score");
            json.writeNumber(fixed("anomaly_score", model.anomalyScore()));
        }
        if (decision.supervised().isPresent()) {
            SupervisedOpinion supervised = decision.supervised().get();
            json.writeStringProperty("supervised_model_version", supervised.modelVersion());
            json.writeName("fraud_probability");
            json.writeNumber(fixed("fraud_probability", supervised.probability()));
        }
        json.writeName("review_threshold");
        json.writeNumber(fixed("review_threshold", decision.reviewThreshold()));
    }

    /** The reason codes, refusing one that would be ambiguous once joined with {@code ;} in CSV. */
    private static List<String> codes(Decision decision) {
        return codes(decision.transactionId(), decision.reasonCodes());
    }

    private static List<String> codes(String transactionId, List<String> codes) {
        for (String code : codes) {
            if (code.isBlank() || code.indexOf(RecordFields.LIST_SEPARATOR) >= 0) {
                throw new IllegalArgumentException("reason code of decision " + transactionId
                        + " must be non-blank and free of '" + RecordFields.LIST_SEPARATOR + "', was '" + code + "'");
            }
        }
        return codes;
    }

    /**
     * The value with {@value #DECIMALS} decimals, rounded half-even from its shortest decimal form, so the
     * text depends on the value alone, never on the locale.
     */
    static String fixed(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return BigDecimal.valueOf(value)
                .setScale(DECIMALS, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    private static RecordedDecision parse(RecordFields fields) {
        String transactionId = FieldText.required(fields, "transaction_id");
        String score = FieldText.required(fields, "risk_score");
        double riskScore;
        try {
            BigDecimal exact = new BigDecimal(score);
            if (exact.signum() < 0 || exact.compareTo(BigDecimal.ONE) > 0) {
                throw new NumberFormatException("out of range");
            }
            riskScore = exact.doubleValue();
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(
                    "risk_score", "must be a number from 0 to 1, was '" + FieldText.quoted(score) + "'");
        }
        return new RecordedDecision(
                transactionId,
                riskScore,
                FieldText.enumValue(RiskLevel.class, "risk_level", FieldText.required(fields, "risk_level")),
                FieldText.enumValue(
                        Recommendation.class, "recommendation", FieldText.required(fields, "recommendation")),
                fields.list("reason_codes"));
    }
}
