-- Added for the gateway (additive: two indexes, no table or column changes).
--
-- Top skills of a field over the last N weeks read only those weeks. Without it, "WHERE job_field_id = ? AND
-- week_start BETWEEN ? AND ?" walks every week of every skill of the field through the primary key
-- (job_field_id, skill_id, week_start). Covering: the counts are in the index.
CREATE INDEX IF NOT EXISTS idx_agg_skill_week_field_week
  ON agg_skill_week (job_field_id, week_start, skill_id, all_postings, open_postings, required_postings);

-- "How many companies stand behind this figure" (a field, a period) as an index-only range scan.
CREATE INDEX IF NOT EXISTS idx_postings_field_week_company ON postings (job_field_id, activity_week, company_id);
