package io.txmon.payments;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's refusal of a payment changed other than from HELD to POSTED or REJECTED, as PostgreSQL's {@code
 * txmon_payment_settles_once} refuses it; H2 calls it by name from migration {@code db/h2/V7_1}.
 */
public final class PaymentSettlesOnceTrigger implements Trigger {
    /** Columns of payments in table order: payment_id to created_at never change; status is column 7. */
    private static final int STATUS = 7;

    private static final int[] FIXED = {0, 1, 2, 3, 4, 5, 6, 9, 10};

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null) {
            throw new SQLException("payments are never deleted", "23000");
        }
        boolean settles =
                "HELD".equals(oldRow[STATUS]) && ("POSTED".equals(newRow[STATUS]) || "REJECTED".equals(newRow[STATUS]));
        for (int column : FIXED) {
            settles &= Objects.equals(oldRow[column], newRow[column]);
        }
        if (!settles) {
            // SQLSTATE 23000: integrity constraint violation, the class PostgreSQL's trigger raises too.
            throw new SQLException(
                    "payment " + oldRow[0] + " is " + oldRow[STATUS] + " and cannot become " + newRow[STATUS]
                            + ": only a HELD payment is settled, once",
                    "23000");
        }
    }
}
