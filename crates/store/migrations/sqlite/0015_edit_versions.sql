-- Criteria and questions are version-checked like rounds, categories and units (issue 11):
-- two administrators editing the same one no longer overwrite each other.
ALTER TABLE criterion ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE question ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
