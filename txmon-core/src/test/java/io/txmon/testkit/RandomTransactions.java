package io.txmon.testkit;

import io.txmon.transaction.Channel;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded streams of arbitrary valid transactions among a few accounts: every type, bursts and long
 * gaps, many cities, devices and merchants. For properties that must hold whatever the traffic.
 */
public final class RandomTransactions {
    private static final String[] CITIES = {"Mumbai", "Delhi", "Pune", "Lagos", "Leeds", "Lyon", "Osaka"};
    private static final String[] COUNTRIES = {"IN", "NG", "GB", "FR", "JP"};
    private static final TransactionType[] TYPES = TransactionType.values();
    private static final Channel[] CHANNELS = Channel.values();

    private final SplittableRandom random;

    public RandomTransactions(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code count} transactions in time order among {@code accounts} accounts. */
    public List<Transaction> generate(int count, int accounts) {
        List<Transaction> out = new ArrayList<>(count);
        long millis = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < count; i++) {
            millis += gap();
            TransactionType type = TYPES[random.nextInt(TYPES.length)];
            String user = "acct-" + random.nextInt(accounts);
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextLong(2_000_000), 2);
            Transaction.Builder b = Transaction.builder("r-" + i, Instant.ofEpochMilli(millis), user, amount)
                    .type(type)
                    .channel(random.nextInt(5) == 0 ? null : CHANNELS[random.nextInt(CHANNELS.length)])
                    .location(random.nextInt(6) == 0 ? null : CITIES[random.nextInt(CITIES.length)])
                    .country(COUNTRIES[random.nextInt(COUNTRIES.length)])
                    .deviceId("dev-" + random.nextInt(12))
                    .merchantId("merchant-" + random.nextInt(60))
                    .merchantType("type-" + random.nextInt(6));
            if (type == TransactionType.TRANSFER) {
                b.counterpartyId("acct-" + random.nextInt(accounts + 40));
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * {@code days × perDay} of the same kind of transactions among {@code accounts} accounts, spread evenly over whole
     * days from {@code start}: a bank busy enough every day for lines drawn from the days before, as the alert
     * budget's review line is.
     */
    public List<Transaction> busyDays(Instant start, int days, int perDay, int accounts) {
        List<Transaction> generated = generate(days * perDay, accounts);
        List<Transaction> busy = new ArrayList<>(generated.size());
        for (int i = 0; i < generated.size(); i++) {
            Instant at = start.plusMillis((long) i * 86_400_000L / perDay);
            Transaction tx = generated.get(i);
            busy.add(Transaction.builder(tx.transactionId(), at, tx.userId(), tx.amount())
                    .currency(tx.currency())
                    .type(tx.type())
                    .counterpartyId(tx.counterpartyId())
                    .merchantId(tx.merchantId())
                    .merchantType(tx.merchantType())
                    .location(tx.location())
                    .country(tx.country())
                    .channel(tx.channel())
                    .deviceId(tx.deviceId())
                    .build());
        }
        return busy;
    }

    /** Mostly seconds to minutes apart, with bursts at the same instant and occasional days-long gaps. */
    private long gap() {
        int kind = random.nextInt(100);
        if (kind < 10) {
            return 0;
        }
        if (kind < 85) {
            return random.nextLong(1, 600_000);
        }
        if (kind < 98) {
            return random.nextLong(600_000, 12 * 3_600_000L);
        }
        return random.nextLong(1, 60) * 86_400_000L;
    }
}
