package io.txmon.simulator;

import java.util.random.RandomGenerator;

/**
 * How amounts look once people and machines have written them down, in cents. The style belongs to the
 * kind of payment (cash machines pay out notes, friends send round sums, card payments carry any
 * cents), never to whether it is suspicious, so the last digits of an amount give no label away.
 */
final class Amounts {
    private static final long CENTS_PER_UNIT = 100;

    /** Prices of apps, in-game items and small donations. */
    private static final long[] PRICE_POINTS = {49, 79, 99, 100, 149, 199, 200, 249, 299, 399, 449, 499, 500};

    private Amounts() {}

    /**
     * A tiny online payment of at most five: half the time a shop's price point, otherwise any amount
     * (top-ups, conversions). Used alike for in-app purchases and for testing stolen card numbers.
     */
    static long small(RandomGenerator random) {
        if (Sampling.chance(random, 0.5)) {
            return PRICE_POINTS[random.nextInt(PRICE_POINTS.length)];
        }
        return exact(Sampling.logUniform(random, 0.3, 5.0));
    }

    /** To the cent, at least one cent. */
    static long exact(double amount) {
        return Math.max(1, Math.round(amount * CENTS_PER_UNIT));
    }

    /** A multiple of {@code step} currency units, at least one step. */
    static long multipleOf(double amount, int step) {
        long steps = Math.max(1, Math.round(amount / step));
        return steps * step * CENTS_PER_UNIT;
    }

    /** A cash machine withdrawal: notes of 10 or 20. */
    static long atmWithdrawal(RandomGenerator random, double amount) {
        return multipleOf(amount, Sampling.chance(random, 0.7) ? 10 : 20);
    }

    /** A transfer a person types in: often a round sum, sometimes to the cent (splitting a bill). */
    static long personal(RandomGenerator random, double amount) {
        double style = random.nextDouble();
        if (style < 0.4) {
            return exact(amount);
        }
        if (style < 0.75) {
            return multipleOf(amount, 1);
        }
        return multipleOf(amount, amount < 100 ? 5 : 10);
    }

    /** Cash paid in: counted notes, often with coins. */
    static long cashDeposit(RandomGenerator random, double amount) {
        double style = random.nextDouble();
        if (style < 0.45) {
            return exact(amount);
        }
        if (style < 0.85) {
            return multipleOf(amount, 1);
        }
        return multipleOf(amount, 5);
    }

    /** Cash taken out over the counter: whole units, often round. */
    static long branchWithdrawal(RandomGenerator random, double amount) {
        return multipleOf(amount, Sampling.chance(random, 0.5) ? 10 : 50);
    }
}
