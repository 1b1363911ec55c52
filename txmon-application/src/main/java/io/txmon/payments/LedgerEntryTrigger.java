package io.txmon.payments;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's refusal of a ledger entry that is not one side of a POSTED payment, with that side's sign and amount, as
 * PostgreSQL's {@code txmon_check_ledger_entry} refuses it; H2 calls it by name from migration {@code db/h2/V7_2}.
 */
public final class LedgerEntryTrigger implements Trigger {
    /** Columns of ledger_entries in table order. */
    private static final int PAYMENT_ID = 1;

    private static final int USER_ID = 2;
    private static final int AMOUNT = 3;

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT from_account, to_account, amount FROM payments WHERE payment_id = ? AND status = 'POSTED'")) {
            select.setObject(1, newRow[PAYMENT_ID]);
            try (ResultSet rs = select.executeQuery()) {
                BigDecimal amount = (BigDecimal) newRow[AMOUNT];
                boolean side = rs.next()
                        && ((newRow[USER_ID].equals(rs.getString(1))
                                        && amount.compareTo(rs.getBigDecimal(3).negate()) == 0)
                                || (newRow[USER_ID].equals(rs.getString(2))
                                        && amount.compareTo(rs.getBigDecimal(3)) == 0));
                if (!side) {
                    // SQLSTATE 23000: integrity constraint violation, the class PostgreSQL's trigger raises too.
                    throw new SQLException(
                            "ledger entry for " + newRow[USER_ID] + " of " + newRow[PAYMENT_ID]
                                    + " is not a side of a posted payment",
                            "23000");
                }
            }
        }
    }
}
