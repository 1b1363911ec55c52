package io.txmon.labels;

import static io.txmon.testkit.Instants.WEDNESDAY_3PM;
import static io.txmon.testkit.Instants.days;
import static io.txmon.testkit.Instants.hours;
import static io.txmon.testkit.InvalidFields.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.evaluation.Label;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelTimelineTest {
    private static final Instant PAID = WEDNESDAY_3PM;
    private static final Duration WEEK = LabelTimeline.DEFAULT_DELAY;

    @Test
    void anUndatedLabelIsKnownTheDelayAfterItsTransactionAndNotAMomentBefore() {
        LabelTimeline timeline = LabelTimeline.builder(WEEK)
                .add(ReportedLabel.undated(Label.suspicious("t1", "ACCOUNT_TAKEOVER")), PAID)
                .build();

        assertThat(timeline.labelAt("t1", PAID, days(PAID, 7).minusMillis(1))).isEmpty();
        assertThat(timeline.labelAt("t1", PAID, days(PAID, 7))).contains(Label.suspicious("t1", "ACCOUNT_TAKEOVER"));
    }

    @Test
    void aDatedLabelIsKnownFromItsLabelledAtWhetherBeforeOrAfterTheDelay() {
        LabelTimeline timeline = LabelTimeline.builder(WEEK)
                .add(ReportedLabel.learnedAt(Label.suspicious("early"), hours(PAID, 2)), PAID)
                .add(ReportedLabel.learnedAt(Label.suspicious("late"), days(PAID, 40)), PAID)
                .build();

        assertThat(timeline.labelAt("early", PAID, hours(PAID, 1))).isEmpty();
        assertThat(timeline.labelAt("early", PAID, hours(PAID, 2))).contains(Label.suspicious("early"));
        assertThat(timeline.labelAt("late", PAID, days(PAID, 39)))
                .as("a chargeback not yet received: the transaction counts as ordinary meanwhile")
                .contains(Label.ordinary("late"));
        assertThat(timeline.labelAt("late", PAID, days(PAID, 40))).contains(Label.suspicious("late"));
    }

    @Test
    void aTransactionNoSourceLabelledCountsAsOrdinaryOnceTheDelayHasPassed() {
        LabelTimeline timeline = LabelTimeline.empty(WEEK);

        assertThat(timeline.labelAt("quiet", PAID, days(PAID, 6))).isEmpty();
        assertThat(timeline.labelAt("quiet", PAID, days(PAID, 7))).contains(Label.ordinary("quiet"));
    }

    @Test
    void theLatestKnownLabelIsInForceAndOfTwoLearnedAtOnceTheOneReportedLater() {
        LabelTimeline timeline = LabelTimeline.builder(WEEK)
                .add(ReportedLabel.learnedAt(Label.ordinary("t1"), days(PAID, 1)), PAID)
                .add(ReportedLabel.learnedAt(Label.suspicious("t1", "CARD_FRAUD"), days(PAID, 20)), PAID)
                .add(ReportedLabel.learnedAt(Label.suspicious("t2"), days(PAID, 3)), PAID)
                .add(ReportedLabel.learnedAt(Label.ordinary("t2"), days(PAID, 3)), PAID)
                .build();

        assertThat(timeline.labelAt("t1", PAID, days(PAID, 2))).contains(Label.ordinary("t1"));
        assertThat(timeline.labelAt("t1", PAID, days(PAID, 20))).contains(Label.suspicious("t1", "CARD_FRAUD"));
        assertThat(timeline.labelAt("t2", PAID, days(PAID, 3))).contains(Label.ordinary("t2"));
    }

    @Test
    void listsWhatWasLearnedInAPeriodInTheOrderItWasLearned() {
        LabelTimeline timeline = LabelTimeline.builder(WEEK)
                .add(ReportedLabel.learnedAt(Label.suspicious("c"), days(PAID, 3)), PAID)
                .add(ReportedLabel.undated(Label.suspicious("a")), days(PAID, -6)) // known at day 1
                .add(ReportedLabel.learnedAt(Label.suspicious("b"), days(PAID, 2)), PAID)
                .add(ReportedLabel.learnedAt(Label.suspicious("d"), days(PAID, 2)), PAID)
                .build();

        assertThat(timeline.inOrderOfKnowledge())
                .extracting(known -> known.label().transactionId())
                .containsExactly("a", "b", "d", "c");
        assertThat(timeline.learnedBetween(days(PAID, 1), days(PAID, 2)))
                .as("after day 1, up to and including day 2")
                .extracting(known -> known.label().transactionId())
                .containsExactly("b", "d");
        assertThat(timeline.learnedBetween(days(PAID, 3), days(PAID, 9))).isEmpty();
    }

    @Test
    void asItStoodAtAnInstantTheTimelineAnswersLikeTheWholeOneForEveryEarlierQuestion() {
        LabelTimeline whole = LabelTimeline.builder(WEEK)
                .add(ReportedLabel.learnedAt(Label.suspicious("t1"), days(PAID, 1)), PAID)
                .add(ReportedLabel.learnedAt(Label.ordinary("t1"), days(PAID, 5)), PAID)
                .add(ReportedLabel.undated(Label.suspicious("t2")), PAID)
                .build();
        Instant cut = days(PAID, 4);
        LabelTimeline thenKnown = whole.knownBy(cut);

        assertThat(thenKnown.size()).isEqualTo(1);
        for (Instant asked = PAID; !asked.isAfter(cut); asked = hours(asked, 6)) {
            for (String id : new String[] {"t1", "t2", "t3"}) {
                assertThat(thenKnown.labelAt(id, PAID, asked))
                        .as("%s at %s", id, asked)
                        .isEqualTo(whole.labelAt(id, PAID, asked));
            }
        }
        assertThat(thenKnown.labelAt("t1", PAID, days(PAID, 6)))
                .as("what was learned later is not in it")
                .isNotEqualTo(whole.labelAt("t1", PAID, days(PAID, 6)));
    }

    @Test
    void refusesALabelLearnedBeforeItsTransactionHappenedNamingLabelledAt() {
        LabelTimeline.Builder builder = LabelTimeline.builder(WEEK);

        assertInvalidField(
                () -> builder.add(ReportedLabel.learnedAt(Label.suspicious("t1"), hours(PAID, -1)), PAID),
                "labelled_at",
                "must not be before the transaction, but t1 is labelled at 2026-01-14T14:00:00Z and happened at"
                        + " 2026-01-14T15:00:00Z");
    }

    @Test
    void refusesANegativeDelay() {
        assertThatThrownBy(() -> LabelTimeline.builder(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label delay must not be negative, was PT-24H");
    }

    @Test
    void aZeroDelayMakesUndatedLabelsKnownAtTheirTransaction() {
        LabelTimeline timeline = LabelTimeline.builder(Duration.ZERO)
                .add(ReportedLabel.undated(Label.suspicious("t1")), PAID)
                .build();

        assertThat(timeline.labelAt("t1", PAID, PAID)).isEqualTo(Optional.of(Label.suspicious("t1")));
    }
}
