-- The search index follows applications by a change counter, not by their times (issue 14):
-- every insert or update of an application takes the next value of `search_change.seq`
-- into its `change_seq`, so a row written with historical times (an import) is seen too.
-- Each index records the value it has caught up to. Existing rows start at 1, so an index
-- from before this migration (which has caught up to 0) reads every application once.
-- A counter row rather than a sequence: its row lock is held to the end of the writing
-- transaction, so values become visible in order and a reader never skips one that
-- commits late.
CREATE TABLE search_change (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL
);
INSERT INTO search_change (id, seq) VALUES (1, 1);
ALTER TABLE application ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 1;
CREATE INDEX application_change_seq ON application (change_seq);

CREATE FUNCTION application_change() RETURNS trigger AS $$
BEGIN
    UPDATE search_change SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO NEW.change_seq;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER application_change BEFORE INSERT OR UPDATE ON application
FOR EACH ROW EXECUTE FUNCTION application_change();
