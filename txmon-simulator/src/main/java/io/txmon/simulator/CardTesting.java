package io.txmon.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Card testing: a stolen card number is tried with a burst of tiny online payments at several merchants
 * (small shops, charities, app stores, where a decline costs nothing), and once it works it is used for
 * one or more large online purchases of goods easy to resell. The fraudster uses their own device from
 * wherever they are, amid the card holder's ordinary spending.
 *
 * <p>Look-alike: gamers' in-app purchase sessions, a few tiny payments at one or two app stores within
 * the hour, from the customer's own device.
 */
final class CardTesting implements Incident {
    static final int MIN_PROBES = 3;
    static final double MEAN_EXTRA_PROBES = 4;
    static final int MIN_MERCHANTS = 2;
    static final int MAX_MERCHANTS = 6;
    static final double CASH_OUT_SHARE = 0.85;
    static final double MEDIAN_CASH_OUT = 650;

    private static final MerchantCategory[] PROBED = {
        MerchantCategory.DIGITAL_GOODS,
        MerchantCategory.CHARITY,
        MerchantCategory.SUBSCRIPTION,
        MerchantCategory.GIFT_CARDS
    };
    private static final MerchantCategory[] RESOLD = {
        MerchantCategory.ELECTRONICS, MerchantCategory.GIFT_CARDS, MerchantCategory.JEWELRY, MerchantCategory.TRAVEL
    };

    @Override
    public Typology typology() {
        return Typology.CARD_TESTING;
    }

    @Override
    public int inject(Scene scene, RandomGenerator random) {
        Optional<Customer> victim = scene.cast().take(random, Customer::everyday);
        if (victim.isEmpty()) {
            return 0;
        }
        Customer holder = victim.get();
        World world = scene.world();
        City place =
                Sampling.chance(random, 0.3) ? holder.home() : world.geography().destination(random, holder.home());
        String device = world.ids().device();
        int probes = MIN_PROBES + Sampling.poisson(random, MEAN_EXTRA_PROBES);
        int wanted = Sampling.between(random, MIN_MERCHANTS, Math.min(MAX_MERCHANTS, probes));
        // Testers go where everyone shops online: popular merchants more often, as honest customers do.
        List<Merchant> targets = new ArrayList<>();
        for (int attempt = 0; attempt < 10 * wanted && targets.size() < wanted; attempt++) {
            Merchant merchant = world.merchants().online(random, PROBED[random.nextInt(PROBED.length)]);
            if (!targets.contains(merchant)) {
                targets.add(merchant);
            }
        }
        int merchants = targets.size();
        double meanGap = Sampling.logUniform(random, 20, 300);
        long second = scene.anyMoment(random, holder.activeFrom(), 3L * Window.SECONDS_PER_DAY);
        int added = 0;
        for (int i = 0; i < probes; i++) {
            Merchant merchant = targets.get(i < merchants ? i : random.nextInt(merchants));
            Draft probe = Draft.card(second, holder.id(), Amounts.small(random), merchant, place, device);
            added += scene.add(probe, typology()) ? 1 : 0;
            second += 5 + (long) Sampling.exponential(random, meanGap);
        }
        if (Sampling.chance(random, CASH_OUT_SHARE)) {
            int purchases = Sampling.between(random, 1, 3);
            second += (long) Sampling.logUniform(random, 120, 36 * Window.SECONDS_PER_HOUR);
            for (int i = 0; i < purchases; i++) {
                Merchant shop = world.merchants().online(random, RESOLD[random.nextInt(RESOLD.length)]);
                double amount = Sampling.logNormal(random, MEDIAN_CASH_OUT, 0.6, 150, 4_000);
                added += scene.add(
                                Draft.card(second, holder.id(), Amounts.exact(amount), shop, place, device), typology())
                        ? 1
                        : 0;
                second += (long) Sampling.logUniform(random, 60, 3 * Window.SECONDS_PER_HOUR);
            }
        }
        return added;
    }
}
