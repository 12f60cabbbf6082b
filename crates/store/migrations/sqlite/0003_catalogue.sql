-- The catalogue (issue 4): the sector an application was submitted under (its name as it
-- was then, like the unit snapshot), for filtering; indexes for the catalogue's sorts.

ALTER TABLE application ADD COLUMN sector TEXT NOT NULL DEFAULT '';

CREATE INDEX application_visible ON application(state, submitted_at);
CREATE INDEX cheer_application ON cheer(application_id);
