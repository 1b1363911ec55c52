package io.txmon.model;

/**
 * The expected path length c(n) of an unsuccessful search in a binary search tree of n keys, which is
 * also the average depth at which an isolation tree grown on n points isolates one of them (Liu, Ting and
 * Zhou 2008, equation 1). It normalises path lengths into scores, and it stands in for the subtree that
 * the height limit cut off below an external node holding n training points.
 */
final class PathLength {
    /** The Euler-Mascheroni constant, through which the harmonic number H(i) is approximated by ln i + γ. */
    static final double EULER_GAMMA = 0.5772156649015329;

    private PathLength() {}

    /** c(n): 0 for n ≤ 1, 1 for n = 2 (exactly, where the approximation of H(1) would be off), else 2H(n-1) - 2(n-1)/n. */
    static double average(int n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }
}
