package io.txmon.simulator;

import java.util.Objects;
import java.util.Optional;

/**
 * The ground truth for one transaction: suspicious or not, and if so which typology it belongs to.
 *
 * @param transactionId the transaction it labels
 * @param typology the pattern it is part of, empty for ordinary activity
 */
public record Label(String transactionId, Optional<Typology> typology) {
    public Label {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(typology, "typology");
    }

    /** Whether the transaction is part of a fraud or laundering pattern. */
    public boolean suspicious() {
        return typology.isPresent();
    }

    public static Label ordinary(String transactionId) {
        return new Label(transactionId, Optional.empty());
    }

    public static Label suspicious(String transactionId, Typology typology) {
        return new Label(transactionId, Optional.of(typology));
    }
}
