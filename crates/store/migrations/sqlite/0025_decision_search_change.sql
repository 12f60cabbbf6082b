-- The search index keeps the jury's justification with its publication minute (issue 14):
-- a change to a decision is a change to its application for the index, so it takes the
-- next value of the search change counter through the application's own update trigger
-- (0023), and every process's index reads the application again.
CREATE TRIGGER decision_change_insert AFTER INSERT ON decision
BEGIN
    UPDATE application SET change_seq = change_seq WHERE id = NEW.application_id;
END;

CREATE TRIGGER decision_change_update AFTER UPDATE ON decision
BEGIN
    UPDATE application SET change_seq = change_seq WHERE id = NEW.application_id;
END;

CREATE TRIGGER decision_change_delete AFTER DELETE ON decision
BEGIN
    UPDATE application SET change_seq = change_seq WHERE id = OLD.application_id;
END;
