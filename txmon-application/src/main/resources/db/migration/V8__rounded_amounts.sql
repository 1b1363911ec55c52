-- Records whose amount was a binary float's rendering of an amount (914.1500000000001 for 914.15), read as that
-- amount rounded to the currency's decimals (docs/file-formats.md). Runs before this version rounded none.
ALTER TABLE ingestion_runs ADD COLUMN rows_rounded BIGINT NOT NULL DEFAULT 0;
