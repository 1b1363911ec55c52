package io.txmon.simulator;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Fan-in: many accounts pay one collecting account within a day or two (scam victims, or a network of
 * mules consolidating), here and at other banks; most of the money then leaves the collector by
 * transfer or in cash.
 *
 * <p>Look-alikes: utilities and letting agencies collecting bills and rents around the first of the
 * month, online sellers paid by many buyers, a friend collecting everyone's share of a trip.
 */
final class FanIn implements Incident {
    static final int MIN_PAYERS = 8;
    static final double MEAN_EXTRA_PAYERS = 6;
    static final int MAX_PAYERS = 45;
    static final double MEDIAN_PAYMENT = 350;
    static final double PAYERS_HERE_SHARE = 0.5;
    static final double REPEAT_PAYER_SHARE = 0.15;
    static final double CASH_OUT_SHARE = 0.7;

    private static final int HOUR = Window.SECONDS_PER_HOUR;

    @Override
    public Typology typology() {
        return Typology.FAN_IN;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        Optional<Customer> chosen = scene.cast().take(random, Customer::everyday);
        if (chosen.isEmpty()) {
            return 0;
        }
        Customer collector = chosen.get();
        int payers = Math.min(MAX_PAYERS, MIN_PAYERS + Sampling.poisson(random, MEAN_EXTRA_PAYERS));
        long span = (long) Sampling.logUniform(random, 4 * HOUR, 48 * HOUR);
        long start = scene.anyMoment(random, collector.activeFrom(), span + 3L * Window.SECONDS_PER_DAY);
        int added = 0;
        long collected = 0;
        long last = start;
        for (int i = 0; i < payers; i++) {
            String payer = scene.participant(random, PAYERS_HERE_SHARE);
            int payments = Sampling.chance(random, REPEAT_PAYER_SHARE) ? 2 : 1;
            for (int j = 0; j < payments; j++) {
                long second = scene.nextHabitual(payer, start + (long) (random.nextDouble() * span), random);
                long cents = Amounts.personal(random, Sampling.logNormal(random, MEDIAN_PAYMENT, 0.9, 20, 5_000));
                if (scene.transfer(payer, collector.id(), second, cents, typology(), random)) {
                    added++;
                    collected += cents;
                    last = Math.max(last, second);
                }
            }
        }
        if (collected > 0 && Sampling.chance(random, CASH_OUT_SHARE)) {
            long second = scene.nextHabitual(
                    collector.id(), last + (long) Sampling.logUniform(random, HOUR, 12 * HOUR), random);
            double out = collected / 100.0 * Sampling.uniform(random, 0.7, 0.95);
            for (double part : Sampling.shares(random, Sampling.between(random, 1, 3), out)) {
                boolean sent = Sampling.chance(random, 0.3)
                        ? scene.cashOut(collector.id(), second, part, collector.home(), typology(), random)
                        : scene.transfer(
                                collector.id(),
                                scene.participant(random, 0.1),
                                second,
                                Amounts.personal(random, part),
                                typology(),
                                random);
                added += sent ? 1 : 0;
                second += (long) Sampling.logUniform(random, 60, 3 * HOUR);
            }
        }
        return added;
    }
}
