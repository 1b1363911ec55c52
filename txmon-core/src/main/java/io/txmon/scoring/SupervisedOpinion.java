package io.txmon.scoring;

import java.util.Objects;

/**
 * What the supervised model said about a transaction.
 *
 * @param modelVersion the version of the model that scored it
 * @param probability the model's probability that the transaction is fraud, 0 to 1
 * @param risk the probability mapped onto the decision's risk scale, 0 to 1
 */
public record SupervisedOpinion(String modelVersion, double probability, double risk) {
    public SupervisedOpinion {
        Objects.requireNonNull(modelVersion, "modelVersion");
    }
}
