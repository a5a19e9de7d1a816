-- Reverses 0001_initial (development only: drops every table of the model).
DROP TABLE IF EXISTS sink_offsets, agg_skill_pair, agg_skill_week, agg_field_skill, agg_field_week, agg_field,
  posting_skills, posting_sources, posting_texts, postings, boards, companies, skills, skill_categories, job_fields;
