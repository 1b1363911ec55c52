package io.txmon.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FreeTextTest {
    @Test
    void acceptsAnyTextWithTabsAndLineBreaksAndNull() {
        assertThat(FreeText.isValid("called the payer\r\n\tno answer; Zürich, 東京, 🙂"))
                .isTrue();
        assertThat(FreeText.isValid(null)).isTrue();
        assertThat(FreeText.require("note", null)).isNull();
    }

    @Test
    void refusesNulAndOtherControlCharactersNamingTheFieldCharacterAndPosition() {
        assertThat(FreeText.isValid("a\u0000")).isFalse();
        assertThat(FreeText.isValid("\u001b[31m")).isFalse();
        assertThat(FreeText.isValid("a\u007f")).isFalse();
        assertThat(FreeText.isValid("a\u0085")).isFalse();
        assertThatThrownBy(() -> FreeText.require("note", "wire\u0000fraud"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("note"))
                .hasMessage("note: must not hold control characters other than tab and line breaks, and has the"
                        + " character U+0000 at position 5");
    }
}
