package io.txmon.simulator;

import io.txmon.transaction.Channel;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What comes in and goes out every month: salary, pension or family support; rent or mortgage; bills by
 * direct debit; subscriptions charged to the card; and, for some, savings swept elsewhere soon after
 * payday. Batch payments run at night, which puts large legitimate transfers at odd hours.
 */
final class MonthlyPayments {
    static final double VARIABLE_PAY_SHARE = 0.3;
    static final double SALARY_SWEEPER_SHARE = 0.1;
    static final double MEAN_BILLS = 3;
    static final double MEAN_SUBSCRIPTIONS = 1.5;
    /** Share of the rent a letting agency passes on to the landlord; it keeps the rest as its fee. */
    static final double AGENCY_PASS_ON_MIN = 0.88;

    static final double AGENCY_PASS_ON_MAX = 0.92;

    private static final int HOUR = Window.SECONDS_PER_HOUR;

    private final World world;

    MonthlyPayments(World world) {
        this.world = world;
    }

    void pay(Customer customer, Itinerary itinerary, RandomGenerator random) {
        income(customer, itinerary, random);
        customer.housing().ifPresent(housing -> housing(customer, itinerary, housing, random));
        bills(customer, itinerary, random);
        subscriptions(customer, itinerary, random);
    }

    private void income(Customer customer, Itinerary itinerary, RandomGenerator random) {
        Window window = world.window();
        boolean variable = Sampling.chance(random, VARIABLE_PAY_SHARE);
        boolean sweeps = customer.occupation() == Occupation.WORKER && Sampling.chance(random, SALARY_SWEEPER_SHARE);
        double sweepShare = Sampling.uniform(random, 0.3, 0.7);
        int supportDay = Sampling.between(random, 1, 28);
        long fixedCents = Amounts.exact(customer.monthlyIncome());
        for (int date = 0; date < window.dateCount(); date++) {
            LocalDate day = window.date(date);
            long second;
            long cents;
            String payer = customer.incomeFrom();
            switch (customer.occupation()) {
                case STUDENT -> {
                    if (day.getDayOfMonth() != supportDay) {
                        continue;
                    }
                    second = window.at(
                            date, customer.home().zone(), customer.hours().secondOfDay(random, Daypart.ANY));
                    cents = Amounts.personal(random, customer.monthlyIncome() * Sampling.uniform(random, 0.85, 1.15));
                }
                default -> {
                    Business employer = world.population().business(payer).orElseThrow();
                    if (!employer.payday().in(YearMonth.from(day)).equals(day)) {
                        continue;
                    }
                    // A payroll run pays everyone within minutes of its start.
                    second =
                            window.at(date, employer.city().zone(), employer.payrollSecond()) + random.nextInt(15 * 60);
                    cents = variable
                            ? Amounts.exact(customer.monthlyIncome() * Sampling.uniform(random, 0.92, 1.15))
                            : fixedCents;
                }
            }
            if (!itinerary.active(second)) {
                continue;
            }
            world.record(payer, customer.id(), second, cents, random);
            if (sweeps) {
                long later = second + Sampling.between(random, HOUR / 2, 8 * HOUR);
                if (itinerary.active(later)) {
                    world.ledger()
                            .add(Draft.transfer(
                                    later,
                                    customer.id(),
                                    customer.savingsAccount(),
                                    Amounts.personal(random, cents / 100.0 * sweepShare),
                                    itinerary.placeAt(later),
                                    Channel.ONLINE,
                                    customer.devices().at(later, random)));
                }
            }
        }
    }

    private void housing(Customer customer, Itinerary itinerary, Housing housing, RandomGenerator random) {
        Window window = world.window();
        Optional<Business> agency = world.population()
                .business(housing.payeeId())
                .filter(business -> business.kind() == BusinessKind.LETTING_AGENCY && business.listed());
        String owner = Sampling.pick(random, world.population().externalPersons());
        double passOn = Sampling.uniform(random, AGENCY_PASS_ON_MIN, AGENCY_PASS_ON_MAX);
        for (int date = 0; date < window.dateCount(); date++) {
            if (window.date(date).getDayOfMonth() != housing.dayOfMonth()) {
                continue;
            }
            long second = window.at(date, customer.home().zone(), Sampling.between(random, HOUR / 2, 6 * HOUR));
            if (!itinerary.active(second)) {
                continue;
            }
            world.ledger().add(Draft.batch(second, customer.id(), housing.payeeId(), housing.cents()));
            if (agency.isPresent()) {
                // The agency passes the rent on to the landlord a few days later, keeping its fee.
                Business letting = agency.get();
                long forward = window.at(
                        Math.min(date + Sampling.between(random, 2, 6), window.dateCount()),
                        letting.city().zone(),
                        Sampling.between(random, 9 * HOUR, 17 * HOUR));
                world.ledger()
                        .add(Draft.transfer(
                                forward,
                                letting.id(),
                                owner,
                                Amounts.exact(housing.cents() / 100.0 * passOn),
                                letting.city(),
                                Channel.ONLINE,
                                letting.deviceId()));
            }
        }
    }

    private void bills(Customer customer, Itinerary itinerary, RandomGenerator random) {
        int count = Sampling.poisson(random, MEAN_BILLS);
        List<Business> listed = world.population().listed(BusinessKind.UTILITY);
        List<Business> external = world.population().external(BusinessKind.UTILITY);
        for (int i = 0; i < count; i++) {
            Business utility = !listed.isEmpty() && Sampling.chance(random, 0.3)
                    ? Sampling.pick(random, listed)
                    : Sampling.pick(random, external);
            double base = Sampling.logNormal(random, 45 * Math.pow(customer.spendLevel(), 0.4), 0.5, 8, 400);
            boolean varies = Sampling.chance(random, 0.4);
            int dayOfMonth = Sampling.between(random, 1, 28);
            long fixed = Amounts.exact(base);
            monthly(dayOfMonth, customer, itinerary, random, (second, rng) -> world.ledger()
                    .add(Draft.batch(
                            second,
                            customer.id(),
                            utility.id(),
                            varies ? Amounts.exact(base * Sampling.uniform(rng, 0.75, 1.3)) : fixed)));
        }
    }

    private void subscriptions(Customer customer, Itinerary itinerary, RandomGenerator random) {
        int count = Sampling.poisson(random, MEAN_SUBSCRIPTIONS);
        List<Merchant> services = new ArrayList<>(world.merchants().allOnline(MerchantCategory.SUBSCRIPTION));
        for (int i = 0; i < count && !services.isEmpty(); i++) {
            Merchant service = services.remove(random.nextInt(services.size()));
            long price = Amounts.exact(MerchantCategory.SUBSCRIPTION.amount(random, 1));
            monthly(Sampling.between(random, 1, 28), customer, itinerary, random, (second, rng) -> world.ledger()
                    .add(Draft.card(second, customer.id(), price, service, null, null)));
        }
    }

    /** Runs a payment on a day of every month, at night when the bank's batches run. */
    private void monthly(
            int dayOfMonth, Customer customer, Itinerary itinerary, RandomGenerator random, Payment payment) {
        Window window = world.window();
        for (int date = 0; date < window.dateCount(); date++) {
            if (window.date(date).getDayOfMonth() != dayOfMonth) {
                continue;
            }
            long second = window.at(date, customer.home().zone(), Sampling.between(random, 0, 7 * HOUR));
            if (itinerary.active(second)) {
                payment.make(second, random);
            }
        }
    }

    @FunctionalInterface
    private interface Payment {
        void make(long second, RandomGenerator random);
    }
}
