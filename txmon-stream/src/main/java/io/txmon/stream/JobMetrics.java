package io.txmon.stream;

/**
 * The names of the job's own metrics, in each operator's Flink metric group; Flink's Prometheus reporter prefixes
 * them with the operator's scope and turns key/value groups such as {@link #RISK_LEVEL} into labels. Where the seed
 * systems named a metric (seed 001's {@code transactions_processed_total} by {@code risk_level}), the name is theirs.
 */
final class JobMetrics {
    /** Counter of decisions, one per risk level in the {@link #RISK_LEVEL} group ({@code DecisionJoin}). */
    static final String TRANSACTIONS_PROCESSED = "transactions_processed_total";

    /** The key of the group, and so the Prometheus label, that holds a decision's risk level. */
    static final String RISK_LEVEL = "risk_level";

    /**
     * Histogram of the time {@code DecisionEngine.decide} takes, in nanoseconds ({@code DecisionJoin}). Seed 001 has
     * {@code scoring_latency_seconds}, but a Flink histogram holds whole numbers, so the unit is in the name instead.
     */
    static final String SCORING_LATENCY = "scoring_latency_nanoseconds";

    /** Counter of transactions set aside as late ({@code AccountStates}, and {@code DecisionJoin} for lone halves). */
    static final String LATE_TRANSACTIONS = "late_transactions_total";

    /** Counter of copies of a transaction set aside as duplicates ({@code AccountStates}). */
    static final String DUPLICATE_TRANSACTIONS = "duplicate_transactions_total";

    /** Counter of control messages refused ({@code ControlCheck}). */
    static final String CONTROL_ERRORS = "control_errors_total";

    /** Counter of labels not learned: late, or without their transaction ({@code LabelledTransactions}). */
    static final String LABELS_SET_ASIDE = "labels_set_aside_total";

    /** How many recent latencies the histogram's statistics are computed over. */
    static final int LATENCY_WINDOW = 1024;

    private JobMetrics() {}
}
