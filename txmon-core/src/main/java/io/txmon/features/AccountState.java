package io.txmon.features;

import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import java.time.Instant;
import java.util.Objects;

/**
 * What txmon remembers about one account's behaviour: everything its features need, in a fixed amount of
 * memory however long or busy the account's history, and serializable on its own (see
 * {@link AccountStateCodec}) so that a keyed store, such as a database column, can hold it per account.
 *
 * <p>It holds the last {@value RecentMovements#CAPACITY} movements exactly, hourly totals for a day, daily
 * totals for a month, the most recent distinct cities, countries, devices, merchants, receivers and
 * senders, recent deposits and outgoing transfers, and a histogram of the hours the account is active.
 * Only {@link FeatureExtractor} reads and changes it, one transaction at a time in event-time order; a
 * movement older than the account's latest is taken as happening at that latest time, so the state never
 * has to be rewritten backwards.
 */
public final class AccountState {
    static final int CITY_MEMORY = 16;
    static final int COUNTRY_MEMORY = 8;
    static final int DEVICE_MEMORY = 8;
    static final int MERCHANT_MEMORY = 32;
    static final int COUNTERPARTY_MEMORY = 32;
    static final int DEPOSIT_MEMORY = 16;
    static final int TRANSFER_MEMORY = 8;

    long openedAtMillis;
    long firstSeenMillis;
    boolean business;
    boolean balanceKnown;
    double balance;
    long latestMillis;
    long lastInitiatedMillis;
    long initiatedCount;
    long movementCount;

    final int[] hourCounts = new int[24];
    final RecentMovements recent = new RecentMovements();
    final HourlyTotals hourly = new HourlyTotals();
    final DailyTotals daily = new DailyTotals();
    final RecentKeys cities = new RecentKeys(CITY_MEMORY);
    final RecentKeys countries = new RecentKeys(COUNTRY_MEMORY);
    final RecentKeys devices = new RecentKeys(DEVICE_MEMORY);
    final RecentKeys merchants = new RecentKeys(MERCHANT_MEMORY);
    final RecentKeys receivers = new RecentKeys(COUNTERPARTY_MEMORY);
    final RecentKeys senders = new RecentKeys(COUNTERPARTY_MEMORY);
    final RecentAmounts deposits = new RecentAmounts(DEPOSIT_MEMORY);
    final RecentAmounts transfersOut = new RecentAmounts(TRANSFER_MEMORY);

    AccountState() {}

    /**
     * The state of an account seen for the first time at {@code firstSeen}: opened then unless its
     * reference data says otherwise, holding its reference opening balance.
     */
    public static AccountState open(Account reference, Instant firstSeen) {
        Objects.requireNonNull(reference, "reference");
        AccountState state = new AccountState();
        state.firstSeenMillis = firstSeen.toEpochMilli();
        state.openedAtMillis = reference.openedAt() == null
                ? state.firstSeenMillis
                : reference.openedAt().toEpochMilli();
        state.business = reference.accountType() == AccountType.BUSINESS;
        state.balance = reference.openingBalance().doubleValue();
        // Reference data that says when the account opened gives its balance too (zero if none is given);
        // for other accounts the balance is only the sum of the flows txmon happened to see.
        state.balanceKnown = reference.openedAt() != null;
        state.latestMillis = Long.MIN_VALUE;
        return state;
    }

    /**
     * An independent copy of this state, to put back should deciding a transaction fail midway. Copying the
     * arrays costs a fraction of {@link AccountStateCodec#toBytes}, which the online path cannot pay on every
     * transaction (StateSnapshotBenchmark, BENCHMARKS.md).
     */
    public AccountState copy() {
        AccountState copy = new AccountState();
        copy.openedAtMillis = openedAtMillis;
        copy.firstSeenMillis = firstSeenMillis;
        copy.business = business;
        copy.balanceKnown = balanceKnown;
        copy.balance = balance;
        copy.latestMillis = latestMillis;
        copy.lastInitiatedMillis = lastInitiatedMillis;
        copy.initiatedCount = initiatedCount;
        copy.movementCount = movementCount;
        System.arraycopy(hourCounts, 0, copy.hourCounts, 0, hourCounts.length);
        copy.recent.copyFrom(recent);
        copy.hourly.copyFrom(hourly);
        copy.daily.copyFrom(daily);
        copy.cities.copyFrom(cities);
        copy.countries.copyFrom(countries);
        copy.devices.copyFrom(devices);
        copy.merchants.copyFrom(merchants);
        copy.receivers.copyFrom(receivers);
        copy.senders.copyFrom(senders);
        copy.deposits.copyFrom(deposits);
        copy.transfersOut.copyFrom(transfersOut);
        return copy;
    }

    /** How many money movements, in or out, this state has learned from. */
    public long movementCount() {
        return movementCount;
    }

    /** The balance the account's movements add up to, for features only: ledgers keep exact amounts. */
    public double balance() {
        return balance;
    }

    /** Event time of the latest movement learned, or {@code null} before the first. */
    public Instant latestMovement() {
        return movementCount == 0 ? null : Instant.ofEpochMilli(latestMillis);
    }
}
