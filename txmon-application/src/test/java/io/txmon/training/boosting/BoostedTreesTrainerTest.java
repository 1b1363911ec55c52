package io.txmon.training.boosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.txmon.boosting.BoostedTrees;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

class BoostedTreesTrainerTest {
    private static final long SEED = 14;
    private static final double TOLERANCE = 1e-5;

    @Test
    void treesScoredInPlainJavaGiveTheLibrarysOwnProbabilitiesAndMarginsForEveryRow() throws Exception {
        SyntheticLabels data = SyntheticLabels.generate(5_000, SEED);
        BoostedTreesModel model = BoostedTreesTrainer.builder(SEED).build().train(data.rows(), data.labels());
        BoostedTrees trees = model.trees();

        Booster booster = XGBoost.loadModel(model.xgboostJson());
        DMatrix matrix =
                BoostedTreesTrainer.matrix(data.rows(), data.labels(), 0, data.rows().length, SyntheticLabels.FEATURES);
        float[][] probabilities = booster.predict(matrix);
        float[][] margins = booster.predict(matrix, true);
        matrix.dispose();
        booster.dispose();

        assertThat(trees.trees()).hasSize(model.summary().rounds()).hasSizeGreaterThan(10);
        int missing = 0;
        for (int r = 0; r < data.rows().length; r++) {
            double[] row = data.rows()[r];
            for (double value : row) {
                missing += Double.isNaN(value) ? 1 : 0;
            }
            assertThat(trees.probability(row))
                    .as("probability of row %d", r)
                    .isCloseTo(probabilities[r][0], within(TOLERANCE));
            assertThat(trees.margin(row)).as("margin of row %d", r).isCloseTo(margins[r][0], within(TOLERANCE));
        }
        assertThat(missing)
                .as("missing values the default branches were checked on")
                .isGreaterThan(1_000);
    }

    @Test
    void contributionsInPlainJavaAreTheLibrarysOwnTreeShapValuesForEveryFeatureAndTheBias() throws Exception {
        SyntheticLabels data = SyntheticLabels.generate(5_000, SEED);
        BoostedTreesModel model = BoostedTreesTrainer.builder(SEED).build().train(data.rows(), data.labels());
        int rows = 400;

        Booster booster = XGBoost.loadModel(model.xgboostJson());
        DMatrix matrix = BoostedTreesTrainer.matrix(data.rows(), data.labels(), 0, rows, SyntheticLabels.FEATURES);
        float[][] expected = booster.predictContrib(matrix, 0);
        matrix.dispose();
        booster.dispose();

        int missing = 0;
        for (int r = 0; r < rows; r++) {
            double[] row = data.rows()[r];
            double[] contributions = model.trees().contributions(row);
            assertThat(contributions).hasSize(SyntheticLabels.FEATURES + 1);
            assertThat(expected[r]).hasSize(SyntheticLabels.FEATURES + 1);
            for (int c = 0; c <= SyntheticLabels.FEATURES; c++) {
                missing += c < SyntheticLabels.FEATURES && Double.isNaN(row[c]) ? 1 : 0;
                assertThat(contributions[c]).as("row %d, column %d", r, c).isCloseTo(expected[r][c], within(1e-4));
            }
        }
        assertThat(missing)
                .as("missing values explained along default branches")
                .isGreaterThan(50);
    }

    @Test
    void learnsTheRuleBehindTheLabelsWellEnoughToRankTheHeldOutPositivesFirst() {
        SyntheticLabels data = SyntheticLabels.generate(5_000, SEED);

        BoostingSummary summary = BoostedTreesTrainer.builder(SEED)
                .build()
                .train(data.rows(), data.labels())
                .summary();

        double positiveShare = (double) data.positives() / data.rows().length;
        assertThat(positiveShare).as("share of positives").isBetween(0.03, 0.07);
        assertThat(summary.validationAucpr()).as("validation aucpr").isGreaterThan(3 * positiveShare);
        assertThat(summary.roundsTrained()).isGreaterThanOrEqualTo(summary.rounds());
        assertThat(summary.trainingPositives() + summary.validationPositives()).isEqualTo(data.positives());
        assertThat(summary.trainingPositives() + summary.trainingNegatives()).isEqualTo(4_000);
        assertThat(summary.scalePosWeight())
                .isEqualTo((double) summary.trainingNegatives() / summary.trainingPositives());
    }

    @Test
    void sameSeedAndSameRowsGrowTheSameTrees() {
        SyntheticLabels data = SyntheticLabels.generate(5_000, SEED);

        BoostedTreesModel first = BoostedTreesTrainer.builder(SEED).build().train(data.rows(), data.labels());
        BoostedTreesModel second = BoostedTreesTrainer.builder(SEED).build().train(data.rows(), data.labels());

        assertThat(second.trees()).isEqualTo(first.trees());
        assertThat(second.summary()).isEqualTo(first.summary());
    }

    @Test
    void stopsEarlyWhenTheValidationScoreNoLongerImprovesAndKeepsTheBestRounds() {
        SyntheticLabels data = SyntheticLabels.generate(5_000, SEED);

        BoostedTreesModel model = BoostedTreesTrainer.builder(SEED)
                .learningRate(0.5)
                .earlyStoppingRounds(5)
                .build()
                .train(data.rows(), data.labels());

        BoostingSummary summary = model.summary();
        assertThat(summary.roundsTrained()).isLessThan(BoostedTreesTrainer.DEFAULT_MAX_ROUNDS);
        assertThat(summary.roundsTrained() - summary.rounds()).isEqualTo(5);
        assertThat(model.trees().trees()).hasSize(summary.rounds());
    }

    @Test
    void earlyStoppingCutsTheTrainedModelToTheBestRoundsWhichPredictAsTheLibraryLimitedToThem() throws Exception {
        SyntheticLabels data = SyntheticLabels.generate(5_000, SEED);
        BoostedTreesTrainer trainer = BoostedTreesTrainer.builder(SEED)
                .learningRate(0.5)
                .earlyStoppingRounds(5)
                .build();
        BoostedTreesModel model = trainer.train(data.rows(), data.labels());
        BoostingSummary summary = model.summary();
        int kept = summary.rounds();
        int rows = data.rows().length;

        DMatrix training = BoostedTreesTrainer.matrix(data.rows(), data.labels(), 0, 4_000, SyntheticLabels.FEATURES);
        DMatrix validation =
                BoostedTreesTrainer.matrix(data.rows(), data.labels(), 4_000, rows, SyntheticLabels.FEATURES);
        DMatrix all = BoostedTreesTrainer.matrix(data.rows(), data.labels(), 0, rows, SyntheticLabels.FEATURES);
        // The library's own model of every round trained, each of them kept.
        Booster whole = XGBoost.train(training, trainer.parameters(summary.scalePosWeight()), 0, Map.of(), null, null);
        for (int round = 0; round < summary.roundsTrained(); round++) {
            whole.update(training, round);
        }
        float[][] limitedToKept = whole.predict(all, true, kept);
        float[][] allRounds = whole.predict(all, true);
        Booster cut = XGBoost.loadModel(model.xgboostJson());
        float[][] margins = cut.predict(all, true);
        int cutRounds = cut.getNumBoostedRound();
        cut.setParam("eval_metric", BoostedTreesTrainer.VALIDATION_METRIC);
        float[] validationAucpr = new float[1];
        cut.evalSet(new DMatrix[] {validation}, new String[] {"validation"}, kept - 1, validationAucpr);
        cut.dispose();
        whole.dispose();
        training.dispose();
        validation.dispose();
        all.dispose();

        assertThat(kept).isLessThan(summary.roundsTrained());
        assertThat(model.trees().trees()).hasSize(kept);
        assertThat(cutRounds)
                .as("rounds of the saved model, as the library loads it")
                .isEqualTo(kept);
        int changedByTheDroppedRounds = 0;
        for (int r = 0; r < rows; r++) {
            assertThat(margins[r][0]).as("library's margin of row %d", r).isEqualTo(limitedToKept[r][0]);
            assertThat(model.trees().margin(data.rows()[r]))
                    .as("margin of row %d", r)
                    .isCloseTo(limitedToKept[r][0], within(TOLERANCE));
            changedByTheDroppedRounds += allRounds[r][0] != limitedToKept[r][0] ? 1 : 0;
        }
        assertThat(changedByTheDroppedRounds)
                .as("rows whose margin the rounds after the best change")
                .isGreaterThan(rows / 2);
        assertThat(summary.validationAucpr()).isEqualTo(validationAucpr[0]);
    }

    @Test
    void refusesToTrainOnFewerThanTenPositivesNamingTheCount() {
        SyntheticLabels data = SyntheticLabels.generate(2_000, SEED);
        boolean[] labels = new boolean[data.rows().length];
        for (int r = 0; r < 9; r++) {
            labels[r * 200] = true;
        }

        assertThatThrownBy(() -> BoostedTreesTrainer.builder(SEED).build().train(data.rows(), labels))
                .isInstanceOf(TooFewPositivesException.class)
                .hasMessage("training needs at least 10 positive labels, got 9")
                .satisfies(e ->
                        assertThat(((TooFewPositivesException) e).positives()).isEqualTo(9));
    }

    @Test
    void refusesToTrainWhenTheEarliestRowsHoldTooFewPositivesThoughTheLatestHoldMany() {
        SyntheticLabels data = SyntheticLabels.generate(2_000, SEED);
        boolean[] labels = new boolean[data.rows().length];
        for (int r = 0; r < 50; r++) {
            labels[1_999 - r] = true;
        }
        labels[0] = true;

        assertThatThrownBy(() -> BoostedTreesTrainer.builder(SEED).build().train(data.rows(), labels))
                .isInstanceOf(TooFewPositivesException.class)
                .hasMessage("training needs at least 10 positive labels in its training part (the earliest 80 % of"
                        + " rows), got 1");
    }

    @Test
    void refusesRowsOfDifferentLengthsAndLabelsThatAreNotOnePerRow() {
        BoostedTreesTrainer trainer = BoostedTreesTrainer.builder(SEED).build();

        assertThatThrownBy(() -> trainer.train(new double[][] {{1, 2}, {3}}, new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 1 has 1 values, row 0 has 2");
        assertThatThrownBy(() -> trainer.train(new double[][] {{1, 2}}, new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training needs one label per row: 1 rows, 3 labels");
    }

    @Test
    void builderRefusesSettingsOutOfRangeNamingTheParameter() {
        assertThatThrownBy(() -> BoostedTreesTrainer.builder(SEED).threads(0))
                .hasMessage("threads must be at least 1, was 0");
        assertThatThrownBy(() -> BoostedTreesTrainer.builder(SEED).validationShare(0.9))
                .hasMessage("validationShare must be within (0, 0.5], was 0.9");
    }
}
