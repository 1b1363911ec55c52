package io.txmon.stream;

import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An account's reference data in a form Flink carries and keeps in state: what {@code score --accounts} reads, and
 * what the compacted {@code accounts} topic carries, one record per account.
 */
public record ReferenceAccount(
        String userId,
        Instant openedAt,
        AccountType accountType,
        String country,
        String city,
        BigDecimal openingBalance)
        implements Serializable {

    /** Checked as the core checks an account, so that bad reference data fails where it is read, not in a task. */
    public ReferenceAccount {
        Objects.requireNonNull(userId, "userId");
        new Account(userId, openedAt, accountType, country, city, openingBalance);
    }

    /** The stream's form of {@code account}. */
    public static ReferenceAccount of(Account account) {
        return new ReferenceAccount(
                account.userId(),
                account.openedAt(),
                account.accountType(),
                account.country(),
                account.city(),
                account.openingBalance());
    }

    /** The core's account. */
    public Account account() {
        return new Account(userId, openedAt, accountType, country, city, openingBalance);
    }
}
