-- The org and employer lists sort only in orders an index gives, each ending with a unique column so that a page's
-- cursor is one row's place (src/core/paging.ts): orgs by code (orgs_code_key), name or kind; employers by name or
-- headcount.
CREATE INDEX orgs_name_code_idx ON orgs (name, code);
CREATE INDEX orgs_kind_code_idx ON orgs (kind, code);
CREATE INDEX employers_name_id_idx ON employers (name, id);
CREATE INDEX employers_employee_count_id_idx ON employers (employee_count, id);

-- A search's code prefix (`code LIKE '220102%'`) by index whatever the database's collation: text_pattern_ops
-- compares bytes. Names are found by their trigram indexes.
CREATE INDEX orgs_code_pattern_idx ON orgs (code text_pattern_ops);
CREATE INDEX orgs_region_code_pattern_idx ON orgs (region_code text_pattern_ops);
CREATE INDEX employers_credit_code_pattern_idx ON employers (credit_code text_pattern_ops);
