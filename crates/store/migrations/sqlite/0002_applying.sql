-- Rounds and the applicant's journey (issue 3): unit merges, the source of a stolen idea,
-- image thumbnails, and tips about candidates.

ALTER TABLE unit ADD COLUMN merged_into BLOB REFERENCES unit(id);

ALTER TABLE application ADD COLUMN source_application_id BLOB REFERENCES application(id);

ALTER TABLE attachment ADD COLUMN thumbnail_key TEXT;

CREATE TABLE tip (
    id BLOB PRIMARY KEY,
    round_id BLOB REFERENCES round(id) ON DELETE SET NULL,
    unit_id BLOB REFERENCES unit(id),
    unit_text TEXT NOT NULL DEFAULT '',
    innovation TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    tipped_by BLOB NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    handled_at TEXT
);
