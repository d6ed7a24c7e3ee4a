-- Worker appeals (issue 15): the registry of appeal centres and stations, the working-day calendar, the province's
-- settings, the cases and their timeline. README.md in this folder describes each table and the case's states.

-- 员工诉求中心 / 站: run by an org (the grassroots union of an employer, or a township or county federation for an
-- area), for one employer or an area. A centre or station counts from its established date until it is closed.
CREATE TABLE appeal_centres (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id         bigint NOT NULL REFERENCES orgs (id),
  kind           text NOT NULL CHECK (kind IN ('centre', 'station')),
  name           text NOT NULL,
  -- The employer it serves (the org module's employers), or the area it covers (a street, an industrial park).
  employer_id    bigint REFERENCES employers (id),
  area           text,
  established_on date NOT NULL,
  closed_on      date,
  staff_count    integer NOT NULL DEFAULT 0 CHECK (staff_count >= 0),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (employer_id IS NOT NULL OR area IS NOT NULL),
  CHECK (closed_on IS NULL OR closed_on >= established_on)
);
CREATE INDEX appeal_centres_org_idx ON appeal_centres (org_id, established_on);
CREATE INDEX appeal_centres_employer_idx ON appeal_centres (employer_id) WHERE employer_id IS NOT NULL;

-- The working-day calendar as data: official holidays, and the weekend days worked instead (调休). A date not listed
-- is a working day from Monday to Friday and a rest day on Saturday and Sunday. Kept per province (by its admins: a
-- province may add a local holiday); the State Council's years named in README.md are loaded at the first start.
CREATE TABLE appeal_holidays (
  province_org_id bigint NOT NULL REFERENCES orgs (id),
  day             date NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name            text NOT NULL,
  PRIMARY KEY (province_org_id, day)
);

-- The province's settings, one row per province: deadlines in working days by difficulty; the early warning's
-- thresholds. Made with the defaults of issue 15 at the first start.
CREATE TABLE appeal_settings (
  province_org_id       bigint PRIMARY KEY REFERENCES orgs (id),
  deadline_simple       integer NOT NULL DEFAULT 3 CHECK (deadline_simple > 0),
  deadline_ordinary     integer NOT NULL DEFAULT 7 CHECK (deadline_ordinary > 0),
  deadline_complex      integer NOT NULL DEFAULT 15 CHECK (deadline_complex > 0),
  -- N or more appeals of one category against one employer within a window of days raise a warning.
  warning_count         integer NOT NULL DEFAULT 5 CHECK (warning_count > 0),
  warning_days          integer NOT NULL DEFAULT 30 CHECK (warning_days > 0),
  -- Wages owed warn sooner.
  wages_warning_count   integer NOT NULL DEFAULT 3 CHECK (wages_warning_count > 0),
  wages_warning_days    integer NOT NULL DEFAULT 30 CHECK (wages_warning_days > 0),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- A case (诉求). `org_id` is the org handling it now: it moves when the case is sent on, up or dispatched down, and
-- the case is in the scope of that org and its ancestors. `received_org_id` is where it first arrived.
CREATE TABLE appeals (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id            bigint NOT NULL REFERENCES orgs (id),
  received_org_id   bigint NOT NULL REFERENCES orgs (id),
  -- The org that dispatched it down (派单), which signs the result off before it closes; null when not dispatched.
  dispatched_by_org_id bigint REFERENCES orgs (id),
  -- The 12351 kinds and the categories of issue 15.
  kind              text NOT NULL CHECK (kind IN ('consultation', 'help', 'complaint', 'legal_aid', 'suggestion')),
  category          text NOT NULL CHECK (category IN ('wages', 'social_insurance', 'contract', 'dismissal', 'hours_leave', 'safety_health', 'discrimination', 'other')),
  channel           text NOT NULL CHECK (channel IN ('online', 'hotline', 'visit', 'letter')),
  -- The employer: a known one (the org module's employers), or the name as the worker typed it.
  employer_id       bigint REFERENCES employers (id),
  employer_name     text NOT NULL,
  -- Where it happened: the county (or township) the worker chose.
  place_org_id      bigint NOT NULL REFERENCES orgs (id),
  facts             text NOT NULL,
  request           text NOT NULL,
  -- Involves a group of workers (群体性): raises a warning by itself.
  group_involved    boolean NOT NULL DEFAULT false,
  anonymous         boolean NOT NULL DEFAULT false,
  -- Personal data, sealed with the platform's cipher (AES-256-GCM), with keyed hashes to find a person's cases.
  name_cipher       bytea,
  phone_cipher      bytea,
  phone_hash        bytea,
  id_number_cipher  bytea,
  id_number_hash    bytea,
  status            text NOT NULL DEFAULT 'submitted'
                    CHECK (status IN ('submitted', 'accepted', 'in_progress', 'waiting', 'answered', 'closed', 'reviewing')),
  difficulty        text CHECK (difficulty IN ('simple', 'ordinary', 'complex')),
  handler_id        bigint REFERENCES users (id),
  submitted_on      date NOT NULL,
  accepted_on       date,
  -- The working day the answer is due: N working days after acceptance, moved on by pauses and approved extensions.
  due_on            date,
  -- Working days added by approved extensions, and the pause under way (the clock stops while waiting for the worker).
  extension_days    integer NOT NULL DEFAULT 0,
  extension_requested integer,
  paused_on         date,
  answered_on       date,
  answer            text,
  closed_on         date,
  -- The worker's rating (online, or taken by a callback 回访), and a reason when not satisfied.
  rating            text CHECK (rating IN ('satisfied', 'basically', 'not_satisfied')),
  rating_reason     text,
  rating_source     text CHECK (rating_source IN ('online', 'callback')),
  -- The latest press (督办) from an org above: the handler's queue puts the case first while it stands.
  supervised_at     timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (anonymous OR name_cipher IS NOT NULL),
  CHECK (rating IS NULL OR rating_source IS NOT NULL)
);
CREATE INDEX appeals_org_status_idx ON appeals (org_id, status, due_on);
CREATE INDEX appeals_handler_idx ON appeals (handler_id, status) WHERE handler_id IS NOT NULL;
CREATE INDEX appeals_submitted_idx ON appeals (submitted_on);
-- The early warning counts a category's appeals against one employer in a window.
CREATE INDEX appeals_employer_category_idx ON appeals (employer_id, category, submitted_on) WHERE employer_id IS NOT NULL;
CREATE INDEX appeals_phone_hash_idx ON appeals (phone_hash) WHERE phone_hash IS NOT NULL;

-- The case's timeline: one row per step, written in the step's own transaction. `internal` rows (notes, contacts,
-- supervision) are for staff; the public tracking page shows only the steps that are not.
CREATE TABLE appeal_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appeal_id   bigint NOT NULL REFERENCES appeals (id),
  step        text NOT NULL,
  from_status text,
  to_status   text,
  -- The org the step was taken at, and who took it (null: the worker, or the platform).
  org_id      bigint NOT NULL REFERENCES orgs (id),
  actor_id    bigint REFERENCES users (id),
  actor_name  text NOT NULL,
  happened_on date NOT NULL,
  note        text,
  internal    boolean NOT NULL DEFAULT true,
  data        jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_events_appeal_idx ON appeal_events (appeal_id, id);
