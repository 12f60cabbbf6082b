-- Assignment of the jury's work (issue 12): by default (NULL) every juror of a category
-- reviews all of its submitted applications; a number here means that many reviewers per
-- application, each pair stored in jury_assignment (balanced by the administrator's
-- preview and save, or set by hand). Changes go through the category's jury_version.
ALTER TABLE category ADD COLUMN reviewers_per_application INTEGER;

CREATE TABLE jury_assignment (
    application_id BLOB NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, user_id)
);
CREATE INDEX jury_assignment_user ON jury_assignment(user_id);
