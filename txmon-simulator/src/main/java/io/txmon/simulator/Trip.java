package io.txmon.simulator;

import java.util.Objects;

/**
 * A journey away from home and back.
 *
 * @param destination where to
 * @param departure epoch second the customer leaves home
 * @param arrival epoch second they arrive
 * @param returnDeparture epoch second they set off home
 * @param returnArrival epoch second they are home again
 */
record Trip(City destination, long departure, long arrival, long returnDeparture, long returnArrival) {
    Trip {
        Objects.requireNonNull(destination, "destination");
        if (!(departure < arrival && arrival < returnDeparture && returnDeparture < returnArrival)) {
            throw new IllegalArgumentException("a trip's times must follow each other");
        }
    }
}
