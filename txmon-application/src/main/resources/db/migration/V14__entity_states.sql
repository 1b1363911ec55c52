-- Each entity's memory (io.txmon.features.EntityState, EntityStateCodec's bytes): merchants and terminals, devices,
-- payees of transfers, and accounts as holders of known outcomes (EntityKind), keyed by kind and id. Saved at the
-- same checkpoints as account_states, so that the service and ingestion go on where the last run ended and a crash
-- between checkpoints is rebuilt by the same replay (StateRecovery). Kept across rule-set and model changes: the
-- states depend on neither.
CREATE TABLE entity_states (
    kind            VARCHAR(16) NOT NULL,
    entity_id       VARCHAR(64) NOT NULL,
    state           BYTEA NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, entity_id)
);

-- The transactions the saved entity states count as known fraud: what a restart compares with the labels known by
-- then, so that an outcome is never counted twice, and a label that arrived late is still learned.
CREATE TABLE entity_outcomes (
    transaction_id  VARCHAR(64) PRIMARY KEY,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every outcome known strictly before this instant (event time, not the clock) has been taught to the saved entity
-- states; NULL until the first checkpoint that learned any.
ALTER TABLE state_checkpoint ADD COLUMN outcomes_learned_before TIMESTAMP WITH TIME ZONE;
