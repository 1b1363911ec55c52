package io.txmon.simulator;

import java.util.random.RandomGenerator;

/** One way of injecting a typology: each call plays out one incident among the ordinary activity. */
interface Incident {
    /** The typology every transaction of the incident is labelled with. */
    Typology typology();

    /**
     * Plays out one incident.
     *
     * @return how many transactions it added; zero when no account was fit to take part
     */
    int inject(Scene scene, RandomGenerator random);
}
