-- Stories («Tanketanken», issue 4): a lead for lists and feeds, when a story last changed,
-- and its images. A story is public from its published_at (which may lie ahead: scheduled);
-- public_change::next_by_clock reads that column.

ALTER TABLE story ADD COLUMN lead TEXT NOT NULL DEFAULT '';
ALTER TABLE story ADD COLUMN updated_at TEXT;
ALTER TABLE story_application ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
CREATE INDEX story_published ON story(published_at);
CREATE INDEX story_application_application ON story_application(application_id);

CREATE TABLE story_image (
    id BLOB PRIMARY KEY,
    story_id BLOB NOT NULL REFERENCES story(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    alt_text TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    thumbnail_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX story_image_story ON story_image(story_id);
