package io.txmon.simulator;

import io.txmon.transaction.Channel;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Cloned card: a skimmed copy of a card is used at tills and cash machines in a city far away, within
 * minutes or hours of the real card being used at home, so the same card is in two places at once.
 * Sometimes the copy moves on to a second city.
 *
 * <p>Look-alike: travellers, whose card is used at the airport at home and a few hours later at their
 * destination, at home or abroad.
 */
final class ClonedCard implements Incident {
    static final double MIN_DISTANCE_KM = 300;
    /** Share of copies used wherever travellers go, abroad included; the rest in a distant home city. */
    static final double ABROAD_SHARE = 0.5;

    static final int MIN_USES = 2;
    static final int MAX_USES = 6;
    static final double CASH_MACHINE_SHARE = 0.3;
    static final double SECOND_CITY_SHARE = 0.3;

    /** What a copied card buys: mostly everyday things where a card is rarely checked, some resellable goods. */
    private static final MerchantCategory[] BOUGHT = {
        MerchantCategory.GROCERY,
        MerchantCategory.RESTAURANT,
        MerchantCategory.BAR,
        MerchantCategory.CLOTHING,
        MerchantCategory.FUEL,
        MerchantCategory.ELECTRONICS,
        MerchantCategory.JEWELRY
    };

    private static final double[] BOUGHT_WEIGHTS = Sampling.cumulative(new double[] {4, 2, 2, 2, 1, 1, 0.5});

    @Override
    public Typology typology() {
        return Typology.CLONED_CARD;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        Histories histories = scene.histories();
        Optional<Customer> victim = scene.cast()
                .take(
                        random,
                        customer -> customer.everyday()
                                && histories.madeBy(customer.id()).stream().anyMatch(ClonedCard::atTill));
        if (victim.isEmpty()) {
            return 0;
        }
        Customer holder = victim.get();
        List<Draft> genuine = histories.madeBy(holder.id()).stream()
                .filter(ClonedCard::atTill)
                .toList();
        Draft anchor = Sampling.pick(random, genuine);
        long offset = (long) Sampling.logUniform(random, 5 * 60, 4 * Window.SECONDS_PER_HOUR);
        long second = anchor.second() + (Sampling.chance(random, 0.5) ? offset : -offset);
        Geography geography = scene.world().geography();
        City city = Sampling.chance(random, ABROAD_SHARE)
                ? geography.visitedAtLeast(random, anchor.place(), MIN_DISTANCE_KM)
                : geography.domesticAtLeast(random, anchor.place(), MIN_DISTANCE_KM);
        int added = useIn(scene, holder, city, second, Sampling.between(random, MIN_USES, MAX_USES), random);
        if (Sampling.chance(random, SECOND_CITY_SHARE)) {
            City next = geography.visitedAtLeast(random, city, MIN_DISTANCE_KM);
            long later =
                    second + (long) Sampling.logUniform(random, Window.SECONDS_PER_HOUR, 6 * Window.SECONDS_PER_HOUR);
            added += useIn(scene, holder, next, later, Sampling.between(random, 1, 3), random);
        }
        return added;
    }

    private int useIn(Scene scene, Customer holder, City city, long second, int uses, RandomGenerator random) {
        int added = 0;
        for (int i = 0; i < uses; i++) {
            if (Sampling.chance(random, CASH_MACHINE_SHARE)) {
                added += scene.cashOut(
                                holder.id(),
                                second,
                                Sampling.logNormal(random, 250, 0.5, 40, 500),
                                city,
                                typology(),
                                random)
                        ? 1
                        : 0;
            } else {
                MerchantCategory category = BOUGHT[Sampling.pickIndex(random, BOUGHT_WEIGHTS)];
                Merchant shop = scene.world().merchants().shop(random, city, category);
                double amount = category.amount(random, 1) * Sampling.uniform(random, 1.5, 4);
                added += scene.add(Draft.card(second, holder.id(), Amounts.exact(amount), shop, city, null), typology())
                        ? 1
                        : 0;
            }
            second += (long) Sampling.logUniform(random, 3 * 60, 90 * 60);
        }
        return added;
    }

    private static boolean atTill(Draft draft) {
        return draft.channel() == Channel.POS && draft.place() != null;
    }
}
