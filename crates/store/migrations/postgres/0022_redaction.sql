-- Issue 12, blind mode: an administrator's redacted copy of an application's free-text
-- answers for a blind jury, kept as the rewritten texts by field key
-- (domain::jury::redaction) and laid over the original when a juror reads it.
CREATE TABLE redaction (
    application_id UUID PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
    texts JSONB NOT NULL,
    written_by UUID REFERENCES users(id),
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
