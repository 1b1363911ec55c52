package io.txmon.labels;

import static io.txmon.testkit.Instants.WEDNESDAY_3PM;
import static io.txmon.testkit.Instants.days;
import static io.txmon.testkit.Instants.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.evaluation.Label;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownOutcomesTest {
    private final List<String> changes = new ArrayList<>();

    private void learnUpTo(KnownOutcomes outcomes, java.time.Instant at) {
        outcomes.learnUpTo(at, (id, delta) -> changes.add(id + (delta > 0 ? "+" : "-")));
    }

    @Test
    void reportsAFraudOnceWhenItBecomesKnownAndNotBefore() {
        LabelTimeline timeline = LabelTimeline.builder(Duration.ofDays(7))
                .add(ReportedLabel.undated(Label.suspicious("a", "CARD_THEFT")), WEDNESDAY_3PM)
                .add(ReportedLabel.learnedAt(Label.suspicious("b"), hours(WEDNESDAY_3PM, 2)), WEDNESDAY_3PM)
                .add(ReportedLabel.undated(Label.ordinary("c")), WEDNESDAY_3PM)
                .build();
        KnownOutcomes outcomes = new KnownOutcomes(timeline);

        learnUpTo(outcomes, hours(WEDNESDAY_3PM, 1));
        assertThat(changes).isEmpty();
        learnUpTo(outcomes, hours(WEDNESDAY_3PM, 2));
        assertThat(changes).containsExactly("b+");
        learnUpTo(outcomes, days(WEDNESDAY_3PM, 7));
        assertThat(changes).containsExactly("b+", "a+");
        learnUpTo(outcomes, days(WEDNESDAY_3PM, 30));
        assertThat(changes).containsExactly("b+", "a+");
    }

    @Test
    void aLaterLabelClearingAFraudTakesItBackAndARepeatedVerdictCountsOnce() {
        LabelTimeline timeline = LabelTimeline.builder(Duration.ofDays(7))
                .add(ReportedLabel.learnedAt(Label.suspicious("a"), hours(WEDNESDAY_3PM, 1)), WEDNESDAY_3PM)
                .add(ReportedLabel.learnedAt(Label.suspicious("a"), hours(WEDNESDAY_3PM, 2)), WEDNESDAY_3PM)
                .add(ReportedLabel.learnedAt(Label.ordinary("a"), hours(WEDNESDAY_3PM, 3)), WEDNESDAY_3PM)
                .build();
        KnownOutcomes outcomes = new KnownOutcomes(timeline);

        learnUpTo(outcomes, days(WEDNESDAY_3PM, 1));

        assertThat(changes).containsExactly("a+", "a-");
    }

    @Test
    void refusesToGoBackInTime() {
        KnownOutcomes outcomes = new KnownOutcomes(LabelTimeline.empty(Duration.ofDays(7)));
        learnUpTo(outcomes, days(WEDNESDAY_3PM, 1));

        assertThatThrownBy(() -> learnUpTo(outcomes, WEDNESDAY_3PM)).hasMessageContaining("forward in time");
    }
}
