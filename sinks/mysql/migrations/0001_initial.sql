-- techmap MySQL model, version 1. Written by sinks/mysql (the only writer); read by the gateway.
-- All times are UTC DATETIME(3). Ids are the pipeline's stable string ids (binary collation: exact match).
-- Aggregates (agg_*) are kept current incrementally by the sink in the same transaction as the rows.
-- Later migrations only ADD (tables, columns, indexes); nothing here is renamed or dropped.

CREATE TABLE IF NOT EXISTS job_fields (
  id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  name VARCHAR(128) NOT NULL,
  name_ko VARCHAR(128) NOT NULL,
  first_seen_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS skill_categories (
  id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  name VARCHAR(128) NOT NULL,
  first_seen_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS skills (
  id VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  name VARCHAR(200) NOT NULL,
  category_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  first_seen_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY idx_skills_category (category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS companies (
  id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
  name VARCHAR(255) NOT NULL,
  board_company_id VARCHAR(191) NULL,
  first_seen_at DATETIME(3) NOT NULL,
  last_seen_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY idx_companies_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS boards (
  id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  first_seen_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS postings (
  id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
  version BIGINT NOT NULL,
  enriched_at DATETIME(3) NOT NULL,
  title VARCHAR(300) NOT NULL,
  company_id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
  job_field_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  job_field_confidence DOUBLE NOT NULL,
  job_field_method ENUM('BOARD_FIELD','RULES','BOARD_TAG','LLM','NONE') NOT NULL,
  seniority ENUM('INTERN','JUNIOR','MID','SENIOR','LEAD','UNKNOWN') NOT NULL,
  seniority_method ENUM('BOARD_FIELD','RULES','BOARD_TAG','LLM','NONE') NOT NULL,
  employment_type ENUM('FULL_TIME','CONTRACT','PART_TIME','INTERN','TEMPORARY','OTHER') NULL,
  experience_min SMALLINT NULL,
  experience_max SMALLINT NULL,
  newcomer_ok TINYINT(1) NOT NULL DEFAULT 0,
  experience_raw VARCHAR(255) NULL,
  salary_min DOUBLE NULL,
  salary_max DOUBLE NULL,
  salary_currency CHAR(3) NULL,
  salary_period ENUM('YEAR','MONTH','HOUR') NULL,
  salary_raw VARCHAR(255) NULL,
  location_raw VARCHAR(255) NULL,
  city VARCHAR(128) NULL,
  region VARCHAR(128) NULL,
  country CHAR(2) NULL,
  remote ENUM('ONSITE','HYBRID','REMOTE','UNKNOWN') NOT NULL DEFAULT 'UNKNOWN',
  language VARCHAR(8) NOT NULL,
  status ENUM('OPEN','CLOSED') NOT NULL,
  posted_at DATETIME(3) NULL,
  deadline DATETIME(3) NULL,
  always_open TINYINT(1) NOT NULL DEFAULT 0,
  -- Monday (ISO week start) of COALESCE(posted_at, first_seen_at): the week this posting counts in for agg_*_week.
  activity_week DATE NOT NULL,
  first_seen_at DATETIME(3) NOT NULL,
  last_seen_at DATETIME(3) NOT NULL,
  closed_at DATETIME(3) NULL,
  skill_count SMALLINT NOT NULL DEFAULT 0,
  board_tags JSON NOT NULL,
  board_categories JSON NOT NULL,
  content_hash CHAR(64) NOT NULL,
  taxonomy_version VARCHAR(64) NOT NULL,
  llm_used TINYINT(1) NOT NULL DEFAULT 0,
  -- Partition key of the full gold document in DynamoDB (table DYNAMODB_TABLE, attribute "pk").
  document_key VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
  refined_at DATETIME(3) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY idx_postings_field_status_posted (job_field_id, status, posted_at, id),
  KEY idx_postings_field_week (job_field_id, activity_week),
  KEY idx_postings_company (company_id, posted_at),
  KEY idx_postings_status_deadline (status, deadline),
  KEY idx_postings_posted (posted_at, id),
  KEY idx_postings_location (country, region, city),
  KEY idx_postings_experience (experience_min, experience_max),
  FULLTEXT KEY ft_postings_title (title),
  CONSTRAINT chk_postings_version CHECK (version >= 0),
  CONSTRAINT chk_postings_confidence CHECK (job_field_confidence BETWEEN 0 AND 1),
  CONSTRAINT chk_postings_experience CHECK (
    (experience_min IS NULL OR experience_min BETWEEN 0 AND 60)
    AND (experience_max IS NULL OR experience_max BETWEEN 0 AND 60)
    AND (experience_min IS NULL OR experience_max IS NULL OR experience_min <= experience_max)),
  CONSTRAINT chk_postings_salary CHECK (
    (salary_min IS NULL OR salary_min >= 0)
    AND (salary_max IS NULL OR salary_max >= 0)
    AND (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max)),
  CONSTRAINT chk_postings_seen CHECK (first_seen_at <= last_seen_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Clean text of each posting by section (one row per posting; replaced on every accepted version).
CREATE TABLE IF NOT EXISTS posting_texts (
  posting_id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
  intro MEDIUMTEXT NOT NULL,
  responsibilities MEDIUMTEXT NOT NULL,
  requirements MEDIUMTEXT NOT NULL,
  preferred MEDIUMTEXT NOT NULL,
  benefits MEDIUMTEXT NOT NULL,
  other MEDIUMTEXT NOT NULL,
  PRIMARY KEY (posting_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every board a posting was found on (a posting de-duplicated across boards has several rows).
CREATE TABLE IF NOT EXISTS posting_sources (
  board VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  board_posting_id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
  posting_id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
  url VARCHAR(2048) NOT NULL,
  first_seen_at DATETIME(3) NOT NULL,
  last_seen_at DATETIME(3) NOT NULL,
  closed TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (board, board_posting_id),
  KEY idx_posting_sources_posting (posting_id),
  KEY idx_posting_sources_board_posting (board, posting_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Skills of each posting. job_field_id, company_id, seniority, status and activity_week are copies of the
-- posting's values (rewritten with it), so filtered top-skill queries need no join.
CREATE TABLE IF NOT EXISTS posting_skills (
  posting_id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
  skill_id VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  requirement ENUM('REQUIRED','PREFERRED','MENTIONED') NOT NULL,
  methods SET('BOARD_FIELD','RULES','BOARD_TAG','LLM','NONE') NOT NULL,
  implied TINYINT(1) NOT NULL DEFAULT 0,
  evidence_count SMALLINT NOT NULL DEFAULT 0,
  job_field_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  company_id VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
  seniority ENUM('INTERN','JUNIOR','MID','SENIOR','LEAD','UNKNOWN') NOT NULL,
  status ENUM('OPEN','CLOSED') NOT NULL,
  activity_week DATE NOT NULL,
  PRIMARY KEY (posting_id, skill_id),
  KEY idx_posting_skills_field_skill (job_field_id, skill_id, status, activity_week),
  KEY idx_posting_skills_skill_field (skill_id, job_field_id, activity_week),
  KEY idx_posting_skills_company (company_id, skill_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ---- Aggregates (incremental; a posting counts once, in its job field and its activity_week) ----
-- all_postings: every stored posting (open or closed); open_postings: status OPEN; required_postings: skill REQUIRED.
-- Rows may hold zeros after postings change; readers filter "> 0".

CREATE TABLE IF NOT EXISTS agg_field (
  job_field_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  all_postings INT NOT NULL DEFAULT 0,
  open_postings INT NOT NULL DEFAULT 0,
  PRIMARY KEY (job_field_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS agg_field_week (
  job_field_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  week_start DATE NOT NULL,
  all_postings INT NOT NULL DEFAULT 0,
  open_postings INT NOT NULL DEFAULT 0,
  PRIMARY KEY (job_field_id, week_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS agg_field_skill (
  job_field_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  skill_id VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  all_postings INT NOT NULL DEFAULT 0,
  open_postings INT NOT NULL DEFAULT 0,
  required_postings INT NOT NULL DEFAULT 0,
  PRIMARY KEY (job_field_id, skill_id),
  KEY idx_agg_field_skill_skill (skill_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS agg_skill_week (
  job_field_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  skill_id VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  week_start DATE NOT NULL,
  all_postings INT NOT NULL DEFAULT 0,
  open_postings INT NOT NULL DEFAULT 0,
  required_postings INT NOT NULL DEFAULT 0,
  PRIMARY KEY (job_field_id, skill_id, week_start),
  KEY idx_agg_skill_week_skill (skill_id, week_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Co-occurrence, stored in both directions: (A, B) and (B, A) hold the same counts, so
-- "related to A" is one range read: WHERE job_field_id = ? AND skill_id = 'A'.
CREATE TABLE IF NOT EXISTS agg_skill_pair (
  job_field_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  skill_id VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  other_skill_id VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  all_postings INT NOT NULL DEFAULT 0,
  open_postings INT NOT NULL DEFAULT 0,
  PRIMARY KEY (job_field_id, skill_id, other_skill_id),
  KEY idx_agg_skill_pair_skill (skill_id, other_skill_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ---- Exactly-once bookkeeping: the next offset to read, written in the same transaction as the rows ----
CREATE TABLE IF NOT EXISTS sink_offsets (
  consumer_group VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  topic VARCHAR(249) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  partition_id INT NOT NULL,
  next_offset BIGINT NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (consumer_group, topic, partition_id)
) ENGINE=InnoDB;
