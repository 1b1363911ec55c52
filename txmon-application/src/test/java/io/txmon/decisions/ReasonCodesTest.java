package io.txmon.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonCodesTest {

    @Test
    void keepsTheCodesInTheirOrderThroughTheColumn() {
        List<String> codes = List.of("HIGH_AMOUNT", "ML_FAN_IN", "NEW_ACCOUNT");

        assertThat(ReasonCodes.encode(codes)).isEqualTo("HIGH_AMOUNT;ML_FAN_IN;NEW_ACCOUNT");
        assertThat(ReasonCodes.decode(ReasonCodes.encode(codes))).isEqualTo(codes);
    }

    @Test
    void storesNoCodesAsTheEmptyStringAndReadsItBackAsNone() {
        assertThat(ReasonCodes.encode(List.of())).isEmpty();
        assertThat(ReasonCodes.decode("")).isEmpty();
        assertThat(ReasonCodes.decode(null)).isEmpty();
    }

    @Test
    void refusesACodeThatWouldSplitInTwoWhenReadBack() {
        assertThatThrownBy(() -> ReasonCodes.encode(List.of("A;B")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A;B");
        assertThatThrownBy(() -> ReasonCodes.encode(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }
}
