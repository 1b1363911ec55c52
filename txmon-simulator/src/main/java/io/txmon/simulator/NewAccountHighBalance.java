package io.txmon.simulator;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * New account with a high balance: an account opened during the period receives well over 70,000 from
 * several payers within days of opening, and holds it or starts moving part of it on. Criminals open
 * fresh accounts to park proceeds before anyone knows the account.
 *
 * <p>Look-alike: new customers moving their savings across from their old bank, now and then more than
 * 70,000, in one or two transfers from their own account.
 */
final class NewAccountHighBalance implements Incident {
    static final double MEDIAN_TOTAL = 130_000;
    static final double MIN_TOTAL = 75_000;
    static final double MAX_TOTAL = 600_000;
    static final int MIN_PAYERS = 2;
    static final int MAX_PAYERS = 6;
    static final double MOVED_ON_SHARE = 0.5;

    private static final int HOUR = Window.SECONDS_PER_HOUR;
    private static final int DAY = Window.SECONDS_PER_DAY;

    @Override
    public Typology typology() {
        return Typology.NEW_ACCOUNT_HIGH_BALANCE;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        // Prefer accounts opened early enough for the whole incident to fall inside the window.
        long end = scene.window().end();
        Optional<Customer> chosen = scene.cast().take(random, customer -> opened(customer, end - 12L * DAY));
        if (chosen.isEmpty()) {
            chosen = scene.cast().take(random, customer -> opened(customer, end - 3L * DAY));
        }
        if (chosen.isEmpty()) {
            return 0;
        }
        Customer account = chosen.get();
        long first = account.activeFrom() + (long) Sampling.logUniform(random, HOUR, 3 * DAY);
        long spread =
                Math.min((long) Sampling.logUniform(random, DAY, 6 * DAY), Math.max(HOUR, end - 2L * DAY - first));
        int payers = Sampling.between(random, MIN_PAYERS, MAX_PAYERS);
        double total = Sampling.logNormal(random, MEDIAN_TOTAL, 0.5, MIN_TOTAL, MAX_TOTAL);
        int added = 0;
        long last = first;
        long received = 0;
        double[] parts = Sampling.shares(random, payers, total);
        for (int i = 0; i < payers; i++) {
            String payer = scene.participant(random, 0.2);
            long second =
                    scene.nextHabitual(payer, i == 0 ? first : first + (long) (random.nextDouble() * spread), random);
            long cents = Amounts.exact(parts[i]);
            if (scene.transfer(payer, account.id(), second, cents, typology(), random)) {
                added++;
                received += cents;
                last = Math.max(last, second);
            }
        }
        if (received > 0 && Sampling.chance(random, MOVED_ON_SHARE)) {
            long second = scene.nextHabitual(
                    account.id(), last + (long) Sampling.logUniform(random, 6 * HOUR, 5 * DAY), random);
            double out = received / 100.0 * Sampling.uniform(random, 0.3, 0.9);
            for (double part : Sampling.shares(random, Sampling.between(random, 1, 3), out)) {
                added += scene.transfer(
                                account.id(),
                                scene.participant(random, 0.1),
                                second,
                                Amounts.personal(random, part),
                                typology(),
                                random)
                        ? 1
                        : 0;
                second += (long) Sampling.logUniform(random, 10 * 60, DAY);
            }
        }
        return added;
    }

    private static boolean opened(Customer customer, long before) {
        return customer.standing() == Standing.NEW && customer.activeFrom() < before;
    }
}
