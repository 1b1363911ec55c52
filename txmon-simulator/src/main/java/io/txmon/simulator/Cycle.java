package io.txmon.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Cycle: money goes round a ring of accounts, A to B to C and on back to A, each hop a little smaller
 * (a cut or a fee), minutes to a day apart, sometimes twice round, to make it look like trade. One ring
 * member may bank elsewhere; two never sit side by side, because the bank would not see money moving
 * between two other banks.
 *
 * <p>Look-alikes: friends paying each other back the same amount, flatmates settling up round a ring.
 */
final class Cycle implements Incident {
    static final int MIN_RING = 3;
    static final int MAX_RING = 6;
    static final double MEDIAN_AMOUNT = 9_000;
    static final double MIN_KEPT_PER_HOP = 0.93;
    static final double MAX_KEPT_PER_HOP = 0.995;
    static final double OUTSIDER_SHARE = 0.3;
    static final double TWICE_ROUND_SHARE = 0.3;

    private static final int HOUR = Window.SECONDS_PER_HOUR;
    private static final int DAY = Window.SECONDS_PER_DAY;

    @Override
    public Typology typology() {
        return Typology.CYCLE;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        int size = Sampling.between(random, MIN_RING, MAX_RING);
        List<String> ring = new ArrayList<>();
        long earliest = scene.window().start();
        for (int i = 0; i < size; i++) {
            Optional<Customer> member = scene.cast().take(random, customer -> customer.standing() == Standing.REGULAR);
            if (member.isEmpty()) {
                break;
            }
            ring.add(member.get().id());
            earliest = Math.max(earliest, member.get().activeFrom());
        }
        if (ring.size() < MIN_RING) {
            return 0;
        }
        if (Sampling.chance(random, OUTSIDER_SHARE)) {
            ring.set(1 + random.nextInt(ring.size() - 1), scene.world().ids().account());
        }
        int rounds = Sampling.chance(random, TWICE_ROUND_SHARE) ? 2 : 1;
        int hops = rounds * ring.size();
        long[] times = new long[hops];
        long second = scene.anyMoment(random, earliest, (long) hops * DAY);
        for (int hop = 0; hop < hops; hop++) {
            second = scene.nextHabitual(ring.get(hop % ring.size()), second, random);
            times[hop] = second;
            second += (long) Sampling.logUniform(random, HOUR / 3.0, DAY);
        }
        // Move the whole ring back by whole days (keeping its hours) so that it closes inside the window.
        long overrun = times[hops - 1] - (scene.window().end() - HOUR);
        long shift =
                overrun <= 0 ? 0 : Math.min((overrun / DAY + 1) * DAY, Math.max(0, (times[0] - earliest) / DAY * DAY));
        double start = Sampling.logNormal(random, MEDIAN_AMOUNT, 0.8, 1_500, 80_000);
        double amount = start;
        int added = 0;
        for (int hop = 0; hop < hops; hop++) {
            if (hop == ring.size()) {
                amount = start * Sampling.uniform(random, 0.8, 1.2);
            }
            String from = ring.get(hop % ring.size());
            String to = ring.get((hop + 1) % ring.size());
            added += scene.transfer(from, to, times[hop] - shift, Amounts.exact(amount), typology(), random) ? 1 : 0;
            amount *= Sampling.uniform(random, MIN_KEPT_PER_HOP, MAX_KEPT_PER_HOP);
        }
        return added;
    }
}
