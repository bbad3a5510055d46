/* Internal API of DdCatalog for the rest of the core (scanner, content pass, health,
 * recipes, relations): reloading after writes, keys, and typed reads. Not for the UI
 * or the CLI. Writes go through DdCatalogWriter (dd-catalog-writer.h); the schema is
 * src/core/catalog/schema.sql. No SQL and no SQLite handle leave src/core/catalog/. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

/* A folder or annotation file whose mtime is "unknown" is listed or read again at
 * the next index: one changed in the second of a scan, one with a problem to report
 * again, every one of a version 1 catalog. */
#define DD_CATALOG_MTIME_UNKNOWN (-1)

/* Re-reads vocabulary and the sample snapshot after writes (taking the snapshot the
 * last committed writer assembled, when it inserted every row there is), bumps the
 * generation and emits ::changed on the catalog's main context. Call without a writer
 * open on this thread. */
gboolean  dd_catalog_reload            (DdCatalog   *self,
                                        GError     **error);

/* dd_catalog_key_hash(key): stable across re-indexing, for reproducible sampling. */
guint32   dd_catalog_key_hash          (const char  *key);
/* The hash of a key that begins with what gave @hash and goes on with @more: so
 * dd_catalog_key_hash (a b) is dd_catalog_key_hash_more (dd_catalog_key_hash (a), b),
 * and a folder's files are hashed from its own hash. */
guint32   dd_catalog_key_hash_more     (guint32      hash,
                                        const char  *more);

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
  /* for suspect_label: the stored finding's detail (the likely class) */
  char    *suspect_detail;
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
