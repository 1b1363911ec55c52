-- H2: ledger entries are never updated or deleted (io.txmon.storage.AuditTrailTrigger), and a payment settles
-- only from HELD, once (io.txmon.payments.PaymentSettlesOnceTrigger), as PostgreSQL's triggers say (db/postgresql/V7_1).
-- H2 has no deferred triggers: that a posted payment's entries balance is checked by PostgreSQL alone, and by the
-- ledger tests on both.
CREATE TRIGGER ledger_entries_are_kept BEFORE UPDATE, DELETE ON ledger_entries
    CALL 'io.txmon.storage.AuditTrailTrigger';
CREATE TRIGGER payments_settle_once BEFORE UPDATE, DELETE ON payments FOR EACH ROW
    CALL 'io.txmon.payments.PaymentSettlesOnceTrigger';
