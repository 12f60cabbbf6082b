-- The jury's work (issue 12): a chair and a deputy per category's jury, conflicts of interest
-- with their grounds, source and an administrator's decision, reviews with a comment per
-- criterion (a criterion may be left empty), the chair's lock and publication minutes, and
-- feedback to every application. Nothing wrote review, score or conflict before this, so they
-- are made anew.
ALTER TABLE jury_member ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
UPDATE jury_member SET role = 'chair' WHERE chair = 1;
ALTER TABLE jury_member DROP COLUMN chair;
CREATE UNIQUE INDEX jury_member_lead ON jury_member(category_id, role) WHERE role <> 'member';
CREATE INDEX jury_member_user ON jury_member(user_id);

ALTER TABLE category ADD COLUMN scores_locked_at TEXT;
ALTER TABLE category ADD COLUMN nominees_at TEXT;
ALTER TABLE category ADD COLUMN results_at TEXT;
ALTER TABLE category ADD COLUMN no_winner_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE category ADD COLUMN jury_version INTEGER NOT NULL DEFAULT 1;

DROP TABLE score;
DROP TABLE review;
DROP TABLE conflict;

CREATE TABLE conflict (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id),
    grounds TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    raised_by BLOB REFERENCES users(id),
    raised_at TEXT NOT NULL,
    decided_by BLOB REFERENCES users(id),
    decided_at TEXT,
    decision_reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (application_id, user_id)
);
CREATE INDEX conflict_user ON conflict(user_id);

CREATE TABLE review (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    juror_id BLOB NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    -- The review's weighted total on 0..1 (domain::scoring::review_fraction), kept with
    -- each save so the overview need not read every score; NULL when nothing is scored.
    fraction REAL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (application_id, juror_id)
);
CREATE INDEX review_juror ON review(juror_id);

CREATE TABLE score (
    review_id BLOB NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    criterion_id BLOB NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    value INTEGER,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, criterion_id)
);

ALTER TABLE decision ADD COLUMN nominated INTEGER NOT NULL DEFAULT 0;
UPDATE decision SET nominated = 1 WHERE kind IN ('nominee', 'winner');
ALTER TABLE decision ADD COLUMN decided_by BLOB REFERENCES users(id);
ALTER TABLE decision ADD COLUMN updated_at TEXT;

CREATE TABLE feedback (
    application_id BLOB PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    written_by BLOB REFERENCES users(id),
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
