-- The search index keeps the jury's justification with its publication minute (issue 14):
-- a change to a decision is a change to its application for the index, so it takes the
-- next value of the search change counter through the application's own trigger (0023),
-- and every process's index reads the application again.
CREATE FUNCTION decision_change() RETURNS trigger AS $$
BEGIN
    UPDATE application SET change_seq = change_seq
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.application_id ELSE NEW.application_id END;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER decision_change AFTER INSERT OR UPDATE OR DELETE ON decision
FOR EACH ROW EXECUTE FUNCTION decision_change();
