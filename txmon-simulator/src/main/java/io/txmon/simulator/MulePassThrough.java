package io.txmon.simulator;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Mule pass-through: a money mule, usually a customer of modest means with an ordinary life, receives
 * one or a few payments (often from fraud victims) and within hours sends most of it on, split between
 * several receivers or taken out in cash, keeping a cut.
 *
 * <p>Look-alikes: payday, when salary arrives and rent, bills and a sweep to savings leave within hours;
 * people collecting money for a trip and paying it on; letting agencies passing rents on.
 */
final class MulePassThrough implements Incident {
    static final int MAX_PAYMENTS_IN = 4;
    static final double MEDIAN_PAYMENT_IN = 2_500;
    static final double MIN_PASSED_SHARE = 0.75;
    static final double MAX_PASSED_SHARE = 0.98;
    static final int MAX_PAYMENTS_OUT = 3;
    static final double CASH_SHARE = 0.25;
    static final double VICTIM_HERE_SHARE = 0.25;

    private static final int HOUR = Window.SECONDS_PER_HOUR;

    @Override
    public Typology typology() {
        return Typology.MULE_PASS_THROUGH;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        Optional<Customer> recruited = scene.cast()
                .take(
                        random,
                        customer -> customer.everyday()
                                && customer.monthlyIncome() < 1.2 * Population.MEDIAN_WORKER_INCOME);
        if (recruited.isEmpty()) {
            return 0;
        }
        Customer mule = recruited.get();
        long start = scene.anyMoment(random, mule.activeFrom(), 5L * Window.SECONDS_PER_DAY);
        int paymentsIn = Sampling.between(random, 1, MAX_PAYMENTS_IN);
        int added = 0;
        for (int i = 0; i < paymentsIn; i++) {
            String payer = scene.participant(random, VICTIM_HERE_SHARE);
            long second = scene.nextHabitual(payer, start + (long) Sampling.uniform(random, 0, 24 * HOUR), random);
            long cents = Amounts.personal(random, Sampling.logNormal(random, MEDIAN_PAYMENT_IN, 0.8, 300, 30_000));
            if (!scene.transfer(payer, mule.id(), second, cents, typology(), random)) {
                continue;
            }
            added++;
            double passed = cents / 100.0 * Sampling.uniform(random, MIN_PASSED_SHARE, MAX_PASSED_SHARE);
            long out = second + (long) Sampling.logUniform(random, HOUR / 3.0, 10 * HOUR);
            int paymentsOut = Sampling.between(random, 1, MAX_PAYMENTS_OUT);
            for (double part : Sampling.shares(random, paymentsOut, passed)) {
                boolean sent = Sampling.chance(random, CASH_SHARE)
                        ? scene.cashOut(mule.id(), out, part, mule.home(), typology(), random)
                        : scene.transfer(
                                mule.id(),
                                scene.participant(random, 0.2),
                                out,
                                Amounts.personal(random, part),
                                typology(),
                                random);
                added += sent ? 1 : 0;
                out += (long) Sampling.logUniform(random, 60, 2 * HOUR);
            }
        }
        return added;
    }
}
