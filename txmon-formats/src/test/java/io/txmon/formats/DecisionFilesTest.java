package io.txmon.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.Reason;
import io.txmon.scoring.ReasonSource;
import io.txmon.scoring.Recommendation;
import io.txmon.scoring.RiskLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecisionFilesTest {

    private static final Decision BLOCKED = new Decision(
            "txn_001",
            0.91,
            RiskLevel.HIGH,
            Recommendation.BLOCK,
            List.of(
                    new Reason("HIGH_AMOUNT", ReasonSource.RULE, "amount above 10,000", 0.6),
                    new Reason("ML_AMOUNT_DEVIATION", ReasonSource.MODEL, "amount far from the account's usual", 0.25)),
            "rules-3f2a",
            Optional.of(new ModelOpinion("iforest-7", 0.6821, 0.5)));
    private static final Decision APPROVED = new Decision(
            "txn_002", 0.0375, RiskLevel.LOW, Recommendation.APPROVE, List.of(), "rules-3f2a", Optional.empty());

    @TempDir
    Path dir;

    private Path write(String name, List<Decision> decisions) {
        Path file = dir.resolve(name);
        try (RecordWriter<Decision> writer = DecisionFiles.newWriter(file)) {
            writer.writeAll(decisions);
        }
        return file;
    }

    private static Reading<RecordedDecision> read(Path file) {
        Reading<RecordedDecision> reading = new Reading<>();
        reading.summary = DecisionFiles.read(file, reading.acceptedSink(), reading.rejectedSink());
        return reading;
    }

    @Test
    void writesCsvWithFourDecimalsJoinedReasonCodesAndEmptyModelColumnsWithoutAModel() {
        Path file = write("decisions.csv", List.of(BLOCKED, APPROVED));

        assertThat(TestFiles.read(file))
                .isEqualTo("transaction_id,risk_score,risk_level,recommendation,reason_codes,rule_set_version,"
                        + "model_version,anomaly_score,review_threshold\n"
                        + "txn_001,0.9100,HIGH,BLOCK,HIGH_AMOUNT;ML_AMOUNT_DEVIATION,rules-3f2a,iforest-7,0.6821,0.6000\n"
                        + "txn_002,0.0375,LOW,APPROVE,,rules-3f2a,,,0.6000\n");
    }

    @Test
    void writesJsonLinesWithReasonCodesAsAnArrayAndEveryReasonExplained() {
        Path file = write("decisions.jsonl", List.of(BLOCKED, APPROVED));

        assertThat(TestFiles.read(file))
                .isEqualTo("{\"transaction_id\":\"txn_001\",\"risk_score\":0.9100,\"risk_level\":\"HIGH\","
                        + "\"recommendation\":\"BLOCK\",\"reason_codes\":[\"HIGH_AMOUNT\",\"ML_AMOUNT_DEVIATION\"],"
                        + "\"reasons\":[{\"code\":\"HIGH_AMOUNT\",\"source\":\"RULE\",\"description\":\"amount above 10,000\","
                        + "\"weight\":0.6000},{\"code\":\"ML_AMOUNT_DEVIATION\",\"source\":\"MODEL\","
                        + "\"description\":\"amount far from the account's usual\",\"weight\":0.2500}],"
                        + "\"rule_set_version\":\"rules-3f2a\",\"model_version\":\"iforest-7\",\"anomaly_score\":0.6821,"
                        + "\"review_threshold\":0.6000}\n"
                        + "{\"transaction_id\":\"txn_002\",\"risk_score\":0.0375,\"risk_level\":\"LOW\","
                        + "\"recommendation\":\"APPROVE\",\"reason_codes\":[],\"reasons\":[],"
                        + "\"rule_set_version\":\"rules-3f2a\",\"review_threshold\":0.6000}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"decisions.csv", "decisions.csv.gz", "decisions.jsonl", "decisions.ndjson.gz"})
    void readsBackWhatItWrote(String name) {
        Reading<RecordedDecision> reading = read(write(name, List.of(BLOCKED, APPROVED)));

        assertThat(reading.rejected).isEmpty();
        assertThat(reading.values()).containsExactly(RecordedDecision.of(BLOCKED), RecordedDecision.of(APPROVED));
    }

    @Test
    void roundsScoresHalfEvenToFourDecimalsWhateverTheDefaultLocale() {
        Decision fine = new Decision(
                "t",
                0.12345,
                RiskLevel.LOW,
                Recommendation.APPROVE,
                List.of(),
                "r",
                Optional.of(new ModelOpinion("m", 0.99995, 1)));
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(TestFiles.read(write("decisions.csv", List.of(fine))))
                    .endsWith("\nt,0.1234,LOW,APPROVE,,r,m,1.0000,0.6000\n");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void refusesToWriteAReasonCodeThatWouldSplitInCsv() {
        Decision odd = new Decision(
                "t",
                0.5,
                RiskLevel.MEDIUM,
                Recommendation.APPROVE,
                List.of(new Reason("A;B", ReasonSource.RULE, "d", 0.5)),
                "r",
                Optional.empty());

        assertThatThrownBy(() -> write("decisions.csv", List.of(odd)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason code of decision t must be non-blank and free of ';', was 'A;B'");
    }

    @Test
    void readsAReasonCodesStringInJsonAsWellAsAnArray() {
        Path file = TestFiles.text(
                dir,
                "decisions.jsonl",
                "{\"transaction_id\":\"t\",\"risk_score\":0.5,\"risk_level\":\"medium\",\"recommendation\":\"review\","
                        + "\"reason_codes\":\"A; B\"}\n");

        assertThat(read(file).values())
                .containsExactly(
                        new RecordedDecision("t", 0.5, RiskLevel.MEDIUM, Recommendation.REVIEW, List.of("A", "B")));
    }

    @Test
    void rejectsScoresOutsideZeroToOneAndUnknownLevelsNamingTheField() {
        Path file = TestFiles.text(
                dir,
                "decisions.csv",
                "transaction_id,risk_score,risk_level,recommendation,reason_codes\n"
                        + "a,1.5,HIGH,BLOCK,\n"
                        + "b,NaN,HIGH,BLOCK,\n"
                        + "c,0.2,SEVERE,BLOCK,\n"
                        + "d,0.2,LOW,APPROVE,X\n");

        Reading<RecordedDecision> reading = read(file);

        assertThat(reading.values()).extracting(RecordedDecision::transactionId).containsExactly("d");
        assertThat(reading.reasons())
                .containsExactly(
                        "risk_score: must be a number from 0 to 1, was '1.5'",
                        "risk_score: must be a number from 0 to 1, was 'NaN'",
                        "risk_level: must be one of LOW, MEDIUM, HIGH, was 'SEVERE'");
    }

    @Test
    void refusesACsvWithoutTheReasonCodesColumn() {
        Path file = TestFiles.text(dir, "decisions.csv", "transaction_id,risk_score,risk_level,recommendation\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("lacks the required column reason_codes");
    }
}
