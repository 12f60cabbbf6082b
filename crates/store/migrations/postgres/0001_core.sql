-- The core data model (DESIGN.md). Same tables and columns as ../sqlite/0001_core.sql;
-- a test compares the two. Times are UTC (TIMESTAMPTZ), ids are UUID v7.

CREATE TABLE organisation (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    accent_colour TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE unit (
    id UUID PRIMARY KEY,
    organisation_id UUID NOT NULL REFERENCES organisation(id),
    parent_id UUID REFERENCES unit(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE users (
    id UUID PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    unit_id UUID REFERENCES unit(id),
    locale TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE user_role (
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE external_identity (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (issuer, subject)
);

CREATE TABLE session (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX session_expiry ON session(expires_at);

CREATE TABLE round (
    id UUID PRIMARY KEY,
    organisation_id UUID NOT NULL REFERENCES organisation(id),
    year BIGINT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    ceremony_name TEXT NOT NULL DEFAULT '',
    ceremony_at TIMESTAMPTZ,
    ceremony_place TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    visibility TEXT NOT NULL,
    copied_from UUID REFERENCES round(id),
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE category (
    id UUID PRIMARY KEY,
    round_id UUID NOT NULL REFERENCES round(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    prize_sum_kr BIGINT NOT NULL DEFAULT 0,
    deadline TIMESTAMPTZ NOT NULL,
    extended_deadline TIMESTAMPTZ,
    blind BOOLEAN NOT NULL DEFAULT FALSE,
    peoples_choice BOOLEAN NOT NULL DEFAULT FALSE,
    position BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX category_round ON category(round_id);

CREATE TABLE criterion (
    id UUID PRIMARY KEY,
    category_id UUID NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    help TEXT NOT NULL DEFAULT '',
    shape TEXT NOT NULL,
    scale_min BIGINT NOT NULL,
    scale_max BIGINT NOT NULL,
    weight BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX criterion_category ON criterion(category_id);

CREATE TABLE question (
    id UUID PRIMARY KEY,
    category_id UUID NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    help TEXT NOT NULL DEFAULT '',
    required BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE application (
    id UUID PRIMARY KEY,
    category_id UUID NOT NULL REFERENCES category(id),
    unit_id UUID NOT NULL REFERENCES unit(id),
    owner_id UUID NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    answers JSONB NOT NULL,
    unit_snapshot JSONB NOT NULL,
    idea_origin TEXT NOT NULL DEFAULT 'original',
    origin_note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    submitted_at TIMESTAMPTZ,
    withdrawn_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX application_category ON application(category_id, state);
CREATE INDEX application_owner ON application(owner_id);

CREATE TABLE application_link (
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    continues_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, continues_id)
);

CREATE TABLE team_member (
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    user_id UUID REFERENCES users(id),
    invited_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (application_id, email)
);

CREATE TABLE attachment (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    alt_text TEXT NOT NULL DEFAULT '',
    storage_key TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE endorsement (
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id),
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE jury_member (
    category_id UUID NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id),
    chair BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (category_id, user_id)
);

CREATE TABLE conflict (
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL DEFAULT '',
    declared_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE review (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    juror_id UUID NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    submitted_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (application_id, juror_id)
);

CREATE TABLE score (
    review_id UUID NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    criterion_id UUID NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    value BIGINT NOT NULL,
    PRIMARY KEY (review_id, criterion_id)
);

CREATE TABLE decision (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL UNIQUE REFERENCES application(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    justification TEXT NOT NULL DEFAULT '',
    feedback TEXT NOT NULL DEFAULT '',
    publish_at TIMESTAMPTZ,
    published_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE adoption (
    id UUID PRIMARY KEY,
    source_application_id UUID NOT NULL REFERENCES application(id),
    adopting_unit_id UUID REFERENCES unit(id),
    adopting_application_id UUID REFERENCES application(id),
    note TEXT NOT NULL DEFAULT '',
    created_by UUID REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX adoption_source ON adoption(source_application_id);

CREATE TABLE cheer (
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE story (
    id UUID PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    author_id UUID NOT NULL REFERENCES users(id),
    published_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE story_application (
    story_id UUID NOT NULL REFERENCES story(id) ON DELETE CASCADE,
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, application_id)
);

CREATE TABLE audit_log (
    id UUID PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor_id UUID REFERENCES users(id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id UUID,
    detail JSONB NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE outbox (
    id UUID PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    sent_at TIMESTAMPTZ,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);

CREATE TABLE job (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    payload JSONB NOT NULL,
    run_at TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    attempts BIGINT NOT NULL DEFAULT 0,
    done_at TIMESTAMPTZ,
    last_error TEXT
);
CREATE INDEX job_due ON job(done_at, run_at);
