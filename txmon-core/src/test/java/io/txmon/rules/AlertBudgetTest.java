package io.txmon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertBudgetTest {
    @Test
    void readsASharePercentANumberADayAndOff() {
        assertThat(AlertBudget.parse("1%")).isEqualTo(AlertBudget.DEFAULT);
        assertThat(AlertBudget.parse(" 0.7 % ")).isEqualTo(new AlertBudget(0.007, 0));
        assertThat(AlertBudget.parse("200/day")).isEqualTo(new AlertBudget(0, 200));
        assertThat(AlertBudget.parse("200 per day")).isEqualTo(new AlertBudget(0, 200));
        assertThat(AlertBudget.parse("OFF").isOff()).isTrue();
    }

    @Test
    void writesItselfBackAsItIsRead() {
        for (String text : new String[] {"1%", "0.7%", "0.05%", "200/day", "off"}) {
            assertThat(AlertBudget.parse(text).text()).isEqualTo(text);
        }
    }

    @Test
    void aNumberADayIsAShareOfTheDaysTrafficAndNeverMoreThanAllOfIt() {
        AlertBudget twoHundred = AlertBudget.parse("200/day");

        assertThat(twoHundred.shareAt(20_000)).isEqualTo(0.01);
        assertThat(twoHundred.shareAt(100)).isEqualTo(1.0);
        assertThat(AlertBudget.DEFAULT.shareAt(5)).isEqualTo(0.01);
    }

    @Test
    void rejectsWhatIsNoBudgetNamingTheSettingAndItsForms() {
        for (String text : new String[] {"lots", "0%", "0/day", "100%", "-1%", "1.5/day"}) {
            assertThatThrownBy(() -> AlertBudget.parse(text), text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("alert_budget");
        }
    }
}
