package io.txmon.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The last {@value #CAPACITY} money movements of an account, exactly as they happened: the source of
 * every short window (one minute to one hour) and of the exact long windows of quiet accounts.
 *
 * <p>A ring of parallel primitive arrays: adding is O(1) and allocation-free, and reading newest first
 * stops as soon as a movement falls out of the widest window asked for. The ring "holds" a window when no
 * movement inside it has been overwritten yet; callers fall back to {@link HourlyTotals} or
 * {@link DailyTotals} for windows it does not hold.
 */
final class RecentMovements {
    /** Movements kept; a power of two so that ring positions are a mask away. */
    static final int CAPACITY = 32;

    private static final int MASK = CAPACITY - 1;

    private final long[] time = new long[CAPACITY];
    private final double[] amount = new double[CAPACITY];
    private final byte[] kind = new byte[CAPACITY];
    private final int[] city = new int[CAPACITY];
    private final int[] merchant = new int[CAPACITY];
    private int size;
    private int next;

    /** Makes this hold exactly what {@code other} holds, which has the same capacity. */
    void copyFrom(RecentMovements other) {
        System.arraycopy(other.time, 0, time, 0, time.length);
        System.arraycopy(other.amount, 0, amount, 0, amount.length);
        System.arraycopy(other.kind, 0, kind, 0, kind.length);
        System.arraycopy(other.city, 0, city, 0, city.length);
        System.arraycopy(other.merchant, 0, merchant, 0, merchant.length);
        size = other.size;
        next = other.next;
    }

    void add(long epochMillis, double value, MovementKind movement, int cityKey, int merchantKey) {
        time[next] = epochMillis;
        amount[next] = value;
        kind[next] = (byte) movement.ordinal();
        city[next] = cityKey;
        merchant[next] = merchantKey;
        next = (next + 1) & MASK;
        if (size < CAPACITY) {
            size++;
        }
    }

    int size() {
        return size;
    }

    /** Whether every movement later than {@code sinceMillis} is still held. */
    boolean holdsAllAfter(long sinceMillis) {
        // When full, the oldest entry sits where the next one will be written.
        return size < CAPACITY || time[next] <= sinceMillis;
    }

    // Accessors by recency: 0 is the newest movement, size() - 1 the oldest.

    long time(int recency) {
        return time[slot(recency)];
    }

    double amount(int recency) {
        return amount[slot(recency)];
    }

    MovementKind kind(int recency) {
        return MovementKind.ofOrdinal(kind[slot(recency)]);
    }

    int city(int recency) {
        return city[slot(recency)];
    }

    int merchant(int recency) {
        return merchant[slot(recency)];
    }

    private int slot(int recency) {
        return (next - 1 - recency) & MASK;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeByte(size);
        for (int recency = size - 1; recency >= 0; recency--) {
            int s = slot(recency);
            out.writeLong(time[s]);
            out.writeDouble(amount[s]);
            out.writeByte(kind[s]);
            out.writeInt(city[s]);
            out.writeInt(merchant[s]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        int stored = in.readUnsignedByte();
        if (stored > CAPACITY) {
            throw new IOException("saved state holds " + stored + " recent movements, more than " + CAPACITY);
        }
        size = 0;
        next = 0;
        for (int i = 0; i < stored; i++) {
            long t = in.readLong();
            double value = in.readDouble();
            int k = in.readUnsignedByte();
            if (k >= MovementKind.values().length) {
                throw new IOException("saved state has an unknown movement kind " + k);
            }
            add(t, value, MovementKind.ofOrdinal(k), in.readInt(), in.readInt());
        }
    }
}
