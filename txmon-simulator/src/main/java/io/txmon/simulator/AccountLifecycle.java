package io.txmon.simulator;

import io.txmon.transaction.Channel;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The moments in an account's life that look like typologies without being any: a new account funded
 * from the customer's old bank (now and then with savings well over 70,000), a dormant account's last
 * small payment before going quiet, and a dormant owner coming back and moving savings out.
 */
final class AccountLifecycle {
    /** Of new accounts, the share funded by moving a customer's savings across. */
    static final double SAVINGS_MOVER_SHARE = 0.1;
    /** Of dormant accounts, the share with one last small payment early in the period. */
    static final double LAST_PAYMENT_SHARE = 0.5;
    /** Of returning dormant owners, the share who move most of the balance out. */
    static final double RETURNING_MOVER_SHARE = 0.3;

    private static final int HOUR = Window.SECONDS_PER_HOUR;

    private final World world;

    AccountLifecycle(World world) {
        this.world = world;
    }

    void begin(Customer customer, RandomGenerator random) {
        switch (customer.standing()) {
            case NEW -> fund(customer, random);
            case DORMANT -> lastPayment(customer, random);
            case DORMANT_WAKING -> {
                lastPayment(customer, random);
                comeBack(customer, random);
            }
            case REGULAR -> {
                // An account in everyday use has no moment to mark.
            }
        }
    }

    private void fund(Customer customer, RandomGenerator random) {
        long second = customer.activeFrom() + Sampling.between(random, HOUR / 6, 72 * HOUR);
        if (Sampling.chance(random, SAVINGS_MOVER_SHARE)) {
            double savings = Sampling.logNormal(random, 95_000, 0.45, 40_000, 400_000);
            int transfers = Sampling.between(random, 1, 2);
            for (double part : Sampling.shares(random, transfers, savings)) {
                world.ledger().add(Draft.batch(second, customer.savingsAccount(), customer.id(), Amounts.exact(part)));
                second += Sampling.between(random, HOUR, 48 * HOUR);
            }
        } else {
            double amount = Sampling.logNormal(random, 2_500, 1.2, 50, 60_000);
            world.ledger()
                    .add(Draft.batch(
                            second, customer.savingsAccount(), customer.id(), Amounts.personal(random, amount)));
        }
    }

    private void lastPayment(Customer customer, RandomGenerator random) {
        if (!Sampling.chance(random, LAST_PAYMENT_SHARE)) {
            return;
        }
        Window window = world.window();
        long second = window.start() + (long) (random.nextDouble() * 0.15 * window.days() * Window.SECONDS_PER_DAY);
        List<Business> utilities = world.population().external(BusinessKind.UTILITY);
        world.ledger()
                .add(Draft.batch(
                        second,
                        customer.id(),
                        Sampling.pick(random, utilities).id(),
                        Amounts.exact(Sampling.logNormal(random, 15, 0.6, 2, 80))));
    }

    private void comeBack(Customer customer, RandomGenerator random) {
        if (!Sampling.chance(random, RETURNING_MOVER_SHARE)) {
            return;
        }
        long second = customer.activeFrom() + Sampling.between(random, HOUR, 72 * HOUR);
        double amount = customer.openingBalance() / 100.0 * Sampling.uniform(random, 0.3, 0.9);
        world.ledger()
                .add(Draft.transfer(
                        second,
                        customer.id(),
                        customer.savingsAccount(),
                        Amounts.personal(random, amount),
                        customer.home(),
                        Channel.ONLINE,
                        customer.devices().main(second)));
    }
}
