package io.txmon.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What must hold for any seed, checked on several. Slow, so tagged {@code statistical}, which the build's
 * unit-test run excludes; run it from an IDE or any JUnit Platform launcher that includes the tag.
 */
@Tag("statistical")
class SimulatorStatisticalTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everySeedGivesEveryTypologySeveralTimesAndASaneSuspiciousShare(long seed) {
        SimulatedData data =
                Simulator.simulate(SimulationSettings.builder().seed(seed).build());

        double share = (double) data.suspiciousCount() / data.transactions().size();
        assertThat(share).isBetween(0.01, 0.02);
        Map<Typology, Integer> incidents = new EnumMap<>(Typology.class);
        for (Typology typology : Typology.values()) {
            incidents.put(typology, Worlds.incidents(data, typology).size());
        }
        assertThat(incidents.values()).allMatch(count -> count >= 10);
        int fewest = incidents.values().stream().min(Integer::compare).orElseThrow();
        int most = incidents.values().stream().max(Integer::compare).orElseThrow();
        assertThat(most).isLessThanOrEqualTo(2 * fewest);
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 90})
    void shortAndLongPeriodsStillHoldEveryTypology(int days) {
        SimulatedData data = Simulator.simulate(SimulationSettings.builder()
                .seed(days)
                .customers(1_000)
                .days(days)
                .build());

        for (Typology typology : Typology.values()) {
            assertThat(Worlds.incidents(data, typology)).as(typology.name()).isNotEmpty();
        }
    }
}
