package io.txmon.simulator;

import io.txmon.transaction.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Money between people, and from people to small businesses: paying friends and family, being paid back
 * (so small round trips happen legitimately), flatmates settling up around a ring, one person collecting
 * from many for a trip or a gift and paying it on, buying from online sellers by transfer, and paying
 * tradespeople for larger jobs. These are the honest versions of fan-in, pass-through and cycles.
 */
final class SocialPayments {
    static final double MEDIAN_TRANSFERS_PER_MONTH = 3;
    static final double PAY_BACK_SHARE = 0.35;
    static final double EXACT_PAY_BACK_SHARE = 0.55;
    static final double EXTERNAL_FRIEND_TRANSFERS_PER_MONTH = 0.6;
    static final double SETTLE_UPS_PER_MONTH = 0.04;
    static final double COLLECTIONS_PER_MONTH = 0.015;
    static final double SELLER_PURCHASES_PER_MONTH = 0.5;
    static final double TRADES_JOBS_PER_MONTH = 0.06;

    private static final int HOUR = Window.SECONDS_PER_HOUR;
    private static final int DAY = Window.SECONDS_PER_DAY;

    private final World world;

    SocialPayments(World world) {
        this.world = world;
    }

    void exchange(Customer customer, Itinerary itinerary, RandomGenerator random) {
        double months = world.window().days() / 30.0;
        List<String> contacts = customer.contacts();
        if (!contacts.isEmpty()) {
            double[] closeness = Sampling.zipfCumulative(contacts.size(), 1.0);
            int transfers =
                    Sampling.poisson(random, Sampling.logNormal(random, MEDIAN_TRANSFERS_PER_MONTH, 0.6) * months);
            for (int i = 0; i < transfers; i++) {
                payFriend(customer, itinerary, contacts.get(Sampling.pickIndex(random, closeness)), random);
            }
            for (String contact : contacts) {
                if (!world.isListed(contact)) {
                    int received = Sampling.poisson(random, EXTERNAL_FRIEND_TRANSFERS_PER_MONTH * months / 2);
                    for (int i = 0; i < received; i++) {
                        long second = moment(customer, random);
                        double amount = Sampling.logNormal(random, 40, 1.0, 2, 3_000);
                        if (itinerary.active(second)) {
                            world.ledger()
                                    .add(Draft.batch(second, contact, customer.id(), Amounts.personal(random, amount)));
                        }
                    }
                }
            }
        }
        if (Sampling.poisson(random, SETTLE_UPS_PER_MONTH * months) > 0) {
            settleUp(customer, itinerary, random);
        }
        if (Sampling.poisson(random, COLLECTIONS_PER_MONTH * months) > 0) {
            collect(customer, itinerary, random);
        }
        int purchases = Sampling.poisson(random, SELLER_PURCHASES_PER_MONTH * months);
        for (int i = 0; i < purchases; i++) {
            payBusiness(
                    customer,
                    itinerary,
                    BusinessKind.ONLINE_SELLER,
                    Sampling.logNormal(random, 45, 0.9, 5, 800),
                    random);
        }
        int jobs = Sampling.poisson(random, TRADES_JOBS_PER_MONTH * months);
        for (int i = 0; i < jobs; i++) {
            double amount = Sampling.logNormal(random, 900 * customer.spendLevel(), 0.9, 80, 25_000);
            payBusiness(customer, itinerary, BusinessKind.TRADES, amount, random);
        }
    }

    private void payFriend(Customer customer, Itinerary itinerary, String friend, RandomGenerator random) {
        long second = moment(customer, random);
        if (!itinerary.active(second)) {
            return;
        }
        double amount = Sampling.logNormal(random, 40 * Math.sqrt(customer.spendLevel()), 1.0, 2, 3_000);
        long cents = Amounts.personal(random, amount);
        world.ledger().add(own(customer, itinerary, friend, second, cents, random));
        if (Sampling.chance(random, PAY_BACK_SHARE)) {
            long later = second + (long) Sampling.logUniform(random, HOUR, 10 * DAY);
            long back = Sampling.chance(random, EXACT_PAY_BACK_SHARE)
                    ? cents
                    : Amounts.personal(random, cents / 100.0 * Sampling.uniform(random, 0.5, 1.5));
            if (itinerary.active(later)) {
                world.record(friend, customer.id(), later, back, random);
            }
        }
    }

    /** Flatmates or friends squaring up: each pays the next, and the last pays the first. */
    private void settleUp(Customer customer, Itinerary itinerary, RandomGenerator random) {
        List<String> friends = new ArrayList<>();
        for (String contact : customer.contacts()) {
            if (world.population().customer(contact).isPresent()) {
                friends.add(contact);
            }
        }
        if (friends.size() < 2) {
            return;
        }
        Sampling.shuffle(random, friends);
        List<String> ring = List.of(customer.id(), friends.get(0), friends.get(1));
        double base = Sampling.logNormal(random, 60, 0.8, 5, 1_500);
        long second = moment(customer, random);
        for (int i = 0; i < ring.size(); i++) {
            if (!itinerary.active(second)) {
                return;
            }
            long cents = Amounts.personal(random, base * Sampling.uniform(random, 0.7, 1.3));
            world.record(ring.get(i), ring.get((i + 1) % ring.size()), second, cents, random);
            second += (long) Sampling.logUniform(random, HOUR, 4 * DAY);
        }
    }

    /** Collecting everyone's share of a trip or a gift, then paying for it. */
    private void collect(Customer customer, Itinerary itinerary, RandomGenerator random) {
        int payers = Sampling.between(random, 4, 12);
        double share = Sampling.logNormal(random, 120, 0.8, 20, 1_500);
        long start = moment(customer, random);
        long last = start;
        long total = 0;
        List<String> people = new ArrayList<>(customer.contacts());
        while (people.size() < payers) {
            people.add(Sampling.pick(random, world.population().externalPersons()));
        }
        Sampling.shuffle(random, people);
        for (int i = 0; i < payers; i++) {
            long second = start + (long) Sampling.uniform(random, 0, 48 * HOUR);
            long cents = Amounts.personal(random, share * Sampling.uniform(random, 0.95, 1.05));
            if (itinerary.active(second) && !people.get(i).equals(customer.id())) {
                if (world.record(people.get(i), customer.id(), second, cents, random)) {
                    total += cents;
                    last = Math.max(last, second);
                }
            }
        }
        if (total == 0) {
            return;
        }
        long second = last + (long) Sampling.uniform(random, 2 * HOUR, 36 * HOUR);
        if (itinerary.active(second)) {
            String payee = business(BusinessKind.TRADES, random);
            long cents = Amounts.exact(total / 100.0 * Sampling.uniform(random, 0.8, 1.0));
            world.ledger().add(own(customer, itinerary, payee, second, cents, random));
        }
    }

    private void payBusiness(
            Customer customer, Itinerary itinerary, BusinessKind kind, double amount, RandomGenerator random) {
        long second = moment(customer, random);
        if (itinerary.active(second)) {
            String payee = business(kind, random);
            world.ledger().add(own(customer, itinerary, payee, second, Amounts.exact(amount), random));
        }
    }

    private String business(BusinessKind kind, RandomGenerator random) {
        List<Business> listed = world.population().listed(kind);
        if (!listed.isEmpty() && Sampling.chance(random, 0.5)) {
            return Sampling.pick(random, listed).id();
        }
        return Sampling.pick(random, world.population().external(kind)).id();
    }

    /** A transfer the customer makes themselves, from wherever they are. */
    private Draft own(
            Customer customer, Itinerary itinerary, String to, long second, long cents, RandomGenerator random) {
        return Draft.transfer(
                second,
                customer.id(),
                to,
                cents,
                itinerary.placeAt(second),
                Channel.ONLINE,
                customer.devices().at(second, random));
    }

    /** Some moment in the period when the customer might send money, by their daily rhythm. */
    private long moment(Customer customer, RandomGenerator random) {
        Window window = world.window();
        int date = random.nextInt(window.dateCount());
        return window.at(date, customer.home().zone(), customer.hours().secondOfDay(random, Daypart.EVENING));
    }
}
