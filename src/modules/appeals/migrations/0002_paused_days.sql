-- The working days given back so far for pauses (waiting for the worker): a deadline set again (a difficulty changed,
-- a case sent back to be redone) keeps them.
ALTER TABLE appeals ADD COLUMN paused_days integer NOT NULL DEFAULT 0 CHECK (paused_days >= 0);
