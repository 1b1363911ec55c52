-- PostgreSQL: a payment recorded in one round trip, and the ledger's checks made cheaper per payment.
--
-- Measured with txmon-benchmarks/scripts/payments-load.sh (BENCHMARKS.md, "Payments"): posting from Java took six
-- round trips (two locks, the payment, the balances, the entries, the commit) besides the three that checked the
-- request first, and the three deferred checks per posted payment of V7_1 ran four queries each.

-- Each entry is checked as it is written: one side of a POSTED payment, with that side's sign and amount. With
-- one entry per payment and account (V7) and a payment between two accounts, a posted payment has at most its two
-- right entries; POSTED being final (payments_settle_once), nothing can be added to a payment not posted.
CREATE FUNCTION txmon_check_ledger_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM payments p WHERE p.payment_id = NEW.payment_id AND p.status = 'POSTED'
                   AND ((NEW.user_id = p.from_account AND NEW.amount = -p.amount)
                        OR (NEW.user_id = p.to_account AND NEW.amount = p.amount))) THEN
        RAISE EXCEPTION 'ledger entry for % of % is not a side of a posted payment', NEW.user_id, NEW.payment_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ledger_entries_are_sides_of_posted_payments BEFORE INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION txmon_check_ledger_entry();

-- That check finds each entry's payment and makes its account one of the payment's two, whose own foreign keys
-- name open accounts; payments are never deleted. The entries' foreign keys said the same again, two checks more
-- per entry: dropped.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_payment_id_fkey;
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_user_id_fkey;

-- At commit, a POSTED payment has both its entries.
DROP TRIGGER ledger_entries_balance ON ledger_entries;
DROP TRIGGER payments_balance ON payments;
DROP FUNCTION txmon_check_payment_entries();
CREATE FUNCTION txmon_check_posted_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'POSTED'
            AND (SELECT COUNT(*) FROM ledger_entries e WHERE e.payment_id = NEW.payment_id) <> 2 THEN
        RAISE EXCEPTION 'posted payment % lacks its two ledger entries', NEW.payment_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER payments_posted_with_entries AFTER INSERT OR UPDATE ON payments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION txmon_check_posted_payment();

-- Records a screened payment, as io.txmon.payments.Payments does step by step on H2: BLOCK rejects, REVIEW holds,
-- APPROVE posts if the payer can afford it, under locks on both accounts taken in id order (FOR NO KEY UPDATE:
-- see io.txmon.payments.Funds). Called in auto-commit, it is one round trip and one transaction. A reused key
-- raises unique_violation, as the INSERT alone would.
CREATE FUNCTION txmon_record_payment(
        p_payment_id VARCHAR, p_key VARCHAR, p_hash CHAR(64), p_from VARCHAR, p_to VARCHAR, p_amount NUMERIC,
        p_amount_text VARCHAR, p_currency CHAR(3), p_sequence_number BIGINT, p_created_at TIMESTAMPTZ,
        p_recommendation VARCHAR, p_reason_codes VARCHAR)
    RETURNS TABLE (status VARCHAR, reason VARCHAR) LANGUAGE plpgsql AS $$
DECLARE
    v_status VARCHAR;
    v_reason VARCHAR;
    v_balance NUMERIC;
    v_overdraft NUMERIC;
    v_first VARCHAR;
    v_second VARCHAR;
BEGIN
    IF p_recommendation = 'BLOCK' THEN
        v_status := 'REJECTED';
        v_reason := 'blocked by screening: ' || p_reason_codes;
    ELSIF p_recommendation = 'REVIEW' THEN
        v_status := 'HELD';
        v_reason := 'held for review: ' || p_reason_codes;
    ELSE
        -- In the order of the ids' bytes, as io.txmon.payments.Funds takes them: collation "C", not the database's.
        -- Compared apart from the lookups, which must use the primary key's own collation to use its index.
        IF p_from COLLATE "C" < p_to COLLATE "C" THEN
            v_first := p_from;
            v_second := p_to;
        ELSE
            v_first := p_to;
            v_second := p_from;
        END IF;
        PERFORM 1 FROM ledger_accounts WHERE user_id = v_first FOR NO KEY UPDATE;
        PERFORM 1 FROM ledger_accounts WHERE user_id = v_second FOR NO KEY UPDATE;
        SELECT balance, overdraft_limit INTO v_balance, v_overdraft FROM ledger_accounts WHERE user_id = p_from;
        IF v_balance - p_amount < -v_overdraft THEN
            v_status := 'REJECTED';
            v_reason := 'insufficient funds: paying ' || p_amount_text || ' would take ' || p_from
                || ' below its overdraft limit of ' || trim_scale(v_overdraft)::text;
        ELSE
            v_status := 'POSTED';
        END IF;
    END IF;
    INSERT INTO payments (payment_id, idempotency_key, request_hash, from_account, to_account, amount, currency,
            status, reason, sequence_number, created_at)
        VALUES (p_payment_id, p_key, p_hash, p_from, p_to, p_amount, p_currency, v_status, v_reason,
            p_sequence_number, p_created_at);
    IF v_status = 'POSTED' THEN
        -- One account per statement: an IN list over both made a generic plan that scanned the whole table.
        UPDATE ledger_accounts SET balance = balance - p_amount WHERE user_id = p_from RETURNING balance INTO v_balance;
        INSERT INTO ledger_entries (payment_id, user_id, amount, balance_after, posted_at)
            VALUES (p_payment_id, p_from, -p_amount, v_balance, p_created_at);
        UPDATE ledger_accounts SET balance = balance + p_amount WHERE user_id = p_to RETURNING balance INTO v_balance;
        INSERT INTO ledger_entries (payment_id, user_id, amount, balance_after, posted_at)
            VALUES (p_payment_id, p_to, p_amount, v_balance, p_created_at);
    END IF;
    RETURN QUERY SELECT v_status, v_reason;
END $$;
