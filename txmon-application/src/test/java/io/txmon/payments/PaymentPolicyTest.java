package io.txmon.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.alerts.Alerts.Label;
import io.txmon.payments.Payment.Status;
import io.txmon.payments.PaymentPolicy.Verdict;
import io.txmon.scoring.Recommendation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentPolicyTest {
    private static final List<String> CODES = List.of("HUGE_TRANSFER", "LARGE_TRANSFER");

    private static Verdict funded(String amount, String balance, String overdraft) {
        return PaymentPolicy.funded(
                "alice", new BigDecimal(amount), new BigDecimal(balance), new BigDecimal(overdraft));
    }

    @Test
    void screeningRejectsWhatItBlocksAndHoldsWhatItSendsToReviewWithTheReasonCodes() {
        assertThat(PaymentPolicy.screened(Recommendation.BLOCK, CODES))
                .contains(new Verdict(Status.REJECTED, "blocked by screening: HUGE_TRANSFER, LARGE_TRANSFER"));
        assertThat(PaymentPolicy.screened(Recommendation.REVIEW, List.of("LARGE_TRANSFER")))
                .contains(new Verdict(Status.HELD, "held for review: LARGE_TRANSFER"));
    }

    @Test
    void anApprovedPaymentIsLeftToThePayersFunds() {
        assertThat(PaymentPolicy.screened(Recommendation.APPROVE, List.of())).isEmpty();
    }

    @Test
    void thePayerMayGoDownToItsOverdraftLimitAndNotOneCentBelow() {
        assertThat(funded("140.00", "100.00", "40.00")).isEqualTo(new Verdict(Status.POSTED, null));
        assertThat(funded("100.00", "100.00", "0")).isEqualTo(new Verdict(Status.POSTED, null));
        assertThat(funded("140.01", "100.00", "40.000000"))
                .isEqualTo(new Verdict(
                        Status.REJECTED,
                        "insufficient funds: paying 140.01 would take alice below its overdraft limit of 40"));
        assertThat(funded("0.01", "0.000000", "0.000000").reason())
                .isEqualTo("insufficient funds: paying 0.01 would take alice below its overdraft limit of 0");
    }

    @Test
    void aTruePositiveRejectsAHeldPaymentWithoutLookingAtFunds() {
        assertThat(PaymentPolicy.releases(Label.TRUE_POSITIVE)).isFalse();
        assertThat(PaymentPolicy.settled(Label.TRUE_POSITIVE, "analyst-1", Optional.empty()))
                .isEqualTo(new Verdict(Status.REJECTED, "rejected in review by analyst-1"));
    }

    @Test
    void aFalsePositiveReleasesAHeldPaymentToThePayersFundsAsTheyAreThen() {
        assertThat(PaymentPolicy.releases(Label.FALSE_POSITIVE)).isTrue();
        assertThat(PaymentPolicy.settled(Label.FALSE_POSITIVE, "analyst-1", Optional.of(funded("10", "10", "0"))))
                .isEqualTo(new Verdict(Status.POSTED, null));
        assertThat(PaymentPolicy.settled(Label.FALSE_POSITIVE, "analyst-1", Optional.of(funded("11", "10", "0"))))
                .isEqualTo(new Verdict(
                        Status.REJECTED,
                        "released in review by analyst-1, then insufficient funds: paying 11 would take alice"
                                + " below its overdraft limit of 0"));
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void onlyAHeldPaymentIsSettledAndOnlyToPostedOrRejected(Status from) {
        for (Status to : Status.values()) {
            assertThat(PaymentPolicy.settles(from, to))
                    .as(from + " to " + to)
                    .isEqualTo(from == Status.HELD && to != Status.HELD);
        }
    }
}
