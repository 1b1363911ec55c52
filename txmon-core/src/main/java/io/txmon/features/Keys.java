package io.txmon.features;

/**
 * Turns the ids an account's state remembers (cities, devices, merchants, counterparties) into non-zero
 * 32-bit keys. Keeping keys rather than strings bounds the state's size; two different ids of one account
 * colliding is about one in four billion, and costs at worst one missed "first use".
 */
final class Keys {
    /** The key of "not given". */
    static final int NONE = 0;

    private Keys() {}

    static int of(String id) {
        if (id == null) {
            return NONE;
        }
        // String.hashCode is specified, so keys are stable across JVMs and saved states; the finalizer of
        // MurmurHash3 spreads similar ids ("city1", "city2") over the whole range.
        int h = id.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h == NONE ? 1 : h;
    }
}
