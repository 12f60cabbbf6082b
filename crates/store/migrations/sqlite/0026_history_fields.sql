-- What real history holds (issue 14, exchange format version 2): a prize whose sum nobody
-- recorded, a known number of applications where not all are in the catalogue, more than
-- one unit behind an application, and partners outside the organisation.
ALTER TABLE category ADD COLUMN prize_sum_unknown INTEGER NOT NULL DEFAULT 0;
ALTER TABLE category ADD COLUMN known_application_count INTEGER;
ALTER TABLE application ADD COLUMN outside_partners TEXT NOT NULL DEFAULT '[]';

-- The units besides `application.unit_id` that stand behind an application, in order.
CREATE TABLE application_unit (
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    unit_id BLOB NOT NULL REFERENCES unit(id),
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (application_id, unit_id)
);
CREATE INDEX application_unit_unit ON application_unit(unit_id);
