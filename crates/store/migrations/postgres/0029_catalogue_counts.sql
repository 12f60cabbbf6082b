-- The catalogue at 100 000 applications (issue 16): its totals and filter choices are
-- counted from the visible categories into their applications, so that no query walks every
-- application. The count of a prize's applications, with or without a sector, is read from
-- the index alone; the distinct sectors are found by seeking through an index on them.
CREATE INDEX application_category_sector ON application (category_id, state, sector);
CREATE INDEX application_sector ON application (sector, state);
-- A card's thumbnail (and an application's attachments) looked up by application, not by
-- reading every attachment.
CREATE INDEX attachment_application ON attachment (application_id, created_at);

-- An application's cheers kept as a derived column, counted by the trigger below in the
-- transaction that adds or removes a cheer, so that a card reads it and «mest heiet på» walks
-- an index instead of counting every application's cheers. The search does not hold it: the
-- change counter (0023) is not raised when only the count changes.
-- Cheers are held still until the trigger counts them: a cheer taken back by another
-- process while the backfill runs would otherwise be counted and never subtracted.
LOCK TABLE cheer IN SHARE ROW EXCLUSIVE MODE;
ALTER TABLE application ADD COLUMN cheer_count BIGINT NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION application_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.cheer_count IS DISTINCT FROM OLD.cheer_count THEN
        RETURN NEW;
    END IF;
    UPDATE search_change SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO NEW.change_seq;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

UPDATE application SET cheer_count = (SELECT COUNT(*) FROM cheer WHERE cheer.application_id = application.id)
WHERE id IN (SELECT application_id FROM cheer);

CREATE FUNCTION cheer_count() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE application SET cheer_count = cheer_count + 1 WHERE id = NEW.application_id;
    ELSE
        UPDATE application SET cheer_count = cheer_count - 1 WHERE id = OLD.application_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER cheer_count AFTER INSERT OR DELETE ON cheer
FOR EACH ROW EXECUTE FUNCTION cheer_count();
CREATE INDEX application_cheered ON application (state, cheer_count, submitted_at);

-- The innovations that continue one («videreført i»), found from it without reading every
-- link (11 ms at 10 000 applications, growing with them, on every innovation's page).
CREATE INDEX application_link_continues ON application_link (continues_id);
