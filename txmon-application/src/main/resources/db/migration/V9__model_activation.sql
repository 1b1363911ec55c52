-- Who made a model version the active one, and when: PUT /models/active and bin/txmon models activate record it
-- alike (ActiveModel.activate). Empty for a version never chosen, and for one chosen before this migration.
ALTER TABLE models ADD COLUMN activated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE models ADD COLUMN activated_by VARCHAR(128);
