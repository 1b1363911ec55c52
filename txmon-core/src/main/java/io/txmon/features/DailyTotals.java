package io.txmon.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Per clock day (UTC), for the current day and the {@value #DAYS_BACK} before it: count, sum, sum of
 * squares and largest amount of the account's own transactions, and the count of payments into it. The
 * source of the account's 30-day amount profile and usual daily activity, and the fallback for 30-day
 * windows of accounts too busy for {@link RecentMovements}.
 */
final class DailyTotals {
    static final int DAYS_BACK = 30;
    static final long DAY_MILLIS = 86_400_000L;

    private static final int BUCKETS = DAYS_BACK + 1;

    private final double[] count = new double[BUCKETS];
    private final double[] sum = new double[BUCKETS];
    private final double[] sumOfSquares = new double[BUCKETS];
    private final double[] max = new double[BUCKETS];
    private final double[] inCount = new double[BUCKETS];
    private long newestDay;

    /** Makes this hold exactly what {@code other} holds, which has the same capacity. */
    void copyFrom(DailyTotals other) {
        System.arraycopy(other.count, 0, count, 0, count.length);
        System.arraycopy(other.sum, 0, sum, 0, sum.length);
        System.arraycopy(other.sumOfSquares, 0, sumOfSquares, 0, sumOfSquares.length);
        System.arraycopy(other.max, 0, max, 0, max.length);
        System.arraycopy(other.inCount, 0, inCount, 0, inCount.length);
        newestDay = other.newestDay;
    }

    void add(long epochMillis, MovementKind movement, double value) {
        int b = advanceTo(Math.floorDiv(epochMillis, DAY_MILLIS));
        if (movement.initiated()) {
            count[b]++;
            sum[b] += value;
            sumOfSquares[b] += value * value;
            max[b] = Math.max(max[b], value);
        }
        if (movement.inflow()) {
            inCount[b]++;
        }
    }

    static long dayOf(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MILLIS);
    }

    /**
     * Fills {@code history} from the days {@code DAYS_BACK} days ago to {@code today}: the account's own
     * amounts over all of them, and its own transactions and payments in on the days before today. One pass,
     * stepping through the buckets rather than dividing for each, since every transaction needs it.
     */
    void history(long today, History history) {
        history.clear();
        long first = Math.max(today - DAYS_BACK, newestDay - DAYS_BACK);
        long last = Math.min(today, newestDay);
        int b = bucket(first);
        for (long d = first; d <= last; d++) {
            history.count += (int) count[b];
            history.sum += sum[b];
            history.sumOfSquares += sumOfSquares[b];
            history.max = Math.max(history.max, max[b]);
            if (d < today) {
                history.initiatedBeforeToday += (int) count[b];
                history.inflowsBeforeToday += (int) inCount[b];
            }
            b = b + 1 == BUCKETS ? 0 : b + 1;
        }
    }

    /**
     * Estimated count and sum of the account's own transactions in (since, now], for 30-day windows:
     * the count goes to {@code countAndSum[0]}, the sum to {@code countAndSum[1]}.
     */
    void initiated(long sinceMillis, double[] countAndSum) {
        double count = 0;
        double total = 0;
        long firstDay = dayOf(sinceMillis);
        long from = Math.max(firstDay, newestDay - DAYS_BACK);
        int b = bucket(from);
        for (long d = from; d <= newestDay; d++) {
            double share = shareInside(d, firstDay, sinceMillis);
            count += this.count[b] * share;
            total += sum[b] * share;
            b = b + 1 == BUCKETS ? 0 : b + 1;
        }
        countAndSum[0] = count;
        countAndSum[1] = total;
    }

    private static double shareInside(long day, long firstDay, long sinceMillis) {
        if (day != firstDay) {
            return 1;
        }
        return (double) ((day + 1) * DAY_MILLIS - sinceMillis) / DAY_MILLIS;
    }

    private int advanceTo(long day) {
        if (day > newestDay) {
            long gap = Math.min(day - newestDay, BUCKETS);
            for (long d = day - gap + 1; d <= day; d++) {
                int b = bucket(d);
                count[b] = 0;
                sum[b] = 0;
                sumOfSquares[b] = 0;
                max[b] = 0;
                inCount[b] = 0;
            }
            newestDay = day;
        }
        return bucket(day);
    }

    private static int bucket(long day) {
        return (int) Math.floorMod(day, BUCKETS);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(newestDay);
        for (int i = 0; i < BUCKETS; i++) {
            int b = bucket(newestDay - i);
            out.writeDouble(count[b]);
            out.writeDouble(sum[b]);
            out.writeDouble(sumOfSquares[b]);
            out.writeDouble(max[b]);
            out.writeDouble(inCount[b]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        newestDay = in.readLong();
        for (int i = 0; i < BUCKETS; i++) {
            int b = bucket(newestDay - i);
            count[b] = in.readDouble();
            sum[b] = in.readDouble();
            sumOfSquares[b] = in.readDouble();
            max[b] = in.readDouble();
            inCount[b] = in.readDouble();
        }
    }

    /** Scratch totals of an account's recent days, reused across calls so that extraction allocates nothing. */
    static final class History {
        int count;
        double sum;
        double sumOfSquares;
        double max;
        int initiatedBeforeToday;
        int inflowsBeforeToday;

        void clear() {
            count = 0;
            sum = 0;
            sumOfSquares = 0;
            max = 0;
            initiatedBeforeToday = 0;
            inflowsBeforeToday = 0;
        }

        double mean() {
            return count == 0 ? 0 : sum / count;
        }

        double standardDeviation() {
            if (count < 2) {
                return 0;
            }
            double mean = mean();
            return Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean));
        }
    }
}
