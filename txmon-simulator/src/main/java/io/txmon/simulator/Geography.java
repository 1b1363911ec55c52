package io.txmon.simulator;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The map of the simulated world: a British retail bank's customers live in the cities of the United
 * Kingdom (whose clocks show UTC in winter, so hours of the day read directly) and travel at home and
 * abroad. Fraudsters act from the same cities travellers visit, so a city name alone never gives a
 * label away.
 */
final class Geography {
    /** Home country of every customer and business. */
    static final String HOME_COUNTRY = "GB";

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final List<City> cities;
    private final List<City> domestic;
    private final double[] residentsCumulative;
    private final double[] visitorsCumulative;

    Geography() {
        List<City> all = new ArrayList<>();
        home(all, "London", 51.507, -0.128, 9.0);
        home(all, "Birmingham", 52.486, -1.890, 1.2);
        home(all, "Manchester", 53.481, -2.243, 1.1);
        home(all, "Leeds", 53.801, -1.549, 0.8);
        home(all, "Glasgow", 55.864, -4.252, 0.7);
        home(all, "Liverpool", 53.408, -2.991, 0.55);
        home(all, "Bristol", 51.455, -2.588, 0.55);
        home(all, "Sheffield", 53.381, -1.470, 0.55);
        home(all, "Edinburgh", 55.953, -3.188, 0.55);
        home(all, "Cardiff", 51.481, -3.179, 0.4);
        home(all, "Newcastle upon Tyne", 54.978, -1.618, 0.35);
        home(all, "Nottingham", 52.954, -1.158, 0.35);
        home(all, "Leicester", 52.637, -1.140, 0.35);
        home(all, "Belfast", 54.597, -5.930, 0.35);
        home(all, "Brighton", 50.823, -0.138, 0.3);
        home(all, "Southampton", 50.910, -1.404, 0.28);
        home(all, "Cambridge", 52.205, 0.122, 0.15);
        home(all, "Oxford", 51.752, -1.258, 0.15);
        abroad(all, "Paris", "FR", "Europe/Paris", 48.857, 2.352, 2.0);
        abroad(all, "Amsterdam", "NL", "Europe/Amsterdam", 52.370, 4.895, 1.2);
        abroad(all, "Dublin", "IE", "Europe/Dublin", 53.350, -6.260, 1.2);
        abroad(all, "Barcelona", "ES", "Europe/Madrid", 41.385, 2.173, 1.5);
        abroad(all, "Madrid", "ES", "Europe/Madrid", 40.417, -3.704, 0.9);
        abroad(all, "Malaga", "ES", "Europe/Madrid", 36.721, -4.421, 1.2);
        abroad(all, "Lisbon", "PT", "Europe/Lisbon", 38.722, -9.139, 0.9);
        abroad(all, "Rome", "IT", "Europe/Rome", 41.903, 12.496, 1.0);
        abroad(all, "Berlin", "DE", "Europe/Berlin", 52.520, 13.405, 0.8);
        abroad(all, "Prague", "CZ", "Europe/Prague", 50.076, 14.438, 0.5);
        abroad(all, "Warsaw", "PL", "Europe/Warsaw", 52.230, 21.012, 0.6);
        abroad(all, "Bucharest", "RO", "Europe/Bucharest", 44.427, 26.103, 0.5);
        abroad(all, "Istanbul", "TR", "Europe/Istanbul", 41.008, 28.978, 0.5);
        abroad(all, "Dubai", "AE", "Asia/Dubai", 25.205, 55.271, 0.6);
        abroad(all, "Lagos", "NG", "Africa/Lagos", 6.524, 3.379, 0.3);
        abroad(all, "Mumbai", "IN", "Asia/Kolkata", 19.076, 72.878, 0.4);
        abroad(all, "Bangkok", "TH", "Asia/Bangkok", 13.756, 100.502, 0.4);
        abroad(all, "New York", "US", "America/New_York", 40.713, -74.006, 0.8);
        this.cities = List.copyOf(all);
        this.domestic = cities.stream().filter(City::isDomestic).toList();
        this.residentsCumulative = Sampling.cumulative(
                domestic.stream().mapToDouble(City::residents).toArray());
        this.visitorsCumulative =
                Sampling.cumulative(cities.stream().mapToDouble(City::visitors).toArray());
    }

    private static void home(List<City> all, String name, double latitude, double longitude, double residents) {
        // Domestic trips go to big cities more often, but less than in proportion to their size.
        all.add(new City(name, HOME_COUNTRY, LONDON, latitude, longitude, residents, Math.sqrt(residents)));
    }

    private static void abroad(
            List<City> all,
            String name,
            String country,
            String zone,
            double latitude,
            double longitude,
            double visitors) {
        all.add(new City(name, country, ZoneId.of(zone), latitude, longitude, 0, visitors));
    }

    List<City> cities() {
        return cities;
    }

    List<City> domestic() {
        return domestic;
    }

    /** Where a customer lives, in proportion to where the bank's customers live. */
    City home(RandomGenerator random) {
        return domestic.get(Sampling.pickIndex(random, residentsCumulative));
    }

    /** A trip's destination, anywhere but {@code from}, as travellers choose them. */
    City destination(RandomGenerator random, City from) {
        return visitedAtLeast(random, from, 1);
    }

    /**
     * A city at least {@code minKm} from {@code from}, drawn as travellers choose destinations: where a
     * cloned card or a stolen login is used.
     */
    City visitedAtLeast(RandomGenerator random, City from, double minKm) {
        for (int attempt = 0; attempt < 64; attempt++) {
            City city = cities.get(Sampling.pickIndex(random, visitorsCumulative));
            if (!city.equals(from) && city.distanceKm(from) >= minKm) {
                return city;
            }
        }
        // Every city in the table has some city this far away; the loop above almost always finds one.
        return cities.stream()
                .filter(city -> city.distanceKm(from) >= minKm)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no city is " + minKm + " km from " + from.name()));
    }

    /** A home-country city at least {@code minKm} from {@code from}, else any city that far. */
    City domesticAtLeast(RandomGenerator random, City from, double minKm) {
        List<City> far =
                domestic.stream().filter(city -> city.distanceKm(from) >= minKm).toList();
        if (far.isEmpty()) {
            return visitedAtLeast(random, from, minKm);
        }
        double[] weights =
                Sampling.cumulative(far.stream().mapToDouble(City::visitors).toArray());
        return far.get(Sampling.pickIndex(random, weights));
    }
}
