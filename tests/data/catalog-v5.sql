-- A catalog of schema version 5 as the build before version 6 wrote it (commit cb35dcd,
-- `datadive-cli index both --catalog v5.ddcat`, then one train image removed and indexed
-- again, so that sample ids have a gap; one file name is Latin-1, not UTF-8: its key has
-- \xE9 where its rawpath has the byte), dumped by `sqlite3 v5.ddcat .dump`. Its tree
-- (files of a few bytes) is made again by test-hostile /hostile/catalog/upgrade-from-v5,
-- which points the sources at it: ROOT below is replaced by that folder.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES('application','datadive');
INSERT INTO meta VALUES('schema_version','5');
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, root TEXT NOT NULL UNIQUE, layout TEXT NOT NULL,
  samples INTEGER NOT NULL DEFAULT 0, junk INTEGER NOT NULL DEFAULT 0,
  unreadable INTEGER NOT NULL DEFAULT 0, indexed_at INTEGER);
INSERT INTO sources VALUES(1,'ROOT/tiny-imagenet-200','tiny-imagenet',3,0,0,1796627302);
INSERT INTO sources VALUES(2,'ROOT/Tiny-ImageNet-C','imagenet-c',6,0,0,1796627302);
CREATE TABLE splits (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT INTO splits VALUES(1,'val');
INSERT INTO splits VALUES(2,'train');
CREATE TABLE corruptions (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, family TEXT NOT NULL);
INSERT INTO corruptions VALUES(0,'none','none');
INSERT INTO corruptions VALUES(1,'fog','weather');
INSERT INTO corruptions VALUES(2,'motion_blur','blur');
CREATE TABLE classes (
  id INTEGER PRIMARY KEY, wnid TEXT NOT NULL UNIQUE, name TEXT, names TEXT,
  parent_wnid TEXT, parent_name TEXT, name_source TEXT,
  in_wnids INTEGER NOT NULL DEFAULT 1);
INSERT INTO classes VALUES(1,'n02123045','tabby','tabby, tabby cat','n02121808','domestic cat','words',1);
INSERT INTO classes VALUES(2,'n01443537','goldfish','goldfish, Carassius auratus','n01439121','cyprinid','words',1);
CREATE TABLE samples (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, key TEXT NOT NULL,
  rawpath BLOB, class_id INTEGER NOT NULL DEFAULT 0,
  corruption_id INTEGER NOT NULL DEFAULT 0, severity INTEGER NOT NULL DEFAULT 0,
  split_id INTEGER NOT NULL, clean_id INTEGER, keyhash INTEGER NOT NULL DEFAULT 0,
  file_size INTEGER, mtime INTEGER, width INTEGER, height INTEGER, channels INTEGER,
  mode TEXT, format TEXT, hash TEXT, decode_error TEXT, decoded_mtime INTEGER,
  flags INTEGER NOT NULL DEFAULT 0);
INSERT INTO samples VALUES(2,1,'tiny-imagenet-200/train/n02123045/images/n02123045_1.JPEG',NULL,1,0,0,2,NULL,1702393721,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO samples VALUES(3,1,'tiny-imagenet-200/val/images/val_0.JPEG',NULL,2,0,0,1,NULL,1268509037,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO samples VALUES(4,1,'tiny-imagenet-200/val/images/val_1.JPEG',NULL,1,0,0,1,NULL,1569701376,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO samples VALUES(5,2,'Tiny-ImageNet-C/fog/1/n01443537/val_0.JPEG',NULL,2,1,1,1,3,3458290,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO samples VALUES(6,2,'Tiny-ImageNet-C/fog/1/n02123045/val_1.JPEG',NULL,1,1,1,1,4,278223455,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO samples VALUES(7,2,'Tiny-ImageNet-C/fog/1/n02123045/val_9.JPEG',NULL,1,1,1,1,NULL,3476073991,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO samples VALUES(8,2,'Tiny-ImageNet-C/fog/1/n02123045/val_\xE9.JPEG',X'54696e792d496d6167654e65742d432f666f672f312f6e30323132333034352f76616c5fe92e4a504547',1,1,1,1,NULL,160484684,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO samples VALUES(9,2,'Tiny-ImageNet-C/fog/2/n01443537/val_0.JPEG',NULL,2,1,2,1,3,3122127053,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
INSERT INTO samples VALUES(10,2,'Tiny-ImageNet-C/motion_blur/3/n02123045/val_1.JPEG',NULL,1,2,3,1,4,277385079,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0);
CREATE TABLE annotations (
  sample_id INTEGER NOT NULL, x0 INTEGER, y0 INTEGER, x1 INTEGER, y1 INTEGER);
INSERT INTO annotations VALUES(3,1,2,30,40);
INSERT INTO annotations VALUES(4,0,0,63,63);
CREATE TABLE orphan_annotations (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, file TEXT NOT NULL,
  wnid TEXT, detail TEXT);
CREATE TABLE scan_problems (
  id INTEGER PRIMARY KEY, source_id INTEGER, path TEXT NOT NULL, problem TEXT NOT NULL);
CREATE TABLE dirs (
  source_id INTEGER NOT NULL, rel BLOB NOT NULL, mtime INTEGER NOT NULL,
  junk INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (source_id, rel)) WITHOUT ROWID;
INSERT INTO dirs VALUES(1,X'',1796627296425355323,0);
INSERT INTO dirs VALUES(1,X'747261696e',1796627296425355323,0);
INSERT INTO dirs VALUES(1,X'747261696e2f6e3032313233303435',1796627296425355323,0);
INSERT INTO dirs VALUES(1,X'747261696e2f6e30323132333034352f696d61676573',-1,0);
INSERT INTO dirs VALUES(1,X'76616c',1796627296409355322,0);
INSERT INTO dirs VALUES(1,X'76616c2f696d61676573',1796627296418662727,0);
INSERT INTO dirs VALUES(2,X'',1796627296457355323,0);
INSERT INTO dirs VALUES(2,X'666f67',1796627296441355323,0);
INSERT INTO dirs VALUES(2,X'666f672f31',1796627296449355323,0);
INSERT INTO dirs VALUES(2,X'666f672f312f6e3031343433353337',1796627296437355323,0);
INSERT INTO dirs VALUES(2,X'666f672f312f6e3032313233303435',-1,0);
INSERT INTO dirs VALUES(2,X'666f672f32',1796627296441355323,0);
INSERT INTO dirs VALUES(2,X'666f672f322f6e3031343433353337',1796627296441355323,0);
INSERT INTO dirs VALUES(2,X'6d6f74696f6e5f626c7572',1796627296457355323,0);
INSERT INTO dirs VALUES(2,X'6d6f74696f6e5f626c75722f33',1796627296457355323,0);
INSERT INTO dirs VALUES(2,X'6d6f74696f6e5f626c75722f332f6e3032313233303435',1796627296457355323,0);
CREATE TABLE files (
  source_id INTEGER NOT NULL, rel BLOB NOT NULL, mtime INTEGER NOT NULL,
  size INTEGER NOT NULL, PRIMARY KEY (source_id, rel)) WITHOUT ROWID;
INSERT INTO files VALUES(1,X'76616c2f76616c5f616e6e6f746174696f6e732e747874',-1,62);
INSERT INTO files VALUES(1,X'776e6964732e747874',-1,20);
INSERT INTO files VALUES(1,X'776f7264732e747874',-1,65);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, sample_id INTEGER, key TEXT,
  detail TEXT);
INSERT INTO findings VALUES(1,'missing_cell',NULL,'Tiny-ImageNet-C/fog/2/n02123045','fog/2/n02123045 (tabby) is missing: 0 of 1 images');
INSERT INTO findings VALUES(2,'missing_cell',NULL,'Tiny-ImageNet-C/fog/3/n02123045','fog/3/n02123045 (tabby) is missing: 0 of 1 images');
INSERT INTO findings VALUES(3,'missing_cell',NULL,'Tiny-ImageNet-C/fog/3/n01443537','fog/3/n01443537 (goldfish) is missing: 0 of 1 images');
INSERT INTO findings VALUES(4,'missing_cell',NULL,'Tiny-ImageNet-C/fog/4/n02123045','fog/4/n02123045 (tabby) is missing: 0 of 1 images');
INSERT INTO findings VALUES(5,'missing_cell',NULL,'Tiny-ImageNet-C/fog/4/n01443537','fog/4/n01443537 (goldfish) is missing: 0 of 1 images');
INSERT INTO findings VALUES(6,'missing_cell',NULL,'Tiny-ImageNet-C/fog/5/n02123045','fog/5/n02123045 (tabby) is missing: 0 of 1 images');
INSERT INTO findings VALUES(7,'missing_cell',NULL,'Tiny-ImageNet-C/fog/5/n01443537','fog/5/n01443537 (goldfish) is missing: 0 of 1 images');
INSERT INTO findings VALUES(8,'missing_cell',NULL,'Tiny-ImageNet-C/motion_blur/1/n02123045','motion_blur/1/n02123045 (tabby) is missing: 0 of 1 images');
INSERT INTO findings VALUES(9,'missing_cell',NULL,'Tiny-ImageNet-C/motion_blur/1/n01443537','motion_blur/1/n01443537 (goldfish) is missing: 0 of 1 images');
INSERT INTO findings VALUES(10,'missing_cell',NULL,'Tiny-ImageNet-C/motion_blur/2/n02123045','motion_blur/2/n02123045 (tabby) is missing: 0 of 1 images');
INSERT INTO findings VALUES(11,'missing_cell',NULL,'Tiny-ImageNet-C/motion_blur/2/n01443537','motion_blur/2/n01443537 (goldfish) is missing: 0 of 1 images');
INSERT INTO findings VALUES(12,'missing_cell',NULL,'Tiny-ImageNet-C/motion_blur/3/n01443537','motion_blur/3/n01443537 (goldfish) is missing: 0 of 1 images');
INSERT INTO findings VALUES(13,'missing_cell',NULL,'Tiny-ImageNet-C/motion_blur/4/n02123045','motion_blur/4/n02123045 (tabby) is missing: 0 of 1 images');
INSERT INTO findings VALUES(14,'missing_cell',NULL,'Tiny-ImageNet-C/motion_blur/4/n01443537','motion_blur/4/n01443537 (goldfish) is missing: 0 of 1 images');
INSERT INTO findings VALUES(15,'missing_cell',NULL,'Tiny-ImageNet-C/motion_blur/5/n02123045','motion_blur/5/n02123045 (tabby) is missing: 0 of 1 images');
INSERT INTO findings VALUES(16,'missing_cell',NULL,'Tiny-ImageNet-C/motion_blur/5/n01443537','motion_blur/5/n01443537 (goldfish) is missing: 0 of 1 images');
CREATE TABLE snapshot_cache (
  id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL);
INSERT INTO snapshot_cache VALUES(1,X'4444534e4150303109000000020000000000000003000000000000000400000000000000050000000000000006000000000000000700000000000000080000000000000009000000000000000a00000000000000010000000200000001000000020000000100000001000000010000000200000001000000000000010101010102000000010101010203020101010101010101010001000100020002000200020002000200000000000000000000000000000000000000000000000000000000000000000000000000797778656de99b4b00be8f5df2c434005f5a951007ae30cf4ccd9009cde017ba778f8810');
CREATE TABLE recipes (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, json TEXT NOT NULL,
  created INTEGER NOT NULL, modified INTEGER NOT NULL);
CREATE TABLE recipe_history (
  id INTEGER PRIMARY KEY, recipe_id INTEGER NOT NULL, json TEXT NOT NULL,
  saved_at INTEGER NOT NULL);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, imported_at INTEGER NOT NULL,
  file TEXT, labels TEXT NOT NULL);
CREATE TABLE predictions (
  run_id INTEGER NOT NULL, sample_id INTEGER NOT NULL, predicted INTEGER NOT NULL,
  confidence REAL, loss REAL, probs BLOB, top5 TEXT,
  PRIMARY KEY (run_id, sample_id)) WITHOUT ROWID;
CREATE TABLE phashes (
  sample_id INTEGER PRIMARY KEY, phash INTEGER NOT NULL);
CREATE TABLE near_pairs (
  a INTEGER NOT NULL, b INTEGER NOT NULL, distance INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE INDEX samples_by_hash ON samples (hash) WHERE hash IS NOT NULL;
CREATE INDEX annotations_by_sample ON annotations (sample_id);
CREATE TRIGGER samples_inserted AFTER INSERT ON samples
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER samples_deleted AFTER DELETE ON samples
  BEGIN DELETE FROM snapshot_cache; END;
CREATE TRIGGER samples_updated AFTER UPDATE ON samples
  BEGIN DELETE FROM snapshot_cache; END;
CREATE INDEX near_pairs_by_a ON near_pairs (a);
CREATE INDEX near_pairs_by_b ON near_pairs (b);
CREATE UNIQUE INDEX samples_by_key ON samples (key);
COMMIT;
