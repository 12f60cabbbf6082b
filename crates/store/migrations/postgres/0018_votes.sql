-- «Folkets favoritt» (issue 12): one vote per person per category, moved by updating it.
-- The primary key is what keeps it to one, whatever the client sends.
CREATE TABLE vote (
    category_id UUID NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    application_id UUID NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    voted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (category_id, user_id)
);
CREATE INDEX vote_application ON vote(application_id);
