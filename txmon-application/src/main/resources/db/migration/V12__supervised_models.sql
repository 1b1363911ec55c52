-- Every supervised model trained (io.txmon.storage.StoredSupervisedModels, docs/supervised-model.md "Registry and
-- retraining"): the model itself, what it learned from, how it did on the most recent labelled window, and its role.
-- One champion at most: champion is TRUE for it and NULL for every other row, and a unique constraint lets NULLs
-- repeat on both engines, so two promotions racing cannot leave two champions (a partial index would say it more
-- directly, but H2 has none).
CREATE TABLE supervised_models (
    model_version         VARCHAR(64) PRIMARY KEY,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    model_file            BYTEA NOT NULL,
    inputs                VARCHAR(8000) NOT NULL,
    labels_as_of          TIMESTAMP WITH TIME ZONE NOT NULL,
    trained_from          TIMESTAMP WITH TIME ZONE NOT NULL,
    trained_to            TIMESTAMP WITH TIME ZONE NOT NULL,
    training_rows         BIGINT NOT NULL,
    training_positives    BIGINT NOT NULL,
    validated_from        TIMESTAMP WITH TIME ZONE NOT NULL,
    validated_to          TIMESTAMP WITH TIME ZONE NOT NULL,
    validation_rows       BIGINT NOT NULL,
    validation_positives  BIGINT NOT NULL,
    roc_auc               DOUBLE PRECISION NOT NULL,
    pr_auc                DOUBLE PRECISION NOT NULL,
    alert_share           DOUBLE PRECISION NOT NULL,
    precision_at_budget   DOUBLE PRECISION NOT NULL,
    decision              VARCHAR(1000) NOT NULL,
    role                  VARCHAR(16) NOT NULL,
    champion              BOOLEAN,
    activated_at          TIMESTAMP WITH TIME ZONE,
    activated_by          VARCHAR(128),
    CONSTRAINT supervised_models_role CHECK (role IN ('CHAMPION', 'CHALLENGER', 'RETIRED')),
    CONSTRAINT supervised_models_champion_flag CHECK (
        (role = 'CHAMPION' AND champion = TRUE) OR (role <> 'CHAMPION' AND champion IS NULL)),
    CONSTRAINT supervised_models_one_champion UNIQUE (champion),
    CONSTRAINT supervised_models_windows CHECK (trained_from <= trained_to AND validated_from <= validated_to),
    CONSTRAINT supervised_models_counts CHECK (training_positives BETWEEN 0 AND training_rows
        AND validation_positives BETWEEN 0 AND validation_rows),
    CONSTRAINT supervised_models_metrics CHECK (roc_auc BETWEEN 0 AND 1 AND pr_auc BETWEEN 0 AND 1
        AND precision_at_budget BETWEEN 0 AND 1 AND alert_share > 0 AND alert_share <= 1)
);
CREATE INDEX supervised_models_created ON supervised_models (created_at);
