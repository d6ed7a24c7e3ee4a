-- The pinyin initials of an org's name (南关区总工会 → NGQZGH), so the org picker finds an org by them (issue 13).
-- Computed in TypeScript (pinyin-pro, src/modules/org/initials.ts) wherever an org is written; SQL cannot compute
-- them, so the rows already there are filled by the org module's start (seed.ts, fillNameInitials) right after this.
ALTER TABLE orgs ADD COLUMN name_initials text;
CREATE INDEX orgs_name_initials_trgm ON orgs USING gin (name_initials gin_trgm_ops);
