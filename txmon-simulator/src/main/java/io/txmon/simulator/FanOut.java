package io.txmon.simulator;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Fan-out: one account, usually just funded from elsewhere, pays many receivers it never paid before
 * within a day or two, in similar amounts (a lump split to stay unremarkable), here and at other banks.
 *
 * <p>Look-alikes: payroll runs (one business paying dozens of employees within minutes), letting agencies
 * paying landlords, the card acquirer settling hundreds of shops every night.
 */
final class FanOut implements Incident {
    static final int MIN_RECEIVERS = 8;
    static final double MEAN_EXTRA_RECEIVERS = 5;
    static final int MAX_RECEIVERS = 40;
    static final double FUNDED_SHARE = 0.7;
    static final double MEDIAN_FUNDING = 12_000;
    static final double RECEIVERS_HERE_SHARE = 0.3;

    private static final int HOUR = Window.SECONDS_PER_HOUR;

    @Override
    public Typology typology() {
        return Typology.FAN_OUT;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        Optional<Customer> chosen = scene.cast().take(random, Customer::everyday);
        if (chosen.isEmpty()) {
            return 0;
        }
        Customer source = chosen.get();
        long span = (long) Sampling.logUniform(random, 2 * HOUR, 36 * HOUR);
        long second = scene.anyMoment(random, source.activeFrom(), span + 60L * HOUR);
        int added = 0;
        double lump;
        long balance = scene.histories().balanceAt(source, second);
        if (Sampling.chance(random, FUNDED_SHARE) || balance < 300_000) {
            lump = Sampling.logNormal(random, MEDIAN_FUNDING, 0.7, 3_000, 80_000);
            int fundings = Sampling.between(random, 1, 2);
            for (double part : Sampling.shares(random, fundings, lump)) {
                String funder = scene.world().ids().account();
                added += scene.transfer(funder, source.id(), second, Amounts.exact(part), typology(), random) ? 1 : 0;
                second += (long) Sampling.logUniform(random, 10 * 60, 6 * HOUR);
            }
        } else {
            lump = balance / 100.0 * Sampling.uniform(random, 0.6, 0.9);
        }
        int receivers = Math.min(MAX_RECEIVERS, MIN_RECEIVERS + Sampling.poisson(random, MEAN_EXTRA_RECEIVERS));
        double each = lump * Sampling.uniform(random, 0.85, 0.95) / receivers;
        long start = second + (long) Sampling.logUniform(random, 10 * 60, 12 * HOUR);
        for (int i = 0; i < receivers; i++) {
            long at = scene.nextHabitual(source.id(), start + (long) (random.nextDouble() * span), random);
            long cents = Amounts.personal(random, each * Sampling.uniform(random, 0.75, 1.25));
            String receiver = scene.participant(random, RECEIVERS_HERE_SHARE);
            added += scene.transfer(source.id(), receiver, at, cents, typology(), random) ? 1 : 0;
        }
        return added;
    }
}
