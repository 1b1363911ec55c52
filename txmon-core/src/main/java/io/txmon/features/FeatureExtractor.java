package io.txmon.features;

import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * Computes a transaction's features from the states of the accounts it touches, then teaches those states
 * the transaction: the one place where account behaviour is learned and read, so that batch scoring, the
 * API and the stream all see the same numbers.
 *
 * <p>A transaction is observed in two halves, which a keyed stream can run on different keys: first the
 * paying side ({@link #observePayer}: the transaction's own features and those of its {@code user_id}),
 * then, for a transfer, the receiving side ({@link #observePayee}: the {@code cp_} features). Each half
 * reads its account's state as it was before the transaction and then records the transaction in it.
 *
 * <p>Windows end at the transaction and include it. They are exact while the account's recent movements
 * cover them; for a busier account, windows of an hour or more are estimated from hourly or daily totals,
 * and windows under an hour count the movements held (at least {@value RecentMovements#CAPACITY}).
 *
 * <p>Not thread-safe: it reuses scratch space so that extraction allocates nothing. Use one per thread.
 */
public final class FeatureExtractor {
    /** Previous transactions an account needs before "first use" of a place, device or payee counts. */
    public static final int MIN_HISTORY = 3;

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long ONE_YEAR_SECONDS = 365L * 24 * 3600;
    private static final double MIN_SPREAD_SHARE_OF_MEAN = 0.1;
    private static final int MIN_AMOUNTS_FOR_ZSCORE = 3;

    /** x·log2(x) for small counts, so that the hour entropy costs additions, not logarithms. */
    private static final double[] X_LOG2_X = xLog2xTable(1024);

    private final FeatureSettings settings;
    private final PeerProfile peers;
    private final ZoneRules zoneRules;
    private final int fixedOffsetSeconds;
    private final boolean fixedOffset;

    private final int[] cities1m = new int[RecentMovements.CAPACITY + 1];
    private final int[] cities1h = new int[RecentMovements.CAPACITY + 1];
    private final int[] merchants1h = new int[RecentMovements.CAPACITY + 1];
    private final DailyTotals.History history = new DailyTotals.History();
    private final double[] bandSum = new double[1];
    private final double[] countAndSum = new double[2];
    private final HourlyTotals.Window window = new HourlyTotals.Window();

    public FeatureExtractor(FeatureSettings settings, PeerProfile peers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.zoneRules = settings.timeZone().getRules();
        this.fixedOffset = zoneRules.isFixedOffset();
        this.fixedOffsetSeconds =
                fixedOffset ? zoneRules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    }

    public FeatureSettings settings() {
        return settings;
    }

    public PeerProfile peers() {
        return peers;
    }

    /**
     * Writes the transaction's own features and its {@code user_id} account's features into
     * {@code features} (every feature but the {@code cp_} ones), then records the transaction in
     * {@code payer}.
     */
    public void observePayer(Transaction tx, AccountState payer, double[] features) {
        long txMillis = tx.timestamp().toEpochMilli();
        long t = Math.max(txMillis, payer.latestMillis);
        double amount = tx.amount().doubleValue();
        MovementKind kind = MovementKind.payerSide(tx.type());
        int hour = localHour(tx, txMillis);
        int cityKey = Keys.of(tx.location());
        int countryKey = Keys.of(tx.country());
        int deviceKey = Keys.of(tx.deviceId());
        int merchantKey = Keys.of(tx.merchantId());
        int receiverKey = Keys.of(tx.payeeAccount());

        writeTransactionFeatures(tx, amount, hour, features);
        payer.daily.history(DailyTotals.dayOf(t), history);
        writeWindows(payer, t, amount, kind, cityKey, merchantKey, receiverKey, features);
        writeHistory(payer, t, amount, kind, hour, features);
        writeNovelty(payer, t, tx, cityKey, countryKey, deviceKey, merchantKey, receiverKey, features);
        writeStructuring(payer, t, amount, kind, features);
        writeDrain(payer, features);
        features[Feature.AMOUNT_ZSCORE_MERCHANT_TYPE.ordinal()] = peers.zScore(tx.merchantType(), Math.log1p(amount));

        payer.recent.add(t, amount, kind, cityKey, merchantKey);
        payer.hourly.add(t, kind, amount);
        payer.daily.add(t, kind, amount);
        int minute = minuteOf(t);
        payer.cities.touch(cityKey, minute);
        payer.countries.touch(countryKey, minute);
        payer.devices.touch(deviceKey, minute);
        payer.merchants.touch(merchantKey, minute);
        if (kind == MovementKind.TRANSFER_OUT) {
            payer.receivers.touch(receiverKey, minute);
            payer.transfersOut.add(t, amount);
        } else if (kind == MovementKind.CASH_IN) {
            payer.deposits.add(t, amount);
        }
        payer.hourCounts[hour]++;
        payer.balance += kind.inflow() ? amount : -amount;
        payer.initiatedCount++;
        payer.lastInitiatedMillis = t;
        learned(payer, t);
    }

    /**
     * Writes the {@code cp_} features of a transfer's receiving account into {@code features}, then records
     * the incoming payment in {@code payee}.
     */
    public void observePayee(Transaction tx, AccountState payee, double[] features) {
        if (tx.type() != TransactionType.TRANSFER) {
            throw new IllegalArgumentException(
                    "only a TRANSFER has a receiving account; " + tx.transactionId() + " is a " + tx.type());
        }
        long t = Math.max(tx.timestamp().toEpochMilli(), payee.latestMillis);
        double amount = tx.amount().doubleValue();
        int senderKey = Keys.of(tx.userId());
        long since24h = t - DAY;

        double inCount = 1;
        double inSum = amount;
        if (payee.recent.holdsAllAfter(since24h)) {
            for (int r = 0; r < payee.recent.size() && payee.recent.time(r) > since24h; r++) {
                if (payee.recent.kind(r).inflow()) {
                    inCount++;
                    inSum += payee.recent.amount(r);
                }
            }
        } else {
            payee.hourly.window(since24h, window);
            inCount += window.inCount();
            inSum += window.inSum();
        }
        long today = DailyTotals.dayOf(t);
        payee.daily.history(today, history);

        set(features, Feature.CP_PRIOR_TX_COUNT, payee.movementCount);
        set(features, Feature.CP_ACCOUNT_AGE_DAYS, daysBetween(payee.openedAtMillis, t));
        set(features, Feature.CP_DAYS_SINCE_LAST_ACTIVITY, daysSinceLastActivity(payee, t));
        set(features, Feature.CP_IS_BUSINESS, payee.business ? 1 : 0);
        set(features, Feature.CP_BALANCE, payee.balance + amount);
        set(features, Feature.CP_IN_COUNT_24H, inCount);
        set(features, Feature.CP_IN_SUM_24H, inSum);
        set(features, Feature.CP_IN_COUNT_RATIO_24H, inCount / usualDaily(history.inflowsBeforeToday, payee, today));
        set(features, Feature.CP_FAN_IN_24H, distinctIncluding(payee.senders, senderKey, minuteOf(since24h)));
        set(features, Feature.CP_FAN_IN_48H, distinctIncluding(payee.senders, senderKey, minuteOf(t - 2 * DAY)));
        set(
                features,
                Feature.CP_SENT_SIMILAR_7D,
                payee.transfersOut.anySimilar(t - 7 * DAY, amount, settings.similarAmountTolerance()) ? 1 : 0);

        payee.recent.add(t, amount, MovementKind.TRANSFER_IN, Keys.NONE, Keys.NONE);
        payee.hourly.add(t, MovementKind.TRANSFER_IN, amount);
        payee.daily.add(t, MovementKind.TRANSFER_IN, amount);
        payee.senders.touch(senderKey, minuteOf(t));
        payee.balance += amount;
        learned(payee, t);
    }

    /** Sets the {@code cp_} features to zero, for transactions without a receiving account. */
    public static void clearPayeeSide(double[] features) {
        for (int i = Feature.CP_PRIOR_TX_COUNT.ordinal(); i <= Feature.CP_SENT_SIMILAR_7D.ordinal(); i++) {
            features[i] = 0;
        }
    }

    private static void learned(AccountState state, long t) {
        state.movementCount++;
        state.latestMillis = t;
    }

    private void writeTransactionFeatures(Transaction tx, double amount, int hour, double[] f) {
        set(f, Feature.AMOUNT, amount);
        set(f, Feature.LOG_AMOUNT, Math.log1p(amount));
        set(f, Feature.HOUR_OF_DAY, hour);
        TransactionType type = tx.type();
        set(f, Feature.IS_CARD, type == TransactionType.CARD ? 1 : 0);
        set(f, Feature.IS_TRANSFER, type == TransactionType.TRANSFER ? 1 : 0);
        set(f, Feature.IS_CASH_IN, type == TransactionType.CASH_IN ? 1 : 0);
        set(f, Feature.IS_CASH_OUT, type == TransactionType.CASH_OUT ? 1 : 0);
        Channel channel = tx.channel();
        set(f, Feature.IS_POS, channel == Channel.POS ? 1 : 0);
        set(f, Feature.IS_ONLINE, channel == Channel.ONLINE ? 1 : 0);
        set(f, Feature.IS_ATM, channel == Channel.ATM ? 1 : 0);
        set(f, Feature.IS_BRANCH, channel == Channel.BRANCH ? 1 : 0);
    }

    /** Every windowed count and sum of the paying account, the current transaction included. */
    private void writeWindows(
            AccountState s,
            long t,
            double amount,
            MovementKind kind,
            int cityKey,
            int merchantKey,
            int receiverKey,
            double[] f) {
        long since1m = t - MINUTE;
        long since5m = t - 5 * MINUTE;
        long since1h = t - HOUR;
        long since24h = t - DAY;
        long since30d = t - 30 * DAY;

        double c1m = 1, s1m = amount, c5m = 1, s5m = amount, c1h = 1, s1h = amount;
        double c24h = 1, s24h = amount, c30d = 1, s30d = amount;
        double out24hCount = 0, out24hSum = 0, in24hCount = 0, in24hSum = 0;
        if (kind.outflow()) {
            out24hCount = 1;
            out24hSum = amount;
        } else {
            in24hCount = 1;
            in24hSum = amount;
        }
        double small1h = kind.outflow() && amount <= settings.smallAmount() ? 1 : 0;
        int nCities1m = addDistinct(cities1m, 0, cityKey);
        int nCities1h = addDistinct(cities1h, 0, cityKey);
        int nMerchants1h = addDistinct(merchants1h, 0, merchantKey);
        int previousCity = cityKey;
        double cityChanges24h = 0;

        RecentMovements recent = s.recent;
        for (int r = 0; r < recent.size(); r++) {
            long mt = recent.time(r);
            if (mt <= since30d) {
                break;
            }
            MovementKind k = recent.kind(r);
            double a = recent.amount(r);
            if (mt > since24h) {
                if (k.outflow()) {
                    out24hCount++;
                    out24hSum += a;
                } else {
                    in24hCount++;
                    in24hSum += a;
                }
            }
            if (!k.initiated()) {
                continue;
            }
            c30d++;
            s30d += a;
            if (mt > since24h) {
                c24h++;
                s24h += a;
                int city = recent.city(r);
                if (city != Keys.NONE) {
                    cityChanges24h += previousCity != Keys.NONE && city != previousCity ? 1 : 0;
                    previousCity = city;
                }
            }
            if (mt > since1h) {
                c1h++;
                s1h += a;
                nCities1h = addDistinct(cities1h, nCities1h, recent.city(r));
                nMerchants1h = addDistinct(merchants1h, nMerchants1h, recent.merchant(r));
                if (k.outflow() && a <= settings.smallAmount()) {
                    small1h++;
                }
            }
            if (mt > since5m) {
                c5m++;
                s5m += a;
            }
            if (mt > since1m) {
                c1m++;
                s1m += a;
                nCities1m = addDistinct(cities1m, nCities1m, recent.city(r));
            }
        }
        if (!recent.holdsAllAfter(since1h)) {
            s.hourly.window(since1h, window);
            c1h = 1 + window.initiatedCount();
            s1h = amount + window.initiatedSum();
        }
        if (!recent.holdsAllAfter(since24h)) {
            s.hourly.window(since24h, window);
            c24h = 1 + window.initiatedCount();
            s24h = amount + window.initiatedSum();
            out24hCount = (kind.outflow() ? 1 : 0) + window.outCount;
            out24hSum = (kind.outflow() ? amount : 0) + window.outSum;
            in24hCount = (kind.inflow() ? 1 : 0) + window.inCount();
            in24hSum = (kind.inflow() ? amount : 0) + window.inSum();
        }
        if (!recent.holdsAllAfter(since30d)) {
            s.daily.initiated(since30d, countAndSum);
            c30d = 1 + countAndSum[0];
            s30d = amount + countAndSum[1];
        }

        set(f, Feature.TX_COUNT_1M, c1m);
        set(f, Feature.TX_SUM_1M, s1m);
        set(f, Feature.TX_COUNT_5M, c5m);
        set(f, Feature.TX_SUM_5M, s5m);
        set(f, Feature.TX_COUNT_1H, c1h);
        set(f, Feature.TX_SUM_1H, s1h);
        set(f, Feature.TX_COUNT_24H, c24h);
        set(f, Feature.TX_SUM_24H, s24h);
        set(f, Feature.TX_COUNT_30D, c30d);
        set(f, Feature.TX_SUM_30D, s30d);
        set(f, Feature.DISTINCT_CITIES_1M, nCities1m);
        set(f, Feature.DISTINCT_CITIES_1H, nCities1h);
        set(f, Feature.DISTINCT_MERCHANTS_1H, nMerchants1h);
        set(f, Feature.CITY_CHANGES_24H, cityChanges24h);
        set(f, Feature.SMALL_TX_COUNT_1H, small1h);
        set(f, Feature.IN_COUNT_24H, in24hCount);
        set(f, Feature.IN_SUM_24H, in24hSum);
        set(f, Feature.OUT_COUNT_24H, out24hCount);
        set(f, Feature.OUT_SUM_24H, out24hSum);
        set(f, Feature.PASS_THROUGH_24H, in24hSum > 0 ? Math.min(1, out24hSum / in24hSum) : 0);

        long today = DailyTotals.dayOf(t);
        set(f, Feature.VELOCITY_RATIO_24H, c24h / usualDaily(history.initiatedBeforeToday, s, today));
        set(f, Feature.IN_COUNT_RATIO_24H, in24hCount / usualDaily(history.inflowsBeforeToday, s, today));
        set(f, Feature.FAN_IN_24H, s.senders.countSeenAfter(minuteOf(since24h)));
        set(f, Feature.FAN_IN_48H, s.senders.countSeenAfter(minuteOf(t - 2 * DAY)));
        // receiverKey is NONE unless this is a transfer, and then the receiver counts too.
        set(f, Feature.FAN_OUT_24H, distinctIncluding(s.receivers, receiverKey, minuteOf(since24h)));
        set(f, Feature.FAN_OUT_48H, distinctIncluding(s.receivers, receiverKey, minuteOf(t - 2 * DAY)));
    }

    /** The account's history before this transaction: amount profile, habits, age, dormancy, balance. */
    private void writeHistory(AccountState s, long t, double amount, MovementKind kind, int hour, double[] f) {
        double mean = history.mean();
        double sd = history.standardDeviation();
        set(f, Feature.AMOUNT_MEAN_30D, mean);
        set(f, Feature.AMOUNT_STD_30D, sd);
        // A steady spender's spread is near zero; the floor keeps a small change from looking extreme.
        double spread = Math.max(sd, MIN_SPREAD_SHARE_OF_MEAN * mean);
        set(f, Feature.AMOUNT_ZSCORE_30D, history.count >= MIN_AMOUNTS_FOR_ZSCORE ? (amount - mean) / spread : 0);
        set(f, Feature.AMOUNT_TO_MAX_30D, history.count > 0 ? amount / history.max : 0);

        set(
                f,
                Feature.SECONDS_SINCE_PREV_TX,
                s.initiatedCount > 0
                        ? Math.min(ONE_YEAR_SECONDS, (t - s.lastInitiatedMillis) / 1000.0)
                        : ONE_YEAR_SECONDS);
        set(f, Feature.PRIOR_TX_COUNT, s.initiatedCount);
        set(f, Feature.HOUR_FREQUENCY, (s.hourCounts[hour] + 1.0) / (s.initiatedCount + 24.0));
        set(f, Feature.HOUR_ENTROPY, hourEntropy(s.hourCounts));
        set(f, Feature.DAYS_SINCE_LAST_ACTIVITY, daysSinceLastActivity(s, t));
        set(f, Feature.ACCOUNT_AGE_DAYS, daysBetween(s.openedAtMillis, t));
        set(f, Feature.IS_BUSINESS, s.business ? 1 : 0);
        set(f, Feature.BALANCE, s.balance + (kind.inflow() ? amount : -amount));
    }

    private static void writeNovelty(
            AccountState s,
            long t,
            Transaction tx,
            int cityKey,
            int countryKey,
            int deviceKey,
            int merchantKey,
            int receiverKey,
            double[] f) {
        boolean history = s.initiatedCount >= MIN_HISTORY;
        set(f, Feature.IS_NEW_CITY, isNew(history, s.cities, cityKey));
        set(f, Feature.IS_NEW_COUNTRY, isNew(history, s.countries, countryKey));
        set(f, Feature.IS_NEW_DEVICE, isNew(history, s.devices, deviceKey));
        set(f, Feature.IS_NEW_MERCHANT, isNew(history, s.merchants, merchantKey));
        boolean established = t - s.firstSeenMillis > DAY;
        int dayAgo = minuteOf(t - DAY);
        set(f, Feature.IS_RECENT_DEVICE, isRecent(established, s.devices, deviceKey, dayAgo));
        set(f, Feature.IS_RECENT_CITY, isRecent(established, s.cities, cityKey, dayAgo));
        set(
                f,
                Feature.IS_NEW_COUNTERPARTY,
                tx.type() == TransactionType.TRANSFER ? isNew(history, s.receivers, receiverKey) : 0);
    }

    /** The share of what the account held that went out in a day: an account being emptied. */
    private static void writeDrain(AccountState s, double[] f) {
        double out = f[Feature.OUT_SUM_24H.ordinal()];
        double held = f[Feature.BALANCE.ordinal()] + out;
        set(f, Feature.DRAIN_24H, s.balanceKnown && held > 0 ? Math.min(1, out / held) : 0);
    }

    private void writeStructuring(AccountState s, long t, double amount, MovementKind kind, double[] f) {
        double threshold = settings.reportingThreshold();
        double low = settings.structuringBand() * threshold;
        int count = s.deposits.countWithin(t - 7 * DAY, low, threshold, bandSum);
        double sum = bandSum[0];
        if (kind == MovementKind.CASH_IN && amount >= low && amount < threshold) {
            count++;
            sum += amount;
        }
        set(f, Feature.NEAR_THRESHOLD_DEPOSITS_7D, count);
        set(f, Feature.NEAR_THRESHOLD_DEPOSIT_SUM_7D, sum);
    }

    /** New now or first seen in the last day, by an account known for longer than that. */
    private static double isRecent(boolean established, RecentKeys seen, int key, int dayAgo) {
        return established && key != Keys.NONE && (!seen.contains(key) || seen.firstSeenAfter(key, dayAgo)) ? 1 : 0;
    }

    private static double isNew(boolean history, RecentKeys seen, int key) {
        return history && key != Keys.NONE && !seen.contains(key) ? 1 : 0;
    }

    /** Distinct keys seen after {@code since}, counting {@code current} too. */
    private static double distinctIncluding(RecentKeys keys, int current, int since) {
        int seen = keys.countSeenAfter(since);
        return current == Keys.NONE || keys.seenAfter(current, since) ? seen : seen + 1;
    }

    /**
     * The account's usual count per day before today, at least 1: the past {@value DailyTotals#DAYS_BACK}
     * days' total over the days it has been known (a new account's usual is what it did so far).
     */
    private static double usualDaily(int countBeforeToday, AccountState s, long today) {
        long knownDays = Math.min(DailyTotals.DAYS_BACK, today - DailyTotals.dayOf(s.firstSeenMillis));
        return Math.max(1.0, countBeforeToday / (double) Math.max(1, knownDays));
    }

    private static double daysSinceLastActivity(AccountState s, long t) {
        return s.movementCount == 0 ? 0 : (t - s.latestMillis) / (double) DAY;
    }

    private static double daysBetween(long fromMillis, long toMillis) {
        return Math.max(0, toMillis - fromMillis) / (double) DAY;
    }

    private static int minuteOf(long epochMillis) {
        return (int) Math.floorDiv(epochMillis, MINUTE);
    }

    private int localHour(Transaction tx, long epochMillis) {
        int offset = fixedOffset
                ? fixedOffsetSeconds
                : zoneRules.getOffset(tx.timestamp()).getTotalSeconds();
        return (int) Math.floorMod(Math.floorDiv(epochMillis, 1000) + offset, 86_400L) / 3600;
    }

    private static int addDistinct(int[] seen, int size, int key) {
        if (key == Keys.NONE) {
            return size;
        }
        for (int i = 0; i < size; i++) {
            if (seen[i] == key) {
                return size;
            }
        }
        seen[size] = key;
        return size + 1;
    }

    private static double hourEntropy(int[] counts) {
        long n = 0;
        double sum = 0;
        for (int c : counts) {
            n += c;
            sum += c < X_LOG2_X.length ? X_LOG2_X[c] : c * log2(c);
        }
        return n == 0 ? 0 : Math.max(0, log2(n) - sum / n);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double[] xLog2xTable(int size) {
        double[] table = new double[size];
        for (int x = 1; x < size; x++) {
            table[x] = x * log2(x);
        }
        return table;
    }

    private static void set(double[] features, Feature feature, double value) {
        features[feature.ordinal()] = value;
    }
}
