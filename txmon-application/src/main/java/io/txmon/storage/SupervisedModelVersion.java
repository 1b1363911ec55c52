package io.txmon.storage;

import io.txmon.storage.StoredModels.Activation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One supervised model kept in the registry, as listed: everything but the trees (docs/supervised-model.md, "Registry
 * and retraining").
 *
 * @param version the model's content-derived version ({@code sl-} and a hash)
 * @param createdAt when it was trained and kept
 * @param inputs the features it reads, by name, in order
 * @param labelsAsOf the instant whose known labels it was trained and validated with: none known later was used
 * @param training the labelled rows it was trained on
 * @param validation the most recent labelled rows, held out, that it and the champion of the day were judged on
 * @param metrics how it ranked {@code validation}
 * @param decision why it got its first role, in a sentence
 * @param role what it is now
 * @param activation who last made it the champion and when; empty for one never champion
 */
public record SupervisedModelVersion(
        String version,
        Instant createdAt,
        List<String> inputs,
        Instant labelsAsOf,
        Window training,
        Window validation,
        Metrics metrics,
        String decision,
        Role role,
        Optional<Activation> activation) {
    public SupervisedModelVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(createdAt, "createdAt");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(labelsAsOf, "labelsAsOf");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(activation, "activation");
    }

    /** What a kept supervised model is for. */
    public enum Role {
        /** The one model meant to decide; at most one at a time. */
        CHAMPION,
        /** Trained after the champion and not better than it on the same rows: kept to compare, not to decide. */
        CHALLENGER,
        /** A former champion, or a challenger a newer one replaced. */
        RETIRED
    }

    /**
     * Labelled rows in event time.
     *
     * @param from the earliest transaction's event time
     * @param to the latest transaction's event time
     * @param rows how many transactions with a known outcome
     * @param positives how many of them were known as fraud
     */
    public record Window(Instant from, Instant to, long rows, long positives) {
        public Window {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("a window ends after it starts, but " + to + " is before " + from);
            }
            if (rows < 0 || positives < 0 || positives > rows) {
                throw new IllegalArgumentException(
                        "a window holds 0 <= positives <= rows, but has rows=" + rows + ", positives=" + positives);
            }
        }
    }

    /**
     * How a model ranked the validation window.
     *
     * @param rocAuc the area under the ROC curve
     * @param prAuc the area under the precision-recall curve, as average precision (scikit-learn's)
     * @param alertShare the alert budget's share of transactions, as it stood for the validation window
     * @param precisionAtBudget the share of fraud among the {@code alertShare} highest-ranked rows
     */
    public record Metrics(double rocAuc, double prAuc, double alertShare, double precisionAtBudget) {
        public Metrics {
            check("roc_auc", rocAuc);
            check("pr_auc", prAuc);
            check("precision_at_budget", precisionAtBudget);
            if (!(alertShare > 0 && alertShare <= 1)) {
                throw new IllegalArgumentException("alert_share must be in (0, 1], was " + alertShare);
            }
        }

        private static void check(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
            }
        }
    }
}
