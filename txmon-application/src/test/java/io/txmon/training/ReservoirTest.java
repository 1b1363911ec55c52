package io.txmon.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReservoirTest {
    @Test
    void keepsEveryRowOfAStreamShorterThanItsCapacity() {
        Reservoir sample = fill(new Reservoir(1, 100, 7), 40);

        assertThat(sample.size()).isEqualTo(40);
        assertThat(sample.seen()).isEqualTo(40);
        assertThat(sample.column(0))
                .containsExactly(IntStream.range(0, 40).asDoubleStream().toArray());
    }

    @Test
    void keepsAtMostItsCapacityOfALongStreamSpreadOverAllOfIt() {
        Reservoir sample = fill(new Reservoir(1, 1_000, 7), 100_000);

        double[] kept = sample.column(0);
        assertThat(sample.seen()).isEqualTo(100_000);
        assertThat(kept).hasSize(1_000);
        long late = Arrays.stream(kept).filter(v -> v >= 50_000).count();
        assertThat(late).as("about half come from the stream's second half").isBetween(430L, 570L);
    }

    @Test
    void theSameSeedKeepsTheSameRows() {
        assertThat(fill(new Reservoir(1, 500, 7), 20_000).column(0))
                .containsExactly(fill(new Reservoir(1, 500, 7), 20_000).column(0));
    }

    private static Reservoir fill(Reservoir sample, int rows) {
        for (int i = 0; i < rows; i++) {
            int slot = sample.offer();
            if (slot >= 0) {
                sample.set(slot, 0, i);
            }
        }
        return sample;
    }
}
