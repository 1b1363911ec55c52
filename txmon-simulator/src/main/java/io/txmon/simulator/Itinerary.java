package io.txmon.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Where a customer is over the period and when their account is in use: trips away from home (at home
 * and abroad) and, for some, a quiet stretch of weeks when the account is not used at all and then comes
 * back as before, which looks like dormancy but is not.
 */
final class Itinerary {
    static final double MEDIAN_TRIPS_PER_MONTH = 0.12;
    static final double QUIET_STRETCH_SHARE = 0.05;
    static final double FLIGHT_KM_PER_HOUR = 650;

    private static final int DAY = Window.SECONDS_PER_DAY;
    private static final int HOUR = Window.SECONDS_PER_HOUR;

    private final City home;
    private final long activeFrom;
    private final List<Trip> trips;
    private final long quietFrom;
    private final long quietUntil;

    private Itinerary(City home, long activeFrom, List<Trip> trips, long quietFrom, long quietUntil) {
        this.home = home;
        this.activeFrom = activeFrom;
        this.trips = List.copyOf(trips);
        this.quietFrom = quietFrom;
        this.quietUntil = quietUntil;
    }

    static Itinerary draw(Customer customer, World world, RandomGenerator random) {
        Window window = world.window();
        double tripsPerMonth = Sampling.logNormal(random, MEDIAN_TRIPS_PER_MONTH, 1.0, 0, 2);
        int count = Sampling.poisson(random, tripsPerMonth * window.days() / 30.0);
        List<Trip> planned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            planned.add(trip(customer, world, random));
        }
        planned.sort(Comparator.comparingLong(Trip::departure));
        List<Trip> trips = new ArrayList<>();
        long free = Long.MIN_VALUE;
        for (Trip trip : planned) {
            if (trip.departure() > free) {
                trips.add(trip);
                free = trip.returnArrival() + DAY;
            }
        }
        long quietFrom = window.end();
        long quietUntil = window.end();
        if (customer.standing() == Standing.REGULAR && Sampling.chance(random, QUIET_STRETCH_SHARE)) {
            quietFrom = window.start() + (long) (random.nextDouble() * window.days() * DAY);
            quietUntil = quietFrom + (long) Sampling.uniform(random, 7, 25) * DAY;
        }
        return new Itinerary(customer.home(), customer.activeFrom(), trips, quietFrom, quietUntil);
    }

    private static Trip trip(Customer customer, World world, RandomGenerator random) {
        Window window = world.window();
        City destination = world.geography().destination(random, customer.home());
        int dateIndex = random.nextInt(window.dateCount());
        long departure = window.at(dateIndex, customer.home().zone(), Sampling.between(random, 6 * HOUR, 20 * HOUR));
        long journey = journeySeconds(customer.home(), destination, random);
        int nights = 1 + Sampling.poisson(random, 3);
        long returnDeparture = window.at(
                Math.min(dateIndex + nights, window.dateCount()),
                destination.zone(),
                Sampling.between(random, 7 * HOUR, 21 * HOUR));
        long arrival = departure + journey;
        if (returnDeparture <= arrival) {
            returnDeparture = arrival + 12 * HOUR;
        }
        return new Trip(destination, departure, arrival, returnDeparture, returnDeparture + journey);
    }

    /** Door to door: getting to the station or airport, then the journey itself. */
    private static long journeySeconds(City from, City to, RandomGenerator random) {
        double hours = Sampling.uniform(random, 0.75, 2.5) + from.distanceKm(to) / FLIGHT_KM_PER_HOUR;
        return (long) (hours * HOUR);
    }

    /** Whether the account is in use at a moment: opened (or woken) and not in a quiet stretch. */
    boolean active(long second) {
        return second >= activeFrom && (second < quietFrom || second >= quietUntil);
    }

    /** Where the customer is at a moment; on the way somewhere they count as still where they left. */
    City placeAt(long second) {
        for (Trip trip : trips) {
            if (second >= trip.arrival() && second < trip.returnArrival()) {
                return trip.destination();
            }
        }
        return home;
    }

    List<Trip> trips() {
        return trips;
    }
}
