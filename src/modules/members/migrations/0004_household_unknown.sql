-- Household registration and the dispatched-worker flag become optional (issue 14: most rosters have neither
-- column): a person imported without them is stored as unknown (null), never guessed as urban or not dispatched.
-- The forms still ask for both. member_counts counts the unknown ones, so the indicators can say how many there are.
ALTER TABLE workers ALTER COLUMN household DROP NOT NULL;
ALTER TABLE workers ALTER COLUMN dispatched DROP NOT NULL;
ALTER TABLE workers ALTER COLUMN dispatched DROP DEFAULT;

ALTER TABLE member_counts
  ADD COLUMN joined_household_unknown  integer NOT NULL DEFAULT 0,
  ADD COLUMN ended_household_unknown   integer NOT NULL DEFAULT 0,
  ADD COLUMN joined_dispatched_unknown integer NOT NULL DEFAULT 0,
  ADD COLUMN ended_dispatched_unknown  integer NOT NULL DEFAULT 0;
