-- Version 3 → 4: perceptual hashes (issue 15). The tables come from schema.sql; every
-- sample is decoded once more by the next content pass, which hashes what it decodes.
CREATE TABLE IF NOT EXISTS phashes (
  sample_id INTEGER PRIMARY KEY, phash INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS near_pairs (
  a INTEGER NOT NULL, b INTEGER NOT NULL, distance INTEGER NOT NULL, kind INTEGER NOT NULL);
UPDATE samples SET decoded_mtime = NULL;
