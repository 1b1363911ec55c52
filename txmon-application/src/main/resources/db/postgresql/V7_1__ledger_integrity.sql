-- PostgreSQL: what the ledger's constraints cannot say alone.

-- Ledger entries are the books: never updated or deleted (txmon_refuse_change, V4_1).
CREATE TRIGGER ledger_entries_are_kept BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION txmon_refuse_change();

-- A payment changes only from HELD to POSTED or REJECTED, and only its status, reason and settlement; a POSTED or
-- REJECTED payment is final. Payments are never deleted.
CREATE FUNCTION txmon_payment_settles_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'payments are never deleted' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status <> 'HELD' OR NEW.status NOT IN ('POSTED', 'REJECTED')
            OR (NEW.payment_id, NEW.idempotency_key, NEW.request_hash, NEW.from_account, NEW.to_account, NEW.amount,
                NEW.currency, NEW.sequence_number, NEW.created_at)
               IS DISTINCT FROM (OLD.payment_id, OLD.idempotency_key, OLD.request_hash, OLD.from_account,
                OLD.to_account, OLD.amount, OLD.currency, OLD.sequence_number, OLD.created_at) THEN
        RAISE EXCEPTION 'payment % is % and cannot become %: only a HELD payment is settled, once',
            OLD.payment_id, OLD.status, NEW.status USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER payments_settle_once BEFORE UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION txmon_payment_settles_once();

-- At commit, a posted payment has its two entries, which balance: the payer's minus the amount, the payee's plus.
-- Deferred, since the entries are written after the payment in the same transaction.
CREATE FUNCTION txmon_check_payment_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    p payments%ROWTYPE;
BEGIN
    SELECT * INTO p FROM payments WHERE payment_id = NEW.payment_id;
    IF p.status = 'POSTED' AND (
            (SELECT COUNT(*) FROM ledger_entries e WHERE e.payment_id = p.payment_id) <> 2
            OR NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.payment_id = p.payment_id
                           AND e.user_id = p.from_account AND e.amount = -p.amount)
            OR NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.payment_id = p.payment_id
                           AND e.user_id = p.to_account AND e.amount = p.amount)) THEN
        RAISE EXCEPTION 'posted payment % lacks its two balancing ledger entries', p.payment_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF p.status <> 'POSTED' AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.payment_id = p.payment_id) THEN
        RAISE EXCEPTION 'payment % is % but has ledger entries', p.payment_id, p.status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER payments_balance AFTER INSERT OR UPDATE ON payments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION txmon_check_payment_entries();
CREATE CONSTRAINT TRIGGER ledger_entries_balance AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION txmon_check_payment_entries();
