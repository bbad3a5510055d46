/* Internal API of DdCatalog for the core modules that write to it (scanner, content
 * pass, health, recipes). Not for the UI or the CLI. */
#pragma once

#include <sqlite3.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

/* The schema (version DD_CATALOG_SCHEMA_VERSION). Keep in sync with the docs in README.
 *
 *   meta(key TEXT PRIMARY KEY, value TEXT)          -- schema_version, generation, …
 *   sources(id, root UNIQUE, layout, samples, junk, unreadable, indexed_at)
 *   splits(id, name UNIQUE)
 *   corruptions(id, name UNIQUE, family)             -- id 0 = 'none'
 *   classes(id, wnid UNIQUE, name, names, parent_wnid, parent_name, name_source,
 *           in_wnids)
 *   samples(id, source_id, key UNIQUE, rawpath BLOB NULL, class_id (0 = unlabeled),
 *           corruption_id, severity, split_id, clean_key, keyhash, file_size, mtime,
 *           width, height, channels, mode, format, hash, decode_error,
 *           decoded_mtime (mtime the content facts were read at; NULL = not yet),
 *           flags)
 *   annotations(sample_id, x0, y0, x1, y1)
 *   orphan_annotations(id, source_id, file, wnid, detail)
 *   scan_problems(id, source_id, path, problem)
 *   dirs(source_id, rel BLOB, mtime, junk, PRIMARY KEY (source_id, rel))
 *                                                    -- junk: non-image files in it
 *   files(source_id, rel BLOB, mtime, size, PRIMARY KEY (source_id, rel))
 *                                                    -- annotation files already parsed
 *       (dirs.mtime and files.mtime: nanoseconds since the epoch, or
 *        DD_CATALOG_MTIME_UNKNOWN: list or read it again at the next index)
 *   findings(id, kind, sample_id NULL, key, detail)  -- non-sample health findings
 *   recipes(id, name UNIQUE, json, created, modified)
 *   recipe_history(id, recipe_id, json, saved_at)
 *
 * rawpath holds the original bytes of the relative path when they are not valid
 * UTF-8 (key then carries \xNN escapes); NULL otherwise.
 * keyhash is dd_catalog_key_hash(key): stable across re-indexing, used for
 * reproducible sampling.
 */

/* A folder or annotation file whose mtime is "unknown" is listed or read again at
 * the next index: one changed in the second of a scan, one with a problem to report
 * again, every one of a version 1 catalog. */
#define DD_CATALOG_MTIME_UNKNOWN (-1)

/* The write connection. Hold the lock around any use; never across a main-loop
 * iteration. */
sqlite3  *dd_catalog_get_db            (DdCatalog   *self);
void      dd_catalog_lock              (DdCatalog   *self);
/* The write lock for a writer that leaves the samples alone (recipes): the snapshot
 * stored for the next open stays valid. Released with dd_catalog_unlock(). */
void      dd_catalog_lock_metadata     (DdCatalog   *self);
/* With the write lock held (from dd_catalog_lock_metadata()): the samples were
 * changed after all, so the stored snapshot goes. */
void      dd_catalog_drop_stored_snapshot (DdCatalog *self);
void      dd_catalog_unlock            (DdCatalog   *self);

/* A snapshot assembled by a writer that knows every sample it wrote: the first index
 * of a catalog, in id order. dd_catalog_reload_built() takes it instead of reading
 * every row back, after checking the table's count and last id against it (else it
 * reads the rows as dd_catalog_reload() does). */
typedef struct _DdSnapshotBuilder DdSnapshotBuilder;

DdSnapshotBuilder *dd_snapshot_builder_new  (void);
void               dd_snapshot_builder_add  (DdSnapshotBuilder *builder,
                                             gint64             id,
                                             guint              class_id,
                                             guint              corruption_id,
                                             guint              severity,
                                             guint              split_id,
                                             guint              source_id,
                                             guint32            flags,
                                             gint64             keyhash);
void               dd_snapshot_builder_free (DdSnapshotBuilder *builder);
gboolean           dd_catalog_reload_built  (DdCatalog         *self,
                                             DdSnapshotBuilder *builder,
                                             GError           **error);

/* The read connection, for long read-only queries off the main thread (reports,
 * relations). It never blocks writers (WAL) and never invalidates anything. */
sqlite3  *dd_catalog_read_lock         (DdCatalog   *self);
void      dd_catalog_read_unlock       (DdCatalog   *self);

/* Runs one or more statements without results (lock held). */
gboolean  dd_catalog_exec              (DdCatalog   *self,
                                        const char  *sql,
                                        GError     **error);
/* Sets @error from the connection's last error: "@what: <sqlite message>". Maps full
 * disk / read-only / not-a-database to DD_CATALOG_ERROR codes. */
void      dd_catalog_set_error_from_db (DdCatalog   *self,
                                        GError     **error,
                                        const char  *what);

/* Re-reads vocabulary and the sample snapshot after writes, bumps the generation and
 * emits ::changed on the catalog's main context. Call without the lock held. */
gboolean  dd_catalog_reload            (DdCatalog   *self,
                                        GError     **error);

/* Ids of vocabulary rows, created when absent (lock held). */
guint     dd_catalog_ensure_split      (DdCatalog   *self,
                                        const char  *name,
                                        GError     **error);
guint     dd_catalog_ensure_corruption (DdCatalog   *self,
                                        const char  *name,
                                        GError     **error);

guint32   dd_catalog_key_hash          (const char  *key);

/* Makes a UTF-8 key from raw relative-path bytes; returns TRUE when the bytes were
 * valid UTF-8 (and the key equals them). */
gboolean  dd_catalog_make_key          (const char  *raw,
                                        gsize        len,
                                        char       **out_key);

/* Whether the file holds a stored snapshot for the next open (a diagnostic: tests and
 * benchmarks check that writers keep or drop it as they should). */
gboolean   dd_catalog_has_stored_snapshot (DdCatalog *self);

/* ---- typed reads for the core (read connection: they never wait for a writer) ---- */

/* How many decoded samples of a source have one size. */
typedef struct {
  int     width, height;
  guint64 count;         /* samples of this size */
  guint64 total;         /* decoded samples of the source */
} DdSizeCount;

/* Where a sample's file is and what the last content pass saw of it. */
typedef struct {
  gint64  id;
  char   *path;          /* absolute, in the GLib file name encoding */
  char   *name;          /* its file name */
  gint64  file_size;     /* -1: not known yet */
  gint64  decoded_mtime; /* -1: never decoded */
} DdSampleFile;

void       dd_sample_file_free          (DdSampleFile *file);

/* The next @limit samples after id @after_id, by id (paging over millions). */
GPtrArray *dd_catalog_list_sample_files (DdCatalog    *self,
                                         gint64        after_id,
                                         guint         limit,
                                         GError      **error);

/* A sample named by its key, with its cell. */
typedef struct {
  gint64  id;
  char   *key;
  char   *corruption;    /* NULL when the catalog has no such corruption */
  guint   severity;
} DdSampleRef;

void       dd_sample_ref_free           (DdSampleRef  *ref);

typedef enum {
  DD_SAMPLES_WITH_CLEAN_KEY,   /* the corrupted variants of a clean file: by cell */
  DD_SAMPLES_WITH_HASH,        /* identical bytes: by id */
} DdSampleMatch;

/* GPtrArray of DdSampleRef. */
GPtrArray *dd_catalog_find_samples      (DdCatalog    *self,
                                         DdSampleMatch match,
                                         const char   *value,
                                         GError      **error);

/* A sample with a health flag, with what the report says about it. */
typedef struct {
  gint64   id;
  guint    source_id;
  guint    class_id;
  char    *key;
  guint32  flags;
  int      width, height;
  gint64   file_size;
  char    *format;
  char    *hash;
  char    *decode_error;
  /* for duplicate_conflict: a sample with the same bytes under another label */
  char    *other_key;
  char    *other_wnid;
  char    *other_name;
} DdFlaggedSample;

/* A finding stored as a row (orphan annotations: key = the annotation's file). */
typedef struct {
  char *key;
  char *detail;
} DdStoredFinding;

/* What the health report is made of, read in one transaction. */
typedef struct {
  GHashTable *sizes;         /* source id → DdSizeCount of its most common size */
  GPtrArray  *samples;       /* DdFlaggedSample having any of the sample kinds */
  GPtrArray  *orphans;       /* DdStoredFinding */
  GPtrArray  *cells;         /* DdStoredFinding: missing cells */
  GHashTable *class_counts;  /* class id → samples having any of the class kinds */
} DdHealthRows;

gboolean   dd_catalog_read_health       (DdCatalog    *self,
                                         guint32       sample_kinds,
                                         guint32       class_kinds,
                                         DdHealthRows *out,
                                         GError      **error);
void       dd_health_rows_clear         (DdHealthRows *rows);

/* ---- stored recipes: the store (dd-recipe-store.h) reads them through these ------- */

/* The JSON of the recipe named @name; NULL with *out_found FALSE and no error when
 * there is none. */
char      *dd_catalog_read_recipe       (DdCatalog    *self,
                                         const char   *name,
                                         gboolean     *out_found,
                                         GError      **error);
/* GPtrArray of DdRecipeInfo, by name. */
GPtrArray *dd_catalog_read_recipe_infos (DdCatalog    *self,
                                         GError      **error);

/* One save of a recipe. */
typedef struct {
  char   *json;
  gint64  saved_at;    /* unix seconds */
} DdRecipeText;

void       dd_recipe_text_free          (DdRecipeText *text);

/* GPtrArray of DdRecipeText, oldest first; NULL with *out_found FALSE and no error
 * when no recipe has that name. */
GPtrArray *dd_catalog_read_recipe_history (DdCatalog  *self,
                                           const char *name,
                                           gboolean   *out_found,
                                           GError    **error);

G_END_DECLS
