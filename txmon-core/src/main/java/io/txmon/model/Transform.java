package io.txmon.model;

/**
 * How a feature is shaped before the forest sees it. Cuts are drawn uniformly between a node's smallest
 * and largest value, so a heavy-tailed feature (counts, amounts, days) would have nearly every cut fall
 * in its empty tail; a logarithm spreads the cuts over its orders of magnitude instead.
 */
public enum Transform {
    /** The value as it is. */
    IDENTITY,
    /** sign(x) · ln(1 + |x|): a logarithm that keeps zero and the sign. */
    SIGNED_LOG;

    public double apply(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case SIGNED_LOG -> Math.copySign(Math.log1p(Math.abs(x)), x);
        };
    }
}
