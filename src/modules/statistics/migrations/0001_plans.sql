-- Plans (the report's 2013–2018 plan, and any later one) are data: a period, targets on indicators, and the
-- baseline figures the report gives for the period before, each with the sentence it comes from.
CREATE TABLE plans (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code               text NOT NULL UNIQUE,
  name               text NOT NULL,
  from_year          integer NOT NULL,
  to_year            integer NOT NULL,
  -- The period the baseline figures describe (2008–2012 for the report's plan).
  baseline_from_year integer,
  baseline_to_year   integer,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (to_year >= from_year),
  CHECK (baseline_to_year IS NULL OR baseline_to_year >= baseline_from_year)
);

-- by: the state to reach by `year`; per_year: every year of the plan; cumulative: summed over the plan's years up to `year`.
-- Indicators are named by code, not by a foreign key: a plan may name an indicator whose module is not installed yet.
CREATE TABLE plan_targets (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id    bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  indicator  text NOT NULL,
  comparison text NOT NULL CHECK (comparison IN ('>=', '<=')),
  value      double precision NOT NULL,
  mode       text NOT NULL CHECK (mode IN ('by', 'per_year', 'cumulative')),
  year       integer NOT NULL,
  quote      text,
  UNIQUE (plan_id, indicator)
);

-- stock: the state at the end of the period; cumulative: summed over it; rate: a ratio 0..1; per_year: a yearly average.
CREATE TABLE plan_baselines (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id   bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  indicator text NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('stock', 'cumulative', 'rate', 'per_year')),
  value     double precision NOT NULL,
  unit      text,
  from_year integer NOT NULL,
  to_year   integer NOT NULL,
  quote     text,
  UNIQUE (plan_id, indicator)
);
