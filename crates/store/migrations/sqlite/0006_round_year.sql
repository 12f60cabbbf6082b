-- Issue 9: one round per organisation and year. A second round for the same year broke
-- the front page and the catalogue's year filter; the service refuses it at the year
-- field, and this index holds the rule for every writer (the copy, the import, the demo).
-- An installation that already has two rounds for one year must give one of them another
-- year before this migration runs; it then fails with a unique-constraint error.

CREATE UNIQUE INDEX round_organisation_year ON round(organisation_id, year);
