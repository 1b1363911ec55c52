package io.txmon.transaction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Amounts that went through a binary floating-point number on their way into a file. A program that computes
 * amounts in doubles (pandas, for one) writes the shortest text that reads back as its double; when the
 * arithmetic left the double a unit in the last place or so away from the amount, that text is
 * {@code 914.1500000000001} for 914.15, or {@code 0.30000000000000004} for 0.1 + 0.2. Such text has more
 * decimal places than {@link Transaction#MAX_AMOUNT_SCALE}, so the contract would reject it, though it only
 * ever meant an amount in the currency's minor units.
 *
 * <p>Such an amount is told apart from real excess precision by how far the text's double lies from the double
 * of the amount rounded half-even to the currency's default fraction digits: at most {@link #MAX_ERROR_ULPS}
 * units in the last place is a float's rendering of that amount (every such row of the Fraud Detection
 * Handbook's data is one unit away, never the same double, since the writer would then have printed the
 * shorter text); further is a real digit, which no rounding may drop. The test is only put to text that the
 * contract rejects today, so an amount it accepts is never changed.
 */
final class FloatRenderings {
    /**
     * Most units in the last place between a text's double and its rounded amount's: the error of a few
     * floating-point operations, far below the sixth decimal for any amount under a billion.
     */
    static final int MAX_ERROR_ULPS = 4;

    /** Most significant digits in the shortest text that reads back as a given double. */
    static final int MAX_RENDERED_DIGITS = 17;

    private FloatRenderings() {}

    /**
     * The amount {@code value} is a binary float's rendering of, rounded half-even to {@code currency}'s default
     * fraction digits; or null when {@code value} is not one (a real digit beyond the rounding, more digits than
     * a double's shortest text has, a currency without minor units, or nothing left above zero).
     */
    static BigDecimal amountRenderedBy(BigDecimal value, Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0 || value.signum() <= 0) {
            return null;
        }
        if (value.precision() > MAX_RENDERED_DIGITS || value.scale() > MAX_RENDERED_DIGITS + digits) {
            // Longer than a double's shortest text, or too small to round to a minor unit: not a rendering of
            // one (and 1E-999999999 is not worth rounding).
            return null;
        }
        BigDecimal rounded = value.setScale(digits, RoundingMode.HALF_EVEN);
        if (rounded.signum() <= 0) {
            return null;
        }
        double read = value.doubleValue();
        double amount = rounded.doubleValue();
        if (!Double.isFinite(read) || !Double.isFinite(amount)) {
            return null;
        }
        return Math.abs(read - amount) <= MAX_ERROR_ULPS * Math.ulp(amount) ? rounded : null;
    }
}
