package io.txmon.alerts;

import io.txmon.alerts.Alerts.Label;
import io.txmon.alerts.Alerts.Review;
import io.txmon.alerts.Alerts.Status;
import io.txmon.transaction.InvalidFieldException;
import java.time.Instant;

/**
 * An alert's life under review, apart from where it is kept. An alert starts OPEN; a review may move it to
 * IN_REVIEW, ESCALATED or CLOSED, in any order, but never back to OPEN; closing takes a label (TRUE_POSITIVE or
 * FALSE_POSITIVE), and a label is given only when closing. A CLOSED alert keeps its status: a review of it may only
 * assign it or add a note. Who may review is the service's to say (analysts); whoever did is recorded with each
 * review. Closing is what settles a held payment ({@link Alerts.ClosingHook}), once.
 */
final class AlertReviewTransitions {
    private AlertReviewTransitions() {}

    /**
     * A review's move from {@code from} to {@code to}; {@code closes} when it is the move into CLOSED, which happens
     * once in an alert's life.
     */
    record Transition(Status from, Status to, boolean closes) {}

    /**
     * Checks a review on its own, whatever the alert.
     *
     * @throws InvalidFieldException when closing without a label, labelling without closing, going back to OPEN, or
     *     changing nothing
     */
    static void check(Status status, String assignee, String note, Label label) {
        if (status == Status.CLOSED && label == null) {
            throw new InvalidFieldException("label", "is required to close an alert: TRUE_POSITIVE or FALSE_POSITIVE");
        }
        if (label != null && status != Status.CLOSED) {
            throw new InvalidFieldException("label", "is given when closing an alert (status CLOSED)");
        }
        if (status == Status.OPEN) {
            throw new InvalidFieldException("status", "cannot go back to OPEN; use IN_REVIEW or ESCALATED");
        }
        if (status == null && assignee == null && note == null) {
            throw new InvalidFieldException("review", "changes nothing: give status, assignee or note");
        }
    }

    /**
     * What {@code review} does to an alert that is {@code current}: the status it asks for, else the same.
     *
     * @throws InvalidFieldException naming {@code status} when the alert is closed already and the review sets one
     */
    static Transition apply(Status current, Review review) {
        if (current == Status.CLOSED && review.status() != null) {
            throw new InvalidFieldException("status", "the alert is CLOSED already; add a note instead");
        }
        Status next = review.status() == null ? current : review.status();
        return new Transition(current, next, next == Status.CLOSED && current != Status.CLOSED);
    }

    /**
     * The alert's notes after {@code review}: its note, if any, added on a line of its own after those kept, with
     * when and by whom.
     */
    static String notes(String kept, Review review, Instant now, String actor) {
        return review.note() == null
                ? kept
                : (kept == null ? "" : kept + "\n") + now + " " + actor + ": " + review.note();
    }
}
