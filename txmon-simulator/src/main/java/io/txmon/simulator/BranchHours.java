package io.txmon.simulator;

import java.time.DayOfWeek;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/** When bank branches are open: weekdays 9:00 to 17:00, Saturday mornings, closed on Sundays. */
final class BranchHours {
    private static final int HOUR = Window.SECONDS_PER_HOUR;

    private BranchHours() {}

    /** A local second of the day when the branch is open, or empty on a Sunday. */
    static OptionalInt secondOfDay(DayOfWeek day, RandomGenerator random) {
        return switch (day) {
            case SUNDAY -> OptionalInt.empty();
            case SATURDAY -> OptionalInt.of(Sampling.between(random, 9 * HOUR, 13 * HOUR - 1));
            default -> OptionalInt.of(Sampling.between(random, 9 * HOUR, 17 * HOUR - 1));
        };
    }
}
