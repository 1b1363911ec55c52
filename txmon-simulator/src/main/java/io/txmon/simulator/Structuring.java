package io.txmon.simulator;

import io.txmon.transaction.Channel;
import io.txmon.transaction.TransactionType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Structuring: cash is paid in as several deposits each just under the reporting threshold, spread over
 * days and often over branches in different cities, so that no single deposit is reported; often the
 * total then leaves by transfer. Mostly through personal accounts, sometimes through a shop's account
 * where cash is expected.
 *
 * <p>Look-alike: shops paying in a week's cash takings, some weeks just under 10,000; customers paying in
 * cash now and then.
 */
final class Structuring implements Incident {
    /** The cash reporting threshold deposits are kept under, in the base currency. */
    static final double REPORTING_THRESHOLD = 10_000;
    /** Deposits fall between {@code (1 - MAX_MARGIN)} and {@code (1 - MIN_MARGIN)} of the threshold. */
    static final double MIN_MARGIN = 0.005;

    static final double MAX_MARGIN = 0.2;
    static final int MIN_DEPOSITS = 3;
    static final double MEAN_EXTRA_DEPOSITS = 3;
    static final int MAX_SPAN_DAYS = 14;
    static final double OTHER_BRANCH_SHARE = 0.5;
    /** Share paid in over a branch counter rather than at a deposit machine. */
    static final double BRANCH_SHARE = 0.9;

    static final double BUSINESS_SHARE = 0.2;
    static final double MOVED_ON_SHARE = 0.6;

    private static final int DAY = Window.SECONDS_PER_DAY;

    @Override
    public Typology typology() {
        return Typology.STRUCTURING;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        World world = scene.world();
        Optional<Actor> actor = actor(scene, random);
        if (actor.isEmpty()) {
            return 0;
        }
        String account = actor.get().id();
        City home = actor.get().home();
        int deposits = Math.min(12, MIN_DEPOSITS + Sampling.poisson(random, MEAN_EXTRA_DEPOSITS));
        int spanDays = Sampling.between(random, 2, MAX_SPAN_DAYS);
        long start = scene.anyMoment(random, actor.get().activeFrom(), (long) (spanDays + 6) * DAY);
        Window window = scene.window();
        int firstDate = window.dateIndexOf(start, home.zone());
        int[] dates = new int[deposits];
        for (int i = 0; i < deposits; i++) {
            dates[i] = firstDate + random.nextInt(spanDays + 1);
        }
        Arrays.sort(dates);
        List<City> domestic = world.geography().domestic();
        int added = 0;
        long total = 0;
        long last = start;
        int previousDate = -1;
        City branch = home;
        long second = start;
        for (int date : dates) {
            int safeDate = Math.min(date, window.dateCount() - 1);
            boolean sameDay = safeDate == previousDate;
            previousDate = safeDate;
            OptionalInt open = BranchHours.secondOfDay(window.dayOfWeek(safeDate), random);
            boolean atBranch = open.isPresent() && Sampling.chance(random, BRANCH_SHARE);
            if (sameDay) {
                // Another branch in the same city later that day: one person cannot be in two cities at once.
                second += Sampling.between(random, 15 * 60, 2 * 3_600);
            } else {
                branch = Sampling.chance(random, OTHER_BRANCH_SHARE) ? Sampling.pick(random, domestic) : home;
                int secondOfDay = atBranch ? open.getAsInt() : Sampling.between(random, 7 * 3_600, 22 * 3_600);
                second = window.at(safeDate, branch.zone(), secondOfDay);
            }
            double amount = REPORTING_THRESHOLD * (1 - Sampling.logUniform(random, MIN_MARGIN, MAX_MARGIN));
            long cents = Math.min(Amounts.cashDeposit(random, amount), (long) (REPORTING_THRESHOLD * 100) - 1);
            Draft deposit = Draft.cash(
                    second, account, cents, TransactionType.CASH_IN, branch, atBranch ? Channel.BRANCH : Channel.ATM);
            if (scene.add(deposit, typology())) {
                added++;
                total += cents;
                last = Math.max(last, second);
            }
        }
        if (total > 0 && Sampling.chance(random, MOVED_ON_SHARE)) {
            long moment = last + (long) Sampling.uniform(random, DAY, 5 * DAY);
            long cents = Amounts.personal(random, total / 100.0 * Sampling.uniform(random, 0.8, 1.0));
            added += scene.transfer(account, scene.participant(random, 0.1), moment, cents, typology(), random) ? 1 : 0;
        }
        return added;
    }

    private Optional<Actor> actor(Scene scene, RandomGenerator random) {
        if (Sampling.chance(random, BUSINESS_SHARE)) {
            List<Business> shops = new ArrayList<>(scene.world().population().listed(BusinessKind.RETAILER));
            Sampling.shuffle(random, shops);
            for (Business shop : shops) {
                if (scene.cast().claim(shop.id())) {
                    return Optional.of(
                            new Actor(shop.id(), shop.city(), scene.window().start()));
                }
            }
        }
        return scene.cast()
                .take(random, Customer::everyday)
                .map(customer -> new Actor(customer.id(), customer.home(), customer.activeFrom()));
    }

    /** Whoever pays the cash in: a customer or a shop. */
    private record Actor(String id, City home, long activeFrom) {}
}
