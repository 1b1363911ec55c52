package io.txmon.transaction;

/** Turns the text of a reference-data record into an {@link Account} (docs/file-formats.md, "Accounts"). */
public final class AccountParser {

    /**
     * Parses one record.
     *
     * @throws InvalidFieldException naming the first field that breaks the contract
     */
    public Account parse(FieldSource fields) {
        String openedAt = TransactionParser.text(fields, "opened_at");
        String openingBalance = TransactionParser.text(fields, "opening_balance");
        return new Account(
                TransactionParser.required(fields, "user_id"),
                openedAt == null ? null : TransactionParser.instant("opened_at", openedAt),
                TransactionParser.enumValue(
                        AccountType.class, "account_type", TransactionParser.text(fields, "account_type"), null),
                TransactionParser.upper(TransactionParser.text(fields, "country")),
                TransactionParser.text(fields, "city"),
                openingBalance == null ? null : TransactionParser.decimal("opening_balance", openingBalance));
    }
}
