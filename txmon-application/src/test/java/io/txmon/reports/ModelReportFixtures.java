package io.txmon.reports;

import io.txmon.boosting.BoostedTrees;
import io.txmon.boosting.RegressionTree;
import io.txmon.boosting.SupervisedModel;
import io.txmon.evaluation.Outcome;
import io.txmon.features.Feature;
import io.txmon.model.ScoreCalibration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Judged decisions and a small supervised model for the model report's tests. */
final class ModelReportFixtures {
    static final Instant FIRST = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant LAST = Instant.parse("2026-03-31T23:00:00Z");

    private ModelReportFixtures() {}

    /**
     * 600 decisions, one in ten suspicious (card testing or mule), where suspicious ones tend to score higher, with
     * scores on four decimals as decision files write them and a few flagged for review.
     */
    static List<Outcome> outcomes() {
        Random random = new Random(14);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            boolean suspicious = i % 10 == 0;
            double raw = suspicious ? 0.35 + 0.6 * random.nextDouble() : 0.6 * random.nextDouble();
            double score = Math.round(raw * 10_000) / 10_000.0;
            boolean flagged = score >= 0.6;
            outcomes.add(new Outcome(
                    score,
                    flagged,
                    flagged ? List.of(i % 20 == 0 ? "FAN_IN" : "HIGH_AMOUNT") : List.of(),
                    suspicious,
                    suspicious ? Optional.of(i % 20 == 0 ? "mule" : "card_testing") : Optional.empty()));
        }
        return outcomes;
    }

    static ModelReport.Judged judged() {
        return new ModelReport.Judged(
                "decisions.jsonl", "labels.csv", Optional.empty(), Optional.of(FIRST), Optional.of(LAST));
    }

    /**
     * Two trees over amount, hour of day and is_card: the first splits on amount (cover 100) then hour of day (cover
     * 40); the second on amount again (cover 90). is_card is never tested. Total cover: amount 190, hour 40.
     */
    static SupervisedModel supervisedModel() {
        RegressionTree first = new RegressionTree(
                new int[] {0, 1, 0, 0, 0},
                new float[] {500f, 3f, 0, 0, 0},
                new int[] {1, 3, -1, -1, -1},
                new int[] {2, 4, -1, -1, -1},
                new boolean[] {true, true, false, false, false},
                new float[] {0, 0, 0.4f, -0.3f, 0.1f},
                new float[] {100, 40, 60, 10, 30});
        RegressionTree second = new RegressionTree(
                new int[] {0, 0, 0},
                new float[] {900f, 0, 0},
                new int[] {1, -1, -1},
                new int[] {2, -1, -1},
                new boolean[] {false, false, false},
                new float[] {0, -0.1f, 0.2f},
                new float[] {90, 80, 10});
        return new SupervisedModel(
                "sl-0123456789ab",
                new BoostedTrees(List.of(first, second), BoostedTrees.marginOf(0.5), 3),
                List.of(Feature.AMOUNT, Feature.HOUR_OF_DAY, Feature.IS_CARD),
                new ScoreCalibration(0.05, 0.4, 0.9));
    }

    static ModelReport report() {
        return ModelReports.build(judged(), outcomes(), 0.05, Optional.of(supervisedModel()), Optional.empty());
    }
}
