/* DdCatalogWriter: one write transaction on a catalog, with typed operations.
 *
 * The only way the rest of the core changes a catalog: the scanner (samples, folders,
 * annotation files, classes, sources, scan problems), the content pass (what the
 * bytes hold), health (flags that need the whole dataset, missing cells) and the
 * recipe store. No SQL leaves src/core/catalog/.
 *
 *   g_autoptr(DdCatalogWriter) w = dd_catalog_writer_begin (catalog, 0, error);
 *   if (w == NULL || !dd_catalog_writer_add_box (w, id, &box, error))
 *     return FALSE;                      -- a writer dropped unfinished rolls back
 *   return dd_catalog_writer_commit (g_steal_pointer (&w), error);
 *
 * A writer holds the catalog's write lock from begin to commit or rollback: use it on
 * one thread, never across a main-loop iteration. Operations answer FALSE (0 for ids)
 * with an error naming what could not be recorded; the caller then drops the writer,
 * which rolls the whole transaction back. Statements are prepared once per writer and
 * reused, so a scan inserting 870,000 samples prepares its insert once. After a
 * commit that changed samples, dd_catalog_reload() makes them visible. */
#pragma once

#include "dd-catalog-private.h"

G_BEGIN_DECLS

typedef struct _DdCatalogWriter DdCatalogWriter;

typedef enum {
  /* Changes samples: the snapshot stored in the file for the next open goes at once. */
  DD_CATALOG_WRITE_SAMPLES = 0,
  /* Leaves the samples alone (recipes, missing cells): the stored snapshot stays unless
   * dd_catalog_writer_samples_changed() says otherwise. */
  DD_CATALOG_WRITE_METADATA = 1 << 0,
  /* A big transaction (a scan): the whole catalog of a big dataset fits in the page
   * cache for its duration, so no page is written out and read back. */
  DD_CATALOG_WRITE_BULK = 1 << 1,
} DdCatalogWriteFlags;

/* Takes the write lock and begins an immediate transaction. A read-only catalog
 * refuses with DD_CATALOG_ERROR_READ_ONLY. */
DdCatalogWriter *dd_catalog_writer_begin       (DdCatalog            *catalog,
                                                DdCatalogWriteFlags   flags,
                                                GError              **error);
/* Commits (a failure rolls back) and frees @writer; FALSE with @error on failure. */
gboolean         dd_catalog_writer_commit      (DdCatalogWriter      *writer,
                                                GError              **error);
/* Rolls back and frees @writer: nothing it wrote stays. */
void             dd_catalog_writer_rollback    (DdCatalogWriter      *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCatalogWriter, dd_catalog_writer_rollback)

DdCatalog       *dd_catalog_writer_get_catalog (DdCatalogWriter      *writer);
/* A DD_CATALOG_WRITE_METADATA writer changed samples after all: the stored snapshot
 * goes with this transaction. */
void             dd_catalog_writer_samples_changed (DdCatalogWriter  *writer);

/* ---- vocabulary rows ------------------------------------------------------------ */

/* Ids of a split or corruption, created when absent (a corruption with its family);
 * G_MAXUINT on error (at most 255 of each). */
guint        dd_catalog_writer_ensure_split      (DdCatalogWriter    *writer,
                                                  const char         *name,
                                                  GError            **error);
guint        dd_catalog_writer_ensure_corruption (DdCatalogWriter    *writer,
                                                  const char         *name,
                                                  GError            **error);
gboolean     dd_catalog_writer_has_split         (DdCatalogWriter    *writer,
                                                  const char         *name);
gboolean     dd_catalog_writer_delete_split      (DdCatalogWriter    *writer,
                                                  guint               split_id,
                                                  GError            **error);
/* Annotations of samples that are gone, and splits no sample is in. */
gboolean     dd_catalog_writer_prune             (DdCatalogWriter    *writer,
                                                  GError            **error);

/* The class row of @wnid as stored (NULL when absent). */
DdClassInfo *dd_catalog_writer_get_class         (DdCatalogWriter    *writer,
                                                  const char         *wnid);
/* A new class (@info->id is ignored): its id, 0 on error. */
guint        dd_catalog_writer_add_class         (DdCatalogWriter    *writer,
                                                  const DdClassInfo  *info,
                                                  GError            **error);
/* Updates the class of @info->wnid; a NULL name or names keeps the stored one. */
gboolean     dd_catalog_writer_update_class      (DdCatalogWriter    *writer,
                                                  const DdClassInfo  *info,
                                                  GError            **error);

/* The id of the source indexed at @root, 0 when there is none. */
guint        dd_catalog_writer_find_source       (DdCatalogWriter    *writer,
                                                  const char         *root);
/* A new source: its id, 0 on error. */
guint        dd_catalog_writer_add_source        (DdCatalogWriter    *writer,
                                                  const char         *root,
                                                  const char         *layout,
                                                  GError            **error);
/* What an index of source @info->id found: layout, junk, unreadable, indexed_at; its
 * sample count is counted again from its rows (@info->samples is ignored). */
gboolean     dd_catalog_writer_finish_source     (DdCatalogWriter    *writer,
                                                  const DdSourceInfo *info,
                                                  GError            **error);
/* The same for an index that added and removed none of its samples: the count stays
 * (counting reads every row of the source and the index of its keys). */
gboolean     dd_catalog_writer_finish_source_unchanged (DdCatalogWriter    *writer,
                                                        const DdSourceInfo *info,
                                                        GError            **error);

/* ---- samples -------------------------------------------------------------------- */

/* One sample row as the scanner writes it. */
typedef struct {
  guint        source_id;
  const char  *key;            /* UTF-8, unique */
  const char  *raw_key;        /* the path's own bytes when they are not UTF-8, else NULL */
  guint        class_id;       /* 0: unlabeled */
  guint        corruption_id;  /* 0: clean */
  guint        severity;
  guint        split_id;
  gint64       clean_id;       /* a corrupted sample's clean image (a sample id), or 0 */
  guint32      flags;          /* DdHealthKind bits */
  guint32      keyhash;        /* dd_catalog_key_hash (key) when the caller has it (the
                                * scanner's walker thread does), else 0: computed here */
} DdSampleRow;

/* A new sample (its key hash is computed here): its id, 0 on error. The first index
 * of an empty catalog also assembles the new snapshot from these rows, so the reload
 * after its commit does not read them back. */
gint64       dd_catalog_writer_add_sample        (DdCatalogWriter    *writer,
                                                  const DdSampleRow  *row,
                                                  GError            **error);
/* @n new samples, their ids into @ids: as many add_sample() calls would, in fewer
 * statements (a first index's inserts take 0.95 of the time). */
gboolean     dd_catalog_writer_add_samples       (DdCatalogWriter    *writer,
                                                  const DdSampleRow  *rows,
                                                  guint               n,
                                                  gint64             *ids,
                                                  GError            **error);
gboolean     dd_catalog_writer_delete_sample     (DdCatalogWriter    *writer,
                                                  gint64              id,
                                                  GError            **error);
gboolean     dd_catalog_writer_relabel_sample    (DdCatalogWriter    *writer,
                                                  gint64              id,
                                                  guint               class_id,
                                                  guint32             flags,
                                                  GError            **error);
gboolean     dd_catalog_writer_set_clean_id      (DdCatalogWriter    *writer,
                                                  gint64              id,
                                                  gint64              clean_id,
                                                  GError            **error);
/* Corrupted samples whose clean image is no longer in the catalog are unlinked (then
 * DD_SAMPLES_UNLINKED_IN_SPLIT again): after samples were deleted. */
gboolean     dd_catalog_writer_unlink_gone_clean (DdCatalogWriter    *writer,
                                                  GError            **error);
gboolean     dd_catalog_writer_add_box           (DdCatalogWriter    *writer,
                                                  gint64              sample_id,
                                                  const DdBox        *box,
                                                  GError            **error);
/* Every box of the samples of a source. */
gboolean     dd_catalog_writer_clear_boxes       (DdCatalogWriter    *writer,
                                                  guint               source_id,
                                                  GError            **error);

/* Called once per sample row (@row->raw_key and @row->clean_id are not filled); FALSE
 * with @error stops the walk. The row's strings live until the call returns. */
typedef gboolean (*DdSampleRowFunc) (gint64              id,
                                     const DdSampleRow  *row,
                                     gpointer            user_data,
                                     GError            **error);

/* Which samples dd_catalog_writer_foreach_sample() walks. */
typedef enum {
  DD_SAMPLES_OF_SOURCE,          /* the samples of source @id, by id */
  DD_SAMPLES_CLEAN_IN_SPLIT,     /* the clean samples of split @id */
  DD_SAMPLES_UNLINKED_IN_SPLIT,  /* the corrupted samples of split @id without a clean key */
} DdSampleSet;

gboolean     dd_catalog_writer_foreach_sample    (DdCatalogWriter    *writer,
                                                  DdSampleSet         set,
                                                  guint               id,
                                                  DdSampleRowFunc     func,
                                                  gpointer            user_data,
                                                  GError            **error);
/* The samples of @source_id directly in the folder whose keys start with @prefix
 * ("<base>/<rel>/"): key → id (as a gintptr). */
GHashTable  *dd_catalog_writer_folder_samples    (DdCatalogWriter    *writer,
                                                  guint               source_id,
                                                  const char         *prefix);

/* What the content pass found in a sample's bytes. */
typedef struct {
  gint64       file_size;      /* -1: unknown (the file could not be opened) */
  gint64       mtime;          /* seconds; -1: unknown. Also the decoded mtime */
  int          width;          /* 0: not decoded (then height, channels, mode are NULL) */
  int          height;
  int          channels;
  const char  *mode;
  const char  *format;
  const char  *hash;           /* NULL: none */
  const char  *error;          /* decode error, or NULL */
  guint32      flags;          /* the content flags found */
} DdSampleFacts;

/* Records @facts for sample @id; of its flags, those in @mask are replaced by
 * @facts->flags. */
gboolean     dd_catalog_writer_set_facts         (DdCatalogWriter    *writer,
                                                  gint64              id,
                                                  const DdSampleFacts *facts,
                                                  guint32             mask,
                                                  GError            **error);

/* Every sample is decoded again by the next content pass (the facts stay until then). */
gboolean     dd_catalog_writer_forget_decodes    (DdCatalogWriter    *writer,
                                                  GError            **error);

/* ---- what the scanner remembers between runs -------------------------------------- */

/* A folder as listed (nanosecond mtime or DD_CATALOG_MTIME_UNKNOWN), with its junk. */
gboolean     dd_catalog_writer_record_folder     (DdCatalogWriter    *writer,
                                                  guint               source_id,
                                                  const char         *rel,
                                                  gint64              mtime,
                                                  guint64             junk,
                                                  GError            **error);
gboolean     dd_catalog_writer_forget_folder     (DdCatalogWriter    *writer,
                                                  guint               source_id,
                                                  const char         *rel,
                                                  GError            **error);
typedef void (*DdFolderFunc) (const char *rel,
                              gint64      mtime,
                              gpointer    user_data);
/* The folders of a source as last recorded, by rel. */
void         dd_catalog_writer_foreach_folder    (DdCatalogWriter    *writer,
                                                  guint               source_id,
                                                  DdFolderFunc        func,
                                                  gpointer            user_data);
/* The junk of every folder of a source. */
guint64      dd_catalog_writer_sum_folder_junk   (DdCatalogWriter    *writer,
                                                  guint               source_id);

guint        dd_catalog_writer_count_annotation_files (DdCatalogWriter *writer,
                                                       guint            source_id);
/* The annotation file as last read: FALSE when it was not. */
gboolean     dd_catalog_writer_get_annotation_file    (DdCatalogWriter *writer,
                                                       guint            source_id,
                                                       const char      *rel,
                                                       gint64          *out_mtime,
                                                       gint64          *out_size);
gboolean     dd_catalog_writer_record_annotation_file (DdCatalogWriter *writer,
                                                       guint            source_id,
                                                       const char      *rel,
                                                       gint64           mtime,
                                                       gint64           size,
                                                       GError         **error);

/* The orphan annotations and scan problems of a source go; new ones are added. */
gboolean     dd_catalog_writer_clear_scan_findings (DdCatalogWriter  *writer,
                                                    guint             source_id,
                                                    GError          **error);
gboolean     dd_catalog_writer_add_orphan        (DdCatalogWriter    *writer,
                                                  guint               source_id,
                                                  const char         *file,
                                                  const char         *wnid,
                                                  const char         *detail,
                                                  GError            **error);
gboolean     dd_catalog_writer_add_scan_problem  (DdCatalogWriter    *writer,
                                                  guint               source_id,
                                                  const char         *path,
                                                  const char         *problem,
                                                  GError            **error);

/* ---- health ----------------------------------------------------------------------- */

/* Whether the content pass recorded anything yet. */
gboolean     dd_catalog_writer_has_facts         (DdCatalogWriter    *writer);
/* The most common decoded size of each source: source id → DdSizeCount. */
GHashTable  *dd_catalog_writer_dominant_sizes    (DdCatalogWriter    *writer);
/* Flags unexpected_size on the decoded samples of a source that differ from
 * @dominant (NULL: no size is unexpected there), clears it on the others; touches only
 * rows whose flag changes and adds their number to *@changed. */
gboolean     dd_catalog_writer_flag_sizes        (DdCatalogWriter    *writer,
                                                  guint               source_id,
                                                  const DdSizeCount  *dominant,
                                                  guint64            *changed,
                                                  GError            **error);
/* Flags duplicate_conflict where identical non-empty bytes are under two labels, clears
 * it elsewhere; adds the rows changed to *@changed. */
gboolean     dd_catalog_writer_flag_duplicates   (DdCatalogWriter    *writer,
                                                  guint64            *changed,
                                                  GError            **error);
/* The stored findings of @kind (missing cells) go; new ones are added. */
gboolean     dd_catalog_writer_clear_findings    (DdCatalogWriter    *writer,
                                                  DdHealthKind        kind,
                                                  GError            **error);
gboolean     dd_catalog_writer_add_finding       (DdCatalogWriter    *writer,
                                                  DdHealthKind        kind,
                                                  const char         *key,
                                                  const char         *detail,
                                                  GError            **error);

/* ---- recipes ---------------------------------------------------------------------- */

/* The id of the recipe named @name, 0 when there is none, -1 on error. */
gint64       dd_catalog_writer_find_recipe       (DdCatalogWriter    *writer,
                                                  const char         *name,
                                                  GError            **error);
/* A new recipe saved at @now (unix seconds): its id, 0 on error. */
gint64       dd_catalog_writer_add_recipe        (DdCatalogWriter    *writer,
                                                  const char         *name,
                                                  const char         *json,
                                                  gint64              now,
                                                  GError            **error);
/* A new name or JSON (NULL keeps the stored one), modified at @now. */
gboolean     dd_catalog_writer_update_recipe     (DdCatalogWriter    *writer,
                                                  gint64              id,
                                                  const char         *name,
                                                  const char         *json,
                                                  gint64              now,
                                                  GError            **error);
/* The recipe and its history. */
gboolean     dd_catalog_writer_delete_recipe     (DdCatalogWriter    *writer,
                                                  gint64              id,
                                                  GError            **error);
/* One row of the recipe's history. */
gboolean     dd_catalog_writer_add_revision      (DdCatalogWriter    *writer,
                                                  gint64              id,
                                                  const char         *json,
                                                  gint64              now,
                                                  GError            **error);

G_END_DECLS
