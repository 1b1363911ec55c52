package io.txmon.simulator;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A place where people live, travel and pay.
 *
 * @param name the city name, as transactions carry it in {@code location}
 * @param country ISO 3166-1 alpha-2 country code
 * @param zone the local time zone, in which people keep their daily rhythm
 * @param latitude degrees north
 * @param longitude degrees east
 * @param residents relative number of the bank's customers living there; zero abroad
 * @param visitors relative number of trips that go there
 */
record City(
        String name,
        String country,
        ZoneId zone,
        double latitude,
        double longitude,
        double residents,
        double visitors) {

    private static final double EARTH_RADIUS_KM = 6371.0;

    City {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(zone, "zone");
    }

    /** Whether the city lies in the bank's home country. */
    boolean isDomestic() {
        return Geography.HOME_COUNTRY.equals(country);
    }

    /** Great-circle distance (haversine), enough to tell a plausible journey from an impossible one. */
    double distanceKm(City other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude))
                        * Math.cos(Math.toRadians(other.latitude))
                        * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
    }
}
