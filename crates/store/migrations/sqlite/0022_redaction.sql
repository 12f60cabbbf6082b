-- Issue 12, blind mode: an administrator's redacted copy of an application's free-text
-- answers for a blind jury, kept as the rewritten texts by field key
-- (domain::jury::redaction) and laid over the original when a juror reads it.
CREATE TABLE redaction (
    application_id BLOB PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
    texts TEXT NOT NULL,
    written_by BLOB REFERENCES users(id),
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
