package io.txmon.alerts;

import static io.txmon.testkit.InvalidFields.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.alerts.AlertReviewTransitions.Transition;
import io.txmon.alerts.Alerts.Label;
import io.txmon.alerts.Alerts.Review;
import io.txmon.alerts.Alerts.Status;
import io.txmon.transaction.InvalidFieldException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AlertReviewTransitionsTest {
    private static final Instant NINE_AM = Instant.parse("2026-03-02T09:00:00Z");

    @ParameterizedTest
    @EnumSource(
            value = Status.class,
            names = {"OPEN", "IN_REVIEW", "ESCALATED"})
    void aReviewMovesAnAlertThatIsNotClosedToTheStatusItAsksFor(Status current) {
        for (Status asked : new Status[] {Status.IN_REVIEW, Status.ESCALATED}) {
            assertThat(AlertReviewTransitions.apply(current, new Review(asked, null, null, null)))
                    .isEqualTo(new Transition(current, asked, false));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Status.class,
            names = {"OPEN", "IN_REVIEW", "ESCALATED"})
    void closingAnAlertThatIsNotClosedIsTheOneMoveThatCloses(Status current) {
        Transition closing =
                AlertReviewTransitions.apply(current, new Review(Status.CLOSED, null, null, Label.FALSE_POSITIVE));

        assertThat(closing).isEqualTo(new Transition(current, Status.CLOSED, true));
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void aReviewWithoutAStatusKeepsTheAlertWhereItIsAndClosesNothing(Status current) {
        assertThat(AlertReviewTransitions.apply(current, new Review(null, "analyst-2", "looked", null)))
                .isEqualTo(new Transition(current, current, false));
    }

    @ParameterizedTest
    @EnumSource(
            value = Status.class,
            names = {"IN_REVIEW", "ESCALATED", "CLOSED"})
    void aClosedAlertRefusesAnyNewStatusNamingTheStatusField(Status asked) {
        Review review = new Review(asked, null, null, asked == Status.CLOSED ? Label.TRUE_POSITIVE : null);

        assertThatThrownBy(() -> AlertReviewTransitions.apply(Status.CLOSED, review))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("status"))
                .hasMessageContaining("CLOSED already");
    }

    @Test
    void closingRequiresALabelAndALabelRequiresClosing() {
        assertInvalidField(() -> new Review(Status.CLOSED, null, null, null), "label", "is required to close");
        assertInvalidField(
                () -> new Review(Status.ESCALATED, null, null, Label.TRUE_POSITIVE), "label", "when closing");
        assertInvalidField(() -> new Review(null, null, "note", Label.FALSE_POSITIVE), "label", "when closing");
    }

    @Test
    void noReviewSendsAnAlertBackToOpen() {
        assertInvalidField(() -> new Review(Status.OPEN, null, null, null), "status", "cannot go back to OPEN");
    }

    @Test
    void aReviewThatChangesNothingIsRefused() {
        assertInvalidField(() -> new Review(null, null, null, null), "review", "changes nothing");
    }

    @Test
    void aNoteIsAddedOnALineOfItsOwnWithWhenAndWhoAndNotesStayWhenThereIsNone() {
        Review noted = new Review(null, null, "called the customer", null);

        assertThat(AlertReviewTransitions.notes(null, noted, NINE_AM, "analyst-1"))
                .isEqualTo("2026-03-02T09:00:00Z analyst-1: called the customer");
        assertThat(AlertReviewTransitions.notes("earlier", noted, NINE_AM, "analyst-1"))
                .isEqualTo("earlier\n2026-03-02T09:00:00Z analyst-1: called the customer");
        assertThat(AlertReviewTransitions.notes(
                        "earlier", new Review(Status.IN_REVIEW, null, null, null), NINE_AM, "a"))
                .isEqualTo("earlier");
    }
}
