package io.txmon.simulator;

import io.txmon.transaction.Channel;
import io.txmon.transaction.TransactionType;
import java.time.DayOfWeek;
import java.util.List;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * The bank's business customers at work: shops have their card takings settled every night by an
 * acquirer (one payer paying hundreds of shops) and pay in their cash takings, sometimes large and now
 * and then just under 10,000; businesses pay suppliers and rent; utilities sweep what they collect to
 * their group. With payroll and the collection of rents and bills (drawn with each customer), these are
 * the legitimate many-to-one and one-to-many flows.
 */
final class BusinessLife {
    static final double MEDIAN_DAILY_TAKINGS = 900;
    /** A shop's usual cash deposit ranges from this... */
    static final double MIN_CASH_LEVEL = 500;
    /** ...to this, spread evenly in orders of magnitude: from a newsagent to a busy takeaway. */
    static final double MAX_CASH_LEVEL = 15_000;

    static final double SUPPLIER_PAYMENTS_PER_MONTH = 4;

    private static final int HOUR = Window.SECONDS_PER_HOUR;

    private final World world;

    BusinessLife(World world) {
        this.world = world;
    }

    void trade(Business business, RandomGenerator random) {
        Window window = world.window();
        Business acquirer = Sampling.pick(random, world.population().external(BusinessKind.ACQUIRER));
        List<Business> suppliers = world.population().external(BusinessKind.SUPPLIER);
        double months = window.days() / 30.0;
        int rentDay = Sampling.between(random, 1, 28);
        long rent = Amounts.exact(Sampling.logNormal(random, 2_000 * business.size(), 0.5, 300, 50_000));
        String landlord = Sampling.pick(random, world.population().externalPersons());
        double cashLevel = Sampling.logUniform(random, MIN_CASH_LEVEL, MAX_CASH_LEVEL);
        double depositsPerWeek = Sampling.uniform(random, 1, 3);
        for (int date = 0; date < window.dateCount(); date++) {
            DayOfWeek day = window.dayOfWeek(date);
            if (business.kind() == BusinessKind.RETAILER) {
                if (day != DayOfWeek.SUNDAY || Sampling.chance(random, 0.5)) {
                    long second = window.at(date + 1, business.city().zone(), Sampling.between(random, HOUR, 5 * HOUR));
                    double takings = Sampling.logNormal(random, MEDIAN_DAILY_TAKINGS * business.size(), 0.4);
                    world.ledger().add(Draft.batch(second, acquirer.id(), business.id(), Amounts.exact(takings)));
                }
                if (Sampling.chance(random, depositsPerWeek / 7)) {
                    cashDeposit(business, date, cashLevel, random);
                }
            }
            if (window.date(date).getDayOfMonth() == rentDay) {
                long second = window.at(date, business.city().zone(), Sampling.between(random, HOUR, 6 * HOUR));
                world.ledger().add(Draft.batch(second, business.id(), landlord, rent));
            }
            if (business.kind() == BusinessKind.UTILITY && day == DayOfWeek.FRIDAY) {
                double sweep = Sampling.logNormal(random, 40_000 * business.size(), 0.4);
                own(business, date, Sampling.pick(random, suppliers).id(), Amounts.exact(sweep), random);
            }
        }
        int supplierPayments = Sampling.poisson(random, SUPPLIER_PAYMENTS_PER_MONTH * months);
        for (int i = 0; i < supplierPayments; i++) {
            double amount = Sampling.logNormal(random, 1_500 * business.size(), 0.8, 50, 80_000);
            own(
                    business,
                    random.nextInt(window.dateCount()),
                    Sampling.pick(random, suppliers).id(),
                    Amounts.exact(amount),
                    random);
        }
    }

    private void cashDeposit(Business business, int date, double cashLevel, RandomGenerator random) {
        OptionalInt secondOfDay = BranchHours.secondOfDay(world.window().dayOfWeek(date), random);
        if (secondOfDay.isEmpty()) {
            return;
        }
        long second = world.window().at(date, business.city().zone(), secondOfDay.getAsInt());
        double amount = Sampling.logNormal(random, cashLevel, 0.3);
        world.ledger()
                .add(Draft.cash(
                        second,
                        business.id(),
                        Amounts.cashDeposit(random, amount),
                        TransactionType.CASH_IN,
                        business.city(),
                        Channel.BRANCH));
    }

    /** A payment the business makes itself from its online banking, in office hours. */
    private void own(Business business, int date, String to, long cents, RandomGenerator random) {
        long second = world.window().at(date, business.city().zone(), Sampling.between(random, 8 * HOUR, 18 * HOUR));
        world.ledger()
                .add(Draft.transfer(
                        second, business.id(), to, cents, business.city(), Channel.ONLINE, business.deviceId()));
    }
}
