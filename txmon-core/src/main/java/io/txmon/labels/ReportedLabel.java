package io.txmon.labels;

import io.txmon.evaluation.Label;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A label as a source reports it: a chargeback feed, an analyst's review, a confirmed case.
 *
 * @param label what is said of the transaction
 * @param labelledAt when the bank learned it; when absent, it is taken to be known the timeline's delay after the
 *     transaction
 */
public record ReportedLabel(Label label, Optional<Instant> labelledAt) {
    public ReportedLabel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(labelledAt, "labelledAt");
    }

    /** A label whose source did not say when it was learned. */
    public static ReportedLabel undated(Label label) {
        return new ReportedLabel(label, Optional.empty());
    }

    /** A label learned at {@code labelledAt}. */
    public static ReportedLabel learnedAt(Label label, Instant labelledAt) {
        return new ReportedLabel(label, Optional.of(labelledAt));
    }
}
