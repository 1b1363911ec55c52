package io.txmon.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.evaluation.Label;
import io.txmon.labels.ReportedLabel;
import io.txmon.transaction.InvalidFieldException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LabelJsonTest {

    @Test
    void readsALabelAsAJsonLinesRecordIsRead() {
        assertThat(
                        LabelJson.parse(
                                "{\"transaction_id\": \"t1\", \"label\": 1, \"typology\": \"mule\", \"labelled_at\": \"2026-02-01T10:00:00Z\"}"))
                .isEqualTo(
                        ReportedLabel.learnedAt(Label.suspicious("t1", "mule"), Instant.parse("2026-02-01T10:00:00Z")));
        assertThat(LabelJson.parse("{\"transaction_id\": \"t2\", \"label\": \"false\"}"))
                .isEqualTo(ReportedLabel.undated(Label.ordinary("t2")));
    }

    @Test
    void refusesATypologyForAnOrdinaryTransactionNamingTheField() {
        assertThatThrownBy(() -> LabelJson.parse("{\"transaction_id\": \"t1\", \"label\": 0, \"typology\": \"mule\"}"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("typology"));
    }

    @Test
    void splitsAnArrayIntoItsObjectsAndNamesLabelsWhenTheBodyIsNoArray() {
        assertThat(LabelJson.elements("[{\"transaction_id\": \"a\"}, {\"transaction_id\": \"b\"}]"))
                .containsExactly("{\"transaction_id\": \"a\"}", "{\"transaction_id\": \"b\"}");
        assertThatThrownBy(() -> LabelJson.elements("{\"transaction_id\": \"a\"}"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("labels"));
    }
}
