package io.txmon.training.boosting;

/**
 * What a boosted-trees training did: how many rounds it kept, how well the kept model did on the held-out latest
 * rows, and the labels it learnt from.
 *
 * @param rounds boosting rounds kept (trees in the model): the round with the best validation score and those
 *     before it
 * @param roundsTrained rounds grown before early stopping ended training (at least {@code rounds})
 * @param validationAucpr area under the precision-recall curve on the validation part, as XGBoost computes
 *     {@code aucpr}, for the kept rounds
 * @param trainingPositives positive labels in the training part
 * @param trainingNegatives negative labels in the training part
 * @param validationPositives positive labels in the validation part
 * @param validationNegatives negative labels in the validation part
 * @param scalePosWeight the weight given to each positive: training negatives over training positives
 */
public record BoostingSummary(
        int rounds,
        int roundsTrained,
        double validationAucpr,
        int trainingPositives,
        int trainingNegatives,
        int validationPositives,
        int validationNegatives,
        double scalePosWeight) {
    public BoostingSummary {
        if (rounds < 1 || roundsTrained < rounds) {
            throw new IllegalArgumentException(
                    "kept rounds must be within [1, rounds trained], were " + rounds + " of " + roundsTrained);
        }
    }
}
