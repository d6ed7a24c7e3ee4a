-- The platform's own tables: accounts, sessions, the audit trail and long-running jobs.
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- org_id refers to the org module's orgs table; that module adds the foreign key in its first migration,
-- because core migrations run before any module's.
CREATE TABLE users (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       text NOT NULL,
  display_name   text NOT NULL,
  org_id         bigint NOT NULL,
  role           text NOT NULL CHECK (role IN ('admin', 'operator', 'reviewer', 'viewer')),
  password_hash  text NOT NULL,
  locale         text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  disabled       boolean NOT NULL DEFAULT false,
  failed_logins  integer NOT NULL DEFAULT 0,
  locked_until   timestamptz,
  must_change_password boolean NOT NULL DEFAULT false,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_org_id_idx ON users (org_id);

-- The cookie carries a random token; only its SHA-256 is stored, so a copy of the table opens no session.
CREATE TABLE sessions (
  token_hash   bytea PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

-- Append-only: written in the transaction of the change it records; a trigger refuses UPDATE and DELETE for
-- every role, and the privileges are revoked as well so that a server role that is not the owner lacks them too.
CREATE TABLE audit_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint,
  actor_name  text NOT NULL,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  -- The org subtree the event belongs to, so audit lists are scoped like everything else.
  org_path    ltree NOT NULL,
  before      jsonb,
  after       jsonb,
  request_id  text
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id, id);
CREATE INDEX audit_events_org_path_idx ON audit_events USING gist (org_path);
CREATE INDEX audit_events_at_idx ON audit_events (at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;

CREATE TABLE jobs (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL,
  status          text NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  org_path        ltree NOT NULL,
  created_by      bigint REFERENCES users (id),
  params          jsonb NOT NULL DEFAULT '{}',
  -- Where a resumed job picks up; the job's handler writes it in the same transaction as the work it covers.
  checkpoint      jsonb,
  progress_done   bigint NOT NULL DEFAULT 0,
  progress_total  bigint,
  cancel_requested boolean NOT NULL DEFAULT false,
  result          jsonb,
  error           jsonb,
  attempts        integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz,
  heartbeat_at    timestamptz
);
CREATE INDEX jobs_status_idx ON jobs (status) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_org_path_idx ON jobs USING gist (org_path);
