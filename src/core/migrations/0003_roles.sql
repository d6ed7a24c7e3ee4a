-- Two roles on a PostgreSQL server (README.md, "PostgreSQL roles"): the owner runs these migrations and owns every
-- table; the serving role answers requests with only the privileges it is granted at each start (src/core/db/roles.ts):
-- on audit_events INSERT and SELECT, nothing that could change or remove a row, and no ALTER, since it owns nothing.
--
-- ANALYZE needs ownership (PostgreSQL 15): the serving role refreshes the planner's statistics after a bulk load
-- through this function, which runs as its owner and does nothing but ANALYZE the table it is given.
CREATE FUNCTION qiaoliang_analyze(target regclass) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  EXECUTE format('ANALYZE %s', target);
END
$$;
REVOKE ALL ON FUNCTION qiaoliang_analyze(regclass) FROM PUBLIC;
