package io.txmon.simulator;

import java.util.random.RandomGenerator;

/**
 * Issues the ids of accounts, merchants, devices and transactions. Every id of a kind has the same form,
 * a prefix and 16 hex digits, whoever it is for: an id says nothing about whether its account is a
 * customer, a business, a mule or another bank's customer.
 *
 * <p>The digits are a keyed permutation of a counter: multiply by an odd constant, add a key, apply the
 * MurmurHash3 finaliser, add a second key. Each step is a bijection on 64-bit numbers, so ids are unique
 * by construction (no set of issued ids to keep, no retries) while looking random; the keys come from
 * the seeded generator, so different seeds give different ids. Hand-written because it is five lines
 * and the JDK has no keyed permutation.
 */
final class Ids {
    private static final long ODD_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Sequence accounts;
    private final Sequence merchants;
    private final Sequence devices;
    private final Sequence transactions;

    Ids(RandomGenerator random) {
        this.accounts = new Sequence("acct_", random.nextLong(), random.nextLong());
        this.merchants = new Sequence("merch_", random.nextLong(), random.nextLong());
        this.devices = new Sequence("dev_", random.nextLong(), random.nextLong());
        this.transactions = new Sequence("txn_", random.nextLong(), random.nextLong());
    }

    /** A new account id, the same form for customers, businesses and other banks' accounts. */
    String account() {
        return accounts.next();
    }

    String merchant() {
        return merchants.next();
    }

    String device() {
        return devices.next();
    }

    String transaction() {
        return transactions.next();
    }

    private static final class Sequence {
        private final String prefix;
        private final long addKey;
        private final long finalKey;
        private long counter;

        Sequence(String prefix, long addKey, long finalKey) {
            this.prefix = prefix;
            this.addKey = addKey;
            this.finalKey = finalKey;
        }

        String next() {
            long value = permute(counter++);
            char[] text = new char[prefix.length() + 16];
            prefix.getChars(0, prefix.length(), text, 0);
            for (int i = text.length - 1; i >= prefix.length(); i--) {
                text[i] = HEX[(int) (value & 0xF)];
                value >>>= 4;
            }
            return new String(text);
        }

        private long permute(long counter) {
            long x = counter * ODD_MULTIPLIER + addKey;
            x = (x ^ (x >>> 33)) * 0xFF51AFD7ED558CCDL;
            x = (x ^ (x >>> 33)) * 0xC4CEB9FE1A85EC53L;
            x ^= x >>> 33;
            return x + finalKey;
        }
    }
}
