-- The audit log is read newest first and by period on its administrators' page (issue 11).
CREATE INDEX audit_at ON audit_log(at);
