-- member_counts becomes a table of subtree sums, as the indicator engine reads them: the row of an org holds the
-- flows of every union in its subtree (a change is added to the union and to each of its ancestors). The rows
-- kept so far were the unions' own: their sums are added to every ancestor.
INSERT INTO member_counts (org_id, year, joined, ended, joined_women, ended_women, joined_migrant, ended_migrant, joined_dispatched, ended_dispatched)
SELECT ancestor.id, c.year, sum(c.joined), sum(c.ended), sum(c.joined_women), sum(c.ended_women), sum(c.joined_migrant),
       sum(c.ended_migrant), sum(c.joined_dispatched), sum(c.ended_dispatched)
FROM member_counts c
JOIN orgs o ON o.id = c.org_id
CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS ancestor(id)
WHERE ancestor.id <> c.org_id
GROUP BY ancestor.id, c.year
ON CONFLICT (org_id, year) DO UPDATE SET
  joined = member_counts.joined + excluded.joined, ended = member_counts.ended + excluded.ended,
  joined_women = member_counts.joined_women + excluded.joined_women, ended_women = member_counts.ended_women + excluded.ended_women,
  joined_migrant = member_counts.joined_migrant + excluded.joined_migrant, ended_migrant = member_counts.ended_migrant + excluded.ended_migrant,
  joined_dispatched = member_counts.joined_dispatched + excluded.joined_dispatched, ended_dispatched = member_counts.ended_dispatched + excluded.ended_dispatched;
