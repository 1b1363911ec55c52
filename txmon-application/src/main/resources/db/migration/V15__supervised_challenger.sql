-- A challenger may decide with a kept supervised model of its own (io.txmon.shadow.Shadow): a model retraining kept
-- as a challenger, run beside the champion before anyone promotes it. Empty: the challenger decides with the
-- champion's supervised model, whichever that is at each decision, as before this column.
ALTER TABLE challengers ADD COLUMN supervised_model_version VARCHAR(64);
