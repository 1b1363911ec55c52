package io.txmon.simulator;

import io.txmon.transaction.Channel;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Dormant account reactivated: an account quiet for months (opened years ago, nothing since, or one
 * small payment early in the period) suddenly moves large sums out, by transfer to new receivers and in
 * cash, sometimes right after a large payment in: a forgotten account taken over or sold to launderers.
 * Reactivation falls in the second half of the period, so the quiet stretch is visible in the data.
 *
 * <p>Look-alikes: dormant owners coming back and using the account normally, some moving their savings
 * to their own account elsewhere; customers whose account is quiet for weeks and then used as before.
 */
final class DormantReactivation implements Incident {
    static final double PAID_IN_SHARE = 0.5;
    static final double MEDIAN_PAID_IN = 20_000;
    static final double MIN_MOVED_SHARE = 0.7;
    static final double MAX_MOVED_SHARE = 0.98;
    static final int MIN_MOVEMENTS = 2;
    static final int MAX_MOVEMENTS = 6;
    static final double CASH_SHARE = 0.25;
    static final double NEW_DEVICE_SHARE = 0.5;

    private static final int HOUR = Window.SECONDS_PER_HOUR;
    private static final int DAY = Window.SECONDS_PER_DAY;

    @Override
    public Typology typology() {
        return Typology.DORMANT_REACTIVATION;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        Optional<Customer> chosen = scene.cast().take(random, customer -> customer.standing() == Standing.DORMANT);
        if (chosen.isEmpty()) {
            return 0;
        }
        Customer account = chosen.get();
        Window window = scene.window();
        long span = window.end() - window.start();
        long second = scene.nextHabitual(
                account.id(), scene.anyMoment(random, window.start() + span / 2, Math.min(6L * DAY, span / 4)), random);
        World world = scene.world();
        String device = Sampling.chance(random, NEW_DEVICE_SHARE)
                ? world.ids().device()
                : account.devices().main(second);
        City place = Sampling.chance(random, 0.5)
                ? account.home()
                : world.geography().visitedAtLeast(random, account.home(), 100);
        int added = 0;
        long available = account.openingBalance();
        if (Sampling.chance(random, PAID_IN_SHARE)) {
            long cents = Amounts.exact(Sampling.logNormal(random, MEDIAN_PAID_IN, 0.8, 3_000, 150_000));
            if (scene.add(Draft.batch(second, world.ids().account(), account.id(), cents), typology())) {
                added++;
                available += cents;
            }
            second += (long) Sampling.logUniform(random, 10 * 60, 12 * HOUR);
        }
        double moved = available / 100.0 * Sampling.uniform(random, MIN_MOVED_SHARE, MAX_MOVED_SHARE);
        int movements = Sampling.between(random, MIN_MOVEMENTS, MAX_MOVEMENTS);
        for (double part : Sampling.shares(random, movements, moved)) {
            boolean made = Sampling.chance(random, CASH_SHARE)
                    ? scene.cashOut(account.id(), second, part, place, typology(), random)
                    : scene.add(
                            Draft.transfer(
                                    second,
                                    account.id(),
                                    scene.participant(random, 0.1),
                                    Amounts.personal(random, part),
                                    place,
                                    Channel.ONLINE,
                                    device),
                            typology());
            added += made ? 1 : 0;
            second += (long) Sampling.logUniform(random, 10 * 60, 20 * HOUR);
        }
        return added;
    }
}
