package io.txmon.simulator;

import java.util.random.RandomGenerator;

/**
 * A person's daily rhythm: how likely they are to pay at each local hour. Everyone starts from a typical
 * day (quiet at night, busy at lunch and in the early evening), shifted by their own chronotype and
 * roughened by their own habits; night-shift workers' days are shifted by most of a day. The rhythm is
 * combined with each kind of purchase's {@link Daypart}, so timing depends on both who pays and for what.
 */
final class HourProfile {
    /** Share of customers who work nights. */
    static final double NIGHT_SHIFT_SHARE = 0.07;

    private static final double[] TYPICAL_DAY = {
        0.8, 0.4, 0.25, 0.2, 0.2, 0.35, 0.9, 2.0, 3.2, 4.0, 4.5, 5.2, 6.5, 6.2, 5.0, 4.8, 5.3, 6.2, 6.8, 6.5, 5.5, 4.2,
        2.8, 1.6
    };
    private static final int HOURS = 24;
    private static final double DAYPART_FLOOR = 0.25;

    private final double[] weights;
    private final double[][] cumulativeByDaypart;

    private HourProfile(double[] weights) {
        this.weights = weights;
        Daypart[] dayparts = Daypart.values();
        this.cumulativeByDaypart = new double[dayparts.length][];
        for (Daypart daypart : dayparts) {
            double[] combined = new double[HOURS];
            for (int hour = 0; hour < HOURS; hour++) {
                // The floor keeps the person's own rhythm in charge: a night-shift worker has their
                // "lunch" at 2 am, and people do buy coffee in the small hours.
                combined[hour] = weights[hour] * (DAYPART_FLOOR + daypart.weight(hour));
            }
            cumulativeByDaypart[daypart.ordinal()] = Sampling.cumulative(combined);
        }
    }

    /** The typical day itself, for people whose own rhythm the bank does not know. */
    static HourProfile typical() {
        return new HourProfile(TYPICAL_DAY.clone());
    }

    /** A new person's rhythm. */
    static HourProfile draw(RandomGenerator random) {
        boolean nightShift = Sampling.chance(random, NIGHT_SHIFT_SHARE);
        double shift = nightShift ? Sampling.uniform(random, 9, 13) : 1.2 * random.nextGaussian();
        double[] weights = new double[HOURS];
        for (int hour = 0; hour < HOURS; hour++) {
            double source = hour - shift;
            int below = (int) Math.floor(source);
            double fraction = source - below;
            double typical = (1 - fraction) * TYPICAL_DAY[Math.floorMod(below, HOURS)]
                    + fraction * TYPICAL_DAY[Math.floorMod(below + 1, HOURS)];
            weights[hour] = typical * Math.exp(0.3 * random.nextGaussian());
        }
        return new HourProfile(weights);
    }

    /** A local second of the day for a purchase of the given kind. */
    int secondOfDay(RandomGenerator random, Daypart daypart) {
        int hour = Sampling.pickIndex(random, cumulativeByDaypart[daypart.ordinal()]);
        return hour * Window.SECONDS_PER_HOUR + random.nextInt(Window.SECONDS_PER_HOUR);
    }

    /** A local second of the day at an hour this person is rarely active: where a stolen login shows. */
    int oddSecondOfDay(RandomGenerator random) {
        double max = 0;
        for (double weight : weights) {
            max = Math.max(max, weight);
        }
        double[] oddness = new double[HOURS];
        for (int hour = 0; hour < HOURS; hour++) {
            double quietness = 1 - weights[hour] / max;
            oddness[hour] = quietness * quietness * quietness * quietness;
        }
        int hour = Sampling.pickIndex(random, Sampling.cumulative(oddness));
        return hour * Window.SECONDS_PER_HOUR + random.nextInt(Window.SECONDS_PER_HOUR);
    }
}
