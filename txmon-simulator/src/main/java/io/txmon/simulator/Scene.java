package io.txmon.simulator;

import io.txmon.transaction.Channel;
import io.txmon.transaction.TransactionType;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * The stage incidents play on: the ordinary world, its histories, the cast of participants, and the
 * ledger the incident's transactions go to, each labelled with its typology.
 */
final class Scene {
    /** Most a cash machine pays out in a day. */
    static final double CASH_MACHINE_LIMIT = 500;

    private final World world;
    private final Histories histories;
    private final Cast cast;
    private final HourProfile typicalDay = HourProfile.typical();

    Scene(World world, Histories histories, Cast cast) {
        this.world = world;
        this.histories = histories;
        this.cast = cast;
    }

    World world() {
        return world;
    }

    Histories histories() {
        return histories;
    }

    Cast cast() {
        return cast;
    }

    Window window() {
        return world.window();
    }

    /** Records a draft as part of a typology; says whether it fell in the window. */
    boolean add(Draft draft, Typology typology) {
        return world.ledger().add(draft.as(typology));
    }

    /** Records a transfer (drafted as the bank would see it) as part of a typology. */
    boolean transfer(String from, String to, long second, long cents, Typology typology, RandomGenerator random) {
        Optional<Draft> draft = world.transfer(from, to, second, cents, random);
        return draft.isPresent() && add(draft.get(), typology);
    }

    /**
     * Another account taking part, paying in or receiving: with the given probability a customer of the
     * bank (a victim or mule with an ordinary life of their own), otherwise another bank's account, often
     * one never seen before.
     */
    String participant(RandomGenerator random, double internalShare) {
        if (Sampling.chance(random, internalShare)) {
            Optional<Customer> mule = cast.take(random, Customer::everyday);
            if (mule.isPresent()) {
                return mule.get().id();
            }
        }
        return Sampling.chance(random, 0.7)
                ? world.ids().account()
                : Sampling.pick(random, world.population().externalPersons());
    }

    /**
     * The first moment from {@code notBefore} on that falls at an hour the account's holder is habitually
     * active: the same day or the next. Criminals and their victims keep ordinary hours too, so most
     * typologies follow the rhythm of whoever makes each payment.
     */
    long nextHabitual(String accountId, long notBefore, RandomGenerator random) {
        Optional<Customer> customer = world.population().customer(accountId);
        HourProfile hours = customer.map(Customer::hours).orElse(typicalDay);
        City home =
                customer.map(Customer::home).orElse(world.geography().domestic().get(0));
        int date = window().dateIndexOf(notBefore, home.zone());
        long second = window().at(date, home.zone(), hours.secondOfDay(random, Daypart.ANY));
        if (second < notBefore) {
            second = window().at(
                            Math.min(date + 1, window().dateCount()),
                            home.zone(),
                            hours.secondOfDay(random, Daypart.ANY));
        }
        return Math.max(second, notBefore);
    }

    /** A moment uniformly within the window, leaving {@code room} seconds after it when the window allows. */
    long anyMoment(RandomGenerator random, long earliest, long room) {
        long from = Math.max(earliest, window().start());
        long until = Math.max(from + 1, window().end() - room);
        return from + (long) (random.nextDouble() * (until - from));
    }

    /**
     * Cash taken out by whoever controls the account: at a cash machine, in notes, up to its daily limit;
     * more over a branch counter, at once if the branch is open, else when it next opens.
     */
    boolean cashOut(
            String accountId, long second, double amount, City place, Typology typology, RandomGenerator random) {
        if (amount <= CASH_MACHINE_LIMIT) {
            Draft withdrawal = Draft.cash(
                    second,
                    accountId,
                    Amounts.atmWithdrawal(random, amount),
                    TransactionType.CASH_OUT,
                    place,
                    Channel.ATM);
            return add(withdrawal, typology);
        }
        Draft withdrawal = Draft.cash(
                branchOpenFrom(second, place, random),
                accountId,
                Amounts.branchWithdrawal(random, amount),
                TransactionType.CASH_OUT,
                place,
                Channel.BRANCH);
        return add(withdrawal, typology);
    }

    /** The moment itself if a branch is open then, else a moment on the next day a branch opens. */
    private long branchOpenFrom(long second, City place, RandomGenerator random) {
        int date = window().dateIndexOf(second, place.zone());
        int hour = window().localHour(second, place.zone());
        boolean weekday = !window().isWeekend(date);
        if (weekday && hour >= 9 && hour < 17) {
            return second;
        }
        for (int next = date; next < window().dateCount(); next++) {
            OptionalInt open = BranchHours.secondOfDay(window().dayOfWeek(next), random);
            long candidate = open.isPresent() ? window().at(next, place.zone(), open.getAsInt()) : second;
            if (open.isPresent() && candidate > second) {
                return candidate;
            }
        }
        return second;
    }
}
