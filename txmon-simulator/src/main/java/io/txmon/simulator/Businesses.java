package io.txmon.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The world's business accounts, in numbers that grow with the number of customers: the bank's own
 * business customers (shops, online sellers, tradespeople, a utility or two, letting agencies) and the
 * businesses banking elsewhere that customers deal with (employers, utilities, lenders, the card
 * acquirer, pension payers, suppliers).
 */
final class Businesses {
    static final double RETAILERS_PER_CUSTOMER = 0.02;
    static final double ONLINE_SELLERS_PER_CUSTOMER = 0.005;
    static final double TRADES_PER_CUSTOMER = 0.005;
    static final double CUSTOMERS_PER_UTILITY = 1_000;
    static final double CUSTOMERS_PER_LETTING_AGENCY = 700;
    static final double CUSTOMERS_PER_EMPLOYER = 40;
    static final double CUSTOMERS_PER_SUPPLIER = 150;
    static final double CUSTOMERS_PER_OTHER_SELLER = 200;
    /** Share of workers employed by the bank's own business customers rather than by big employers. */
    static final double LOCAL_EMPLOYMENT_SHARE = 0.2;
    /** Share of payroll runs made overnight by the bank's batch, the rest during office hours. */
    static final double OVERNIGHT_PAYROLL_SHARE = 0.6;

    private static final long DAY = Window.SECONDS_PER_DAY;
    private static final int HOUR = Window.SECONDS_PER_HOUR;

    private final List<Business> all = new ArrayList<>();
    private final Map<String, Business> byId = new HashMap<>();
    private final Map<BusinessKind, List<Business>> listedByKind = new EnumMap<>(BusinessKind.class);
    private final Map<BusinessKind, List<Business>> externalByKind = new EnumMap<>(BusinessKind.class);

    Businesses(Geography geography, Window window, Ids ids, RandomGenerator random, int customers) {
        Founding founding = new Founding(geography, window, ids, random);
        found(founding, BusinessKind.RETAILER, perCustomer(customers, RETAILERS_PER_CUSTOMER, 2), true, 1);
        found(founding, BusinessKind.ONLINE_SELLER, perCustomer(customers, ONLINE_SELLERS_PER_CUSTOMER, 1), true, 1);
        found(founding, BusinessKind.TRADES, perCustomer(customers, TRADES_PER_CUSTOMER, 1), true, 1);
        found(founding, BusinessKind.UTILITY, perCustomer(customers, 1 / CUSTOMERS_PER_UTILITY, 1), true, 4);
        found(
                founding,
                BusinessKind.LETTING_AGENCY,
                perCustomer(customers, 1 / CUSTOMERS_PER_LETTING_AGENCY, 1),
                true,
                2);
        found(founding, BusinessKind.EMPLOYER, perCustomer(customers, 1 / CUSTOMERS_PER_EMPLOYER, 3), false, 1);
        found(founding, BusinessKind.UTILITY, perCustomer(customers, 1 / CUSTOMERS_PER_UTILITY, 6), false, 1);
        found(
                founding,
                BusinessKind.LETTING_AGENCY,
                perCustomer(customers, 1 / CUSTOMERS_PER_LETTING_AGENCY, 2),
                false,
                1);
        found(founding, BusinessKind.LENDER, 5, false, 1);
        found(founding, BusinessKind.ACQUIRER, 2, false, 1);
        found(founding, BusinessKind.PENSION_PAYER, 2, false, 1);
        found(founding, BusinessKind.SUPPLIER, perCustomer(customers, 1 / CUSTOMERS_PER_SUPPLIER, 3), false, 1);
        found(
                founding,
                BusinessKind.ONLINE_SELLER,
                perCustomer(customers, 1 / CUSTOMERS_PER_OTHER_SELLER, 3),
                false,
                1);
        found(founding, BusinessKind.TRADES, perCustomer(customers, 1 / CUSTOMERS_PER_SUPPLIER, 3), false, 1);
    }

    private static long perCustomer(int customers, double rate, long atLeast) {
        return Math.max(atLeast, Math.round(customers * rate));
    }

    private void found(Founding founding, BusinessKind kind, long count, boolean listed, double scale) {
        Map<BusinessKind, List<Business>> byKind = listed ? listedByKind : externalByKind;
        for (int i = 0; i < count; i++) {
            Business business = founding.business(kind, listed, scale);
            all.add(business);
            byId.put(business.id(), business);
            byKind.computeIfAbsent(kind, key -> new ArrayList<>()).add(business);
        }
    }

    Optional<Business> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The bank's own business customers of a kind; empty when it has none. */
    List<Business> listed(BusinessKind kind) {
        return listedByKind.getOrDefault(kind, List.of());
    }

    /** Other banks' business accounts of a kind; empty when there are none. */
    List<Business> external(BusinessKind kind) {
        return externalByKind.getOrDefault(kind, List.of());
    }

    /** The bank's own business customers. */
    List<Business> listed() {
        return all.stream().filter(Business::listed).toList();
    }

    /** Big employers (banking elsewhere) employ most people; the bank's own business customers a few. */
    Business employer(RandomGenerator random) {
        if (Sampling.chance(random, LOCAL_EMPLOYMENT_SHARE)) {
            return larger(random, listed());
        }
        return larger(random, external(BusinessKind.EMPLOYER));
    }

    /** The larger of two random candidates: bigger employers employ more people. */
    private static Business larger(RandomGenerator random, List<Business> candidates) {
        Business first = Sampling.pick(random, candidates);
        Business second = Sampling.pick(random, candidates);
        return first.size() >= second.size() ? first : second;
    }

    /** What founding a business needs. */
    private record Founding(Geography geography, Window window, Ids ids, RandomGenerator random) {
        Business business(BusinessKind kind, boolean listed, double scale) {
            double size = scale * Sampling.logNormal(random, 1, 0.8);
            Instant openedAt =
                    Instant.ofEpochSecond(window.start() - (long) (Sampling.logUniform(random, 180, 40 * 365) * DAY));
            Payday[] paydays = Payday.values();
            int payrollSecond = Sampling.chance(random, OVERNIGHT_PAYROLL_SHARE)
                    ? Sampling.between(random, HOUR / 2, 6 * HOUR + HOUR / 2)
                    : Sampling.between(random, 8 * HOUR, 16 * HOUR);
            return new Business(
                    ids.account(),
                    kind,
                    geography.home(random),
                    listed,
                    openedAt,
                    Amounts.exact(Sampling.logNormal(random, 25_000 * size, 0.8)),
                    ids.device(),
                    paydays[random.nextInt(paydays.length)],
                    payrollSecond,
                    size);
        }
    }
}
