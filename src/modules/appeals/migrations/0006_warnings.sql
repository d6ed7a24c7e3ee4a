-- Dispute early warning (矛盾纠纷预警, issue 15): a warning is raised in the transaction of the appeal that makes a
-- cluster (N or more appeals of one category against one employer within a window: appeal_settings), or at once for
-- an appeal that involves a group (群体性). README.md, "Early warning".

-- A typed employer (no employer id) is recognised by its name as typed, normalised: letters in lower case, with no
-- white space and no punctuation (ASCII or the full-width marks of Chinese text), so "长春 华信（集团）" and
-- "长春华信(集团)" are one employer. Within the place's county only: two counties may have a 华信.
CREATE FUNCTION appeal_employer_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(regexp_replace(name, '[[:space:][:punct:]（）【】《》〈〉「」『』，。、；：？！“”‘’·…—　]+', '', 'g'));

CREATE INDEX appeals_typed_employer_idx ON appeals (category, appeal_employer_key(employer_name), submitted_on) WHERE employer_id IS NULL;

-- A warning belongs to the county federation of the place the appeals are about: the county and every org above it
-- (the city, the province) see it.
CREATE TABLE appeal_warnings (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          bigint NOT NULL REFERENCES orgs (id),
  -- cluster: the threshold was reached; group: one appeal involving a group of workers.
  reason          text NOT NULL CHECK (reason IN ('cluster', 'group')),
  category        text NOT NULL,
  employer_id     bigint REFERENCES employers (id),
  employer_name   text NOT NULL,
  -- The employer as the cluster knows it: `e<id>` for a known employer, `n<county id>:<normalised name>` for a typed one.
  employer_key    text NOT NULL,
  -- The threshold in force when it was raised, and the first day of its window.
  threshold       integer NOT NULL,
  window_days     integer NOT NULL,
  appeal_count    integer NOT NULL CHECK (appeal_count > 0),
  raised_on       date NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
  acknowledged_on date,
  closed_on       date,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- One warning of a cluster stands at a time: while it is not closed, later appeals of the cluster join it.
CREATE UNIQUE INDEX appeal_warnings_one_open_idx ON appeal_warnings (employer_key, category) WHERE reason = 'cluster' AND status <> 'closed';
CREATE INDEX appeal_warnings_org_idx ON appeal_warnings (org_id, status, raised_on);

-- The appeals a warning is about (the cluster's, or the one group appeal).
CREATE TABLE appeal_warning_appeals (
  warning_id bigint NOT NULL REFERENCES appeal_warnings (id),
  appeal_id  bigint NOT NULL REFERENCES appeals (id),
  PRIMARY KEY (warning_id, appeal_id)
);
CREATE INDEX appeal_warning_appeals_appeal_idx ON appeal_warning_appeals (appeal_id);

-- The warning's timeline: raised, joined by an appeal, acknowledged, each follow-up, closed.
CREATE TABLE appeal_warning_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warning_id  bigint NOT NULL REFERENCES appeal_warnings (id),
  step        text NOT NULL,
  org_id      bigint NOT NULL REFERENCES orgs (id),
  actor_id    bigint REFERENCES users (id),
  actor_name  text NOT NULL,
  happened_on date NOT NULL,
  note        text,
  appeal_id   bigint REFERENCES appeals (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_warning_events_warning_idx ON appeal_warning_events (warning_id, id);

-- The early warning's and legal aid's figures per org subtree and year (src/core/indicators): the province, city and
-- county federations and those of them with a legal-aid institution (from the year each was founded or set up),
-- warnings raised, and the amount recovered for workers by legal aid (fen, in the year its case closed).
CREATE TABLE appeal_aid_counts (
  org_id                bigint NOT NULL REFERENCES orgs (id),
  year                  integer NOT NULL,
  federations           integer NOT NULL DEFAULT 0,
  legal_aid_federations integer NOT NULL DEFAULT 0,
  warnings              integer NOT NULL DEFAULT 0,
  recovered_fen         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, year)
);
-- The federations there are already, each added to itself and its ancestors.
INSERT INTO appeal_aid_counts (org_id, year, federations)
SELECT ancestor.id, coalesce(extract(year FROM f.founded_on)::int, 1949), count(*)
FROM orgs f CROSS JOIN LATERAL unnest(string_to_array(f.path::text, '.')::bigint[]) AS ancestor(id)
WHERE f.kind = 'federation' AND f.level IN ('province', 'city', 'county')
GROUP BY 1, 2;

-- Federations are made and changed by the org module (its seed, its pages, the generator); a trigger keeps their
-- count here in the transaction of each change without the org module knowing of this table. A move is left to
-- src/core/indicators' moveAggregates, which carries the org's own rows (the UPDATE takes away and adds at the new
-- path, which nets to nothing there). Rows are added in ancestor-id order, as addToAggregate adds them.
CREATE FUNCTION appeal_aid_count_federation(org_path ltree, founded date, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO appeal_aid_counts (org_id, year, federations)
  SELECT ancestor.id, coalesce(extract(year FROM founded)::int, 1949), sign
  FROM unnest(string_to_array(org_path::text, '.')::bigint[]) AS ancestor(id)
  ORDER BY ancestor.id
  ON CONFLICT (org_id, year) DO UPDATE SET federations = appeal_aid_counts.federations + excluded.federations
$$;

CREATE FUNCTION appeal_aid_counts_on_orgs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.kind = 'federation' AND OLD.level IN ('province', 'city', 'county') THEN
    PERFORM appeal_aid_count_federation(OLD.path, OLD.founded_on, -1);
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.kind = 'federation' AND OLD.level IN ('province', 'city', 'county') THEN
    PERFORM appeal_aid_count_federation(NEW.path, OLD.founded_on, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.kind = 'federation' AND NEW.level IN ('province', 'city', 'county') THEN
    PERFORM appeal_aid_count_federation(NEW.path, NEW.founded_on, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER appeal_aid_counts_orgs AFTER INSERT OR DELETE OR UPDATE OF kind, level, founded_on ON orgs
  FOR EACH ROW EXECUTE FUNCTION appeal_aid_counts_on_orgs();
