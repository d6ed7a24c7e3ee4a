-- The registry's list sorts only in orders an index gives, each ending with the id so that a page's cursor is one
-- row's place (src/core/paging.ts): by name, or by established date.
CREATE INDEX appeal_centres_name_id_idx ON appeal_centres (name, id);
CREATE INDEX appeal_centres_established_id_idx ON appeal_centres (established_on, id);
