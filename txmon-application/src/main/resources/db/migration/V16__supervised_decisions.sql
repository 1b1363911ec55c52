-- The supervised model that decided beside the rules and the anomaly model, and its fraud probability (four
-- decimals, as decisions files write it): an audit can then name the model behind a stored decision, and a door that
-- opens again primes its review line from the scores of the supervised champion it decides with, not the one before
-- (io.txmon.ingest.DecisionLog). Both empty when no supervised model decided, and for decisions stored before this
-- migration.
ALTER TABLE decisions ADD COLUMN supervised_model_version VARCHAR(64);
ALTER TABLE decisions ADD COLUMN fraud_probability NUMERIC(5, 4);
ALTER TABLE decisions ADD CONSTRAINT decisions_supervised CHECK (
    (supervised_model_version IS NULL AND fraud_probability IS NULL)
    OR (supervised_model_version IS NOT NULL AND fraud_probability >= 0 AND fraud_probability <= 1));
