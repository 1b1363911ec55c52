package io.txmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutcomeLearningTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final Duration DELAY = Duration.ofDays(7);

    private final List<String> learned = new ArrayList<>();
    private final OutcomeLearning.Learner learner = (tx, delta) -> learned.add(tx.transactionId() + " " + delta);

    @Test
    void aLabelIsLearnedBeforeTheFirstDecisionAfterItsInstantAndNotByOneAtThatInstant() {
        OutcomeLearning learning = fresh();
        Transaction a = tx("a", T0);
        learning.report(fraud("a", T0.plusSeconds(60), 1), Optional.empty());
        learning.decided(a);

        learning.learnBefore(T0.plusSeconds(60), learner);
        assertThat(learned).isEmpty();

        learning.learnBefore(T0.plusSeconds(61), learner);
        assertThat(learned).containsExactly("a 1");
        assertThat(learning.countedSinceCheckpoint()).containsExactly("a");
    }

    @Test
    void anUndatedLabelIsKnownTheDelayAfterItsTransaction() {
        OutcomeLearning learning = fresh();
        learning.report(new OutcomeLearning.Report("a", true, Optional.empty(), order(1)), Optional.of(tx("a", T0)));

        learning.learnBefore(T0.plus(DELAY), learner);
        assertThat(learned).isEmpty();
        learning.learnBefore(T0.plus(DELAY).plusMillis(1), learner);
        assertThat(learned).containsExactly("a 1");
    }

    @Test
    void aLaterOrdinaryLabelTakesTheFraudBackAndAFraudLabelSaidTwiceCountsOnce() {
        OutcomeLearning learning = fresh();
        Transaction a = tx("a", T0);
        learning.report(fraud("a", T0.plusSeconds(10), 1), Optional.of(a));
        learning.report(fraud("a", T0.plusSeconds(20), 2), Optional.of(a));
        learning.report(ordinary("a", T0.plusSeconds(30), 3), Optional.of(a));

        learning.learnBefore(T0.plusSeconds(25), learner);
        learning.learnBefore(T0.plusSeconds(35), learner);

        assertThat(learned).containsExactly("a 1", "a -1");
        assertThat(learning.uncountedSinceCheckpoint()).containsExactly("a");
        assertThat(learning.countedSinceCheckpoint()).isEmpty();
    }

    @Test
    void aLabelThatArrivesAfterItsInstantIsLearnedAtTheNextDecisionUnlessANewerOneOvertookIt() {
        OutcomeLearning learning = fresh();
        Transaction a = tx("a", T0);
        Transaction b = tx("b", T0);
        learning.report(fraud("a", T0.plusSeconds(50), 1), Optional.of(a));
        learning.learnBefore(T0.plusSeconds(100), learner);
        assertThat(learned).containsExactly("a 1");

        // Sent later, dated earlier: what was in force when the decision came stays in force.
        learning.report(ordinary("a", T0.plusSeconds(40), 2), Optional.of(a));
        learning.report(fraud("b", T0.plusSeconds(40), 3), Optional.of(b));
        learning.learnBefore(T0.plusSeconds(101), learner);

        assertThat(learned).containsExactly("a 1", "b 1");
    }

    @Test
    void reopenedItLearnsNothingTwiceAndSetsRightWhatTheSavedStatesAndTheLabelsDisagreeOn() {
        Instant before = T0.plusSeconds(1_000);
        OutcomeLearning learning = new OutcomeLearning(DELAY, Set.of("counted", "cleared"), Optional.of(before));
        List<OutcomeLearning.Report> reports = List.of(
                fraud("counted", T0.plusSeconds(10), 1),
                fraud("missed", T0.plusSeconds(20), 2),
                fraud("cleared", T0.plusSeconds(30), 3),
                ordinary("cleared", T0.plusSeconds(40), 4),
                fraud("upcoming", T0.plusSeconds(2_000), 5),
                fraud("not-decided", T0.plusSeconds(30), 6));
        learning.open(
                reports,
                Map.of(
                        "counted", tx("counted", T0),
                        "missed", tx("missed", T0),
                        "cleared", tx("cleared", T0),
                        "upcoming", tx("upcoming", T0)));

        learning.learnBefore(before.plusSeconds(1), learner);
        assertThat(learned).containsExactlyInAnyOrder("missed 1", "cleared -1");

        learning.learnBefore(T0.plusSeconds(2_001), learner);
        assertThat(learned).endsWith("upcoming 1");
        assertThat(learning.awaitingTransactions()).containsExactly("not-decided");
    }

    private static OutcomeLearning fresh() {
        return new OutcomeLearning(DELAY, Set.of(), Optional.empty());
    }

    private static OutcomeLearning.Report fraud(String id, Instant knownAt, long row) {
        return new OutcomeLearning.Report(id, true, Optional.of(knownAt), order(row));
    }

    private static OutcomeLearning.Report ordinary(String id, Instant knownAt, long row) {
        return new OutcomeLearning.Report(id, false, Optional.of(knownAt), order(row));
    }

    private static OutcomeLearning.Order order(long row) {
        return new OutcomeLearning.Order(T0, 0, row);
    }

    private static Transaction tx(String id, Instant at) {
        return Transaction.builder(id, at, "acct-" + id, new BigDecimal("10.00"))
                .merchantId("m")
                .build();
    }
}
