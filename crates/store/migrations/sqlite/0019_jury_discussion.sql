-- The jury's discussion of an application (issue 12): plain-text posts by the jurors who may
-- review it. Read in the order they were written, and polled for the ones after the last
-- seen, so the index leads with the application and the time.
CREATE TABLE jury_post (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    author_id BLOB NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX jury_post_application ON jury_post(application_id, created_at);
