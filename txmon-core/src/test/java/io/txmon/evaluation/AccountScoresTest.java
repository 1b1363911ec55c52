package io.txmon.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountScoresTest {

    private static AccountLabel sar(String account) {
        return new AccountLabel(account, true);
    }

    private static AccountLabel ordinary(String account) {
        return new AccountLabel(account, false);
    }

    @Test
    void scoresAnAccountByTheRiskiestTransactionItTookPartInAsPayerOrReceiver() {
        AccountScores scores = new AccountScores();
        scores.add("a", Optional.of("b"), 0.9, false, List.of());
        scores.add("b", Optional.of("c"), 0.2, false, List.of());
        scores.add("c", Optional.empty(), 0.4, false, List.of());
        scores.add("d", Optional.of("c"), 0.1, false, List.of());

        // b received the 0.9 transfer, c scores 0.4 from its own withdrawal, d only 0.1
        AccountDetectionReport report =
                scores.evaluate(List.of(sar("b"), ordinary("a"), ordinary("c"), ordinary("d")), 0.25);

        assertThat(report.accounts()).isEqualTo(4);
        assertThat(report.suspicious()).isEqualTo(1);
        // b ties with a at the top: half of the one place is b's
        assertThat(report.atBudget().truePositives()).isCloseTo(0.5, within(1e-12));
        assertThat(report.rocAuc()).isCloseTo((0.5 + 1 + 1) / 3, within(1e-12));
    }

    @Test
    void flagsAnAccountWhenAnyOfItsTransactionsWasFlaggedWithThoseTransactionsReasons() {
        AccountScores scores = new AccountScores();
        scores.add("mule", Optional.of("boss"), 0.7, true, List.of("FAN_IN"));
        scores.add("mule", Optional.empty(), 0.3, false, List.of("UNUSUAL_HOUR"));
        scores.add("shop", Optional.empty(), 0.8, true, List.of("HIGH_AMOUNT"));
        scores.add("saver", Optional.empty(), 0.1, false, List.of());

        AccountDetectionReport report =
                scores.evaluate(List.of(sar("mule"), sar("boss"), ordinary("shop"), ordinary("saver")), 0.5);

        assertThat(report.flagged().alerts()).isEqualTo(3);
        assertThat(report.flagged().precision()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(report.flagged().recall()).isEqualTo(1.0);
        assertThat(report.reasons())
                .containsExactlyInAnyOrder(
                        new DetectionReport.ReasonPrecision("FAN_IN", 2, 1.0),
                        new DetectionReport.ReasonPrecision("HIGH_AMOUNT", 1, 0.0));
    }

    @Test
    void countsALabelledAccountWithoutTransactionsAsUnseenAndLeavesUnlabelledAccountsOut() {
        AccountScores scores = new AccountScores();
        scores.add("a", Optional.of("stranger"), 0.6, true, List.of("FAN_OUT"));
        scores.add("b", Optional.empty(), 0.2, false, List.of());

        AccountDetectionReport report = scores.evaluate(List.of(ordinary("a"), ordinary("b"), sar("silent")), 0.5);

        assertThat(report.accounts()).isEqualTo(3);
        assertThat(report.withoutTransactions()).isEqualTo(1);
        assertThat(report.unlabelled()).isEqualTo(1);
        // the silent suspicious account scores 0, below both ordinary ones, and is never flagged
        assertThat(report.rocAuc()).isEqualTo(0.0);
        assertThat(report.flagged().recall()).isEqualTo(0.0);
    }

    @Test
    void countsATransferToItselfOnceAndARepeatedLabelOnce() {
        AccountScores scores = new AccountScores();
        scores.add("loop", Optional.of("loop"), 0.5, true, List.of("ROUND_TRIP"));
        scores.add("other", Optional.empty(), 0.1, false, List.of());

        AccountDetectionReport report = scores.evaluate(List.of(sar("loop"), sar("loop"), ordinary("other")), 1.0);

        assertThat(scores.accounts()).isEqualTo(2);
        assertThat(report.accounts()).isEqualTo(2);
        assertThat(report.reasons()).containsExactly(new DetectionReport.ReasonPrecision("ROUND_TRIP", 1, 1.0));
    }

    @Test
    void refusesANanRiskScoreNamingTheAccount() {
        AccountScores scores = new AccountScores();

        assertThatThrownBy(() -> scores.add("acc-7", Optional.empty(), Double.NaN, false, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("riskScore")
                .hasMessageContaining("acc-7");
    }
}
