package io.txmon.training.boosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.txmon.boosting.BoostedTrees;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

class XgboostModelJsonTest {
    private static final int ROWS = 200;
    private static final int FEATURES = 3;

    @Test
    void refusesAModelWhoseObjectiveIsNotBinaryLogistic() throws Exception {
        byte[] regression = modelJson("reg:squarederror");

        assertThatThrownBy(() -> XgboostModelJson.read(regression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the model's objective is reg:squarederror; txmon scores only binary:logistic");
    }

    @Test
    void readsALogisticModelWhoseBaseScoreIsNotAHalfIntoTreesThatPredictAsTheLibraryDoes() throws Exception {
        byte[] logistic = modelJson("binary:logistic");

        BoostedTrees trees = XgboostModelJson.read(logistic);

        assertThat(trees.trees()).hasSize(3);
        assertThat(trees.features()).isEqualTo(FEATURES);
        assertThat(trees.baseMargin())
                .as("the logit of a base score fitted to 30 % positives")
                .isNotCloseTo(0, within(0.1));
        Booster booster = XGBoost.loadModel(logistic);
        DMatrix matrix = new DMatrix(table(), ROWS, FEATURES, Float.NaN);
        float[][] margins = booster.predict(matrix, true);
        for (int r = 0; r < ROWS; r++) {
            double[] row = new double[FEATURES];
            for (int c = 0; c < FEATURES; c++) {
                row[c] = table()[r * FEATURES + c];
            }
            assertThat(trees.margin(row)).as("margin of row %d", r).isCloseTo(margins[r][0], within(1e-5));
        }
        matrix.dispose();
        booster.dispose();
    }

    @Test
    void readsTheBaseScoreBareAndAsTheOneElementListXgboostThreeWrites() {
        assertThat(XgboostModelJson.baseScore("5E-1")).isEqualTo(0.5);
        assertThat(XgboostModelJson.baseScore("[1.1E-1]")).isEqualTo(0.11);
        assertThatThrownBy(() -> XgboostModelJson.baseScore("[1E-1,2E-1]")).hasMessageContaining("more than one value");
    }

    @Test
    void refusesBytesThatAreNotJsonAndModelsWithoutTrees() {
        assertThatThrownBy(() -> XgboostModelJson.read("binf".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("an XGBoost model must be JSON");
        String withoutTrees = "{\"learner\":{\"objective\":{\"name\":\"binary:logistic\"},"
                + "\"gradient_booster\":{\"name\":\"gbtree\",\"model\":{}},"
                + "\"learner_model_param\":{\"num_feature\":\"3\",\"base_score\":\"[5E-1]\"}}}";
        assertThatThrownBy(() -> XgboostModelJson.read(withoutTrees.getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the XGBoost model has no trees");
    }

    @Test
    void firstRoundsKeepsThatManyTreesAndRefusesMoreRoundsThanTheModelHas() throws Exception {
        byte[] threeRounds = modelJson("binary:logistic");

        byte[] twoRounds = XgboostModelJson.firstRounds(threeRounds, 2);

        assertThat(XgboostModelJson.read(twoRounds).trees())
                .containsExactlyElementsOf(
                        XgboostModelJson.read(threeRounds).trees().subList(0, 2));
        Booster booster = XGBoost.loadModel(twoRounds);
        assertThat(booster.getNumBoostedRound()).isEqualTo(2);
        booster.dispose();
        assertThatThrownBy(() -> XgboostModelJson.firstRounds(threeRounds, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot keep 4 rounds of a model of 3; keep from 1 to 3");
        assertThatThrownBy(() -> XgboostModelJson.firstRounds(threeRounds, 0))
                .hasMessage("cannot keep 0 rounds of a model of 3; keep from 1 to 3");
    }

    /** A small fixed table whose first feature is above 0.7 in about 30 % of rows. */
    private static float[] table() {
        float[] values = new float[ROWS * FEATURES];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < FEATURES; c++) {
                values[r * FEATURES + c] = ((r * 31 + c * 17) % 97) / 97f;
            }
        }
        return values;
    }

    /** A three-round model of {@code objective} on {@link #table()}, labelled by its first feature. */
    private static byte[] modelJson(String objective) throws Exception {
        float[] values = table();
        float[] labels = new float[ROWS];
        for (int r = 0; r < ROWS; r++) {
            labels[r] = values[r * FEATURES] > 0.7f ? 1 : 0;
        }
        DMatrix matrix = new DMatrix(values, ROWS, FEATURES, Float.NaN);
        matrix.setLabel(labels);
        Booster booster = XGBoost.train(
                matrix,
                Map.of("objective", objective, "seed", 1, "nthread", 1, "verbosity", 0),
                3,
                Map.of(),
                null,
                null);
        byte[] json = booster.toByteArray("json");
        booster.dispose();
        matrix.dispose();
        return json;
    }
}
