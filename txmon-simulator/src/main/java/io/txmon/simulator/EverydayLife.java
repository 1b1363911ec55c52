package io.txmon.simulator;

import io.txmon.transaction.Channel;
import io.txmon.transaction.TransactionType;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * A customer's everyday spending: card payments at favourite and other merchants, online and at the
 * till, cash from machines and branches, cash paid in, travel, occasional large purchases and bursts of
 * tiny in-app payments. Each customer has their own mix of merchant categories, their own rate of
 * spending and their own daily rhythm.
 */
final class EverydayLife {
    /** Share of income left after housing and bills that goes on everyday card payments. */
    static final double CARD_SHARE_OF_FREE_INCOME = 0.6;
    /** Share of income left after housing and bills that is taken out in cash. */
    static final double CASH_SHARE_OF_FREE_INCOME = 0.07;
    /** Bills by direct debit, as a share of income, when budgeting. */
    static final double BILLS_SHARE_OF_INCOME = 0.07;

    static final double MEDIAN_ATM_WITHDRAWAL = 60;
    static final double FAVOURITE_SHARE = 0.6;
    static final double CASHLESS_SHARE = 0.2;
    static final double CASH_DEPOSITOR_SHARE = 0.08;
    static final double LARGE_PURCHASES_PER_MONTH = 0.08;
    static final double GAMER_SHARE = 0.1;
    static final double GAMING_SESSIONS_PER_DAY = 0.08;

    private static final int HOUR = Window.SECONDS_PER_HOUR;
    private static final int MINUTE = 60;
    private static final MerchantCategory[] CATEGORIES = MerchantCategory.values();
    private static final MerchantCategory[] LARGE_PURCHASES = {
        MerchantCategory.FURNITURE, MerchantCategory.ELECTRONICS, MerchantCategory.TRAVEL, MerchantCategory.JEWELRY
    };

    private final World world;

    EverydayLife(World world) {
        this.world = world;
    }

    /** Draws the customer's habits, then their days. */
    void live(Customer customer, Itinerary itinerary, RandomGenerator random) {
        Habits habits = habits(customer, random);
        Window window = world.window();
        for (int date = 0; date < window.dateCount(); date++) {
            City dayPlace = itinerary.placeAt(window.at(date, customer.home().zone(), 12 * HOUR));
            double dayFactor = dayFactor(window.dayOfWeek(date)) * (dayPlace.equals(customer.home()) ? 1 : 1.3);
            int payments = Sampling.poisson(random, habits.cardRate * dayFactor);
            for (int i = 0; i < payments; i++) {
                cardPayment(customer, itinerary, habits, date, dayPlace, random);
            }
            int withdrawals = Sampling.poisson(random, habits.atmRate);
            for (int i = 0; i < withdrawals; i++) {
                atmWithdrawal(customer, itinerary, date, dayPlace, random);
            }
            if (Sampling.poisson(random, habits.depositRate) > 0) {
                cashDeposit(customer, itinerary, date, random);
            }
            if (customer.occupation() == Occupation.RETIRED && Sampling.chance(random, 0.5 / 30)) {
                branchWithdrawal(customer, itinerary, date, random);
            }
            if (habits.gamer && Sampling.chance(random, GAMING_SESSIONS_PER_DAY)) {
                gamingSession(customer, itinerary, habits, date, random);
            }
        }
        int large = Sampling.poisson(random, LARGE_PURCHASES_PER_MONTH * window.days() / 30.0);
        for (int i = 0; i < large; i++) {
            largePurchase(customer, itinerary, habits, random.nextInt(window.dateCount()), random);
        }
        for (Trip trip : itinerary.trips()) {
            journey(customer, itinerary, trip, random);
        }
    }

    private Habits habits(Customer customer, RandomGenerator random) {
        double[] weights = new double[CATEGORIES.length];
        for (MerchantCategory category : CATEGORIES) {
            weights[category.ordinal()] = category.share() * Sampling.logNormal(random, 1, 0.6);
        }
        Map<MerchantCategory, List<Merchant>> favourites = new EnumMap<>(MerchantCategory.class);
        for (MerchantCategory category : CATEGORIES) {
            if (category.share() == 0) {
                continue;
            }
            List<Merchant> own = new ArrayList<>();
            int count = Sampling.between(random, 1, 3);
            for (int i = 0; i < count; i++) {
                own.add(
                        category.hasShops() && !Sampling.chance(random, category.onlineShare())
                                ? world.merchants().shop(random, customer.home(), category)
                                : world.merchants().online(random, category));
            }
            favourites.put(category, own);
        }
        // Spending is budgeted from income, so that most balances stay above zero the way real ones do.
        double income = customer.monthlyIncome();
        double housing =
                customer.housing().map(payment -> payment.cents() / 100.0).orElse(0.0);
        double free = Math.max(0.2 * income, income * (1 - BILLS_SHARE_OF_INCOME) - housing);
        double meanPayment = 0;
        double totalShare = 0;
        for (MerchantCategory category : CATEGORIES) {
            meanPayment += weights[category.ordinal()] * category.meanAmount();
            totalShare += weights[category.ordinal()];
        }
        meanPayment = meanPayment / totalShare * customer.spendLevel();
        // Accounts that come back from dormancy are used sparingly.
        double standingFactor = customer.standing() == Standing.DORMANT_WAKING ? 0.3 : 1.0;
        double cardRate = CARD_SHARE_OF_FREE_INCOME
                * free
                / (30 * meanPayment)
                * Sampling.logNormal(random, 1, 0.3)
                * standingFactor;
        double meanWithdrawal = MEDIAN_ATM_WITHDRAWAL * Math.sqrt(customer.spendLevel()) * Math.exp(0.6 * 0.6 / 2);
        double atmRate = Sampling.chance(random, CASHLESS_SHARE)
                ? 0
                : CASH_SHARE_OF_FREE_INCOME * free / (30 * meanWithdrawal) * Sampling.logNormal(random, 1, 0.5);
        double depositRate = Sampling.chance(random, CASH_DEPOSITOR_SHARE) ? Sampling.uniform(random, 0.05, 0.2) : 0;
        return new Habits(
                Sampling.cumulative(weights),
                favourites,
                cardRate,
                atmRate,
                depositRate,
                Sampling.chance(random, GAMER_SHARE));
    }

    private static double dayFactor(DayOfWeek day) {
        return switch (day) {
            case FRIDAY -> 1.1;
            case SATURDAY -> 1.2;
            case SUNDAY -> 0.85;
            default -> 1.0;
        };
    }

    private void cardPayment(
            Customer customer, Itinerary itinerary, Habits habits, int date, City dayPlace, RandomGenerator random) {
        MerchantCategory category = CATEGORIES[Sampling.pickIndex(random, habits.categories)];
        long second =
                world.window().at(date, dayPlace.zone(), customer.hours().secondOfDay(random, category.daypart()));
        if (!itinerary.active(second)) {
            return;
        }
        City place = itinerary.placeAt(second);
        boolean atHome = place.equals(customer.home());
        boolean online = !category.hasShops() || Sampling.chance(random, category.onlineShare());
        Merchant merchant;
        if (online) {
            merchant = Sampling.chance(random, FAVOURITE_SHARE)
                    ? favourite(habits, category, random, true)
                    : world.merchants().online(random, category);
        } else if (atHome && Sampling.chance(random, FAVOURITE_SHARE)) {
            merchant = favourite(habits, category, random, false);
        } else {
            merchant = world.merchants().shop(random, place, category);
        }
        if (!merchant.online() && !merchant.city().equals(place)) {
            merchant = world.merchants().shop(random, place, category);
        }
        double amount = category.amount(random, customer.spendLevel()) * (atHome ? 1 : 1.2);
        String device = merchant.online() ? customer.devices().at(second, random) : null;
        world.ledger().add(Draft.card(second, customer.id(), Amounts.exact(amount), merchant, place, device));
    }

    private Merchant favourite(Habits habits, MerchantCategory category, RandomGenerator random, boolean online) {
        for (Merchant merchant : habits.favourites.get(category)) {
            if (merchant.online() == online) {
                return merchant;
            }
        }
        return Sampling.pick(random, habits.favourites.get(category));
    }

    private void atmWithdrawal(
            Customer customer, Itinerary itinerary, int date, City dayPlace, RandomGenerator random) {
        long second = world.window().at(date, dayPlace.zone(), customer.hours().secondOfDay(random, Daypart.DAYTIME));
        if (!itinerary.active(second)) {
            return;
        }
        double amount =
                Sampling.logNormal(random, MEDIAN_ATM_WITHDRAWAL * Math.sqrt(customer.spendLevel()), 0.6, 10, 500);
        world.ledger()
                .add(Draft.cash(
                        second,
                        customer.id(),
                        Amounts.atmWithdrawal(random, amount),
                        TransactionType.CASH_OUT,
                        itinerary.placeAt(second),
                        Channel.ATM));
    }

    private void cashDeposit(Customer customer, Itinerary itinerary, int date, RandomGenerator random) {
        double amount = Sampling.logNormal(random, 150, 0.9, 10, 3_000);
        OptionalInt branch = BranchHours.secondOfDay(world.window().dayOfWeek(date), random);
        boolean atBranch = branch.isPresent() && Sampling.chance(random, 0.4);
        int secondOfDay = atBranch ? branch.getAsInt() : customer.hours().secondOfDay(random, Daypart.DAYTIME);
        long second = world.window().at(date, customer.home().zone(), secondOfDay);
        if (!itinerary.active(second) || !itinerary.placeAt(second).equals(customer.home())) {
            return;
        }
        world.ledger()
                .add(Draft.cash(
                        second,
                        customer.id(),
                        Amounts.cashDeposit(random, amount),
                        TransactionType.CASH_IN,
                        customer.home(),
                        atBranch ? Channel.BRANCH : Channel.ATM));
    }

    private void branchWithdrawal(Customer customer, Itinerary itinerary, int date, RandomGenerator random) {
        OptionalInt secondOfDay = BranchHours.secondOfDay(world.window().dayOfWeek(date), random);
        if (secondOfDay.isEmpty()) {
            return;
        }
        long second = world.window().at(date, customer.home().zone(), secondOfDay.getAsInt());
        if (!itinerary.active(second) || !itinerary.placeAt(second).equals(customer.home())) {
            return;
        }
        double amount = Sampling.logNormal(random, 250, 0.6, 50, 2_000);
        world.ledger()
                .add(Draft.cash(
                        second,
                        customer.id(),
                        Amounts.branchWithdrawal(random, amount),
                        TransactionType.CASH_OUT,
                        customer.home(),
                        Channel.BRANCH));
    }

    /** A few tiny in-app payments within the hour: harmless, and shaped like card testing. */
    private void gamingSession(
            Customer customer, Itinerary itinerary, Habits habits, int date, RandomGenerator random) {
        List<Merchant> merchants = habits.favourites.get(MerchantCategory.DIGITAL_GOODS);
        long second =
                world.window().at(date, customer.home().zone(), customer.hours().secondOfDay(random, Daypart.ANY));
        int payments = Sampling.between(random, 2, 6);
        for (int i = 0; i < payments; i++) {
            if (itinerary.active(second)) {
                world.ledger()
                        .add(Draft.card(
                                second,
                                customer.id(),
                                Amounts.small(random),
                                Sampling.pick(random, merchants),
                                itinerary.placeAt(second),
                                customer.devices().at(second, random)));
            }
            second += 30 + (long) Sampling.exponential(random, 4 * MINUTE);
        }
    }

    private void largePurchase(
            Customer customer, Itinerary itinerary, Habits habits, int date, RandomGenerator random) {
        MerchantCategory category = LARGE_PURCHASES[random.nextInt(LARGE_PURCHASES.length)];
        long second =
                world.window().at(date, customer.home().zone(), customer.hours().secondOfDay(random, Daypart.DAYTIME));
        if (!itinerary.active(second)) {
            return;
        }
        City place = itinerary.placeAt(second);
        boolean online = Sampling.chance(random, category.onlineShare());
        Merchant merchant = online
                ? world.merchants().online(random, category)
                : world.merchants().shop(random, place, category);
        double amount = Sampling.logNormal(random, 1_200 * customer.spendLevel(), 0.6, 300, 12_000);
        String device = online ? customer.devices().at(second, random) : null;
        world.ledger().add(Draft.card(second, customer.id(), Amounts.exact(amount), merchant, place, device));
    }

    /** Paying for the journey at both ends, and for the stay before leaving. */
    private void journey(Customer customer, Itinerary itinerary, Trip trip, RandomGenerator random) {
        City home = customer.home();
        City away = trip.destination();
        MerchantCategory fare =
                away.isDomestic() && home.distanceKm(away) < 400 ? MerchantCategory.TRANSPORT : MerchantCategory.TRAVEL;
        pay(customer, itinerary, trip.departure() - minutes(random, 10, 120), home, fare, 1, random);
        pay(customer, itinerary, trip.arrival() + minutes(random, 10, 90), away, MerchantCategory.TRANSPORT, 1, random);
        double nights = Math.max(1, (trip.returnDeparture() - trip.arrival()) / (double) Window.SECONDS_PER_DAY);
        pay(
                customer,
                itinerary,
                trip.returnDeparture() - minutes(random, 60, 240),
                away,
                MerchantCategory.TRAVEL,
                nights / 2,
                random);
        pay(
                customer,
                itinerary,
                trip.returnArrival() + minutes(random, 5, 60),
                home,
                MerchantCategory.TRANSPORT,
                1,
                random);
    }

    private void pay(
            Customer customer,
            Itinerary itinerary,
            long second,
            City place,
            MerchantCategory category,
            double scale,
            RandomGenerator random) {
        if (!itinerary.active(second)) {
            return;
        }
        Merchant merchant = world.merchants().shop(random, place, category);
        double amount = category.amount(random, customer.spendLevel()) * scale;
        world.ledger().add(Draft.card(second, customer.id(), Amounts.exact(amount), merchant, place, null));
    }

    private static long minutes(RandomGenerator random, int min, int max) {
        return (long) Sampling.between(random, min * MINUTE, max * MINUTE);
    }

    /** One customer's spending habits. */
    private record Habits(
            double[] categories,
            Map<MerchantCategory, List<Merchant>> favourites,
            double cardRate,
            double atmRate,
            double depositRate,
            boolean gamer) {}
}
