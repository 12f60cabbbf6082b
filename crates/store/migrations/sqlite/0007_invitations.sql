-- Invitation links (issue 9): a local account made by an administrator or by a team
-- invitation gets no password, but a link that lets its owner set one. Only the SHA-256 of
-- the link's token is kept; a link works once (used_at) and until expires_at.

CREATE TABLE invitation (
    token_hash TEXT PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX invitation_user ON invitation(user_id);
CREATE INDEX team_member_email ON team_member(email);
