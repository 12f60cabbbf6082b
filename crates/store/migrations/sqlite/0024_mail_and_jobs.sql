-- E-mail that is sent, and scheduled work that runs once (issue 13).
-- outbox: each message keeps its rendered text and HTML, what kind it is (for the
-- administrator's view and the unsubscribe link), the user it is for (if any), and a key that
-- keeps a scheduled message (a reminder, say) from being written twice. `failed_at` is set when
-- the sender gives up; `lease_until` is the claim of one sender process.
ALTER TABLE outbox ADD COLUMN html_body TEXT;
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE outbox ADD COLUMN language TEXT NOT NULL DEFAULT 'nb';
ALTER TABLE outbox ADD COLUMN user_id BLOB REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE outbox ADD COLUMN dedupe_key TEXT;
ALTER TABLE outbox ADD COLUMN failed_at TEXT;
ALTER TABLE outbox ADD COLUMN message_id TEXT;
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT;
CREATE UNIQUE INDEX outbox_dedupe ON outbox(dedupe_key);
CREATE INDEX outbox_created ON outbox(created_at);

-- Scheduled work: one row per (kind, subject, minute), made ahead of its minute from the
-- stored schedules (deadlines, publication minutes, ceremonies). The key's uniqueness makes
-- each run happen once across processes; a row made before a downtime runs after it.
ALTER TABLE job ADD COLUMN job_key TEXT;
ALTER TABLE job ADD COLUMN subject_id BLOB;
ALTER TABLE job ADD COLUMN outcome TEXT;
ALTER TABLE job ADD COLUMN started_at TEXT;
CREATE UNIQUE INDEX job_key ON job(job_key);

-- Who asked not to get the optional messages (reminders, announcements), by address; the
-- token is the unsubscribe link's secret.
CREATE TABLE mail_recipient (
    email TEXT PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    opted_out_at TEXT
);

-- «Ble det varig?»: a nominated or winning team's answer a year after the ceremony.
CREATE TABLE follow_up (
    application_id BLOB PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    asked_at TEXT NOT NULL,
    answered_at TEXT,
    in_use TEXT,
    spread TEXT NOT NULL DEFAULT '',
    changed TEXT NOT NULL DEFAULT '',
    answered_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    version INTEGER NOT NULL DEFAULT 1
);
