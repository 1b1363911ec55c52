-- The review line each decision was judged by: the alert budget's line for its day, or the rule set's fixed
-- review_at (io.txmon.scoring.ReviewLine). Empty for decisions stored before this migration.
ALTER TABLE decisions ADD COLUMN review_threshold NUMERIC(5, 4);
ALTER TABLE decisions ADD CONSTRAINT decisions_review_threshold CHECK (review_threshold > 0 AND review_threshold <= 1);
