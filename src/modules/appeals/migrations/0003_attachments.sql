-- Files a worker attaches to a public appeal (photos, PDFs). Each is uploaded on its own first and answers a one-time
-- upload id; the submission names the ids and takes the files in its own transaction. Only the id's SHA-256 is kept.
-- An upload that no submission took within an hour is removed, row and file, when later uploads come.
CREATE TABLE appeal_attachments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  upload_hash  bytea NOT NULL UNIQUE,
  -- Null until a submission takes it.
  appeal_id    bigint REFERENCES appeals (id),
  file_name    text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size_bytes   integer NOT NULL CHECK (size_bytes > 0),
  -- The file's name under DATA_DIR/appeal-attachments: random, never the worker's.
  stored_name  text NOT NULL UNIQUE,
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_attachments_appeal_idx ON appeal_attachments (appeal_id, id) WHERE appeal_id IS NOT NULL;
CREATE INDEX appeal_attachments_pending_idx ON appeal_attachments (uploaded_at) WHERE appeal_id IS NULL;
