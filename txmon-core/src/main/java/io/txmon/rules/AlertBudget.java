package io.txmon.rules;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many alerts the analysts can take: a share of transactions ({@code 1%}, the default) or a number a day ({@code
 * 200/day}), or {@code off}. The review line follows it (see {@code io.txmon.scoring.ReviewLine}): what is normal for
 * one bank's scores is not for another's, and a fixed line cannot know which.
 *
 * @param share the share of transactions to send to review, in (0, 1); 0 when the budget is a number a day or off
 * @param perDay how many alerts a day; 0 when the budget is a share or off
 */
public record AlertBudget(double share, long perDay) {
    /** No budget: the rule set's fixed {@code review_at} decides alone, as before budgets existed. */
    public static final AlertBudget OFF = new AlertBudget(0, 0);

    /** One transaction in a hundred, the budget {@code bin/txmon evaluate} judges precision at. */
    public static final AlertBudget DEFAULT = new AlertBudget(0.01, 0);

    private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Pattern PER_DAY = Pattern.compile("(\\d+)\\s*(?:/|per\\s+)\\s*day");

    public AlertBudget {
        if (share < 0 || share >= 1 || Double.isNaN(share)) {
            throw new IllegalArgumentException("alert_budget must be a share below 100%, got " + share * 100 + "%");
        }
        if (perDay < 0) {
            throw new IllegalArgumentException("alert_budget must be a positive number a day, got " + perDay);
        }
        if (share > 0 && perDay > 0) {
            throw new IllegalArgumentException("alert_budget is a share or a number a day, not both");
        }
    }

    /**
     * Reads {@code 1%}, {@code 0.5 %}, {@code 200/day}, {@code 200 per day} or {@code off}.
     *
     * @throws IllegalArgumentException naming {@code alert_budget} and what it accepts
     */
    public static AlertBudget parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("off")) {
            return OFF;
        }
        Matcher share = SHARE.matcher(trimmed);
        if (share.matches()) {
            BigDecimal percent = new BigDecimal(share.group(1));
            if (percent.signum() <= 0) {
                throw new IllegalArgumentException("alert_budget must be above 0%, got " + text.trim());
            }
            // In decimal, so that 0.7% is 0.007 and is written back as 0.7%.
            return new AlertBudget(percent.movePointLeft(2).doubleValue(), 0);
        }
        Matcher perDay = PER_DAY.matcher(trimmed);
        if (perDay.matches()) {
            long count;
            try {
                count = Long.parseLong(perDay.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("alert_budget a day is too large: " + text.trim());
            }
            if (count == 0) {
                throw new IllegalArgumentException("alert_budget must be at least 1/day, got " + text.trim());
            }
            return new AlertBudget(0, count);
        }
        throw new IllegalArgumentException(
                "alert_budget must be a share such as 1%, a number a day such as 200/day, or off; got \"" + text.trim()
                        + "\"");
    }

    public boolean isOff() {
        return share == 0 && perDay == 0;
    }

    /**
     * The share of transactions the budget allows when {@code transactionsPerDay} arrive a day: the share itself, or
     * the number a day over the traffic (at most all of it).
     */
    public double shareAt(double transactionsPerDay) {
        if (perDay == 0) {
            return share;
        }
        return transactionsPerDay <= 0 ? 0 : Math.min(1, perDay / transactionsPerDay);
    }

    /** The budget as written in a rule file: {@code 1%}, {@code 200/day} or {@code off}. */
    public String text() {
        if (isOff()) {
            return "off";
        }
        if (perDay > 0) {
            return perDay + "/day";
        }
        return BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    @Override
    public String toString() {
        return text();
    }
}
