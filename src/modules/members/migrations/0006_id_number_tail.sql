-- The last six characters of an ID number, as a keyed hash beside the whole number's (issue 13): an officer who has
-- chosen one grassroots union may find a member by them ("the last digits with the union known"). Keyed with the
-- personal-data key, which the database never holds: the rows already stored are filled at start by the members
-- module (fillIdNumberTails, src/modules/members/tails.ts) right after this, in batches. No index: the search is
-- only ever asked within one union, whose memberships its own index finds, a few thousand rows at most.
ALTER TABLE workers ADD COLUMN id_number_tail_hash bytea;
