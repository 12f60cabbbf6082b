-- A unit records stealing an idea once (issue 11): the check before the insert raced, so two
-- presses at once recorded two adoptions. Duplicates already stored keep their oldest row.
DELETE FROM adoption
WHERE adopting_application_id IS NULL
  AND EXISTS (
    SELECT 1 FROM adoption b
    WHERE b.adopting_application_id IS NULL
      AND b.source_application_id = adoption.source_application_id
      AND b.adopting_unit_id = adoption.adopting_unit_id
      AND b.id < adoption.id
  );
CREATE UNIQUE INDEX adoption_once ON adoption(source_application_id, adopting_unit_id)
    WHERE adopting_application_id IS NULL;
