package io.txmon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowSampleTest {

    @Test
    void drawsDistinctRowsInIncreasingOrderWithEitherAlgorithm() {
        SplittableRandom random = new SplittableRandom(1);
        // 256 of 100,000 goes through Floyd's algorithm, 30,000 of 100,000 through selection sampling.
        for (int k : new int[] {256, 30_000}) {
            int[] sample = RowSample.withoutReplacement(100_000, k, random);

            assertThat(sample).hasSize(k).isSorted();
            assertThat(Arrays.stream(sample).distinct().count()).isEqualTo(k);
            assertThat(sample[0]).isGreaterThanOrEqualTo(0);
            assertThat(sample[k - 1]).isLessThan(100_000);
        }
    }

    @Test
    void takesEveryRowAsOftenWithEitherAlgorithm() {
        SplittableRandom random = new SplittableRandom(2);
        for (int n : new int[] {20, 1_000}) {
            int k = 5;
            int[] taken = new int[n];
            int draws = 40_000;
            for (int d = 0; d < draws; d++) {
                for (int row : RowSample.withoutReplacement(n, k, random)) {
                    taken[row]++;
                }
            }
            double expected = (double) draws * k / n;
            // Each count is binomial(draws, k/n): six standard deviations bound all n of them comfortably.
            double bound = 6 * Math.sqrt(expected * (1 - (double) k / n));
            for (int row = 0; row < n; row++) {
                assertThat((double) taken[row]).as("row %d of %d", row, n).isCloseTo(expected, within(bound));
            }
        }
    }

    @Test
    void takesAllRowsWhenAskedForAll() {
        assertThat(RowSample.withoutReplacement(4, 4, new SplittableRandom(3))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void refusesToTakeMoreRowsThanThereAre() {
        assertThatThrownBy(() -> RowSample.withoutReplacement(3, 4, new SplittableRandom(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot sample 4 of 3 rows");
    }
}
