-- Every rule set the service was given, as its text, by content hash (the version decisions record); one is active.
CREATE TABLE rule_sets (
    version         VARCHAR(64) PRIMARY KEY,
    name            VARCHAR(128) NOT NULL,
    rule_file       VARCHAR(1000000) NOT NULL,
    rules           INTEGER NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(128) NOT NULL,
    active          BOOLEAN NOT NULL DEFAULT FALSE
);
