package io.txmon.storage;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's refusal to update or delete rows of the audit trail (transactions, decisions), as PostgreSQL's {@code
 * txmon_refuse_change} does; H2 calls it by name from migration {@code db/h2/V4_1}.
 */
public final class AuditTrailTrigger implements Trigger {
    private String table;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) {
        this.table = table;
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        // SQLSTATE 23000: integrity constraint violation, the class PostgreSQL's trigger raises too.
        throw new SQLException(table + " rows are never updated or deleted: they are an audit trail", "23000");
    }
}
