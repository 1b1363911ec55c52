package io.txmon.analytics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One UTC day's alerts against the decisions made: what the alert budget is judged by.
 *
 * @param decided transactions decided with an event time that day
 * @param reviews of those, sent to REVIEW
 * @param blocks of those, BLOCKed (they open alerts too, but the budget does not move the block line)
 * @param lowestLine the lowest review line a decision of the day was judged by; null when none recorded one
 * @param highestLine the highest, which differs from the lowest when the day's decisions came under several lines
 *     (another rule set or model, or a time zone other than UTC)
 */
public record AlertRate(
        Instant day, long decided, long reviews, long blocks, BigDecimal lowestLine, BigDecimal highestLine) {

    /** The share of the day's decisions that opened an alert, 0 when none was decided. */
    public double flaggedShare() {
        return decided == 0 ? 0 : (double) (reviews + blocks) / decided;
    }
}
