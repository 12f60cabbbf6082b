-- Sessions know whose they are (issue 11): «sign out everywhere» and account deletion end
-- every session of one user. Filled from the session's own record when it is saved.
ALTER TABLE session ADD COLUMN user_id UUID REFERENCES users(id) ON DELETE CASCADE;
CREATE INDEX session_owner ON session(user_id);
