package io.txmon.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.evaluation.Label;
import io.txmon.labels.ReportedLabel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFilesTest {

    @TempDir
    Path dir;

    private static Reading<Label> read(Path file) {
        Reading<Label> reading = new Reading<>();
        reading.summary = LabelFiles.read(file, reading.acceptedSink(), reading.rejectedSink());
        return reading;
    }

    @Test
    void writesOneForSuspiciousWithItsTypologyAndZeroWithNoneForOrdinary() {
        Path file = dir.resolve("labels.csv");
        List<Label> labels = List.of(Label.suspicious("t1", "FAN_IN"), Label.ordinary("t2"));
        try (RecordWriter<Label> writer = LabelFiles.newWriter(file)) {
            writer.writeAll(labels);
        }

        assertThat(TestFiles.read(file)).isEqualTo("transaction_id,label,typology\nt1,1,FAN_IN\nt2,0,\n");
        assertThat(read(file).values()).isEqualTo(labels);
    }

    @Test
    void acceptsTrueAndFalseInAnyCaseKeepsTypologiesAsWrittenAndIgnoresExtraColumns() {
        Path file = TestFiles.text(
                dir,
                "labels.csv",
                "amount,Transaction_Id,label,typology,note\n9,t1,TRUE,cycle,x\n9,t2,false,,y\n9,t3, 1 ,STRUCTURING,\n");

        assertThat(read(file).values())
                .containsExactly(
                        Label.suspicious("t1", "cycle"), Label.ordinary("t2"), Label.suspicious("t3", "STRUCTURING"));
    }

    @Test
    void readsJsonLinesWithBooleanLabels() {
        Path file = TestFiles.text(
                dir,
                "labels.jsonl",
                "{\"transaction_id\":\"t1\",\"label\":true,\"typology\":\"FAN_OUT\"}\n"
                        + "{\"transaction_id\":\"t2\",\"label\":0,\"typology\":null}\n");

        assertThat(read(file).values()).containsExactly(Label.suspicious("t1", "FAN_OUT"), Label.ordinary("t2"));
    }

    @Test
    void acceptsAnyTypologyNameOrNoneForASuspiciousTransaction() {
        Path file = TestFiles.text(
                dir, "labels.csv", "transaction_id,label,typology\nt1,1,\nt2,1,PHISHING\nt3,true,fan_in\n");

        assertThat(read(file).values())
                .containsExactly(
                        Label.suspicious("t1"), Label.suspicious("t2", "PHISHING"), Label.suspicious("t3", "fan_in"));
    }

    @Test
    void rejectsLabelsThatContradictTheirTypologyOrAreNotABoolean() {
        Path file = TestFiles.text(dir, "labels.csv", "transaction_id,label,typology\nt2,0,CYCLE\nt3,yes,\nt5,0,\n");

        Reading<Label> reading = read(file);

        assertThat(reading.values()).containsExactly(Label.ordinary("t5"));
        assertThat(reading.reasons())
                .containsExactly(
                        "typology: must be empty when label is 0, was 'CYCLE'",
                        "label: must be 1, 0, true or false, was 'yes'");
        assertThat(reading.rejectedLines()).containsExactly(2L, 3L);
    }

    @Test
    void readsWhenEachLabelWasLearnedAndLeavesItOutWhereTheSourceDoesNotSay() {
        Path file = TestFiles.text(
                dir,
                "chargebacks.csv",
                "transaction_id,label,typology,labelled_at\n"
                        + "t1,1,CARD_FRAUD,2026-01-21T09:30:00Z\n"
                        + "t2,1,,\n"
                        + "t3,1,,2026-01-22T10:00:00+02:00\n");
        Reading<ReportedLabel> reading = new Reading<>();
        reading.summary = LabelFiles.readReported(file, reading.acceptedSink(), reading.rejectedSink());

        assertThat(reading.values())
                .containsExactly(
                        ReportedLabel.learnedAt(
                                Label.suspicious("t1", "CARD_FRAUD"), Instant.parse("2026-01-21T09:30:00Z")),
                        ReportedLabel.undated(Label.suspicious("t2")),
                        ReportedLabel.learnedAt(Label.suspicious("t3"), Instant.parse("2026-01-22T08:00:00Z")));
    }

    @Test
    void rejectsALabelledAtThatIsNoInstantNamingTheFieldAndKeepsTheOthers() {
        Path file = TestFiles.text(
                dir, "labels.csv", "transaction_id,label,typology,labelled_at\nt1,1,,yesterday\nt2,0,,\n");
        Reading<ReportedLabel> reading = new Reading<>();
        reading.summary = LabelFiles.readReported(file, reading.acceptedSink(), reading.rejectedSink());

        assertThat(reading.values()).containsExactly(ReportedLabel.undated(Label.ordinary("t2")));
        assertThat(reading.reasons())
                .containsExactly(
                        "labelled_at: must be an ISO-8601 instant such as 2026-01-14T15:00:00Z, was 'yesterday'");
        assertThat(reading.rejectedLines()).containsExactly(2L);
    }
}
