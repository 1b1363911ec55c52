package io.txmon.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopulationStabilityTest {
    private static double[] normal(SplittableRandom random, int n, double mean) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double v = random.nextDouble();
            values[i] = mean + Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
        }
        return values;
    }

    @Test
    void aSampleFromTheSamePopulationIsStableAndAShiftedOneIsNot() {
        SplittableRandom random = new SplittableRandom(3);
        PopulationStability training = PopulationStability.of(normal(random, 20_000, 0), 10);

        double same = training.index(normal(random, 20_000, 0));
        double shifted = training.index(normal(random, 20_000, 0.5));

        assertThat(training.bins()).as("deciles, and one on each side").isEqualTo(12);
        assertThat(same).isLessThan(0.01);
        assertThat(shifted).isGreaterThan(PopulationStability.STABLE);
    }

    @Test
    void computesTheIndexOverTheBinsAsItsFormulaSays() {
        // Reference 0,0,1,1 gives one cut at 1: two bins of half each; recent 0,1,1,1 holds a quarter and three
        // quarters.
        PopulationStability flag = PopulationStability.of(new double[] {0, 0, 1, 1}, 4);

        double psi = flag.index(new double[] {0, 1, 1, 1});

        assertThat(flag.bins())
                .as("coinciding cuts merged; one bin on each side")
                .isEqualTo(4);
        assertThat(psi)
                .isCloseTo((0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5), within(1e-12));
    }

    @Test
    void aBinEmptyInTheRecentSampleKeepsTheIndexFinite() {
        PopulationStability flag = PopulationStability.of(new double[] {0, 0, 1, 1}, 2);

        double psi = flag.index(new double[] {1, 1, 1, 1});

        assertThat(psi).isFinite().isGreaterThan(PopulationStability.SHIFTED);
    }

    @Test
    void valuesAReferenceNeverHeldAreDriftEvenWhenItWasConstant() {
        PopulationStability alwaysZero = PopulationStability.of(new double[] {0, 0, 0}, 10);

        assertThat(alwaysZero.bins()).isEqualTo(3);
        assertThat(alwaysZero.index(new double[] {0, 0, 0, 0})).isZero();
        assertThat(alwaysZero.index(new double[] {0, 0, 1, 1})).isGreaterThan(PopulationStability.SHIFTED);
    }

    @Test
    void refusesAnEmptySampleAndTooFewBins() {
        assertThatThrownBy(() -> PopulationStability.of(new double[0], 10)).hasMessageContaining("empty");
        assertThatThrownBy(() -> PopulationStability.of(new double[] {1}, 1)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> PopulationStability.of(new double[] {1}, 2).index(new double[0]))
                .hasMessageContaining("empty");
    }
}
