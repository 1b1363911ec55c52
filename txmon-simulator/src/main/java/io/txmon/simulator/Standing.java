package io.txmon.simulator;

/** Where an account stands in its life when the period starts. */
enum Standing {
    /** In everyday use. */
    REGULAR,
    /** Opened during the period; activity starts with money moved in from elsewhere. */
    NEW,
    /** Opened years ago and quiet for months; stays quiet unless someone abuses it. */
    DORMANT,
    /** Dormant, but its owner comes back during the period and uses it normally. */
    DORMANT_WAKING
}
