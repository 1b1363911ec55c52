package io.txmon.evaluation;

import java.util.Objects;
import java.util.Optional;

/**
 * The truth about one transaction: suspicious or not, and when known, the pattern it belongs to. The
 * simulator (txmon-simulator) names its typologies ({@code io.txmon.simulator.Typology}); other data
 * sets bring their own names or none.
 *
 * @param transactionId the transaction it labels
 * @param suspicious whether the transaction is part of a fraud or laundering pattern
 * @param typology the pattern's name, only for a suspicious transaction, and only when known
 */
public record Label(String transactionId, boolean suspicious, Optional<String> typology) {
    public Label {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(typology, "typology");
        if (!suspicious && typology.isPresent()) {
            throw new IllegalArgumentException(
                    "an ordinary transaction has no typology, but " + transactionId + " has " + typology.get());
        }
        if (typology.isPresent() && typology.get().isBlank()) {
            throw new IllegalArgumentException("typology: must be absent rather than blank");
        }
    }

    public static Label ordinary(String transactionId) {
        return new Label(transactionId, false, Optional.empty());
    }

    public static Label suspicious(String transactionId, String typology) {
        return new Label(transactionId, true, Optional.of(typology));
    }

    /** Suspicious, of a pattern nobody named. */
    public static Label suspicious(String transactionId) {
        return new Label(transactionId, true, Optional.empty());
    }
}
