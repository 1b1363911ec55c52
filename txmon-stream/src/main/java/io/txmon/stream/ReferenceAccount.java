package io.txmon.stream;

import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** An account's reference data in a form a Flink function can carry: what {@code score --accounts} reads. */
public record ReferenceAccount(
        String userId,
        Instant openedAt,
        AccountType accountType,
        String country,
        String city,
        BigDecimal openingBalance)
        implements Serializable {

    public static ReferenceAccount of(Account account) {
        return new ReferenceAccount(
                account.userId(),
                account.openedAt(),
                account.accountType(),
                account.country(),
                account.city(),
                account.openingBalance());
    }

    public Account account() {
        return new Account(userId, openedAt, accountType, country, city, openingBalance);
    }
}
