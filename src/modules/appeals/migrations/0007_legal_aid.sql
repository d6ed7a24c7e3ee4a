-- Legal aid for workers (法律援助, issue 15): the unions' legal-aid institutions at the province, city and county
-- federations, their lawyers and volunteers, and legal-aid cases taken on for an appeal. README.md, "Legal aid".

-- One institution per federation (the report: 省、市、县三级工会法律援助机构), from the day it was set up.
CREATE TABLE legal_aid_institutions (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id         bigint NOT NULL UNIQUE REFERENCES orgs (id),
  name           text NOT NULL,
  established_on date NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Lawyers and volunteers: name and phone are personal data, sealed with the platform's cipher (AES-256-GCM).
CREATE TABLE legal_aid_staff (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES legal_aid_institutions (id),
  kind           text NOT NULL CHECK (kind IN ('lawyer', 'volunteer')),
  name_cipher    bytea NOT NULL,
  phone_cipher   bytea,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX legal_aid_staff_institution_idx ON legal_aid_staff (institution_id, id);

-- A case taken on for an appeal: accepted, then closed with its outcome and the amount recovered for the worker
-- (integer fen). Counted at the institution's federation in the year it closed.
CREATE TABLE legal_aid_cases (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES legal_aid_institutions (id),
  appeal_id      bigint NOT NULL REFERENCES appeals (id),
  staff_id       bigint REFERENCES legal_aid_staff (id),
  accepted_on    date NOT NULL,
  status         text NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'closed')),
  outcome        text CHECK (outcome IN ('won', 'mediated', 'partly_won', 'lost', 'withdrawn')),
  recovered_fen  bigint NOT NULL DEFAULT 0 CHECK (recovered_fen >= 0),
  closed_on      date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL AND outcome IS NOT NULL)),
  CHECK (closed_on IS NULL OR closed_on >= accepted_on)
);
CREATE INDEX legal_aid_cases_institution_idx ON legal_aid_cases (institution_id, status, id);
CREATE INDEX legal_aid_cases_appeal_idx ON legal_aid_cases (appeal_id);
