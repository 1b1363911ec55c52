package io.txmon.model;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Uniform samples of row indices without replacement. Two algorithms, because the forest needs both a few
 * hundred rows out of millions per tree, where touching every row would dominate training, and a large
 * share of the rows for the threshold, where a hash set would be slower than one pass.
 */
final class RowSample {
    /** Above this share of the rows a single selection pass is cheaper than hashing each pick. */
    private static final int DENSE_SHARE_DENOMINATOR = 16;

    private RowSample() {}

    /** {@code k} distinct indices out of {@code [0, n)}, each subset equally likely, in increasing order. */
    static int[] withoutReplacement(int n, int k, SplittableRandom random) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot sample " + k + " of " + n + " rows");
        }
        if (k == n) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return (long) k * DENSE_SHARE_DENOMINATOR > n ? selection(n, k, random) : floyd(n, k, random);
    }

    /** Knuth's selection sampling (Algorithm S): one pass, each row taken with the probability still needed. */
    private static int[] selection(int n, int k, SplittableRandom random) {
        int[] picked = new int[k];
        int taken = 0;
        for (int i = 0; i < n && taken < k; i++) {
            if (random.nextInt(n - i) < k - taken) {
                picked[taken++] = i;
            }
        }
        return picked;
    }

    /** Floyd's algorithm: k draws, whatever n is. */
    private static int[] floyd(int n, int k, SplittableRandom random) {
        Set<Integer> chosen = new HashSet<>(k * 2);
        int[] picked = new int[k];
        int taken = 0;
        for (int j = n - k; j < n; j++) {
            int candidate = random.nextInt(j + 1);
            int pick = chosen.contains(candidate) ? j : candidate;
            chosen.add(pick);
            picked[taken++] = pick;
        }
        Arrays.sort(picked);
        return picked;
    }
}
