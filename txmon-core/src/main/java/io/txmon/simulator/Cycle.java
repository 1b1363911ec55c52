package io.txmon.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Cycle: money goes round a ring of accounts, A to B to C and on back to A, each hop a little smaller
 * (a cut or a fee), hours or days apart, sometimes twice round, to make it look like trade. One ring
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
            Optional<Customer> member = scene.cast().take(random, Customer::everyday);
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
        long second = scene.anyMoment(random, earliest, (long) rounds * ring.size() * DAY);
        double start = Sampling.logNormal(random, MEDIAN_AMOUNT, 0.8, 1_500, 80_000);
        int added = 0;
        for (int round = 0; round < rounds; round++) {
            double amount = round == 0 ? start : start * Sampling.uniform(random, 0.8, 1.2);
            for (int i = 0; i < ring.size(); i++) {
                String from = ring.get(i);
                String to = ring.get((i + 1) % ring.size());
                second = scene.nextHabitual(from, second, random);
                added += scene.transfer(from, to, second, Amounts.exact(amount), typology(), random) ? 1 : 0;
                amount *= Sampling.uniform(random, MIN_KEPT_PER_HOP, MAX_KEPT_PER_HOP);
                second += (long) Sampling.logUniform(random, HOUR / 3.0, 2 * DAY);
            }
        }
        return added;
    }
}
