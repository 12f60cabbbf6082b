-- Sign-in limits and the second factor (issue 11). Failed sign-ins are counted per account
-- and per client address in the database, so that every process shares the limit; a key is
-- the SHA-256 of what it counts (no e-mail address or IP address in clear), one row per key,
-- its window overwritten when it has passed and old rows pruned by the hourly job.
-- Local accounts may have a TOTP secret (RFC 6238) with the last time step used, so a code
-- cannot be replayed, and one-time recovery codes kept only as their SHA-256.

CREATE TABLE sign_in_limit (
    key TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    failures INTEGER NOT NULL
);
CREATE INDEX sign_in_limit_window ON sign_in_limit(window_start);

ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

CREATE TABLE recovery_code (
    code_hash TEXT PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX recovery_code_user ON recovery_code(user_id);
