package io.txmon.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The last few amounts of one kind of movement (cash deposits, outgoing transfers) with their times: enough
 * to see deposits stacked under a reporting threshold, or money coming back to the account that sent it.
 * A ring, so that memory stays fixed however busy the account.
 */
final class RecentAmounts {
    private final long[] time;
    private final double[] amount;
    private int size;
    private int next;

    RecentAmounts(int capacity) {
        time = new long[capacity];
        amount = new double[capacity];
    }

    /** Makes this hold exactly what {@code other} holds, which has the same capacity. */
    void copyFrom(RecentAmounts other) {
        System.arraycopy(other.time, 0, time, 0, time.length);
        System.arraycopy(other.amount, 0, amount, 0, amount.length);
        size = other.size;
        next = other.next;
    }

    void add(long epochMillis, double value) {
        time[next] = epochMillis;
        amount[next] = value;
        next = (next + 1) % time.length;
        size = Math.min(size + 1, time.length);
    }

    /** Amounts later than {@code sinceMillis} within [low, high), as a count; their sum goes to {@code sum[0]}. */
    int countWithin(long sinceMillis, double low, double high, double[] sum) {
        int count = 0;
        double total = 0;
        for (int i = 0; i < size; i++) {
            if (time[i] > sinceMillis && amount[i] >= low && amount[i] < high) {
                count++;
                total += amount[i];
            }
        }
        sum[0] = total;
        return count;
    }

    /** Whether an amount later than {@code sinceMillis} lies within {@code tolerance} (relative) of {@code value}. */
    boolean anySimilar(long sinceMillis, double value, double tolerance) {
        for (int i = 0; i < size; i++) {
            if (time[i] > sinceMillis && Math.abs(amount[i] - value) <= tolerance * Math.max(amount[i], value)) {
                return true;
            }
        }
        return false;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeByte(size);
        for (int k = size; k > 0; k--) {
            int s = Math.floorMod(next - k, time.length);
            out.writeLong(time[s]);
            out.writeDouble(amount[s]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        int stored = in.readUnsignedByte();
        if (stored > time.length) {
            throw new IOException("saved state holds " + stored + " amounts, more than " + time.length);
        }
        size = 0;
        next = 0;
        for (int i = 0; i < stored; i++) {
            add(in.readLong(), in.readDouble());
        }
    }
}
