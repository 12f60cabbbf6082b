-- The core data model (DESIGN.md). Same tables and columns as ../postgres/0001_core.sql;
-- a test compares the two. Times are UTC text, ids are UUID v7 as 16-byte BLOBs.

CREATE TABLE organisation (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    accent_colour TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE unit (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisation(id),
    parent_id BLOB REFERENCES unit(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE users (
    id BLOB PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    unit_id BLOB REFERENCES unit(id),
    locale TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE user_role (
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE external_identity (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
);

CREATE TABLE session (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX session_expiry ON session(expires_at);

CREATE TABLE round (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisation(id),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    ceremony_name TEXT NOT NULL DEFAULT '',
    ceremony_at TEXT,
    ceremony_place TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    visibility TEXT NOT NULL,
    copied_from BLOB REFERENCES round(id),
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE category (
    id BLOB PRIMARY KEY,
    round_id BLOB NOT NULL REFERENCES round(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    prize_sum_kr INTEGER NOT NULL DEFAULT 0,
    deadline TEXT NOT NULL,
    extended_deadline TEXT,
    blind INTEGER NOT NULL DEFAULT 0,
    peoples_choice INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX category_round ON category(round_id);

CREATE TABLE criterion (
    id BLOB PRIMARY KEY,
    category_id BLOB NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    help TEXT NOT NULL DEFAULT '',
    shape TEXT NOT NULL,
    scale_min INTEGER NOT NULL,
    scale_max INTEGER NOT NULL,
    weight INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX criterion_category ON criterion(category_id);

CREATE TABLE question (
    id BLOB PRIMARY KEY,
    category_id BLOB NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    help TEXT NOT NULL DEFAULT '',
    required INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE application (
    id BLOB PRIMARY KEY,
    category_id BLOB NOT NULL REFERENCES category(id),
    unit_id BLOB NOT NULL REFERENCES unit(id),
    owner_id BLOB NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    answers TEXT NOT NULL,
    unit_snapshot TEXT NOT NULL,
    idea_origin TEXT NOT NULL DEFAULT 'original',
    origin_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    withdrawn_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX application_category ON application(category_id, state);
CREATE INDEX application_owner ON application(owner_id);

CREATE TABLE application_link (
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    continues_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, continues_id)
);

CREATE TABLE team_member (
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    user_id BLOB REFERENCES users(id),
    invited_at TEXT NOT NULL,
    PRIMARY KEY (application_id, email)
);

CREATE TABLE attachment (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    alt_text TEXT NOT NULL DEFAULT '',
    storage_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE endorsement (
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE jury_member (
    category_id BLOB NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id),
    chair INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (category_id, user_id)
);

CREATE TABLE conflict (
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL DEFAULT '',
    declared_at TEXT NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE review (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    juror_id BLOB NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    submitted_at TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (application_id, juror_id)
);

CREATE TABLE score (
    review_id BLOB NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    criterion_id BLOB NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    value INTEGER NOT NULL,
    PRIMARY KEY (review_id, criterion_id)
);

CREATE TABLE decision (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL UNIQUE REFERENCES application(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    justification TEXT NOT NULL DEFAULT '',
    feedback TEXT NOT NULL DEFAULT '',
    publish_at TEXT,
    published_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE adoption (
    id BLOB PRIMARY KEY,
    source_application_id BLOB NOT NULL REFERENCES application(id),
    adopting_unit_id BLOB REFERENCES unit(id),
    adopting_application_id BLOB REFERENCES application(id),
    note TEXT NOT NULL DEFAULT '',
    created_by BLOB REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX adoption_source ON adoption(source_application_id);

CREATE TABLE cheer (
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE story (
    id BLOB PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    author_id BLOB NOT NULL REFERENCES users(id),
    published_at TEXT,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE story_application (
    story_id BLOB NOT NULL REFERENCES story(id) ON DELETE CASCADE,
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, application_id)
);

CREATE TABLE audit_log (
    id BLOB PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id BLOB REFERENCES users(id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BLOB,
    detail TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE outbox (
    id BLOB PRIMARY KEY,
    created_at TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    locked_until TEXT,
    sent_at TEXT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);

CREATE TABLE job (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at TEXT NOT NULL,
    locked_until TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    done_at TEXT,
    last_error TEXT
);
CREATE INDEX job_due ON job(done_at, run_at);
