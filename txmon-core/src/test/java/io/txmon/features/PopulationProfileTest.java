package io.txmon.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PopulationProfileTest {

    @Test
    void withoutAProfileEveryPercentileIsOneSoThatFixedLimitsDecideAlone() {
        double[] features = FeatureTracker.newVector();
        features[Feature.TX_COUNT_1H.ordinal()] = 300;

        PopulationProfile.NONE.write(features);

        for (PopulationMeasure measure : PopulationMeasure.values()) {
            assertThat(features[measure.percentile().ordinal()])
                    .as(measure.name())
                    .isEqualTo(1.0);
        }
        assertThat(PeerProfile.EMPTY.population()).isEqualTo(PopulationProfile.NONE);
    }

    @Test
    void aCountAboveEverythingThePopulationDidPlacesAtOneAndACommonCountPlacesLow() {
        PopulationProfile.Builder builder = PopulationProfile.builder(1_000);
        for (int i = 0; i < 1_000; i++) {
            builder.add(hourly(1 + i % 3), 1, 0);
        }
        PopulationProfile quiet = builder.build();

        assertThat(quiet.percentile(PopulationMeasure.TX_COUNT_1H, 25)).isEqualTo(1.0);
        assertThat(quiet.percentile(PopulationMeasure.TX_COUNT_1H, 3)).isLessThan(0.99);
        assertThat(quiet.percentile(PopulationMeasure.TX_COUNT_1H, 1)).isZero();
    }

    @Test
    void whenEveryoneIsBusyABusyHourIsOrdinary() {
        PopulationProfile.Builder builder = PopulationProfile.builder(2_000);
        for (int i = 0; i < 2_000; i++) {
            builder.add(hourly(200 + i % 200), 1, 0);
        }
        PopulationProfile busy = builder.build();

        assertThat(busy.percentile(PopulationMeasure.TX_COUNT_1H, 300)).isBetween(0.45, 0.55);
        assertThat(busy.percentile(PopulationMeasure.TX_COUNT_1H, 25)).isZero();
    }

    @Test
    void eachAccountWeighsOnceSoThatAFewBusyPayersDoNotFillTheTail() {
        PopulationProfile.Builder builder = PopulationProfile.builder(10_000);
        // 99 quiet accounts with 10 transactions each, and one payroll account with 9,010 at 60 an hour.
        for (int i = 0; i < 990; i++) {
            builder.add(hourly(1), 10, 0);
        }
        for (int i = 0; i < 9_010; i++) {
            builder.add(hourly(60), 9_010, 0);
        }
        PopulationProfile profile = builder.build();

        assertThat(profile.percentile(PopulationMeasure.TX_COUNT_1H, 25)).isEqualTo(0.99);
    }

    @Test
    void receiverMeasuresComeOnlyFromTransfersToAnAccount() {
        PopulationProfile.Builder builder = PopulationProfile.builder(1_000);
        for (int i = 0; i < 1_000; i++) {
            double[] features = hourly(1);
            features[Feature.CP_FAN_IN_24H.ordinal()] = i % 2 == 0 ? 0 : 12;
            builder.add(features, 1, i % 2 == 0 ? 0 : 1);
        }
        PopulationProfile profile = builder.build();

        // Half the transactions have no receiver; had their zeros counted, 12 senders would be above half of them.
        assertThat(profile.percentile(PopulationMeasure.CP_FAN_IN_24H, 12)).isZero();
    }

    @Test
    void aMeasureSeenTooRarelyInTrainingStaysNeutral() {
        PopulationProfile.Builder builder = PopulationProfile.builder(1_000);
        for (int i = 0; i < 1_000; i++) {
            builder.add(hourly(1), 1, i < PopulationProfile.MIN_VALUES - 1 ? 1 : 0);
        }
        PopulationProfile profile = builder.build();

        assertThat(profile.byMeasure()).doesNotContainKey(PopulationMeasure.CP_FAN_IN_24H);
        assertThat(profile.percentile(PopulationMeasure.CP_FAN_IN_24H, 0)).isEqualTo(1.0);
        assertThat(profile.byMeasure()).containsKey(PopulationMeasure.TX_COUNT_1H);
    }

    @Test
    void aLargeWindowIsSampledEvenlyToTheSameQuantiles() {
        PopulationProfile.Builder builder = PopulationProfile.builder(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            builder.add(hourly(i % 997), 1, 0);
        }
        Quantiles quantiles = builder.build().byMeasure().get(PopulationMeasure.TX_COUNT_1H);

        assertThat(quantiles.cutPoints()).hasSize(Quantiles.CUT_POINTS);
        assertThat(quantiles.cutPoints()[49]).isBetween(488.0, 508.0);
        assertThat(quantiles.cutPoints()[98]).isBetween(977.0, 997.0);
    }

    @Test
    void quantilesRefuseCutPointsOutOfOrderByValue() {
        assertThatThrownBy(() -> new Quantiles(new double[] {1, 3, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cut points must be finite and ascending, got [1.0, 3.0, 2.0]");
    }

    @Test
    void everyMeasureHasAPercentileFeatureNamedAfterIt() {
        for (PopulationMeasure measure : PopulationMeasure.values()) {
            assertThat(measure.percentile().featureName())
                    .isEqualTo(measure.measure().featureName() + "_population_pct");
            assertThat(PopulationMeasure.of(measure.measure())).contains(measure);
            assertThat(PopulationMeasure.isPercentile(measure.percentile())).isTrue();
        }
    }

    private static double[] hourly(double count) {
        double[] features = FeatureTracker.newVector();
        features[Feature.TX_COUNT_1H.ordinal()] = count;
        return features;
    }
}
