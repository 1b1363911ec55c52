package io.txmon.simulator;

import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Everyone in the world: the bank's personal customers, the {@link Businesses}, and the private
 * individuals banking elsewhere whom customers deal with (friends, family, landlords). It fixes who works
 * for whom, who rents from whom and who knows whom; the activity itself is drawn later.
 */
final class Population {
    static final double NEW_ACCOUNT_SHARE = 0.06;
    static final double DORMANT_SHARE = 0.06;
    /** Of the dormant accounts, the share whose owners come back during the period. */
    static final double DORMANT_WAKING_SHARE = 0.5;

    static final double STUDENT_SHARE = 0.1;
    static final double RETIRED_SHARE = 0.15;
    static final double MEDIAN_WORKER_INCOME = 2_300;
    static final double MEDIAN_STUDENT_INCOME = 700;
    static final double MEDIAN_PENSION = 1_500;
    static final double LANDLORD_SHARE = 0.04;
    static final double TWO_DEVICES_SHARE = 0.3;
    static final double PHONE_REPLACEMENTS_PER_MONTH = 0.03;
    static final double EXTERNAL_PERSONS_PER_CUSTOMER = 0.5;
    static final double MEAN_CONTACTS = 5;
    static final int MAX_CONTACTS = 15;

    private static final long DAY = Window.SECONDS_PER_DAY;

    private final List<Customer> customers;
    private final Map<String, Customer> customersById = new HashMap<>();
    private final Businesses businesses;
    private final List<String> externalPersons = new ArrayList<>();
    private final Set<String> externalPersonIds = new HashSet<>();

    Population(Geography geography, Window window, Ids ids, RandomGenerator random, int customerCount) {
        this.businesses = new Businesses(geography, window, ids, random, customerCount);
        int externalCount = (int) Math.max(20, Math.round(customerCount * EXTERNAL_PERSONS_PER_CUSTOMER));
        for (int i = 0; i < externalCount; i++) {
            externalPersons.add(ids.account());
        }
        externalPersonIds.addAll(externalPersons);
        List<Customer> drawn = new ArrayList<>(customerCount);
        for (int i = 0; i < customerCount; i++) {
            drawn.add(customer(geography, window, ids, random));
        }
        this.customers = connect(drawn, random);
        for (Customer customer : customers) {
            customersById.put(customer.id(), customer);
        }
    }

    private Customer customer(Geography geography, Window window, Ids ids, RandomGenerator random) {
        String id = ids.account();
        City home = geography.home(random);
        double roll = random.nextDouble();
        Standing standing = roll < NEW_ACCOUNT_SHARE
                ? Standing.NEW
                : roll < NEW_ACCOUNT_SHARE + DORMANT_SHARE
                        ? (Sampling.chance(random, DORMANT_WAKING_SHARE) ? Standing.DORMANT_WAKING : Standing.DORMANT)
                        : Standing.REGULAR;
        long span = (long) window.days() * DAY;
        Instant openedAt;
        long activeFrom;
        long openingBalance;
        switch (standing) {
            case NEW -> {
                openedAt = Instant.ofEpochSecond(window.start() + (long) (random.nextDouble() * span * 0.9));
                activeFrom = openedAt.getEpochSecond();
                openingBalance = 0;
            }
            case DORMANT, DORMANT_WAKING -> {
                openedAt = Instant.ofEpochSecond(
                        window.start() - (long) (Sampling.logUniform(random, 2 * 365, 30 * 365) * DAY));
                activeFrom = standing == Standing.DORMANT
                        ? window.end()
                        : window.start() + (long) (Sampling.uniform(random, 0.4, 0.95) * span);
                openingBalance = Amounts.exact(Sampling.logNormal(random, 4_000, 1.3));
            }
            default -> {
                openedAt = Instant.ofEpochSecond(
                        window.start() - (long) (Sampling.logUniform(random, 60, 30 * 365) * DAY));
                activeFrom = window.start() - 2 * DAY;
                openingBalance = 0;
            }
        }
        double occupationRoll = random.nextDouble();
        Occupation occupation = occupationRoll < STUDENT_SHARE
                ? Occupation.STUDENT
                : occupationRoll < STUDENT_SHARE + RETIRED_SHARE ? Occupation.RETIRED : Occupation.WORKER;
        double income =
                switch (occupation) {
                    case WORKER -> Sampling.logNormal(random, MEDIAN_WORKER_INCOME, 0.5, 900, 40_000);
                    case STUDENT -> Sampling.logNormal(random, MEDIAN_STUDENT_INCOME, 0.4, 250, 3_000);
                    case RETIRED -> Sampling.logNormal(random, MEDIAN_PENSION, 0.45, 600, 15_000);
                };
        String incomeFrom =
                switch (occupation) {
                    case WORKER -> businesses.employer(random).id();
                    case RETIRED ->
                        Sampling.pick(random, businesses.external(BusinessKind.PENSION_PAYER))
                                .id();
                    case STUDENT -> Sampling.pick(random, externalPersons);
                };
        if (standing == Standing.REGULAR) {
            // Savings, plus what is left of the last pay: much just after payday, little just before it.
            double untilPayday = businesses
                    .byId(incomeFrom)
                    .map(payer -> daysUntilPayday(payer.payday(), window) / 31.0)
                    .orElseGet(random::nextDouble);
            openingBalance = Amounts.exact(Sampling.logNormal(random, income * 0.6, 1.2) + income * 0.9 * untilPayday);
        }
        double spendLevel = Math.pow(income / MEDIAN_WORKER_INCOME, 0.5) * Sampling.logNormal(random, 1, 0.2);
        List<String> devices = new ArrayList<>();
        devices.add(ids.device());
        if (Sampling.chance(random, TWO_DEVICES_SHARE)) {
            devices.add(ids.device());
        }
        Optional<String> replacement =
                Sampling.chance(random, Math.min(0.5, PHONE_REPLACEMENTS_PER_MONTH * window.days() / 30.0))
                        ? Optional.of(ids.device())
                        : Optional.empty();
        long replacedAt = window.start() + (long) (random.nextDouble() * span);
        Optional<Housing> housing = standing == Standing.REGULAR || standing == Standing.NEW
                ? housing(random, occupation, income)
                : Optional.empty();
        return new Customer(
                id,
                home,
                openedAt,
                openingBalance,
                standing,
                activeFrom,
                occupation,
                incomeFrom,
                income,
                spendLevel,
                HourProfile.draw(random),
                new Devices(devices, replacement, replacedAt),
                ids.account(),
                housing,
                List.of());
    }

    private static long daysUntilPayday(Payday payday, Window window) {
        LocalDate start = LocalDate.ofInstant(Instant.ofEpochSecond(window.start()), ZoneOffset.UTC);
        LocalDate next = payday.in(YearMonth.from(start));
        if (next.isBefore(start)) {
            next = payday.in(YearMonth.from(start).plusMonths(1));
        }
        return ChronoUnit.DAYS.between(start, next);
    }

    private Optional<Housing> housing(RandomGenerator random, Occupation occupation, double income) {
        double roll = random.nextDouble();
        boolean rents = occupation == Occupation.STUDENT ? roll < 0.8 : roll < 0.42;
        boolean mortgage = !rents && occupation != Occupation.STUDENT && roll < 0.75;
        if (rents) {
            double rent = occupation == Occupation.STUDENT
                    ? income * Sampling.uniform(random, 0.35, 0.55)
                    : income * Sampling.uniform(random, 0.25, 0.45);
            long cents = Sampling.chance(random, 0.6) ? Amounts.multipleOf(rent, 5) : Amounts.exact(rent);
            int day = Sampling.chance(random, 0.5) ? 1 : Sampling.between(random, 1, 28);
            return Optional.of(new Housing(landlord(random), cents, day));
        }
        if (mortgage) {
            String lender = Sampling.pick(random, businesses.external(BusinessKind.LENDER))
                    .id();
            long cents = Amounts.exact(income * Sampling.uniform(random, 0.2, 0.4));
            return Optional.of(new Housing(lender, cents, Sampling.between(random, 1, 28)));
        }
        return Optional.empty();
    }

    /** Landlords: letting agencies here and elsewhere, or private landlords (other banks' customers). */
    private String landlord(RandomGenerator random) {
        double roll = random.nextDouble();
        if (roll < 0.25) {
            return Sampling.pick(random, businesses.listed(BusinessKind.LETTING_AGENCY))
                    .id();
        }
        if (roll < 0.45) {
            return Sampling.pick(random, businesses.external(BusinessKind.LETTING_AGENCY))
                    .id();
        }
        return Sampling.pick(random, externalPersons);
    }

    /**
     * Draws who knows whom: friends and family are mutual, often in the same city, and some bank
     * elsewhere. Some customers are private landlords, so their tenants pay them rent. Dormant accounts
     * stay out of it: nobody pays into an account its owner has forgotten.
     */
    private List<Customer> connect(List<Customer> drawn, RandomGenerator random) {
        List<Customer> everyday = drawn.stream().filter(Customer::everyday).toList();
        Map<City, List<Customer>> byCity = new HashMap<>();
        for (Customer customer : everyday) {
            byCity.computeIfAbsent(customer.home(), city -> new ArrayList<>()).add(customer);
        }
        Map<String, Set<String>> contacts = new HashMap<>();
        for (Customer customer : everyday) {
            contacts.put(customer.id(), new LinkedHashSet<>());
        }
        for (Customer customer : everyday) {
            Set<String> own = contacts.get(customer.id());
            int wanted = 2 + Sampling.poisson(random, MEAN_CONTACTS - 2);
            for (int i = 0; i < wanted && own.size() < MAX_CONTACTS; i++) {
                if (Sampling.chance(random, 0.35) || everyday.size() < 2) {
                    own.add(Sampling.pick(random, externalPersons));
                    continue;
                }
                List<Customer> pool = Sampling.chance(random, 0.6) ? byCity.get(customer.home()) : everyday;
                Customer friend = Sampling.pick(random, pool);
                Set<String> theirs = contacts.get(friend.id());
                if (!friend.id().equals(customer.id()) && theirs.size() < MAX_CONTACTS) {
                    own.add(friend.id());
                    theirs.add(customer.id());
                }
            }
        }
        List<String> landlords = new ArrayList<>();
        for (Customer customer : everyday) {
            if (customer.occupation() == Occupation.WORKER && Sampling.chance(random, LANDLORD_SHARE)) {
                landlords.add(customer.id());
            }
        }
        List<Customer> connected = new ArrayList<>(drawn.size());
        for (Customer customer : drawn) {
            Customer withHousing = customer;
            if (!landlords.isEmpty()
                    && customer.housing().isPresent()
                    && externalPersonIds.contains(customer.housing().get().payeeId())
                    && Sampling.chance(random, 0.4)) {
                Housing housing = customer.housing().get();
                String landlord = Sampling.pick(random, landlords);
                if (!landlord.equals(customer.id())) {
                    withHousing = withHousing(customer, new Housing(landlord, housing.cents(), housing.dayOfMonth()));
                }
            }
            connected.add(withHousing.withContacts(List.copyOf(contacts.getOrDefault(customer.id(), Set.of()))));
        }
        return connected;
    }

    private static Customer withHousing(Customer customer, Housing housing) {
        return new Customer(
                customer.id(),
                customer.home(),
                customer.openedAt(),
                customer.openingBalance(),
                customer.standing(),
                customer.activeFrom(),
                customer.occupation(),
                customer.incomeFrom(),
                customer.monthlyIncome(),
                customer.spendLevel(),
                customer.hours(),
                customer.devices(),
                customer.savingsAccount(),
                Optional.of(housing),
                customer.contacts());
    }

    List<Customer> customers() {
        return customers;
    }

    Optional<Customer> customer(String id) {
        return Optional.ofNullable(customersById.get(id));
    }

    Optional<Business> business(String id) {
        return businesses.byId(id);
    }

    /** The bank's own business customers of a kind; empty when it has none. */
    List<Business> listed(BusinessKind kind) {
        return businesses.listed(kind);
    }

    /** Other banks' business accounts of a kind; empty when there are none. */
    List<Business> external(BusinessKind kind) {
        return businesses.external(kind);
    }

    /** The bank's own business customers. */
    List<Business> listedBusinesses() {
        return businesses.listed();
    }

    /** Private individuals who bank elsewhere. */
    List<String> externalPersons() {
        return externalPersons;
    }

    /** Reference data of every account the bank holds, in id order so that the order says nothing. */
    List<Account> accounts() {
        List<Account> accounts = new ArrayList<>();
        for (Customer customer : customers) {
            accounts.add(new Account(
                    customer.id(),
                    customer.openedAt(),
                    AccountType.PERSONAL,
                    customer.home().country(),
                    customer.home().name(),
                    BigDecimal.valueOf(customer.openingBalance(), 2)));
        }
        for (Business business : businesses.listed()) {
            accounts.add(new Account(
                    business.id(),
                    business.openedAt(),
                    AccountType.BUSINESS,
                    business.city().country(),
                    business.city().name(),
                    BigDecimal.valueOf(business.openingBalance(), 2)));
        }
        accounts.sort(Comparator.comparing(Account::userId));
        return accounts;
    }
}
