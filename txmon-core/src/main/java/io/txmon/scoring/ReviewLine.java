package io.txmon.scoring;

import io.txmon.rules.AlertBudget;
import io.txmon.rules.DecisionThresholds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;

/**
 * The review line an alert budget keeps: for each day (in the rule set's time zone), the score from which the riskiest
 * budgeted share of the seven days before it begins, never below the rule set's {@code review_floor} nor above its
 * {@code block_at}. Until those days hold {@value #WARM_UP} scores the fixed {@code review_at} holds.
 *
 * <p>A day's line depends only on the scores of earlier days, never on its own nor on anything later: it is known
 * before the day's first transaction, the same in every path that sees the same transactions in the same order, and
 * what happens within a day cannot move the line the day is judged by. One line follows one scorer, and so one model
 * version: a new model's scores are on another scale, so it starts a new line (or is primed, {@link #record}, with
 * its own stored scores).
 *
 * <p>Scores are kept as counts on the 4-decimal grid decisions are rounded to, one histogram per day for the days
 * in the window and the current one: 8 × 10,001 counts, 320 KB, whatever the traffic, and a line costs one pass over
 * them a day. Not thread-safe.
 */
public final class ReviewLine {
    /** Days of scores a day's line is drawn from. */
    public static final int WINDOW_DAYS = 7;

    /**
     * Fewer scores than this in the window and the fixed {@code review_at} holds: a 1 % line drawn from fewer would
     * rest on fewer than ten scores.
     */
    public static final int WARM_UP = 1_000;

    /** Risk scores are rounded to 4 decimals, so this many steps cover [0, 1] exactly. */
    private static final int GRID = 10_000;

    private static final int SLOTS = WINDOW_DAYS + 1;

    private final DecisionThresholds thresholds;
    private final ZoneId zone;
    /** The day each slot counts, or {@code Long.MIN_VALUE} for a slot not yet used. */
    private final long[] slotDay = new long[SLOTS];
    /** Each slot's counts per score step, allocated at first use so that an idle line costs nothing. */
    private final int[][] slotCounts = new int[SLOTS][];

    private final long[] slotTotal = new long[SLOTS];

    /**
     * The line each recent day was judged by, kept from when the day was first asked for: a transaction arriving late
     * is judged by the line its day's others were, even once a newer day has reused the slot of that line's oldest
     * day, and without a pass over the histograms each time.
     */
    private final long[] drawnDay = new long[SLOTS];

    private final double[] drawnLine = new double[SLOTS];

    /** A line for decisions under {@code thresholds}, with days as {@code zone} counts them. */
    public ReviewLine(DecisionThresholds thresholds, ZoneId zone) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.zone = Objects.requireNonNull(zone, "zone");
        Arrays.fill(slotDay, Long.MIN_VALUE);
        Arrays.fill(drawnDay, Long.MIN_VALUE);
    }

    /** The review line in force for a transaction at {@code eventTime}. */
    public double at(Instant eventTime) {
        long day = dayOf(eventTime);
        int slot = (int) Math.floorMod(day, SLOTS);
        if (drawnDay[slot] == day) {
            return drawnLine[slot];
        }
        double drawn = draw(day);
        // A day older than the one kept in its slot is drawn afresh each time rather than evict a newer day's line.
        if (drawnDay[slot] < day) {
            drawnDay[slot] = day;
            drawnLine[slot] = drawn;
        }
        return drawn;
    }

    /**
     * Counts a decision's risk score on its transaction's day, for the lines of the days after it. A score more than
     * {@value #WINDOW_DAYS} days older than the newest counted can no longer move any line and is dropped.
     */
    public void record(Instant eventTime, double riskScore) {
        record(eventTime, riskScore, 1);
    }

    /** Counts {@code times} decisions of the same risk score on the same day, as when a line is restored. */
    public void record(Instant eventTime, double riskScore, int times) {
        long day = dayOf(eventTime);
        int slot = (int) Math.floorMod(day, SLOTS);
        if (slotDay[slot] != day) {
            if (slotDay[slot] > day) {
                return;
            }
            slotDay[slot] = day;
            slotTotal[slot] = 0;
            if (slotCounts[slot] == null) {
                slotCounts[slot] = new int[GRID + 1];
            } else {
                Arrays.fill(slotCounts[slot], 0);
            }
        }
        slotCounts[slot][step(riskScore)] += times;
        slotTotal[slot] += times;
    }

    /** The line for {@code day}, from the counts of the {@value #WINDOW_DAYS} days before it. */
    private double draw(long day) {
        AlertBudget budget = thresholds.alertBudget();
        if (budget.isOff()) {
            return thresholds.reviewAt();
        }
        long total = 0;
        int daysWithScores = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            if (inWindow(slot, day) && slotTotal[slot] > 0) {
                total += slotTotal[slot];
                daysWithScores++;
            }
        }
        if (total < WARM_UP) {
            return thresholds.reviewAt();
        }
        double share = budget.shareAt((double) total / daysWithScores);
        long allowed = (long) Math.floor(share * total);
        long atOrAbove = 0;
        int lowestStep = 0;
        for (int step = GRID; step >= 0; step--) {
            for (int slot = 0; slot < SLOTS; slot++) {
                if (inWindow(slot, day)) {
                    atOrAbove += slotCounts[slot][step];
                }
            }
            if (atOrAbove > allowed) {
                // Scores on this step would take the alerts past the budget: the line sits just above it.
                lowestStep = step + 1;
                break;
            }
        }
        double budgeted = (double) lowestStep / GRID;
        return Math.max(thresholds.reviewFloor(), Math.min(thresholds.blockAt(), budgeted));
    }

    /** The step of the 4-decimal grid a risk score falls on. */
    public static int step(double riskScore) {
        return (int) Math.round(Math.max(0, Math.min(1, riskScore)) * GRID);
    }

    /** The day (in the line's time zone, as epoch days) a transaction at {@code eventTime} falls on. */
    public long dayOf(Instant eventTime) {
        return eventTime.atZone(zone).toLocalDate().toEpochDay();
    }

    /** When {@code day} (epoch days in the line's time zone) begins. */
    public Instant startOf(long day) {
        return LocalDate.ofEpochDay(day).atStartOfDay(zone).toInstant();
    }

    private boolean inWindow(int slot, long day) {
        return slotDay[slot] >= day - WINDOW_DAYS && slotDay[slot] < day && slotCounts[slot] != null;
    }
}
