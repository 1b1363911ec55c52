package io.txmon.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The most recently seen distinct keys of one kind (devices, cities, counterparties...), each with when it
 * was first and last seen, up to a fixed capacity; the least recently seen key makes room for a new one.
 *
 * <p>Counting the keys seen since some time is exact while fewer than {@code capacity} distinct keys were
 * seen in that span, because eviction always drops the least recent key; beyond that the count saturates
 * at the capacity, which is far above any threshold a rule would use. A linear scan over a few dozen ints
 * is faster than any hash set at this size and allocates nothing.
 */
final class RecentKeys {
    private final int[] keys;
    private final int[] firstSeen;
    private final int[] lastSeen;
    private int size;

    RecentKeys(int capacity) {
        keys = new int[capacity];
        firstSeen = new int[capacity];
        lastSeen = new int[capacity];
    }

    /** Makes this hold exactly what {@code other} holds, which has the same capacity. */
    void copyFrom(RecentKeys other) {
        System.arraycopy(other.keys, 0, keys, 0, keys.length);
        System.arraycopy(other.firstSeen, 0, firstSeen, 0, firstSeen.length);
        System.arraycopy(other.lastSeen, 0, lastSeen, 0, lastSeen.length);
        size = other.size;
    }

    int capacity() {
        return keys.length;
    }

    boolean contains(int key) {
        return indexOf(key) >= 0;
    }

    /** Whether {@code key} was seen after {@code since}. */
    boolean seenAfter(int key, int since) {
        int i = indexOf(key);
        return i >= 0 && lastSeen[i] > since;
    }

    /** Whether {@code key} is held and was first seen after {@code since}. */
    boolean firstSeenAfter(int key, int since) {
        int i = indexOf(key);
        return i >= 0 && firstSeen[i] > since;
    }

    /** Distinct keys last seen after {@code since}. */
    int countSeenAfter(int since) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (lastSeen[i] > since) {
                count++;
            }
        }
        return count;
    }

    /** Records that {@code key} was seen at {@code time}, evicting the least recently seen key if full. */
    void touch(int key, int time) {
        if (key == Keys.NONE) {
            return;
        }
        int i = indexOf(key);
        if (i < 0) {
            i = size < keys.length ? size++ : leastRecent();
            keys[i] = key;
            firstSeen[i] = time;
            lastSeen[i] = time;
        } else if (time > lastSeen[i]) {
            lastSeen[i] = time;
        }
    }

    private int indexOf(int key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return i;
            }
        }
        return -1;
    }

    private int leastRecent() {
        int oldest = 0;
        for (int i = 1; i < size; i++) {
            if (lastSeen[i] < lastSeen[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeByte(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(keys[i]);
            out.writeInt(firstSeen[i]);
            out.writeInt(lastSeen[i]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        int stored = in.readUnsignedByte();
        if (stored > keys.length) {
            throw new IOException("saved key set holds " + stored + " keys, more than its capacity " + keys.length);
        }
        size = stored;
        for (int i = 0; i < size; i++) {
            keys[i] = in.readInt();
            firstSeen[i] = in.readInt();
            lastSeen[i] = in.readInt();
        }
    }
}
