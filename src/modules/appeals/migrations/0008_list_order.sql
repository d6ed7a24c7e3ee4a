-- The case list's one order (schema.ts, appealOrder): a pressed (督办) case still open first, then the earliest due
-- (no deadline yet: last), then the oldest. The keyset walks this index from a cursor's place.
CREATE INDEX appeals_list_order_idx ON appeals ((supervised_at IS NULL OR status = 'closed'), (COALESCE(due_on, DATE '9999-12-31')), id);
