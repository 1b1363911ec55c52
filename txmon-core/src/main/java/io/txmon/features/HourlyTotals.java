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

    /** Estimated count of the account's own transactions in (since, now]. */
    double initiatedCount(long sinceMillis) {
        return estimate(outCount, sinceMillis) + estimate(cashInCount, sinceMillis);
    }

    double initiatedSum(long sinceMillis) {
        return estimate(outSum, sinceMillis) + estimate(cashInSum, sinceMillis);
    }

    double outCount(long sinceMillis) {
        return estimate(outCount, sinceMillis);
    }

    double outSum(long sinceMillis) {
        return estimate(outSum, sinceMillis);
    }

    double inCount(long sinceMillis) {
        return estimate(cashInCount, sinceMillis) + estimate(transferInCount, sinceMillis);
    }

    double inSum(long sinceMillis) {
        return estimate(cashInSum, sinceMillis) + estimate(transferInSum, sinceMillis);
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

    private double estimate(double[] series, long sinceMillis) {
        long firstHour = Math.floorDiv(sinceMillis, HOUR_MILLIS);
        long oldestHeld = newestHour - HOURS_BACK;
        double total = 0;
        for (long h = Math.max(firstHour, oldestHeld); h <= newestHour; h++) {
            total += series[bucket(h)] * shareInside(h, firstHour, sinceMillis);
        }
        return total;
    }

    private static double shareInside(long hour, long firstHour, long sinceMillis) {
        if (hour != firstHour) {
            return 1;
        }
        return (double) ((hour + 1) * HOUR_MILLIS - sinceMillis) / HOUR_MILLIS;
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
}
