-- A target says which unit its value is in (issue 13): 'percent' for a rate, else what is counted ('person',
-- 'yuan' …, from the plan file), NULL where no file said. Values stay as the engine compares them (a rate as a
-- fraction 0..1); the API gives and takes rates in percent. `title` is the plan file's own wording of the target,
-- shown while no module computes its indicator.
ALTER TABLE plan_targets ADD COLUMN unit text, ADD COLUMN title text;

-- Targets loaded before units were kept: the report's plan names its rates without a unit and as fractions (0.9),
-- its counts and sums in hundreds at least, so a value of at most 1 is a rate. A target whose plan's baseline is a
-- rate is one whatever its value.
UPDATE plan_targets t SET unit = 'percent'
WHERE t.value <= 1
   OR EXISTS (SELECT 1 FROM plan_baselines b WHERE b.plan_id = t.plan_id AND b.indicator = t.indicator AND b.kind = 'rate');
