-- H2: each ledger entry is checked as it is written, one side of a POSTED payment with that side's sign and
-- amount (io.txmon.payments.LedgerEntryTrigger), as PostgreSQL's txmon_check_ledger_entry does (db/postgresql/V7_2).
CREATE TRIGGER ledger_entries_are_sides_of_posted_payments BEFORE INSERT ON ledger_entries FOR EACH ROW
    CALL 'io.txmon.payments.LedgerEntryTrigger';
