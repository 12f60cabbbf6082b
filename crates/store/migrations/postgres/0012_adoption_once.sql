-- A unit records stealing an idea once (issue 11): the check before the insert raced, so two
-- presses at once recorded two adoptions. Duplicates already stored keep their oldest row.
DELETE FROM adoption a
USING adoption b
WHERE a.adopting_application_id IS NULL
  AND b.adopting_application_id IS NULL
  AND b.source_application_id = a.source_application_id
  AND b.adopting_unit_id = a.adopting_unit_id
  AND b.id < a.id;
CREATE UNIQUE INDEX adoption_once ON adoption(source_application_id, adopting_unit_id)
    WHERE adopting_application_id IS NULL;
