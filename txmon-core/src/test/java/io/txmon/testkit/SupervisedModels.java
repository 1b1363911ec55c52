package io.txmon.testkit;

import io.txmon.boosting.BoostedTrees;
import io.txmon.boosting.RegressionTree;
import io.txmon.boosting.SupervisedModel;
import io.txmon.features.Feature;
import io.txmon.model.ScoreCalibration;
import java.util.List;

/** Supervised models small enough to read, for tests that need one without training it. */
public final class SupervisedModels {
    private SupervisedModels() {}

    /**
     * One split on the amount: a payment over 1,000 is fraud with probability {@code p}, any other almost never
     * (margin -4). It names {@code merchant_fraud_share_30d} as a second input it never splits on.
     */
    public static SupervisedModel largePaymentsAreFraud(String version, float p) {
        float margin = (float) Math.log(p / (1 - p));
        RegressionTree tree = new RegressionTree(
                new int[] {0, -1, -1},
                new float[] {1000f, 0, 0},
                new int[] {1, -1, -1},
                new int[] {2, -1, -1},
                new boolean[] {true, false, false},
                new float[] {0, -4f, margin},
                new float[] {100, 90, 10});
        return new SupervisedModel(
                version,
                new BoostedTrees(List.of(tree), 0, 2),
                List.of(Feature.AMOUNT, Feature.MERCHANT_FRAUD_SHARE_30D),
                new ScoreCalibration(0.02, 0.5, 0.99));
    }
}
