package io.txmon.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RejectedRecordTest {

    private static RejectedRecord withRawText(String rawText) {
        return new RejectedRecord("in.csv", 7, rawText, "amount: is required");
    }

    @Test
    void keepsARawTextUpToTheCapAsItIs() {
        String text = "y".repeat(RejectedRecord.MAX_RAW_TEXT_CHARS);

        assertThat(withRawText(text).rawText()).isEqualTo(text);
    }

    @Test
    void cutsALongerRawTextToTheCapEndingInTheMarker() {
        String raw =
                withRawText("y".repeat(RejectedRecord.MAX_RAW_TEXT_CHARS + 1)).rawText();

        assertThat(raw).hasSize(RejectedRecord.MAX_RAW_TEXT_CHARS).endsWith("y" + RejectedRecord.TRUNCATION_MARK);
    }

    @Test
    void capsOnlyOnceSoThatACappedRecordCopiedStaysEqual() {
        RejectedRecord capped = withRawText("y".repeat(10_000));

        assertThat(withRawText(capped.rawText())).isEqualTo(capped);
    }

    @Test
    void neverCutsBetweenTheTwoHalvesOfASurrogatePair() {
        int keep = RejectedRecord.MAX_RAW_TEXT_CHARS - RejectedRecord.TRUNCATION_MARK.length();
        String raw = withRawText("y".repeat(keep - 1) + "😀" + "y".repeat(100)).rawText();

        assertThat(raw).isEqualTo("y".repeat(keep - 1) + RejectedRecord.TRUNCATION_MARK);
    }

    @Test
    void showsUndecodableInputAsReplacementCharactersAndKeepsRealPairs() {
        assertThat(withRawText("a\uDC00b😀\uD800").rawText()).isEqualTo("a\uFFFDb😀\uFFFD");
    }

    @Test
    void refusesABlankReasonOrSourceAndALineBeforeTheFirst() {
        assertThatThrownBy(() -> new RejectedRecord("in.csv", 1, "x", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason must not be blank, was ' '");
        assertThatThrownBy(() -> new RejectedRecord("", 1, "x", "r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source must not be blank, was ''");
        assertThatThrownBy(() -> new RejectedRecord("in.csv", 0, "x", "r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line must be at least 1, was 0");
    }
}
