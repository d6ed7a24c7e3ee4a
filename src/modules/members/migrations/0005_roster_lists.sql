-- The roster as a list (README.md, "Lists and search"): read union by union in the orgs' code order and, within a
-- union, by the date joined and the membership's id. A page's cursor is a place in that order; this index starts
-- each union's scan there. It leads with the columns of memberships_org_id_idx, which it replaces.
CREATE INDEX memberships_org_joined_id_idx ON memberships (org_id, joined_on, id);
DROP INDEX memberships_org_id_idx;

-- A search by membership card number (most cards are not recorded: only the rows that have one).
CREATE INDEX memberships_card_number_idx ON memberships (card_number) WHERE card_number IS NOT NULL;
