package io.txmon.simulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Every merchant in the world: shops in each city and merchants selling online, in numbers that grow
 * with the number of customers. Within a city and category a few merchants are popular and most are
 * not (Zipf), so merchants are shared by many customers the way real ones are.
 */
final class Merchants {
    /** Shops per customer in the home country, before splitting by city and category. */
    static final double SHOPS_PER_CUSTOMER = 0.4;
    /** Online merchants per customer, before splitting by category. */
    static final double ONLINE_MERCHANTS_PER_CUSTOMER = 0.05;
    /** How steeply popularity falls with rank. */
    static final double POPULARITY_EXPONENT = 0.9;

    private final Map<City, Map<MerchantCategory, Shelf>> shops = new HashMap<>();
    private final Map<MerchantCategory, Shelf> online = new EnumMap<>(MerchantCategory.class);

    Merchants(Geography geography, int customers, Ids ids, RandomGenerator random) {
        double totalResidents =
                geography.domestic().stream().mapToDouble(City::residents).sum();
        double totalShare = 0;
        for (MerchantCategory category : MerchantCategory.values()) {
            totalShare += category.share();
        }
        for (City city : geography.cities()) {
            Map<MerchantCategory, Shelf> byCategory = new EnumMap<>(MerchantCategory.class);
            for (MerchantCategory category : MerchantCategory.values()) {
                if (!category.hasShops() || category.share() == 0) {
                    continue;
                }
                double share = category.share() / totalShare * (1 - category.onlineShare());
                long count = city.isDomestic()
                        ? Math.round(customers * city.residents() / totalResidents * share * SHOPS_PER_CUSTOMER)
                        : Math.round(share * 40);
                byCategory.put(category, shelf(ids, category, city, (int) Math.max(2, count)));
            }
            shops.put(city, byCategory);
        }
        for (MerchantCategory category : MerchantCategory.values()) {
            if (!category.sellsOnline()) {
                continue;
            }
            double share = Math.max(category.share(), 1) / totalShare * category.onlineShare();
            long count = Math.round(customers * share * ONLINE_MERCHANTS_PER_CUSTOMER);
            List<Merchant> merchants = new ArrayList<>();
            for (int i = 0; i < Math.max(3, count); i++) {
                merchants.add(new Merchant(ids.merchant(), category, geography.home(random), true));
            }
            online.put(category, new Shelf(merchants));
        }
    }

    private static Shelf shelf(Ids ids, MerchantCategory category, City city, int count) {
        List<Merchant> merchants = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            merchants.add(new Merchant(ids.merchant(), category, city, false));
        }
        return new Shelf(merchants);
    }

    /** A shop of the category in the city, popular ones more often; every city has shops of every kind. */
    Merchant shop(RandomGenerator random, City city, MerchantCategory category) {
        return shops.get(city).get(category).pick(random);
    }

    /** An online merchant of the category, popular ones more often. */
    Merchant online(RandomGenerator random, MerchantCategory category) {
        return online.get(category).pick(random);
    }

    /** The online merchants of a category, for picking several distinct ones. */
    List<Merchant> allOnline(MerchantCategory category) {
        return online.get(category).merchants();
    }

    /** The merchants of one city and category with their popularity. */
    private record Shelf(List<Merchant> merchants, double[] popularity) {
        Shelf(List<Merchant> merchants) {
            this(List.copyOf(merchants), Sampling.zipfCumulative(merchants.size(), POPULARITY_EXPONENT));
        }

        Merchant pick(RandomGenerator random) {
            return merchants.get(Sampling.pickIndex(random, popularity));
        }
    }
}
