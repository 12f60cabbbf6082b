-- The search index follows applications by a change counter, not by their times (issue 14):
-- every insert or update of an application takes the next value of `search_change.seq`
-- into its `change_seq`, so a row written with historical times (an import) is seen too.
-- Each index records the value it has caught up to. Existing rows start at 1, so an index
-- from before this migration (which has caught up to 0) reads every application once.
CREATE TABLE search_change (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL
);
INSERT INTO search_change (id, seq) VALUES (1, 1);
ALTER TABLE application ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 1;
CREATE INDEX application_change_seq ON application (change_seq);

-- The inner UPDATE changes change_seq, so the WHEN keeps it from firing the trigger again.
CREATE TRIGGER application_change_insert AFTER INSERT ON application
BEGIN
    UPDATE search_change SET seq = seq + 1 WHERE id = 1;
    UPDATE application SET change_seq = (SELECT seq FROM search_change WHERE id = 1)
    WHERE id = NEW.id;
END;

CREATE TRIGGER application_change_update AFTER UPDATE ON application
WHEN NEW.change_seq = OLD.change_seq
BEGIN
    UPDATE search_change SET seq = seq + 1 WHERE id = 1;
    UPDATE application SET change_seq = (SELECT seq FROM search_change WHERE id = 1)
    WHERE id = NEW.id;
END;
