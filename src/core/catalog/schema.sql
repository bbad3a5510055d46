-- The schema of a DataDive catalog, version 6 (DD_CATALOG_SCHEMA_VERSION).
--
-- Run as it is on a new catalog (with meta's application and schema_version rows)
-- and on every catalog a writer opens (tables added in a version's life), so every
-- statement says IF NOT EXISTS / OR IGNORE. A change that needs more than that is a
-- new schema version with a numbered migration in migrations/ (N.sql upgrades a
-- catalog of version N - 1 to N).
--
-- Every table and trigger created here must be present for a catalog of the current
-- version to be opened without writing (the catalog checks their names).

-- schema_version, application = 'datadive'
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

-- The indexed dataset folders. junk: non-image files skipped; unreadable: folders and
-- files that could not be read at the last index.
CREATE TABLE IF NOT EXISTS sources (
  id INTEGER PRIMARY KEY, root TEXT NOT NULL UNIQUE, layout TEXT NOT NULL,
  samples INTEGER NOT NULL DEFAULT 0, junk INTEGER NOT NULL DEFAULT 0,
  unreadable INTEGER NOT NULL DEFAULT 0, indexed_at INTEGER);

CREATE TABLE IF NOT EXISTS splits (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);

-- family: noise, blur, weather, digital, none, other. Id 0 is 'none' (clean).
CREATE TABLE IF NOT EXISTS corruptions (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, family TEXT NOT NULL);
INSERT OR IGNORE INTO corruptions (id, name, family) VALUES (0, 'none', 'none');

-- names: every name, ", " separated; name_source: words, wordnet or folder;
-- in_wnids: listed in the source's wnids.txt (1 when it has none).
CREATE TABLE IF NOT EXISTS classes (
  id INTEGER PRIMARY KEY, wnid TEXT NOT NULL UNIQUE, name TEXT, names TEXT,
  parent_wnid TEXT, parent_name TEXT, name_source TEXT,
  in_wnids INTEGER NOT NULL DEFAULT 1);

-- The folders the samples are in: path is a sample key's part up to and including its
-- last '/' (so a key is path || name), as keys are.
CREATE TABLE IF NOT EXISTS folders (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);

-- A sample's key: the path relative to the parent of the indexed folder, UTF-8 (invalid
-- bytes as \xNN), stored as its folder (folder_id) and its name in that folder (name);
-- catalogs before version 6 had the whole key in one column (key TEXT, 52 bytes a
-- sample at Tiny-ImageNet-C, and as much again in its index).
-- rawpath: the original bytes of the key when they are not valid UTF-8, else NULL.
-- class_id 0: unlabeled. clean_id: a corrupted sample's clean image (the sample id of
-- the file it was made from), NULL when that is not indexed; catalogs before version 5
-- had its key there instead (clean_key TEXT, 42 bytes a corrupted sample).
-- keyhash: dd_catalog_key_hash (key), stable across re-indexing,
-- for reproducible sampling. The content pass fills file_size … decode_error;
-- decoded_mtime is the mtime they were read at (NULL: not yet). flags: DdHealthKind bits.
-- Keys are unique (the writer checks the only keys that could be another file's too:
-- those with an escape; and no two sources have one folder name). A key is found
-- through the index samples_by_key on (folder_id, keyhash), its name then compared:
-- 17 bytes a sample instead of the name again. It is made with the catalog
-- (dd_catalog_schema_create: not here, where it would be made on the samples of a
-- catalog before version 6, which have no folder_id), so that the first index of a
-- dataset can build it once after its inserts.
CREATE TABLE IF NOT EXISTS samples (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, folder_id INTEGER NOT NULL,
  name TEXT NOT NULL, rawpath BLOB, class_id INTEGER NOT NULL DEFAULT 0,
  corruption_id INTEGER NOT NULL DEFAULT 0, severity INTEGER NOT NULL DEFAULT 0,
  split_id INTEGER NOT NULL, clean_id INTEGER, keyhash INTEGER NOT NULL DEFAULT 0,
  file_size INTEGER, mtime INTEGER, width INTEGER, height INTEGER, channels INTEGER,
  mode TEXT, format TEXT, hash TEXT, decode_error TEXT, decoded_mtime INTEGER,
  flags INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS samples_by_hash ON samples (hash) WHERE hash IS NOT NULL;

-- Bounding boxes of the clean samples.
CREATE TABLE IF NOT EXISTS annotations (
  sample_id INTEGER NOT NULL, x0 INTEGER, y0 INTEGER, x1 INTEGER, y1 INTEGER);
CREATE INDEX IF NOT EXISTS annotations_by_sample ON annotations (sample_id);

-- Rows of annotation files that name files the dataset does not have.
CREATE TABLE IF NOT EXISTS orphan_annotations (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, file TEXT NOT NULL,
  wnid TEXT, detail TEXT);

-- What the last index could not read, reported again at every index.
CREATE TABLE IF NOT EXISTS scan_problems (
  id INTEGER PRIMARY KEY, source_id INTEGER, path TEXT NOT NULL, problem TEXT NOT NULL);

-- Folders as last listed (junk: non-image files in it) and annotation files as last
-- read. mtime: nanoseconds since the epoch, or -1 (DD_CATALOG_MTIME_UNKNOWN): list or
-- read it again at the next index.
CREATE TABLE IF NOT EXISTS dirs (
  source_id INTEGER NOT NULL, rel BLOB NOT NULL, mtime INTEGER NOT NULL,
  junk INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (source_id, rel)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
  source_id INTEGER NOT NULL, rel BLOB NOT NULL, mtime INTEGER NOT NULL,
  size INTEGER NOT NULL, PRIMARY KEY (source_id, rel)) WITHOUT ROWID;

-- Health findings that are not about one sample (missing cells).
CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, sample_id INTEGER, key TEXT,
  detail TEXT);

-- The sample snapshot of the last reload, for the next open to read as one blob.
CREATE TABLE IF NOT EXISTS snapshot_cache (
  id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL);

-- Any other program that changes samples drops the stored snapshot with its change
-- (DataDive's own connections run without triggers: their writers drop it once).
CREATE TRIGGER IF NOT EXISTS samples_inserted AFTER INSERT ON samples
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER IF NOT EXISTS samples_deleted AFTER DELETE ON samples
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER IF NOT EXISTS samples_updated AFTER UPDATE ON samples
  BEGIN DELETE FROM snapshot_cache; END;

-- Named recipes (canonical JSON) and every save of each.
CREATE TABLE IF NOT EXISTS recipes (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, json TEXT NOT NULL,
  created INTEGER NOT NULL, modified INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS recipe_history (
  id INTEGER PRIMARY KEY, recipe_id INTEGER NOT NULL, json TEXT NOT NULL,
  saved_at INTEGER NOT NULL);

-- Model runs: one model's predictions on the catalog, imported from an eval script's
-- CSV or JSONL (src/core/model/). labels: the label order the model was trained with,
-- one wnid a line (index N of a prediction or of probs is line N).
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, imported_at INTEGER NOT NULL,
  file TEXT, labels TEXT NOT NULL);
-- One row a sample of a run. predicted: a class id; confidence, loss: NULL when the file
-- had none; probs: float32 little-endian, one a label in label order, or NULL; top5:
-- class ids, comma separated, or NULL.
CREATE TABLE IF NOT EXISTS predictions (
  run_id INTEGER NOT NULL, sample_id INTEGER NOT NULL, predicted INTEGER NOT NULL,
  confidence REAL, loss REAL, probs BLOB, top5 TEXT,
  PRIMARY KEY (run_id, sample_id)) WITHOUT ROWID;
-- Perceptual hashes of the decoded samples (dd_phash_compute: 64 bits, stored as the
-- signed integer of the same bits), written by the content pass; near_pairs: the
-- samples health found within the threshold (meta near_threshold) of each other, kind
-- a DdHealthKind (near_duplicate, near_duplicate_conflict, split_leakage).
CREATE TABLE IF NOT EXISTS phashes (
  sample_id INTEGER PRIMARY KEY, phash INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS near_pairs (
  a INTEGER NOT NULL, b INTEGER NOT NULL, distance INTEGER NOT NULL, kind INTEGER NOT NULL);
-- one sample's pairs (the explorer, the viewer) without reading all of them
CREATE INDEX IF NOT EXISTS near_pairs_by_a ON near_pairs (a);
CREATE INDEX IF NOT EXISTS near_pairs_by_b ON near_pairs (b);
