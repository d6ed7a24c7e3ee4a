-- The public actor's two tables (src/core/public/README.md): what lets a worker with no account submit and follow
-- an item, without the server keeping anything that would let someone else do it.

-- A challenge is issued with no row: its token is signed by the server and carries its own expiry. The row is
-- written when the challenge is used, so each token works once; rows past their expiry are deleted by later uses.
CREATE TABLE public_challenges_used (
  id         bytea PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX public_challenges_used_expires_at_idx ON public_challenges_used (expires_at);

-- A tracking code is shown once to whoever submitted the item and kept only as two keyed hashes (HMAC-SHA-256 with a
-- key derived from the data key): the selector's, to find the row, and the whole code's, compared in constant time.
-- A copy of the table opens nothing. One code per item; a new one replaces the old.
CREATE TABLE tracking_codes (
  selector_hash bytea PRIMARY KEY,
  verifier_hash bytea NOT NULL,
  -- `<module>.<what>`, as in audit_events.entity (appeals.case), and the item's id there.
  entity        text NOT NULL,
  item_id       text NOT NULL,
  -- The org the item belongs to: the holder's actions are audited there.
  org_path      ltree NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tracking_codes_item_key ON tracking_codes (entity, item_id);
