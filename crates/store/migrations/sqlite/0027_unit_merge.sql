-- Issue 14: a merge of units is kept, so it can be seen and undone. unit_merge is one merge
-- (which unit went where, when, by whom; undone_at once it was undone), written in the
-- merge's transaction. unit_merge_moved lists what that merge moved to the target: kind
-- 'user' (a person's unit), 'application' (its unit) or 'unit' (a child unit's parent).
-- An undo moves back only those rows that still point at the target. The moved ids have no
-- foreign key: a moved draft may be deleted later, and the undo then moves what is left.
-- Merges made before this migration have no row here: undoing one restores the unit only.
CREATE TABLE unit_merge (
    id BLOB PRIMARY KEY,
    from_unit_id BLOB NOT NULL REFERENCES unit(id),
    into_unit_id BLOB NOT NULL REFERENCES unit(id),
    merged_at TEXT NOT NULL,
    merged_by BLOB REFERENCES users(id),
    undone_at TEXT,
    undone_by BLOB REFERENCES users(id)
);
CREATE INDEX unit_merge_from ON unit_merge(from_unit_id, merged_at);

CREATE TABLE unit_merge_moved (
    merge_id BLOB NOT NULL REFERENCES unit_merge(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    moved_id BLOB NOT NULL,
    PRIMARY KEY (merge_id, kind, moved_id)
);
