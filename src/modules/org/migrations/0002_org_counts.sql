-- Per-org, per-year counts of grassroots unions for the indicator engine, by the year each union was founded (its
-- founding date, else the day it was entered). A row holds the sums over the org's whole subtree: a change is
-- added to the union's own row and to each of its ancestors', so any subtree's figure reads one org's rows.
CREATE TABLE org_counts (
  org_id              bigint NOT NULL REFERENCES orgs (id),
  year                integer NOT NULL,
  -- Grassroots unions founded in the year.
  grassroots_unions   integer NOT NULL DEFAULT 0,
  -- … of which have a women workers' committee (as they are now).
  women_committees    integer NOT NULL DEFAULT 0,
  -- … of which have a professional chair (as they are now).
  professional_chairs integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, year)
);

INSERT INTO org_counts (org_id, year, grassroots_unions, women_committees, professional_chairs)
SELECT ancestor.id, extract(year FROM coalesce(u.founded_on, u.created_at::date))::int, count(*),
       count(*) FILTER (WHERE u.has_women_committee), count(*) FILTER (WHERE u.has_professional_chair)
FROM orgs u CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')::bigint[]) AS ancestor(id)
WHERE u.kind = 'grassroots'
GROUP BY 1, 2;
