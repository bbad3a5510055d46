-- Version 4 → 5: a corrupted sample names its clean image by its sample id (clean_id)
-- instead of repeating its key (clean_key). A clean key that names no sample goes: the
-- next index links the variant again once its clean image is indexed. Sample ids stay.
ALTER TABLE samples ADD COLUMN clean_id INTEGER;
UPDATE samples SET clean_id = (SELECT c.id FROM samples c WHERE c.key = samples.clean_key)
  WHERE clean_key IS NOT NULL;
ALTER TABLE samples DROP COLUMN clean_key;
