-- Cached public pages (issue 4): one counter that every change to public data raises in
-- the same transaction, so that each process can tell its cached pages are out of date.

CREATE TABLE public_change (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL
);
INSERT INTO public_change (id, seq) VALUES (1, 0);
