-- Version 1 → 2: folder and annotation-file mtimes are nanoseconds. The
-- second-resolution ones of version 1 become "unknown" (-1), so the next index lists
-- every folder and reads every annotation file once. The stored snapshot was not
-- guarded by triggers in version 1: it goes.
UPDATE dirs SET mtime = -1;
UPDATE files SET mtime = -1;
DELETE FROM snapshot_cache;
