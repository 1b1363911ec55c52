package io.txmon.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Counts and sums of an account's movements per clock hour, for the current hour and the
 * {@value #HOURS_BACK} before it: the fallback for windows of up to a day when the account is too busy for
 * {@link RecentMovements} to hold them. The hour at a window's far edge is counted in proportion to the
 * part of it inside the window, so estimates err by at most a fraction of one hour's activity.
 */
final class HourlyTotals {
    static final int HOURS_BACK = 24;
    static final long HOUR_MILLIS = 3_600_000L;

    private static final int BUCKETS = HOURS_BACK + 1;

    private final double[] outCount = new double[BUCKETS];
    private final double[] outSum = new double[BUCKETS];
    private final double[] cashInCount = new double[BUCKETS];
    private final double[] cashInSum = new double[BUCKETS];
    private final double[] transferInCount = new double[BUCKETS];
    private final double[] transferInSum = new double[BUCKETS];
    private long newestHour;

    /** Makes this hold exactly what {@code other} holds, which has the same capacity. */
    void copyFrom(HourlyTotals other) {
        System.arraycopy(other.outCount, 0, outCount, 0, outCount.length);
        System.arraycopy(other.outSum, 0, outSum, 0, outSum.length);
        System.arraycopy(other.cashInCount, 0, cashInCount, 0, cashInCount.length);
        System.arraycopy(other.cashInSum, 0, cashInSum, 0, cashInSum.length);
        System.arraycopy(other.transferInCount, 0, transferInCount, 0, transferInCount.length);
        System.arraycopy(other.transferInSum, 0, transferInSum, 0, transferInSum.length);
        newestHour = other.newestHour;
    }

    void add(long epochMillis, MovementKind movement, double value) {
        int b = advanceTo(Math.floorDiv(epochMillis, HOUR_MILLIS));
        switch (movement) {
            case CARD, TRANSFER_OUT, CASH_OUT -> {
                outCount[b]++;
                outSum[b] += value;
            }
            case CASH_IN -> {
                cashInCount[b]++;
                cashInSum[b] += value;
            }
            case TRANSFER_IN -> {
                transferInCount[b]++;
                transferInSum[b] += value;
            }
        }
    }

    /**
     * Fills {@code window} with estimated counts and sums in (since, now], in one pass that steps through
     * the buckets rather than dividing for each.
     */
    void window(long sinceMillis, Window window) {
        window.clear();
        long firstHour = Math.floorDiv(sinceMillis, HOUR_MILLIS);
        long from = Math.max(firstHour, newestHour - HOURS_BACK);
        int b = bucket(from);
        for (long h = from; h <= newestHour; h++) {
            double share = h == firstHour ? (double) ((h + 1) * HOUR_MILLIS - sinceMillis) / HOUR_MILLIS : 1;
            window.outCount += outCount[b] * share;
            window.outSum += outSum[b] * share;
            window.cashInCount += cashInCount[b] * share;
            window.cashInSum += cashInSum[b] * share;
            window.transferInCount += transferInCount[b] * share;
            window.transferInSum += transferInSum[b] * share;
            b = b + 1 == BUCKETS ? 0 : b + 1;
        }
    }

    private int advanceTo(long hour) {
        if (hour > newestHour) {
            long gap = Math.min(hour - newestHour, BUCKETS);
            for (long h = hour - gap + 1; h <= hour; h++) {
                int b = bucket(h);
                outCount[b] = 0;
                outSum[b] = 0;
                cashInCount[b] = 0;
                cashInSum[b] = 0;
                transferInCount[b] = 0;
                transferInSum[b] = 0;
            }
            newestHour = hour;
        }
        return bucket(hour);
    }

    private static int bucket(long hour) {
        return (int) Math.floorMod(hour, BUCKETS);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(newestHour);
        for (int i = 0; i < BUCKETS; i++) {
            long h = newestHour - i;
            int b = bucket(h);
            out.writeDouble(outCount[b]);
            out.writeDouble(outSum[b]);
            out.writeDouble(cashInCount[b]);
            out.writeDouble(cashInSum[b]);
            out.writeDouble(transferInCount[b]);
            out.writeDouble(transferInSum[b]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        newestHour = in.readLong();
        for (int i = 0; i < BUCKETS; i++) {
            int b = bucket(newestHour - i);
            outCount[b] = in.readDouble();
            outSum[b] = in.readDouble();
            cashInCount[b] = in.readDouble();
            cashInSum[b] = in.readDouble();
            transferInCount[b] = in.readDouble();
            transferInSum[b] = in.readDouble();
        }
    }

    /** Scratch totals of one window, reused across calls so that extraction allocates nothing. */
    static final class Window {
        double outCount;
        double outSum;
        double cashInCount;
        double cashInSum;
        double transferInCount;
        double transferInSum;

        void clear() {
            outCount = 0;
            outSum = 0;
            cashInCount = 0;
            cashInSum = 0;
            transferInCount = 0;
            transferInSum = 0;
        }

        double initiatedCount() {
            return outCount + cashInCount;
        }

        double initiatedSum() {
            return outSum + cashInSum;
        }

        double inCount() {
            return cashInCount + transferInCount;
        }

        double inSum() {
            return cashInSum + transferInSum;
        }
    }
}
