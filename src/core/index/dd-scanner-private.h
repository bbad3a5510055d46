/* What the files of the scanner share: one run, its sources, the folders the walker
 * hands to the database thread, and the steps each file provides. Only the scanner's
 * own files (dd-scanner.c, dd-walker.c, dd-scan-labels.c, dd-class-naming.c,
 * dd-scan-sources.c) include it. */
#pragma once

#include <sys/stat.h>

#include "dd-catalog-private.h"
#include "dd-catalog-writer.h"
#include "dd-layout.h"
#include "dd-scanner.h"

G_BEGIN_DECLS

/* One run of the scanner over its sources, in one write transaction. */
typedef struct {
  DdScanner       *scanner;
  DdCatalog       *catalog;
  DdCatalogWriter *writer;
  GCancellable    *cancellable;
  DdProgressFunc   progress;
  gpointer         progress_data;
  gint64           last_progress;
  DdScanReport    *report;

  GHashTable      *class_ids;      /* wnid → id (| 0x80000000 when unnamed) */
  GHashTable      *split_ids;      /* name → id */
  GHashTable      *corruption_ids; /* name → id */
  GHashTable      *clean_keys;     /* file name → id of a clean val sample; lazily built */
  guint            val_split;
  gboolean         val_existed;    /* the "val" split was in the catalog before this run */
  gboolean         val_used;       /* a sample of this run is in "val" */
  guint64          n_deleted;      /* samples removed by this run */
  gboolean         empty_at_begin; /* the catalog had no sample when the run began */
  guint64          n_waiting;      /* corrupted val samples added without their clean
                                    * image (it may come later in the run) */

  GArray          *new_rows;       /* DdSampleRow: the new samples of a listing, */
  GPtrArray       *new_files;      /* their FileItems */
  GArray          *new_ids;        /* and their ids once written (gint64) */

  gint64           start_sec;      /* wall-clock second the run started */

  guint64          dirs_done;
  guint64          dirs_pending;
} Run;

/* One dataset folder indexed as one source. */
typedef struct {
  guint               id;
  const DdLayout     *layout;
  DdLayoutContext     ctx;
  char               *base;        /* basename of the root (raw bytes) */
  char               *base_key;    /* the same as the first key component: UTF-8, \xNN escapes */
  gboolean            existed;
  gboolean            labels_changed;
  GHashTable         *old_dirs;    /* rel → mtime (gint64 boxed) */
  GHashTable         *children;    /* rel → GPtrArray of child rels, from old_dirs */
  GHashTable         *visited;     /* "dev:ino" of walked folders */
  GHashTable         *metadata;    /* relative paths of the annotation files: not junk */
  GHashTable         *seen_dirs;   /* folders of old_dirs found again */
  GHashTable         *skip;        /* folders under the root that are sources of their own */
  GPtrArray          *problems;
  DdScanSourceReport *report;
} Source;

/* A label the files of one folder share (split, class, corruption, severity and
 * structural flags): the walker makes one for each run of files labelled alike, the
 * database thread resolves it to ids once. */
typedef struct {
  DdLayoutLabel  label;        /* wnid owned (UTF-8); corruption NULL */
  char          *corruption;   /* its key form, NULL for a clean file */
  gboolean       resolved;     /* database thread: row holds its ids */
  DdSampleRow    row;          /* split, corruption, severity, class and flags */
} FolderLabel;

/* One image file of a listing, prepared on the walker thread. */
typedef struct {
  const char *key;        /* its key (UTF-8, \xNN escapes), in l->names */
  const char *name;       /* its name in key form: the end of key */
  const char *raw_key;    /* the key's own bytes when they are not UTF-8 (in l->names),
                           * else NULL */
  guint32     keyhash;    /* dd_catalog_key_hash (key) */
  gint        label;      /* index in l->labels; -1: not a sample of the layout (junk) */
} FileItem;

/* One folder as the walker saw it, handed to the database thread in walk order. */
typedef struct {
  char         *rel;
  char         *problem;     /* could not be read: why */
  gboolean      unchanged;   /* same mtime as at the last scan: nothing to do */
  gint64        mtime;       /* nanoseconds */
  guint64       junk;
  char         *raw_prefix;  /* "<base>/<rel>/", raw bytes */
  char         *key_prefix;  /* the same in key form: each file's key is it + name */
  gboolean      raw_keys;    /* the prefix is not UTF-8: every key has its raw bytes */
  GArray       *files;       /* FileItem, in name order */
  GArray       *labels;      /* FolderLabel */
  GStringChunk *names;       /* the files' names and keys */
  GPtrArray    *problems;    /* "rel: what" of entries inside it */
  gboolean      end;         /* the walk is over */
} Listing;

/* ---- dd-walker.c ------------------------------------------------------------------ */

gint64      dd_scan_mtime_ns      (const struct stat *st);
void        dd_scan_listing_free  (Listing           *l);

typedef struct _DdWalker DdWalker;

/* Starts the walker thread over @src: depth first, in name order, each folder once,
 * folders whose mtime did not change not listed again. */
DdWalker   *dd_walker_start       (Source            *src,
                                   GCancellable      *cancellable);
/* The next folder in walk order (blocks); the last Listing has end set. *out_pending
 * counts the folders listed ahead and this one. */
Listing    *dd_walker_next        (DdWalker          *walker,
                                   guint64           *out_pending);
/* The database side gave up: the walker ends at its next folder. */
void        dd_walker_stop        (DdWalker          *walker);
/* Joins the walker thread (after the end Listing came) and frees it. */
void        dd_walker_free        (DdWalker          *walker);

/* ---- dd-scan-labels.c -------------------------------------------------------------- */

/* The id of a split (@split) or corruption by name, cached for the run; G_MAXUINT on
 * error. */
guint       dd_scan_lookup_or_ensure  (Run           *run,
                                       GHashTable    *cache,
                                       const char    *name,
                                       gboolean       split,
                                       GError       **error);
/* Clean val samples by file name (run->clean_keys), read once. */
void        dd_scan_ensure_clean_keys (Run           *run);
/* The layout's reading of a file (UTF-8) in the folder whose components are @parts
 * (@n_parts of them). Thread-safe: the layout context is read-only once prepared.
 * FALSE when the file is not a sample. */
gboolean    dd_scan_classify          (Source        *src,
                                       char         **parts,
                                       guint          n_parts,
                                       const char    *file_name,
                                       DdLayoutLabel *label,
                                       char         **out_corruption);
/* The layout's reading of one relative path (UTF-8), as dd_scan_classify(). */
gboolean    dd_scan_classify_rel      (Source        *src,
                                       const char    *rel,
                                       DdLayoutLabel *label,
                                       char         **out_corruption);
/* Ids for a label, all but the clean image (database thread: classes, splits,
 * corruptions may be created). */
gboolean    dd_scan_resolve_label     (Run           *run,
                                       Source        *src,
                                       DdLayoutLabel *label,
                                       const char    *corruption,
                                       DdSampleRow   *row,
                                       GError       **error);
/* The clean val sample of corrupted file @file_name labelled @row: row->clean_id. */
void        dd_scan_link_clean        (Run           *run,
                                       const char    *file_name,
                                       DdSampleRow   *row);
/* Labels one file from its relative path; FALSE when it is not a sample (junk) or on
 * error. */
gboolean    dd_scan_label_file        (Run           *run,
                                       Source        *src,
                                       const char    *rel,
                                       DdSampleRow   *row,
                                       GError       **error);
/* Boxes of a file (4 ints each), by its name or by its name without extension. */
GArray     *dd_scan_boxes_of          (Source        *src,
                                       const char    *file_name);

/* ---- dd-class-naming.c ------------------------------------------------------------- */

/* The class id of @wnid, created with its names; *unnamed tells that only its folder
 * named it. 0 on error. */
guint       dd_scan_ensure_class      (Run           *run,
                                       Source        *src,
                                       const char    *wnid,
                                       gboolean      *unnamed,
                                       GError       **error);

/* ---- dd-scan-sources.c ------------------------------------------------------------- */

void        dd_scan_source_free       (Source        *src);
/* Adds to @sources the sources under @root. */
gboolean    dd_scan_find_sources      (const char    *root,
                                       GPtrArray     *sources,
                                       GError       **error);
/* Clean sources first, so corrupted samples find their clean files. */
int         dd_scan_cmp_sources       (gconstpointer  a,
                                       gconstpointer  b);

G_END_DECLS
