-- How far the saved account states reach: they reflect every transaction up to through_sequence. Ingestion
-- saves states at checkpoints rather than with every chunk (saving them with every chunk costs more than the
-- chunk itself); transactions stored after the last checkpoint, by a run that stopped before reaching its
-- next one, are replayed into the states when the next run starts.
CREATE TABLE state_checkpoint (
    id               INT PRIMARY KEY,
    through_sequence BIGINT NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT state_checkpoint_one_row CHECK (id = 1)
);
INSERT INTO state_checkpoint (id, through_sequence, updated_at) VALUES (1, 0, CURRENT_TIMESTAMP);
