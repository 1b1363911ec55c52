package io.txmon.scoring;

import java.util.Objects;

/**
 * What the anomaly model said about a transaction.
 *
 * @param modelVersion the version of the model that scored it
 * @param anomalyScore the Isolation Forest score, 0 to 1, above about 0.5 meaning unusual
 * @param risk the score mapped onto the decision's risk scale, 0 to 1
 */
public record ModelOpinion(String modelVersion, double anomalyScore, double risk) {
    public ModelOpinion {
        Objects.requireNonNull(modelVersion, "modelVersion");
    }
}
