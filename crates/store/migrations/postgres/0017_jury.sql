-- The jury's work (issue 12): a chair and a deputy per category's jury, conflicts of interest
-- with their grounds, source and an administrator's decision, reviews with a comment per
-- criterion (a criterion may be left empty), the chair's lock and publication minutes, and
-- feedback to every application. Nothing wrote review, score or conflict before this, so they
-- are made anew.
ALTER TABLE jury_member ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
UPDATE jury_member SET role = 'chair' WHERE chair;
ALTER TABLE jury_member DROP COLUMN chair;
CREATE UNIQUE INDEX jury_member_lead ON jury_member(category_id, role) WHERE role <> 'member';
CREATE INDEX jury_member_user ON jury_member(user_id);

ALTER TABLE category ADD COLUMN scores_locked_at TIMESTAMPTZ;
ALTER TABLE category ADD COLUMN nominees_at TIMESTAMPTZ;
ALTER TABLE category ADD COLUMN results_at TIMESTAMPTZ;
ALTER TABLE category ADD COLUMN no_winner_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE category ADD COLUMN jury_version BIGINT NOT NULL DEFAULT 1;

DROP TABLE score;
DROP TABLE review;
DROP TABLE conflict;

CREATE TABLE conflict (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id),
    grounds TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    raised_by UUID REFERENCES users(id),
    raised_at TIMESTAMPTZ NOT NULL,
    decided_by UUID REFERENCES users(id),
    decided_at TIMESTAMPTZ,
    decision_reason TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (application_id, user_id)
);
CREATE INDEX conflict_user ON conflict(user_id);

CREATE TABLE review (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    juror_id UUID NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    -- The review's weighted total on 0..1 (domain::scoring::review_fraction), kept with
    -- each save so the overview need not read every score; NULL when nothing is scored.
    fraction DOUBLE PRECISION,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    submitted_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (application_id, juror_id)
);
CREATE INDEX review_juror ON review(juror_id);

CREATE TABLE score (
    review_id UUID NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    criterion_id UUID NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    value BIGINT,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, criterion_id)
);

ALTER TABLE decision ADD COLUMN nominated BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE decision SET nominated = TRUE WHERE kind IN ('nominee', 'winner');
ALTER TABLE decision ADD COLUMN decided_by UUID REFERENCES users(id);
ALTER TABLE decision ADD COLUMN updated_at TIMESTAMPTZ;

CREATE TABLE feedback (
    application_id UUID PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    written_by UUID REFERENCES users(id),
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
