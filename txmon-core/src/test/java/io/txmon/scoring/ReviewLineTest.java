package io.txmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.rules.AlertBudget;
import io.txmon.rules.DecisionThresholds;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReviewLineTest {
    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    /** Review from 0.6, never block, so that the budget's line is seen unclipped up to 1. */
    private static final DecisionThresholds ONE_PERCENT =
            new DecisionThresholds(0.3, 0.7, 0.6, 1.0, AlertBudget.DEFAULT, 0.05);

    @Test
    void holdsTheFixedReviewLineUntilTheDaysBeforeHoldAThousandScores() {
        ReviewLine tooFew = new ReviewLine(ONE_PERCENT, ZoneOffset.UTC);
        ReviewLine enough = new ReviewLine(ONE_PERCENT, ZoneOffset.UTC);
        recordSpread(tooFew, MONDAY, 999, new Random(1));
        recordSpread(enough, MONDAY, 999, new Random(1));
        enough.record(MONDAY.plusSeconds(3600), 0.2);

        assertThat(tooFew.at(MONDAY.plus(DAY))).isEqualTo(0.6);
        assertThat(enough.at(MONDAY.plus(DAY))).isNotEqualTo(0.6);
    }

    @Test
    void drawsTheLineWhereTheRiskiestOnePercentOfThePreviousDaysBegin() {
        ReviewLine line = new ReviewLine(ONE_PERCENT, ZoneOffset.UTC);
        List<Double> scores = recordSpread(line, MONDAY, 5_000, new Random(2));

        double drawn = line.at(MONDAY.plus(DAY));

        long atOrAbove = scores.stream().filter(s -> s >= drawn).count();
        long justBelow = scores.stream().filter(s -> s >= drawn - 0.0001).count();
        assertThat(atOrAbove).isLessThanOrEqualTo(50);
        assertThat(justBelow)
                .as("one step lower would spend more than the budget")
                .isGreaterThan(50);
    }

    @Test
    void aDaysOwnScoresNeverMoveTheLineItIsJudgedBy() {
        ReviewLine line = new ReviewLine(ONE_PERCENT, ZoneOffset.UTC);
        recordSpread(line, MONDAY, 2_000, new Random(3));
        Instant tuesday = MONDAY.plus(DAY);
        double before = line.at(tuesday);

        for (int i = 0; i < 5_000; i++) {
            line.record(tuesday.plusSeconds(i), 0.999);
        }

        assertThat(line.at(tuesday.plus(Duration.ofHours(23)))).isEqualTo(before);
        assertThat(line.at(tuesday.plus(DAY))).isGreaterThan(before);
    }

    @Test
    void neverDrawsTheLineBelowTheFloorNorAboveTheBlockLine() {
        DecisionThresholds defaults = DecisionThresholds.DEFAULTS;
        ReviewLine quiet = new ReviewLine(defaults, ZoneOffset.UTC);
        ReviewLine loud = new ReviewLine(defaults, ZoneOffset.UTC);
        for (int i = 0; i < 2_000; i++) {
            quiet.record(MONDAY.plusSeconds(i), 0.0);
            loud.record(MONDAY.plusSeconds(i), 0.97);
        }

        assertThat(quiet.at(MONDAY.plus(DAY))).isEqualTo(defaults.reviewFloor());
        assertThat(loud.at(MONDAY.plus(DAY))).isEqualTo(defaults.blockAt());
    }

    @Test
    void aNumberADayBecomesTheShareOfTheDaysTraffic() {
        DecisionThresholds twentyADay = ONE_PERCENT.withAlertBudget(AlertBudget.parse("20/day"));
        ReviewLine line = new ReviewLine(twentyADay, ZoneOffset.UTC);
        List<Double> scores = new ArrayList<>();
        Random random = new Random(4);
        for (int day = 0; day < 2; day++) {
            scores.addAll(recordSpread(line, MONDAY.plus(DAY.multipliedBy(day)), 1_000, random));
        }

        double drawn = line.at(MONDAY.plus(DAY.multipliedBy(2)));

        // 2,000 scores over two days is 1,000 a day, so 20 a day is 2 % of them: 40 in all.
        long atOrAbove = scores.stream().filter(s -> s >= drawn).count();
        assertThat(atOrAbove).isBetween(30L, 40L);
    }

    @Test
    void forgetsDaysOlderThanTheWindow() {
        ReviewLine line = new ReviewLine(ONE_PERCENT, ZoneOffset.UTC);
        recordSpread(line, MONDAY, 5_000, new Random(5));

        assertThat(line.at(MONDAY.plus(DAY.multipliedBy(ReviewLine.WINDOW_DAYS))))
                .isNotEqualTo(0.6);
        assertThat(line.at(MONDAY.plus(DAY.multipliedBy(ReviewLine.WINDOW_DAYS + 1))))
                .as("the scores are eight days old")
                .isEqualTo(0.6);
    }

    @Test
    void aLateTransactionIsJudgedByItsOwnDaysLine() {
        ReviewLine line = new ReviewLine(ONE_PERCENT, ZoneOffset.UTC);
        recordSpread(line, MONDAY, 2_000, new Random(6));
        Instant tuesday = MONDAY.plus(DAY);
        double tuesdays = line.at(tuesday);
        recordSpread(line, tuesday, 2_000, new Random(7));
        line.at(tuesday.plus(DAY));

        assertThat(line.at(tuesday.plusSeconds(60))).isEqualTo(tuesdays);
        assertThat(line.at(MONDAY.plusSeconds(60)))
                .as("nothing came before Monday")
                .isEqualTo(0.6);
    }

    @Test
    void aLateTransactionKeepsItsDaysLineAfterTheOldestDayBehindItIsForgotten() {
        ReviewLine line = new ReviewLine(ONE_PERCENT, ZoneOffset.UTC);
        Random random = new Random(10);
        // A riskier first day, so that the line of day 7 depends on it.
        for (int i = 0; i < 3_000; i++) {
            line.record(MONDAY.plusSeconds(i), 0.5 + 0.5 * random.nextDouble());
        }
        for (int day = 1; day < ReviewLine.WINDOW_DAYS; day++) {
            recordSpread(line, MONDAY.plus(DAY.multipliedBy(day)), 500, random);
        }
        Instant day7 = MONDAY.plus(DAY.multipliedBy(ReviewLine.WINDOW_DAYS));
        double day7s = line.at(day7);
        recordSpread(line, day7, 500, random);
        Instant day8 = day7.plus(DAY);
        line.at(day8);
        recordSpread(line, day8, 500, random);

        assertThat(line.at(day7.plus(Duration.ofHours(23))))
                .as("day 8's scores took the slot of day 0, which day 7's line was drawn from")
                .isEqualTo(day7s);
    }

    @Test
    void countsDaysInTheRuleSetsTimeZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        ReviewLine line = new ReviewLine(ONE_PERCENT, tokyo);
        // Midnight in Tokyo is 15:00 UTC the day before.
        Instant tokyoMidnight = Instant.parse("2026-03-02T15:00:00Z");
        recordSpread(line, tokyoMidnight.minus(DAY), 2_000, new Random(8));

        assertThat(line.at(tokyoMidnight.minusSeconds(1))).isEqualTo(0.6);
        assertThat(line.at(tokyoMidnight)).isNotEqualTo(0.6);
    }

    @Test
    void anOffBudgetKeepsTheFixedLine() {
        ReviewLine line = new ReviewLine(ONE_PERCENT.withAlertBudget(AlertBudget.OFF), ZoneOffset.UTC);
        recordSpread(line, MONDAY, 5_000, new Random(9));

        assertThat(line.at(MONDAY.plus(DAY))).isEqualTo(0.6);
    }

    /** Records {@code count} scores spread over the day starting at {@code day}, on the 4-decimal grid. */
    private static List<Double> recordSpread(ReviewLine line, Instant day, int count, Random random) {
        List<Double> scores = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double score = Math.round(random.nextDouble() * 10_000) / 10_000.0;
            line.record(day.plusMillis(i * (DAY.toMillis() / count)), score);
            scores.add(score);
        }
        return scores;
    }
}
