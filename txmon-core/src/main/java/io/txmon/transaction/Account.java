package io.txmon.transaction;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Reference data about an account (docs/file-formats.md, "Accounts"). Everything but the id is optional: an account
 * nobody described is aged from its first transaction and opens with a zero balance.
 *
 * @param userId the account id, as {@code user_id} and {@code counterparty_id} use it
 * @param openedAt when the account was opened, or {@code null}
 * @param accountType personal or business; {@link AccountType#PERSONAL} when not given
 * @param country ISO 3166-1 alpha-2 home country, or {@code null}
 * @param city home city, or {@code null}
 * @param openingBalance balance before the first transaction txmon sees; zero when not given
 */
public record Account(
        String userId,
        Instant openedAt,
        AccountType accountType,
        String country,
        String city,
        BigDecimal openingBalance) {

    public Account {
        Identifiers.require("user_id", userId);
        if (openedAt != null) {
            EventTimes.require("opened_at", openedAt);
        }
        accountType = accountType == null ? AccountType.PERSONAL : accountType;
        if (country != null && !Countries.isIsoAlpha2(country)) {
            throw new InvalidFieldException("country", "must be an ISO 3166-1 alpha-2 code, was '" + country + "'");
        }
        Transaction.optionalText("city", city, Transaction.MAX_TEXT_LENGTH);
        openingBalance = openingBalance == null ? BigDecimal.ZERO : openingBalance;
    }

    /** An account known only by its id. */
    public static Account unknown(String userId) {
        return new Account(userId, null, AccountType.PERSONAL, null, null, BigDecimal.ZERO);
    }
}
