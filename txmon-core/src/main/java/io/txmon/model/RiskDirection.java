package io.txmon.model;

/**
 * Which side of an input is risky. An Isolation Forest isolates whatever is rare, on either side: a tiny
 * amount or an account decades old is as easy to isolate as a huge amount or an account opened today,
 * but only one side is suspicious. Clipping an input at its training median on the harmless side keeps
 * the forest from spending its attention there; the median is learned per model, from the data it trains
 * on, so this carries over to other currencies and customer bases.
 */
public enum RiskDirection {
    /** Larger values are riskier: values below the median count as the median. */
    HIGHER,
    /** Smaller values are riskier: values above the median count as the median. */
    LOWER,
    /** Either side may be risky: no clipping. */
    BOTH;

    double clip(double value, double median) {
        return switch (this) {
            case HIGHER -> Math.max(value, median);
            case LOWER -> Math.min(value, median);
            case BOTH -> value;
        };
    }
}
