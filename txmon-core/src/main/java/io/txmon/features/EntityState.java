package io.txmon.features;

import java.util.Arrays;

/**
 * What txmon remembers of one entity ({@link EntityKind}): per clock day (UTC) for the current day and the
 * {@value #DAYS_BACK} before it, how many transactions touched it and how many of those are known as fraud; when it
 * was first seen; and, except for accounts, the most recent distinct accounts that used it and those whose
 * transactions here became known as fraud. A fixed amount of memory
 * however busy the entity, serializable on its own ({@link EntityStateCodec}), like an account's state.
 *
 * <p>Fraud counts change when an outcome becomes known, which is usually days after the transaction: the count is
 * kept on the day the transaction happened, so that "the share of the last 7 days' transactions known as fraud"
 * counts exactly the outcomes known when it is read.
 */
public final class EntityState {
    static final int DAYS_BACK = 30;
    static final int ACCOUNT_MEMORY = 32;
    static final int FRAUD_ACCOUNT_MEMORY = 16;
    static final long DAY_MILLIS = 86_400_000L;

    private static final int BUCKETS = DAYS_BACK + 1;

    final int[] count = new int[BUCKETS];
    final int[] fraud = new int[BUCKETS];
    long newestDay;
    long firstSeenMillis;
    /** Null for an account, whose distinct users are itself. */
    final RecentKeys accounts;
    /** The accounts whose transactions here became known as fraud, by those transactions' times; null likewise. */
    final RecentKeys fraudAccounts;

    private EntityState(boolean tracksAccounts) {
        this.accounts = tracksAccounts ? new RecentKeys(ACCOUNT_MEMORY) : null;
        this.fraudAccounts = tracksAccounts ? new RecentKeys(FRAUD_ACCOUNT_MEMORY) : null;
    }

    /** The state of an entity of {@code kind} first seen at {@code firstSeenMillis}. */
    public static EntityState open(EntityKind kind, long firstSeenMillis) {
        EntityState state = new EntityState(kind != EntityKind.ACCOUNT);
        state.firstSeenMillis = firstSeenMillis;
        state.newestDay = dayOf(firstSeenMillis);
        return state;
    }

    /** An independent copy, to put back should deciding a transaction fail midway. */
    public EntityState copy() {
        EntityState copy = new EntityState(accounts != null);
        System.arraycopy(count, 0, copy.count, 0, BUCKETS);
        System.arraycopy(fraud, 0, copy.fraud, 0, BUCKETS);
        copy.newestDay = newestDay;
        copy.firstSeenMillis = firstSeenMillis;
        if (accounts != null) {
            copy.accounts.copyFrom(accounts);
            copy.fraudAccounts.copyFrom(fraudAccounts);
        }
        return copy;
    }

    boolean tracksAccounts() {
        return accounts != null;
    }

    static long dayOf(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MILLIS);
    }

    /**
     * Counts a transaction on {@code day}, moving the window forward when it is a new day. A transaction older than
     * every remembered day is out of every window and is not counted.
     */
    void countTransaction(long day) {
        if (day > newestDay - BUCKETS) {
            count[advanceTo(day)]++;
        }
    }

    /**
     * Adds {@code delta} (+1 when a transaction became known as fraud, -1 when such a verdict was withdrawn) to the
     * day the transaction happened, if that day is still remembered; an outcome of an older transaction is out of
     * every window already.
     */
    void countOutcome(long day, int delta) {
        if (day > newestDay || day <= newestDay - BUCKETS) {
            return;
        }
        int b = bucket(day);
        fraud[b] = Math.max(0, Math.min(count[b], fraud[b] + delta));
    }

    /** Transactions in the {@code days} days ending with {@code today}, today included. */
    int transactions(long today, int days) {
        return sum(count, today, days);
    }

    /** Of those, the ones known as fraud. */
    int frauds(long today, int days) {
        return sum(fraud, today, days);
    }

    private int sum(int[] buckets, long today, int days) {
        long from = Math.max(today - days + 1, newestDay - DAYS_BACK);
        long to = Math.min(today, newestDay);
        int total = 0;
        for (long d = from; d <= to; d++) {
            total += buckets[bucket(d)];
        }
        return total;
    }

    private int advanceTo(long day) {
        if (day > newestDay) {
            long gap = day - newestDay;
            if (gap >= BUCKETS) {
                Arrays.fill(count, 0);
                Arrays.fill(fraud, 0);
            } else {
                for (long d = newestDay + 1; d <= day; d++) {
                    count[bucket(d)] = 0;
                    fraud[bucket(d)] = 0;
                }
            }
            newestDay = day;
        }
        return bucket(day);
    }

    private static int bucket(long day) {
        return (int) Math.floorMod(day, BUCKETS);
    }
}
