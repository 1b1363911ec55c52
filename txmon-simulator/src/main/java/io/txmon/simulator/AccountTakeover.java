package io.txmon.simulator;

import io.txmon.transaction.Channel;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Account takeover: a criminal with stolen credentials logs in from a new device, from a city the
 * customer does not use, at an hour the customer is rarely active, and drains most of the balance in a
 * few transfers to accounts the customer never paid, sometimes after a small test transfer and
 * sometimes followed by online shopping. "Odd" is relative to the victim: a night-shift worker's odd
 * hours are in the afternoon.
 *
 * <p>Look-alikes: customers with a new phone, travellers banking from abroad, night-shift workers, and
 * customers moving savings to a new payee (a tradesperson, their own account elsewhere).
 */
final class AccountTakeover implements Incident {
    static final double MIN_DRAINED_SHARE = 0.6;
    static final double MAX_DRAINED_SHARE = 0.97;
    static final int MAX_TRANSFERS = 4;
    static final double TEST_TRANSFER_SHARE = 0.4;
    static final double SHOPPING_SHARE = 0.3;
    static final double MULE_RECEIVER_SHARE = 0.3;
    /** Victims are preferably customers holding at least this, in cents; less is drained into overdraft. */
    static final long MIN_BALANCE = 20_000;

    private static final int MINUTE = 60;

    @Override
    public Typology typology() {
        return Typology.ACCOUNT_TAKEOVER;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        // Stolen logins are used on accounts worth draining: prefer customers with money in the middle of
        // the period, else anyone.
        Window window = scene.window();
        long midway = window.start() + (window.end() - window.start()) / 2;
        Optional<Customer> victim = scene.cast()
                .take(
                        random,
                        customer ->
                                customer.everyday() && scene.histories().balanceAt(customer, midway) >= MIN_BALANCE);
        if (victim.isEmpty()) {
            victim = scene.cast().take(random, Customer::everyday);
        }
        if (victim.isEmpty()) {
            return 0;
        }
        Customer owner = victim.get();
        long earliest = Math.max(window.start(), owner.activeFrom()) + 3L * Window.SECONDS_PER_DAY;
        long day = scene.anyMoment(random, earliest, Window.SECONDS_PER_DAY);
        int date = window.dateIndexOf(day, owner.home().zone());
        long second = window.at(date, owner.home().zone(), owner.hours().oddSecondOfDay(random));
        // A thin balance is drained into the overdraft.
        long balance = Math.max(MIN_BALANCE, scene.histories().balanceAt(owner, second));
        World world = scene.world();
        City place = world.geography().visitedAtLeast(random, owner.home(), 100);
        String device = world.ids().device();
        int added = 0;
        int transfers = Sampling.between(random, 1, MAX_TRANSFERS);
        double drained = balance / 100.0 * Sampling.uniform(random, MIN_DRAINED_SHARE, MAX_DRAINED_SHARE);
        double[] parts = Sampling.shares(random, transfers, drained);
        String first = scene.participant(random, MULE_RECEIVER_SHARE);
        if (Sampling.chance(random, TEST_TRANSFER_SHARE)) {
            double test = Sampling.logUniform(random, 1, 50);
            added += send(scene, owner, first, second, Amounts.exact(test), place, device) ? 1 : 0;
            second += (long) Sampling.logUniform(random, MINUTE, 20 * MINUTE);
        }
        for (int i = 0; i < transfers; i++) {
            String receiver = i == 0 ? first : scene.participant(random, MULE_RECEIVER_SHARE);
            added += send(scene, owner, receiver, second, Amounts.personal(random, parts[i]), place, device) ? 1 : 0;
            second += (long) Sampling.logUniform(random, MINUTE, 40 * MINUTE);
        }
        if (Sampling.chance(random, SHOPPING_SHARE)) {
            int purchases = Sampling.between(random, 1, 2);
            for (int i = 0; i < purchases; i++) {
                MerchantCategory category =
                        Sampling.chance(random, 0.5) ? MerchantCategory.GIFT_CARDS : MerchantCategory.ELECTRONICS;
                Merchant shop = world.merchants().online(random, category);
                double amount = Sampling.logNormal(random, 400, 0.6, 50, 2_500);
                added += scene.add(
                                Draft.card(second, owner.id(), Amounts.exact(amount), shop, place, device), typology())
                        ? 1
                        : 0;
                second += (long) Sampling.logUniform(random, MINUTE, 30 * MINUTE);
            }
        }
        return added;
    }

    private boolean send(Scene scene, Customer owner, String to, long second, long cents, City place, String device) {
        return scene.add(Draft.transfer(second, owner.id(), to, cents, place, Channel.ONLINE, device), typology());
    }
}
