package io.txmon.training.boosting;

import io.txmon.boosting.BoostedTrees;
import java.util.Arrays;
import java.util.Objects;

/**
 * A trained supervised model: the trees the core scores, what training did, and the library's own JSON model the
 * trees were read from (to keep beside them, and to check them against the library).
 *
 * @param trees the trees, scored in plain Java
 * @param summary what training did
 * @param xgboostJson the model as XGBoost wrote it ({@code booster.toByteArray("json")}); copied in and out
 */
public record BoostedTreesModel(BoostedTrees trees, BoostingSummary summary, byte[] xgboostJson) {
    public BoostedTreesModel {
        Objects.requireNonNull(trees, "trees");
        Objects.requireNonNull(summary, "summary");
        xgboostJson = xgboostJson.clone();
    }

    @Override
    public byte[] xgboostJson() {
        return xgboostJson.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoostedTreesModel model
                && trees.equals(model.trees)
                && summary.equals(model.summary)
                && Arrays.equals(xgboostJson, model.xgboostJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trees, summary, Arrays.hashCode(xgboostJson));
    }

    @Override
    public String toString() {
        return "BoostedTreesModel[" + trees.trees().size() + " trees, " + summary + "]";
    }
}
