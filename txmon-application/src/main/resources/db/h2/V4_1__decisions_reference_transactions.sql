-- H2: a decision refers to its transaction by an ordinary foreign key, checked row by row. PostgreSQL checks
-- the same once per statement instead (db/postgresql/V4_1), where row-by-row checks cost a bulk load most.
ALTER TABLE decisions ADD CONSTRAINT decisions_transaction_fk
    FOREIGN KEY (sequence_number) REFERENCES transactions (sequence_number);

-- Transactions and decisions are an audit trail: never updated or deleted (io.txmon.storage.AuditTrailTrigger).
CREATE TRIGGER transactions_are_kept BEFORE UPDATE, DELETE ON transactions
    CALL 'io.txmon.storage.AuditTrailTrigger';
CREATE TRIGGER decisions_are_kept BEFORE UPDATE, DELETE ON decisions
    CALL 'io.txmon.storage.AuditTrailTrigger';
