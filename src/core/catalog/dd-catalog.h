/* DdCatalog: the one way anything reaches a dataset's catalog (SQLite, WAL).
 *
 * A catalog holds the indexed sources, classes, corruptions, splits, samples,
 * annotations and the facts of the content pass. Queries do not run SQL per call:
 * the catalog keeps an immutable in-memory column snapshot of every sample
 * (class, corruption, severity, split, flags, key hash) and evaluates filters over
 * it in milliseconds; SQL is used for details of a page of samples and for writes.
 *
 * Every blocking call has an _async/_finish pair running on a worker thread
 * (GTask + GCancellable) that answers on the caller's thread-default main context.
 */
#pragma once

#include <gio/gio.h>

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_CATALOG_SCHEMA_VERSION 6

#define DD_TYPE_CATALOG (dd_catalog_get_type ())
G_DECLARE_FINAL_TYPE (DdCatalog, dd_catalog, DD, CATALOG, GObject)

typedef enum {
  DD_CATALOG_OPEN_DEFAULT = 0,
  DD_CATALOG_OPEN_CREATE = 1 << 0,    /* create the file when it does not exist */
  DD_CATALOG_OPEN_READONLY = 1 << 1,    /* never write: no schema upgrade, no stored
                                         * snapshot, recipes cannot be saved */
  DD_CATALOG_OPEN_READONLY_FALLBACK = 1 << 2,  /* read-only when the file or its folder
                                                * cannot be written (a shared mount) */
  DD_CATALOG_OPEN_SCRATCH = 1 << 3,   /* with CREATE, for a file nobody else opens until
                                       * it is complete (a temporary renamed into place):
                                       * a new file is written without the WAL and
                                       * unsynced up to its first commit, which syncs it
                                       * and turns the WAL on; a crash before leaves a
                                       * file to delete */
} DdCatalogOpenFlags;

/* ---- vocabulary ------------------------------------------------------------ */

typedef struct {
  guint   id;
  char   *root;          /* absolute path of the indexed folder */
  char   *layout;        /* "tiny-imagenet", "tiny-imagenet-c", "imagenet", "imagefolder" */
  guint64 samples;
  guint64 junk;          /* skipped non-image files */
  guint64 unreadable;    /* folders/files that could not be read */
  gint64  indexed_at;    /* unix seconds */
} DdSourceInfo;

typedef struct {
  guint  id;             /* 1-based; 0 means "unlabeled" in sample columns */
  char  *wnid;           /* or the folder name for non-WordNet classes */
  char  *name;           /* first name */
  char  *names;          /* all names/synonyms, ", " separated */
  char  *parent_wnid;    /* WordNet hypernym, or NULL */
  char  *parent_name;
  char  *name_source;    /* "words", "wordnet", "folder" */
  gboolean in_wnids;     /* listed in the source's wnids.txt (TRUE when there is none) */
} DdClassInfo;

typedef struct {
  guint  id;             /* 0 = "none" (clean) */
  char  *name;
  char  *family;         /* noise, blur, weather, digital, none, other */
} DdCorruptionInfo;

typedef struct {
  guint  id;
  char  *name;           /* train, val, test, … */
} DdSplitInfo;

/* A recipe stored in the catalog (the recipes themselves: dd-recipe-store.h). */
typedef struct {
  gint64  id;
  char   *name;
  gint64  created;     /* unix seconds */
  gint64  modified;
  guint   n_saves;     /* rows in its history */
} DdRecipeInfo;

void dd_source_info_free     (DdSourceInfo     *info);
void dd_class_info_free      (DdClassInfo      *info);
void dd_corruption_info_free (DdCorruptionInfo *info);
void dd_split_info_free      (DdSplitInfo      *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSourceInfo, dd_source_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdClassInfo, dd_class_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCorruptionInfo, dd_corruption_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSplitInfo, dd_split_info_free)
void dd_recipe_info_free     (DdRecipeInfo     *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdRecipeInfo, dd_recipe_info_free)

/* ---- one sample, with every fact the catalog has ------------------------------ */

typedef struct {
  int x0, y0, x1, y1;
} DdBox;

typedef struct {
  gint64   id;
  guint    source_id;
  char    *key;          /* path relative to the parent of the indexed root (UTF-8) */
  char    *path;         /* absolute path in the GLib file name encoding */
  guint    class_id;     /* 0 = unlabeled */
  char    *wnid;         /* NULL when unlabeled */
  char    *class_name;
  guint    corruption_id;
  char    *corruption;   /* "none" for clean */
  guint    severity;     /* 0 for clean */
  char    *split;
  char    *clean_key;    /* for a corrupted sample: the clean file it comes from */
  gint64   file_size;
  gint64   mtime;
  /* content pass (0/NULL until decoded) */
  int      width, height, channels;
  char    *mode;         /* "RGB", "RGBA", "L", … */
  char    *format;       /* real format found in the bytes: "jpeg", "png", … */
  char    *hash;         /* hex content hash */
  char    *decode_error;
  guint32  flags;        /* DD_HEALTH_FLAG bits */
  GArray  *boxes;        /* of DdBox, may be empty */
} DdSampleInfo;

void dd_sample_info_free (DdSampleInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSampleInfo, dd_sample_info_free)

/* ---- filters ------------------------------------------------------------------- */

/* A filter over the sample snapshot. NULL arrays mean "all". Arrays hold guint ids
 * (classes, corruptions, splits), guint severities, gint64 sample ids. */
typedef struct {
  GArray  *classes;
  GArray  *corruptions;
  GArray  *severities;
  GArray  *splits;
  GArray  *sources;
  guint32  require_flags;   /* keep only samples having any of these (0 = no constraint) */
  guint32  exclude_flags;   /* drop samples having any of these */
  int      labeled;         /* -1 either, 0 unlabeled only, 1 labeled only */
  guint    per_class_limit; /* 0 = no limit; reproducible sample per class by seed */
  guint64  seed;
  GArray  *within_ids;      /* keep only these sample ids (gint64; NULL = no constraint),
                             * e.g. a model run's outcome */
  GArray  *include_ids;     /* sample ids forced in (after every other rule) */
  GArray  *exclude_ids;     /* sample ids forced out (after every other rule) */
} DdFilter;

DdFilter *dd_filter_new  (void);
DdFilter *dd_filter_copy (const DdFilter *filter);
void      dd_filter_free (DdFilter *filter);
void      dd_filter_add_class      (DdFilter *filter, guint class_id);
void      dd_filter_add_corruption (DdFilter *filter, guint corruption_id);
void      dd_filter_add_severity   (DdFilter *filter, guint severity);
void      dd_filter_add_split      (DdFilter *filter, guint split_id);
void      dd_filter_add_source     (DdFilter *filter, guint source_id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdFilter, dd_filter_free)

/* ---- selections (an evaluated filter) ---------------------------------------- */

/* An immutable, refcounted set of samples in stable order (by sample id). */
typedef struct _DdSelection DdSelection;

DdSelection *dd_selection_ref    (DdSelection *self);
void         dd_selection_unref  (DdSelection *self);
guint        dd_selection_get_n  (DdSelection *self);
gint64       dd_selection_get_id (DdSelection *self, guint position);
/* Position of a sample id in the selection, or -1. O(log n). */
gint64       dd_selection_find   (DdSelection *self, gint64 id);

/* One stretch where two selections differ: old[old_position .. + removed) became
 * new[new_position .. + added). */
typedef struct {
  guint old_position;
  guint removed;
  guint new_position;
  guint added;
} DdSelectionChange;

/* Appends to @changes (of DdSelectionChange) the stretches that turn @old into @new_,
 * in ascending order, by one merge of the two id orders (O(n)). Returns FALSE, with
 * @changes holding only the first @max_changes, when there are more than that. */
gboolean     dd_selection_diff   (DdSelection *old,
                                  DdSelection *new_,
                                  guint        max_changes,
                                  GArray      *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSelection, dd_selection_unref)

/* Facet counts over a selection. Arrays are indexed by id: classes[class_id]
 * (index 0 = unlabeled), corruptions[corruption_id], severities[0..5],
 * splits[split_id], flags[DdHealthKind]. cube[(class_id * n_corruptions +
 * corruption_id) * n_severities + severity]. */
typedef struct {
  guint    total;
  guint    n_classes;       /* length of classes (max class id + 1) */
  guint    n_corruptions;
  guint    n_severities;    /* 6 */
  guint    n_splits;
  guint   *classes;
  guint   *corruptions;
  guint   *severities;
  guint   *splits;
  guint    flags[DD_HEALTH_N_KINDS];
  guint   *cube;
} DdFacets;

DdFacets *dd_facets_copy (const DdFacets *facets);
void dd_facets_free (DdFacets *facets);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdFacets, dd_facets_free)

/* ---- opening ------------------------------------------------------------------- */

DdCatalog  *dd_catalog_open        (const char          *path,
                                    DdCatalogOpenFlags   flags,
                                    GError             **error);
void        dd_catalog_open_async  (const char          *path,
                                    DdCatalogOpenFlags   flags,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
DdCatalog  *dd_catalog_open_finish (GAsyncResult        *result,
                                    GError             **error);
/* dd_catalog_open() on a worker thread, for a catalog that will be used from
 * @context's thread: its "changed" signal is emitted there (what
 * dd_catalog_open_async() does, for work that opens the catalog as one of its
 * steps). */
DdCatalog  *dd_catalog_open_for_context (const char         *path,
                                         DdCatalogOpenFlags  flags,
                                         GMainContext       *context,
                                         GError            **error);
const char *dd_catalog_get_path    (DdCatalog           *self);
/* TRUE when opened read-only (asked for, or the fallback): writes fail with
 * DD_CATALOG_ERROR_READ_ONLY. */
gboolean    dd_catalog_is_read_only (DdCatalog          *self);
/* Whether opening the catalog at @path for writing would first upgrade it from an
 * older schema (for a word to the user while it runs: a minute at five million
 * samples). FALSE when it is current, not a catalog, or cannot be read: the open
 * itself says what is wrong. Reads the file's version only. */
gboolean    dd_catalog_needs_upgrade (const char        *path);
/* Bumped on every write that changes samples; the snapshot follows it. */
guint64     dd_catalog_get_generation (DdCatalog        *self);

/* ---- vocabulary (blocking, cheap: served from memory) ----------------------- */

GPtrArray  *dd_catalog_list_sources     (DdCatalog *self);   /* of DdSourceInfo */
GPtrArray  *dd_catalog_list_classes     (DdCatalog *self);   /* of DdClassInfo, by id */
GPtrArray  *dd_catalog_list_corruptions (DdCatalog *self);   /* of DdCorruptionInfo, by id */
GPtrArray  *dd_catalog_list_splits      (DdCatalog *self);   /* of DdSplitInfo, by id */
guint       dd_catalog_get_n_samples    (DdCatalog *self);

/* Look-ups by name. A class is found by wnid, by folder name, or by any of its names
 * (case-insensitive); 0 when absent. */
guint       dd_catalog_lookup_class      (DdCatalog *self, const char *wnid_or_name);
/* Corruption by name ("none" included) → id, or G_MAXUINT. */
guint       dd_catalog_lookup_corruption (DdCatalog *self, const char *name);
guint       dd_catalog_lookup_split      (DdCatalog *self, const char *name);  /* G_MAXUINT */
/* Adds to @filter the ids a class argument stands for; error names it when unknown. */
gboolean    dd_catalog_filter_add_class_name      (DdCatalog   *self,
                                                   DdFilter    *filter,
                                                   const char  *wnid_or_name,
                                                   GError     **error);
/* Corruption names or families (noise, blur, weather, digital) or "none". */
gboolean    dd_catalog_filter_add_corruption_name (DdCatalog   *self,
                                                   DdFilter    *filter,
                                                   const char  *name_or_family,
                                                   GError     **error);
gboolean    dd_catalog_filter_add_split_name      (DdCatalog   *self,
                                                   DdFilter    *filter,
                                                   const char  *name,
                                                   GError     **error);
/* Sample id of a key, or 0. */
gint64      dd_catalog_lookup_key       (DdCatalog   *self,
                                         const char  *key,
                                         GError     **error);
/* Sample ids of @n_keys keys into @out_ids (0 where absent): one prepared statement in
 * one read transaction. Sorted keys are fastest. */
gboolean    dd_catalog_lookup_keys      (DdCatalog           *self,
                                         const char * const  *keys,
                                         guint                n_keys,
                                         gint64              *out_ids,
                                         GError             **error);

/* ---- queries ------------------------------------------------------------------- */

DdSelection *dd_catalog_select         (DdCatalog           *self,
                                        const DdFilter      *filter,
                                        GCancellable        *cancellable,
                                        GError             **error);
void         dd_catalog_select_async   (DdCatalog           *self,
                                        const DdFilter      *filter,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
DdSelection *dd_catalog_select_finish  (DdCatalog           *self,
                                        GAsyncResult        *result,
                                        GError             **error);

guint        dd_catalog_count          (DdCatalog           *self,
                                        const DdFilter      *filter,
                                        GCancellable        *cancellable,
                                        GError             **error);

DdFacets    *dd_catalog_facets         (DdCatalog           *self,
                                        DdSelection         *selection);
/* The facets of @new_ from @old's (@old_facets, counted over @old) and the rows in which
 * the two differ: a toggled class costs its own rows, not a count of the whole
 * selection (30 ms at 5 M samples). NULL when that is not the quicker way or cannot be
 * right: selections of two snapshots, another vocabulary, more than a few hundred
 * stretches or half the rows changed, or facets that were not @old's. */
DdFacets    *dd_catalog_facets_update  (DdCatalog           *self,
                                        const DdFacets      *old_facets,
                                        DdSelection         *old,
                                        DdSelection         *new_);
void         dd_catalog_facets_async   (DdCatalog           *self,
                                        DdSelection         *selection,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
DdFacets    *dd_catalog_facets_finish  (DdCatalog           *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* Details of selection[offset .. offset+limit) in selection order: GPtrArray of
 * DdSampleInfo. */
GPtrArray   *dd_catalog_get_page        (DdCatalog           *self,
                                         DdSelection         *selection,
                                         guint                offset,
                                         guint                limit,
                                         GCancellable        *cancellable,
                                         GError             **error);
void         dd_catalog_get_page_async  (DdCatalog           *self,
                                         DdSelection         *selection,
                                         guint                offset,
                                         guint                limit,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray   *dd_catalog_get_page_finish (DdCatalog           *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Details of given sample ids, in the given order (missing ids are skipped). */
GPtrArray   *dd_catalog_get_samples     (DdCatalog           *self,
                                         const gint64        *ids,
                                         guint                n_ids,
                                         GError             **error);
DdSampleInfo *dd_catalog_get_sample     (DdCatalog           *self,
                                         gint64               id,
                                         GError             **error);

G_END_DECLS
