DROP INDEX IF EXISTS idx_postings_field_week_company ON postings;
DROP INDEX IF EXISTS idx_agg_skill_week_field_week ON agg_skill_week;
