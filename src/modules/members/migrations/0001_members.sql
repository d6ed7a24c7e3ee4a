-- The member roster: workers (a person, once in the province) and their memberships of grassroots unions.

CREATE TABLE workers (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name             text NOT NULL,
  -- Personal data: AES-256-GCM ciphertext, with an HMAC-SHA-256 beside it to find and de-duplicate a person
  -- without decrypting every row. The resident ID number identifies a person: one row per number.
  id_number_cipher bytea NOT NULL,
  id_number_hash   bytea NOT NULL UNIQUE,
  gender           text NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date       date NOT NULL,
  phone_cipher     bytea,
  phone_hash       bytea,
  -- Rural household registration working in a city makes a migrant worker (农民工).
  household        text NOT NULL CHECK (household IN ('urban', 'rural')),
  dispatched       boolean NOT NULL DEFAULT false,
  education        text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workers_name_trgm ON workers USING gin (name gin_trgm_ops);
CREATE INDEX workers_phone_hash_idx ON workers (phone_hash);

-- A membership is active on a date if it began on or before it and had not ended by it: status is computed from
-- the dates, never flipped by a job.
CREATE TABLE memberships (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  worker_id   bigint NOT NULL REFERENCES workers (id),
  org_id      bigint NOT NULL REFERENCES orgs (id),
  joined_on   date NOT NULL,
  ended_on    date,
  end_reason  text CHECK (end_reason IN ('left', 'retired', 'deceased', 'transferred')),
  card_number text,
  job         text,
  -- A second membership of one person at the same time is allowed only as a declared second job.
  second_job  boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
  CHECK (ended_on IS NULL OR ended_on >= joined_on)
);
CREATE INDEX memberships_org_id_idx ON memberships (org_id, joined_on);
CREATE INDEX memberships_worker_id_idx ON memberships (worker_id);
CREATE UNIQUE INDEX memberships_one_open_per_union ON memberships (worker_id, org_id) WHERE ended_on IS NULL;

-- A transfer is asked for at the source union and accepted (or refused) at the destination; both sides and
-- their common ancestors see it.
CREATE TABLE member_transfers (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  membership_id  bigint NOT NULL REFERENCES memberships (id),
  from_org_id    bigint NOT NULL REFERENCES orgs (id),
  to_org_id      bigint NOT NULL REFERENCES orgs (id),
  requested_on   date NOT NULL,
  requested_by   bigint,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled')),
  decided_on     date,
  decided_by     bigint,
  -- The membership the destination opened on acceptance.
  new_membership_id bigint REFERENCES memberships (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_transfers_from_idx ON member_transfers (from_org_id, status);
CREATE INDEX member_transfers_to_idx ON member_transfers (to_org_id, status);
CREATE UNIQUE INDEX member_transfers_one_pending ON member_transfers (membership_id) WHERE status = 'pending';

-- Per-union, per-year flows kept in the transaction of every change: joins and ends, in all and by kind of
-- member. A stock at the end of year Y is the sum of joins minus ends over the years up to Y, so the indicator
-- engine answers for any subtree and year from these rows alone.
CREATE TABLE member_counts (
  org_id            bigint NOT NULL REFERENCES orgs (id),
  year              integer NOT NULL,
  joined            integer NOT NULL DEFAULT 0,
  ended             integer NOT NULL DEFAULT 0,
  joined_women      integer NOT NULL DEFAULT 0,
  ended_women       integer NOT NULL DEFAULT 0,
  joined_migrant    integer NOT NULL DEFAULT 0,
  ended_migrant     integer NOT NULL DEFAULT 0,
  joined_dispatched integer NOT NULL DEFAULT 0,
  ended_dispatched  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, year)
);
