-- The cases whose clock runs (accepted, in progress), by due date: what the overdue and due-soon queues count and
-- list (store.ts, `filtered`). Scoped by subtree, those filters could use no other index and read every case
-- (benchmarks.md, "appeals"); the open cases are a small share of all, so the partial index stays small.
CREATE INDEX appeals_counting_due_idx ON appeals (due_on) WHERE status IN ('accepted', 'in_progress');
