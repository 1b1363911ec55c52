-- PostgreSQL: the same guarantees as foreign keys, checked once per statement rather than once per row, and
-- indexes whose upkeep suits a bulk load of transactions in event-time order.
--
-- Measured on a million transactions and their decisions COPYed in one transaction (BENCHMARKS.md, "Ingestion"):
-- the row-by-row foreign keys of transactions.run_id and of decisions on transactions cost 4 s and 7.7 s of the
-- server's 29.6 s; the B-tree on (user_id, event_time) 3.3 s, a hash index on user_id 0.6 s; the B-tree on
-- event_time about 1 s, where BRIN costs next to nothing because rows arrive in event-time order.

ALTER TABLE transactions DROP CONSTRAINT transactions_run_id_fkey;

-- New rows must name what they belong to: checked over all of a statement's rows with one anti-join each.
CREATE FUNCTION txmon_check_new_transactions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT run_id FROM new_rows) n
               WHERE NOT EXISTS (SELECT 1 FROM ingestion_runs r WHERE r.run_id = n.run_id)) THEN
        RAISE EXCEPTION 'insert into transactions names an ingestion run that does not exist'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION txmon_check_new_decisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows n
               WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.sequence_number = n.sequence_number)) THEN
        RAISE EXCEPTION 'insert into decisions names a sequence_number that no transaction has'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

-- Transactions and decisions are an audit trail: never updated or deleted, so no check is needed on the referred
-- side either. Ingestion runs are their provenance and stay too.
CREATE FUNCTION txmon_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never updated or deleted: they are an audit trail', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER transactions_name_their_run AFTER INSERT ON transactions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION txmon_check_new_transactions();
CREATE TRIGGER decisions_name_their_transaction AFTER INSERT ON decisions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION txmon_check_new_decisions();
CREATE TRIGGER transactions_are_kept BEFORE UPDATE OR DELETE OR TRUNCATE ON transactions
    FOR EACH STATEMENT EXECUTE FUNCTION txmon_refuse_change();
CREATE TRIGGER decisions_are_kept BEFORE UPDATE OR DELETE OR TRUNCATE ON decisions
    FOR EACH STATEMENT EXECUTE FUNCTION txmon_refuse_change();
CREATE TRIGGER ingestion_runs_are_kept BEFORE DELETE OR TRUNCATE ON ingestion_runs
    FOR EACH STATEMENT EXECUTE FUNCTION txmon_refuse_change();

DROP INDEX transactions_event_time;
CREATE INDEX transactions_event_time ON transactions USING brin (event_time);
DROP INDEX transactions_user_time;
CREATE INDEX transactions_user ON transactions USING hash (user_id);
