-- Version 5 → 6: a sample's key is stored as its folder (a row of folders: the key up to
-- and including its last '/') and its name in that folder, instead of whole in samples.key
-- and again in its index. The samples are copied into a table of the new shape (a
-- column with a UNIQUE constraint cannot be dropped); sample ids stay. rtrim (key, the
-- key without its slashes) is the key cut after its last '/'. schema.sql (run before and
-- after this) made the folders table and brings back the triggers dropped with the table.
-- Keys are found by folder and hash (keyhash, reckoned again here by the catalog's SQL
-- function dd_key_hash, the same as dd_catalog_key_hash), the name then compared.
INSERT OR IGNORE INTO folders (path)
  SELECT DISTINCT rtrim (key, replace (key, '/', '')) FROM samples ORDER BY 1;
CREATE TABLE samples_v6 (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, folder_id INTEGER NOT NULL,
  name TEXT NOT NULL, rawpath BLOB, class_id INTEGER NOT NULL DEFAULT 0,
  corruption_id INTEGER NOT NULL DEFAULT 0, severity INTEGER NOT NULL DEFAULT 0,
  split_id INTEGER NOT NULL, clean_id INTEGER, keyhash INTEGER NOT NULL DEFAULT 0,
  file_size INTEGER, mtime INTEGER, width INTEGER, height INTEGER, channels INTEGER,
  mode TEXT, format TEXT, hash TEXT, decode_error TEXT, decoded_mtime INTEGER,
  flags INTEGER NOT NULL DEFAULT 0);
INSERT INTO samples_v6 (id, source_id, folder_id, name, rawpath, class_id, corruption_id,
                        severity, split_id, clean_id, keyhash, file_size, mtime, width,
                        height, channels, mode, format, hash, decode_error, decoded_mtime,
                        flags)
  SELECT s.id, s.source_id, f.id, substr (s.key, length (f.path) + 1), s.rawpath, s.class_id,
         s.corruption_id, s.severity, s.split_id, s.clean_id, dd_key_hash (s.key), s.file_size,
         s.mtime, s.width, s.height, s.channels, s.mode, s.format, s.hash, s.decode_error,
         s.decoded_mtime, s.flags
  FROM samples s JOIN folders f ON f.path = rtrim (s.key, replace (s.key, '/', ''))
  ORDER BY s.id;
DROP TABLE samples;
ALTER TABLE samples_v6 RENAME TO samples;
CREATE INDEX samples_by_key ON samples (folder_id, keyhash);
