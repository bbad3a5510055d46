/* DdScanner: the structure pass. Walks dataset folders without decoding anything,
 * labels every image file through its layout and writes the catalog in one
 * transaction. Re-indexing skips folders whose mtime did not change to the nanosecond
 * (their set of files cannot have changed) and keeps the ids of samples that stayed;
 * folders changed during a run, and those with problems, are listed again next time. */
#define G_LOG_DOMAIN "datadive-scanner"
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-catalog-private.h"
#include "dd-health.h"
#include "dd-layout.h"
#include "dd-scanner.h"
#include "dd-wordnet.h"

struct _DdScanner
{
  GObject       parent_instance;

  DdCatalog    *catalog;
  DdProgress   *progress;
};

G_DEFINE_FINAL_TYPE (DdScanner, dd_scanner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_FRACTION,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
dd_scan_report_free (DdScanReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->sources, g_ptr_array_unref);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

static void
source_report_free (DdScanSourceReport *src)
{
  g_free (src->root);
  g_free (src->layout);
  g_free (src);
}

/* ---- one run ------------------------------------------------------------------- */

typedef struct {
  DdScanner     *scanner;
  DdCatalog     *catalog;
  sqlite3       *db;
  GCancellable  *cancellable;
  DdProgressFunc progress;
  gpointer       progress_data;
  gint64         last_progress;
  DdScanReport  *report;

  sqlite3_stmt  *insert_sample;
  sqlite3_stmt  *insert_box;
  sqlite3_stmt  *insert_dir;
  sqlite3_stmt  *delete_sample;
  GHashTable    *class_ids;      /* wnid → id */
  GHashTable    *split_ids;      /* name → id */
  GHashTable    *corruption_ids; /* name → id */
  GHashTable    *clean_keys;     /* file name → key of a clean val sample; lazily built */
  guint          val_split;
  gboolean       val_existed;    /* the "val" split was in the catalog before this run */
  gboolean       val_used;       /* a sample of this run is in "val" */
  guint64        n_deleted;      /* samples removed by this run */
  /* the first index of a catalog: every sample it writes, so the snapshot need not
   * be read back from the rows */
  DdSnapshotBuilder *built;

  gint64         start_sec;      /* wall-clock second the run started */

  guint64        dirs_done;
  guint64        dirs_pending;
} Run;

/* File-system clocks tick coarsely (ext4 by the kernel tick, FAT by two seconds): a
 * folder changed again after it was listed may keep the same mtime when both changes
 * fall in one tick. A folder or annotation file whose mtime is this close to the
 * run's start (or later) is stored as "unknown", to be listed or read again. */
#define RECENT_SECONDS 2

static gint64
mtime_ns (const struct stat *st)
{
  return (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
}

/* The mtime to remember for a folder or file: "unknown" when it may still change
 * within its clock tick. */
static gint64
mtime_to_store (Run    *run,
                gint64  mtime)
{
  if (mtime / G_GINT64_CONSTANT (1000000000) >= run->start_sec - RECENT_SECONDS)
    return DD_CATALOG_MTIME_UNKNOWN;
  return mtime;
}

typedef struct {
  guint            id;
  const DdLayout  *layout;
  DdLayoutContext  ctx;
  char            *base;        /* basename of the root: the first key component */
  gboolean         existed;
  gboolean         labels_changed;
  GHashTable      *old_dirs;    /* rel → mtime (gint64 boxed) */
  GHashTable      *children;    /* rel → GPtrArray of child rels, from old_dirs */
  GHashTable      *visited;     /* "dev:ino" of walked folders */
  GHashTable      *metadata;    /* relative paths of the annotation files: not junk */
  GHashTable      *seen_dirs;   /* folders of old_dirs found again */
  GHashTable      *skip;        /* folders under the root that are sources of their own */
  GPtrArray       *problems;
  DdScanSourceReport *report;
} Source;

static void
set_progress (Run        *run,
              const char *text)
{
  gint64 now = g_get_monotonic_time ();
  double fraction;

  if (now - run->last_progress < 100 * 1000 && text == NULL)
    return;
  run->last_progress = now;
  fraction = run->dirs_done + run->dirs_pending > 0
             ? (double) run->dirs_done / (run->dirs_done + run->dirs_pending) : -1;
  {
    g_autofree char *msg = text ? g_strdup (text)
                                : g_strdup_printf (_("Indexing: %" PRIu64 " folders, "
                                                     "%" PRIu64 " samples"),
                                                   run->dirs_done, run->report->samples);

    dd_progress_report (run->scanner->progress, fraction, msg, run->progress,
                        run->progress_data);
  }
}

static gboolean
db_fail (Run         *run,
         GError     **error,
         const char  *what)
{
  dd_catalog_set_error_from_db (run->catalog, error, what);
  return FALSE;
}

static guint
lookup_or_ensure (Run         *run,
                  GHashTable  *cache,
                  const char  *name,
                  gboolean     split,
                  GError     **error)
{
  gpointer value;
  guint id;

  if (g_hash_table_lookup_extended (cache, name, NULL, &value))
    return GPOINTER_TO_UINT (value);
  id = split ? dd_catalog_ensure_split (run->catalog, name, error)
             : dd_catalog_ensure_corruption (run->catalog, name, error);
  if (id != G_MAXUINT)
    g_hash_table_insert (cache, g_strdup (name), GUINT_TO_POINTER (id));
  return id;
}

/* The class id of @wnid, created with its names: words.txt, else WordNet, else the
 * folder name. *unnamed tells which. */
static guint
ensure_class (Run         *run,
              Source      *src,
              const char  *wnid,
              gboolean    *unnamed,
              GError     **error)
{
  gpointer value;
  sqlite3_stmt *stmt = NULL;
  const char *words;
  g_autofree char *name = NULL;
  g_autofree char *names = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *parent_name = NULL;
  const char *name_source;
  DdWordnet *wn = dd_wordnet_get_default ();
  gboolean in_wnids = src->ctx.wnids == NULL || g_hash_table_contains (src->ctx.wnids, wnid);
  guint id = 0;
  g_autofree char *existing_source = NULL;

  if (g_hash_table_lookup_extended (run->class_ids, wnid, NULL, &value))
    {
      guint packed = GPOINTER_TO_UINT (value);
      *unnamed = (packed & 0x80000000u) != 0;
      return packed & 0x7fffffffu;
    }

  if ((words = g_hash_table_lookup (src->ctx.words, wnid)))
    {
      g_auto(GStrv) parts = g_strsplit (words, ",", 2);
      name = g_strdup (g_strstrip (parts[0]));
      names = g_strdup (words);
      name_source = "words";
    }
  else if (wn && dd_wordnet_has (wn, wnid))
    {
      g_auto(GStrv) all = dd_wordnet_get_names (wn, wnid);
      name = g_strdup (all[0]);
      names = g_strjoinv (", ", all);
      name_source = "wordnet";
    }
  else
    {
      name = g_strdup (wnid);
      names = g_strdup (wnid);
      name_source = "folder";
    }
  if (wn && (parent = dd_wordnet_get_parent (wn, wnid)))
    parent_name = dd_wordnet_get_name (wn, parent);

  sqlite3_prepare_v2 (run->db, "SELECT id, name_source, in_wnids FROM classes WHERE wnid = ?", -1,
                      &stmt, NULL);
  sqlite3_bind_text (stmt, 1, wnid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int (stmt, 0);
      existing_source = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (sqlite3_column_int (stmt, 2) == 0)
        in_wnids = FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (id == 0)
    {
      sqlite3_prepare_v2 (run->db,
                          "INSERT INTO classes (wnid, name, names, parent_wnid, parent_name,"
                          " name_source, in_wnids) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
    }
  else if (g_strcmp0 (existing_source, "folder") == 0 || g_strcmp0 (name_source, "words") == 0 ||
           !in_wnids)
    {
      /* A better name (or the news that wnids.txt lacks it) from this source. */
      if (g_strcmp0 (name_source, "folder") == 0 && g_strcmp0 (existing_source, "folder") != 0)
        name_source = existing_source;
      sqlite3_prepare_v2 (run->db,
                          "UPDATE classes SET name = coalesce (?2, name), names = coalesce (?3, names),"
                          " parent_wnid = ?4, parent_name = ?5, name_source = ?6, in_wnids = ?7"
                          " WHERE wnid = ?1", -1, &stmt, NULL);
      if (g_strcmp0 (name_source, existing_source) == 0 && g_strcmp0 (name_source, "words") != 0)
        {
          g_clear_pointer (&name, g_free);
          g_clear_pointer (&names, g_free);
        }
    }
  if (stmt)
    {
      sqlite3_bind_text (stmt, 1, wnid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, names, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, parent, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, parent_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, name_source, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 7, in_wnids);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          db_fail (run, error, _("Cannot record a class"));
          return 0;
        }
      sqlite3_finalize (stmt);
      if (id == 0)
        id = sqlite3_last_insert_rowid (run->db);
    }

  /* A folder called "cat" names its class; "n00000042" does not. */
  *unnamed = g_strcmp0 (name_source, "folder") == 0 && dd_is_wnid (wnid);
  g_hash_table_insert (run->class_ids, g_strdup (wnid),
                       GUINT_TO_POINTER (id | (*unnamed ? 0x80000000u : 0)));
  return id;
}

/* Clean val samples by file name, for the corrupted variants to point at. */
static void
ensure_clean_keys (Run *run)
{
  sqlite3_stmt *stmt = NULL;

  if (run->clean_keys)
    return;
  run->clean_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_prepare_v2 (run->db, "SELECT key FROM samples WHERE corruption_id = 0 AND split_id = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, run->val_split);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *slash = strrchr (key, '/');

      g_hash_table_replace (run->clean_keys, g_strdup (slash ? slash + 1 : key), g_strdup (key));
    }
  sqlite3_finalize (stmt);
}

typedef struct {
  guint    class_id;
  guint    corruption_id;
  guint    severity;
  guint    split_id;
  guint32  flags;
  const char *clean_key;
} Row;

/* The layout's reading of one relative path (UTF-8). Thread-safe: the layout context
 * is read-only once prepared. FALSE when the file is not a sample. */
static gboolean
classify_rel (Source        *src,
              const char    *rel,
              DdLayoutLabel *label,
              char         **out_corruption)
{
  g_auto(GStrv) parts = g_strsplit (rel, "/", -1);
  guint n = g_strv_length (parts);
  char *file_name = parts[n - 1];

  memset (label, 0, sizeof *label);
  *out_corruption = NULL;
  parts[n - 1] = NULL;
  src->layout->classify (&src->ctx, parts, n - 1, file_name, label);
  parts[n - 1] = file_name;
  if (label->skip)
    {
      g_clear_pointer (&label->wnid, g_free);
      return FALSE;
    }
  if (label->corruption && label->severity > 0)
    {
      g_autofree char *raw = g_strndup (label->corruption, label->corruption_len);
      dd_catalog_make_key (raw, strlen (raw), out_corruption);
    }
  label->corruption = NULL;
  if (label->wnid && !g_utf8_validate (label->wnid, -1, NULL))
    {
      char *valid = NULL;
      dd_catalog_make_key (label->wnid, strlen (label->wnid), &valid);
      g_free (label->wnid);
      label->wnid = valid;
    }
  return TRUE;
}

/* Ids for a label (database thread: classes, splits, corruptions may be created). */
static gboolean
resolve_label (Run            *run,
               Source         *src,
               DdLayoutLabel  *label,
               const char     *corruption,
               const char     *file_name,
               Row            *row,
               GError        **error)
{
  memset (row, 0, sizeof *row);
  row->flags = label->flags;
  if ((row->split_id = lookup_or_ensure (run, run->split_ids, label->split, TRUE, error)) == G_MAXUINT)
    return FALSE;
  if (corruption)
    {
      if ((row->corruption_id = lookup_or_ensure (run, run->corruption_ids, corruption, FALSE,
                                                  error)) == G_MAXUINT)
        return FALSE;
      row->severity = label->severity;
      if (row->split_id == run->val_split)
        {
          ensure_clean_keys (run);
          row->clean_key = g_hash_table_lookup (run->clean_keys, file_name);
        }
    }
  if (label->wnid)
    {
      gboolean unnamed = FALSE;

      if ((row->class_id = ensure_class (run, src, label->wnid, &unnamed, error)) == 0)
        return FALSE;
      if (src->ctx.wnids && !g_hash_table_contains (src->ctx.wnids, label->wnid))
        row->flags |= DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS);
      if (unnamed)
        row->flags |= DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS);
    }
  return TRUE;
}

/* Labels one file from its relative path; FALSE when it is not a sample (junk) or
 * on error. */
static gboolean
label_file (Run         *run,
            Source      *src,
            const char  *rel,
            Row         *row,
            GError     **error)
{
  DdLayoutLabel label;
  g_autofree char *corruption = NULL;
  const char *file_name = strrchr (rel, '/');
  gboolean ok;

  if (!classify_rel (src, rel, &label, &corruption))
    return FALSE;
  ok = resolve_label (run, src, &label, corruption, file_name ? file_name + 1 : rel, row, error);
  g_free (label.wnid);
  return ok;
}

/* Boxes of a file, by its name or (ImageNet's CSV) by its name without extension. */
static GArray *
boxes_of (Source     *src,
          const char *file_name)
{
  GArray *boxes = g_hash_table_lookup (src->ctx.boxes, file_name);
  const char *dot;

  if (boxes == NULL && (dot = strrchr (file_name, '.')))
    {
      g_autofree char *stem = g_strndup (file_name, dot - file_name);
      boxes = g_hash_table_lookup (src->ctx.boxes, stem);
    }
  return boxes;
}

/* One image file, prepared on the walker thread. */
typedef struct {
  char          *key;
  char          *raw_key;      /* the original bytes when they are not UTF-8, else NULL */
  char          *file_name;    /* UTF-8 */
  char          *corruption;
  DdLayoutLabel  label;
  gboolean       sample;       /* FALSE: not a sample of the layout (junk) */
} FileItem;

static void
file_item_free (FileItem *item)
{
  g_free (item->key);
  g_free (item->raw_key);
  g_free (item->file_name);
  g_free (item->corruption);
  g_free (item->label.wnid);
  g_free (item);
}

static FileItem *
file_item_new (Source     *src,
               const char *rel)
{
  FileItem *item = g_new0 (FileItem, 1);
  g_autofree char *raw_key = g_strconcat (src->base, "/", rel, NULL);
  g_autofree char *rel_utf8 = NULL;
  const char *slash;

  if (!dd_catalog_make_key (raw_key, strlen (raw_key), &item->key))
    item->raw_key = g_steal_pointer (&raw_key);
  /* Labels come from the UTF-8 form so that wnids and names are valid text. */
  rel_utf8 = g_strdup (item->key + strlen (src->base) + 1);
  slash = strrchr (rel_utf8, '/');
  item->file_name = g_strdup (slash ? slash + 1 : rel_utf8);
  item->sample = classify_rel (src, rel_utf8, &item->label, &item->corruption);
  return item;
}

static gboolean
insert_item (Run       *run,
             Source    *src,
             FileItem  *item,
             GError   **error)
{
  sqlite3_stmt *stmt = run->insert_sample;
  GArray *boxes;
  gint64 keyhash;
  Row row;

  if (!item->sample)
    {
      src->report->junk++;
      return TRUE;
    }
  if (!resolve_label (run, src, &item->label, item->corruption, item->file_name, &row, error))
    return FALSE;

  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, src->id);
  sqlite3_bind_text (stmt, 2, item->key, -1, SQLITE_STATIC);
  if (item->raw_key)
    sqlite3_bind_blob (stmt, 3, item->raw_key, strlen (item->raw_key), SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, row.class_id);
  sqlite3_bind_int (stmt, 5, row.corruption_id);
  sqlite3_bind_int (stmt, 6, row.severity);
  sqlite3_bind_int (stmt, 7, row.split_id);
  run->val_used |= row.split_id == run->val_split;
  if (row.clean_key)
    sqlite3_bind_text (stmt, 8, row.clean_key, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 8);
  keyhash = dd_catalog_key_hash (item->key);
  sqlite3_bind_int64 (stmt, 9, keyhash);
  sqlite3_bind_int (stmt, 10, row.flags);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_fail (run, error, _("Cannot record a sample"));
  if (run->built)
    dd_snapshot_builder_add (run->built, sqlite3_last_insert_rowid (run->db), row.class_id,
                             row.corruption_id, row.severity, row.split_id, src->id, row.flags,
                             keyhash);
  src->report->added++;
  run->report->samples++;

  if (row.corruption_id == 0 && (boxes = boxes_of (src, item->file_name)))
    {
      gint64 id = sqlite3_last_insert_rowid (run->db);

      for (guint i = 0; i < boxes->len; i++)
        {
          int *box = &g_array_index (boxes, int, i * 4);

          sqlite3_reset (run->insert_box);
          sqlite3_bind_int64 (run->insert_box, 1, id);
          for (guint j = 0; j < 4; j++)
            sqlite3_bind_int (run->insert_box, 2 + j, box[j]);
          if (sqlite3_step (run->insert_box) != SQLITE_DONE)
            return db_fail (run, error, _("Cannot record an annotation"));
        }
    }
  return TRUE;
}

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sample keys currently in the catalog directly in folder @rel of @src. */
static GHashTable *
existing_files (Run        *run,
                Source     *src,
                const char *rel)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *prefix = *rel ? g_strconcat (src->base, "/", rel, "/", NULL)
                                 : g_strconcat (src->base, "/", NULL);
  g_autofree char *upper = g_strdup (prefix);
  sqlite3_stmt *stmt = NULL;
  gsize plen = strlen (prefix);

  upper[plen - 1] = '/' + 1;
  sqlite3_prepare_v2 (run->db, "SELECT id, key FROM samples WHERE source_id = ? AND key >= ?"
                               " AND key < ?", -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, src->id);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, upper, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      if (strchr (key + plen, '/') == NULL)
        g_hash_table_insert (files, g_strdup (key), GINT_TO_POINTER ((gint) sqlite3_column_int64 (stmt, 0)));
    }
  sqlite3_finalize (stmt);
  return files;
}

static gboolean
delete_sample (Run     *run,
               Source  *src,
               gint64   id,
               GError **error)
{
  sqlite3_reset (run->delete_sample);
  sqlite3_bind_int64 (run->delete_sample, 1, id);
  if (sqlite3_step (run->delete_sample) != SQLITE_DONE)
    return db_fail (run, error, _("Cannot remove a sample"));
  src->report->removed++;
  run->n_deleted++;
  /* the builder holds only rows this run inserted: a removal makes it incomplete */
  g_clear_pointer (&run->built, dd_snapshot_builder_free);
  return TRUE;
}

/* One folder as the walker saw it, handed to the database thread in walk order. */
typedef struct {
  char      *rel;
  char      *problem;     /* could not be read: why */
  gboolean   unchanged;   /* same mtime as at the last scan: nothing to do */
  gint64     mtime;       /* nanoseconds */
  guint64    junk;
  GPtrArray *files;       /* FileItem, in name order */
  GPtrArray *problems;    /* "rel: what" of entries inside it */
  gboolean   end;         /* the walk is over */
} Listing;

static void
listing_free (Listing *l)
{
  g_free (l->rel);
  g_free (l->problem);
  g_clear_pointer (&l->files, g_ptr_array_unref);
  g_clear_pointer (&l->problems, g_ptr_array_unref);
  g_free (l);
}

/* The walker thread and the database thread share this. The walker stays at most
 * MAX_AHEAD folders ahead so memory stays bounded. */
#define MAX_AHEAD 512

typedef struct {
  Run          *run;
  Source       *src;
  GMutex        lock;
  GCond         cond;
  GQueue        queue;        /* Listing */
  guint         ahead;
  gboolean      stop;         /* the database thread gave up */
} Walk;

static void
walk_push (Walk    *w,
           Listing *l)
{
  g_mutex_lock (&w->lock);
  while (w->ahead >= MAX_AHEAD && !w->stop)
    g_cond_wait (&w->cond, &w->lock);
  g_queue_push_tail (&w->queue, l);
  w->ahead++;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

static Listing *
walk_pop (Walk *w)
{
  Listing *l;

  g_mutex_lock (&w->lock);
  while (g_queue_is_empty (&w->queue))
    g_cond_wait (&w->cond, &w->lock);
  l = g_queue_pop_head (&w->queue);
  w->ahead--;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
  return l;
}

static gboolean
walk_stopped (Walk *w)
{
  gboolean stop;

  g_mutex_lock (&w->lock);
  stop = w->stop;
  g_mutex_unlock (&w->lock);
  return stop || g_cancellable_is_cancelled (w->run->cancellable);
}

static void
listing_problem (Listing    *l,
                 const char *rel,
                 const char *what)
{
  if (l->problems == NULL)
    l->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (l->problems, g_strdup_printf ("%s\t%s", rel, what));
}

/* Lists folder @rel into @l (files prepared) and @subdirs (sorted). */
static void
list_dir (Source     *src,
          int         dirfd,
          Listing    *l,
          GPtrArray  *subdirs)
{
  DIR *dir = fdopendir (dirfd);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  struct dirent *entry;
  const char *rel = l->rel;

  if (dir == NULL)
    {
      close (dirfd);
      l->problem = g_strdup (g_strerror (errno));
      return;
    }
  while ((entry = readdir (dir)))
    {
      const char *name = entry->d_name;
      unsigned char type = entry->d_type;

      if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
        continue;
      if (type == DT_UNKNOWN || type == DT_LNK)
        {
          struct stat st;

          if (fstatat (dirfd, name, &st, 0) != 0)
            {
              g_autofree char *child = *rel ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
              listing_problem (l, child, type == DT_LNK ? _("broken symbolic link") : g_strerror (errno));
              continue;
            }
          type = S_ISDIR (st.st_mode) ? DT_DIR : S_ISREG (st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
      if (type == DT_DIR)
        g_ptr_array_add (subdirs, g_strdup (name));
      else if (type == DT_REG && dd_layout_is_image_name (name))
        g_ptr_array_add (names, g_strdup (name));
      else
        {
          g_autofree char *child = *rel ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
          if (!g_hash_table_contains (src->metadata, child))
            l->junk++;
        }
    }
  closedir (dir);
  g_ptr_array_sort (names, cmp_names);
  g_ptr_array_sort (subdirs, cmp_names);
  l->files = g_ptr_array_new_full (names->len, (GDestroyNotify) file_item_free);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *frel = *rel ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      g_ptr_array_add (l->files, file_item_new (src, frel));
    }
}

/* The walker thread: depth first, in name order (ids then follow key order), each
 * folder once (a symbolic link back up the tree would never end), folders whose
 * mtime did not change are not listed again. Touches no database. */
static gpointer
walker_thread (gpointer data)
{
  Walk *w = data;
  Source *src = w->src;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (stack, g_strdup (""));
  while (stack->len > 0 && !walk_stopped (w))
    {
      Listing *l = g_new0 (Listing, 1);
      g_autofree char *path = NULL;
      g_autofree char *dev_ino = NULL;
      g_autoptr(GPtrArray) subdirs = g_ptr_array_new_with_free_func (g_free);
      gint64 *old_mtime;
      struct stat st;
      int fd;

      l->rel = g_ptr_array_steal_index (stack, stack->len - 1);
      path = *l->rel ? g_build_filename (src->ctx.root, l->rel, NULL) : g_strdup (src->ctx.root);
      fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0 && (errno == ENOENT || errno == ENOTDIR) && *l->rel != '\0')
        {
          /* Gone since the catalog listed it (its parent's mtime put back, or a
           * folder recorded to be tried again): a vanished folder, not a problem. */
          listing_free (l);
          continue;
        }
      if (fd < 0 || fstat (fd, &st) != 0)
        {
          l->problem = g_strdup (g_strerror (errno));
          if (fd >= 0)
            close (fd);
          walk_push (w, l);
          continue;
        }
      dev_ino = g_strdup_printf ("%lu:%lu", (gulong) st.st_dev, (gulong) st.st_ino);
      if (!g_hash_table_add (src->visited, g_steal_pointer (&dev_ino)))
        {
          l->problem = g_strdup (_("folder already visited (symbolic link loop), skipped"));
          close (fd);
          walk_push (w, l);
          continue;
        }
      l->mtime = mtime_ns (&st);
      old_mtime = src->old_dirs ? g_hash_table_lookup (src->old_dirs, l->rel) : NULL;
      if (old_mtime && *old_mtime == l->mtime && l->mtime != DD_CATALOG_MTIME_UNKNOWN)
        {
          GPtrArray *children = g_hash_table_lookup (src->children, l->rel);

          close (fd);
          l->unchanged = TRUE;
          for (guint i = children ? children->len : 0; i > 0; i--)
            {
              const char *child = g_ptr_array_index (children, i - 1);

              if (!src->skip || !g_hash_table_contains (src->skip, child))
                g_ptr_array_add (stack, g_strdup (child));
            }
          walk_push (w, l);
          continue;
        }
      list_dir (src, fd, l, subdirs);
      for (guint i = subdirs->len; i > 0; i--)
        {
          const char *name = g_ptr_array_index (subdirs, i - 1);

          if (*l->rel == '\0' && src->skip && g_hash_table_contains (src->skip, name))
            continue;
          g_ptr_array_add (stack, *l->rel ? g_strconcat (l->rel, "/", name, NULL) : g_strdup (name));
        }
      walk_push (w, l);
    }
  {
    Listing *end = g_new0 (Listing, 1);
    end->end = TRUE;
    walk_push (w, end);
  }
  return NULL;
}

static void
problem (Source     *src,
         const char *rel,
         const char *what)
{
  g_autofree char *display = g_filename_display_name (rel);
  g_ptr_array_add (src->problems, g_strdup_printf ("%s/%s: %s", src->base, display, what));
  src->report->unreadable++;
}

static gboolean
record_dir (Run        *run,
            Source     *src,
            const char *rel,
            gint64      mtime,
            guint64     junk,
            GError    **error)
{
  sqlite3_reset (run->insert_dir);
  sqlite3_bind_int (run->insert_dir, 1, src->id);
  sqlite3_bind_blob (run->insert_dir, 2, rel, strlen (rel), SQLITE_STATIC);
  sqlite3_bind_int64 (run->insert_dir, 3, mtime);
  sqlite3_bind_int64 (run->insert_dir, 4, junk);
  if (sqlite3_step (run->insert_dir) != SQLITE_DONE)
    return db_fail (run, error, _("Cannot record a folder"));
  return TRUE;
}

/* Samples directly in folder @rel go (the folder vanished or cannot be read). */
static gboolean
delete_folder_samples (Run         *run,
                       Source      *src,
                       const char  *rel,
                       GError     **error)
{
  g_autoptr(GHashTable) have = existing_files (run, src, rel);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, have);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!delete_sample (run, src, GPOINTER_TO_INT (value), error))
      return FALSE;
  return TRUE;
}

/* The database side of one folder. */
static gboolean
apply_listing (Run      *run,
               Source   *src,
               Listing  *l,
               GError  **error)
{
  gboolean known = src->old_dirs && g_hash_table_contains (src->old_dirs, l->rel);

  for (guint i = 0; l->problems && i < l->problems->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_ptr_array_index (l->problems, i), "\t", 2);
      problem (src, f[0], f[1]);
    }
  if (l->problem)
    {
      problem (src, l->rel, l->problem);
      /* Recorded with an unknown mtime: tried (and its problem reported) again at
       * every run, even when its parent does not change. What it held goes, as a
       * vanished folder's samples do. */
      if (known)
        {
          g_hash_table_add (src->seen_dirs, g_strdup (l->rel));
          if (!delete_folder_samples (run, src, l->rel, error))
            return FALSE;
        }
      return record_dir (run, src, l->rel, DD_CATALOG_MTIME_UNKNOWN, 0, error);
    }
  if (known)
    g_hash_table_add (src->seen_dirs, g_strdup (l->rel));
  if (l->unchanged)
    return TRUE;

  src->report->junk += l->junk;
  if (known || src->existed)
    {
      /* Changed folder: diff against what the catalog has. */
      g_autoptr(GHashTable) have = existing_files (run, src, l->rel);
      GHashTableIter iter;
      gpointer value;

      for (guint i = 0; i < l->files->len; i++)
        {
          FileItem *item = g_ptr_array_index (l->files, i);

          if (g_hash_table_remove (have, item->key))
            continue;
          if (!insert_item (run, src, item, error))
            return FALSE;
        }
      g_hash_table_iter_init (&iter, have);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (!delete_sample (run, src, GPOINTER_TO_INT (value), error))
          return FALSE;
    }
  else
    for (guint i = 0; i < l->files->len; i++)
      if (!insert_item (run, src, g_ptr_array_index (l->files, i), error))
        return FALSE;
  /* A folder with problems inside is listed again next time, to report them again. */
  return record_dir (run, src, l->rel,
                     l->problems ? DD_CATALOG_MTIME_UNKNOWN : mtime_to_store (run, l->mtime),
                     l->junk, error);
}

static gboolean
walk (Run     *run,
      Source  *src,
      GError **error)
{
  Walk w = { run, src };
  GThread *thread;
  gboolean ok = TRUE;

  g_mutex_init (&w.lock);
  g_cond_init (&w.cond);
  g_queue_init (&w.queue);
  thread = g_thread_new ("dd-walker", walker_thread, &w);

  for (;;)
    {
      Listing *l = walk_pop (&w);
      gboolean end = l->end;

      if (!end && ok)
        {
          run->dirs_done++;
          run->dirs_pending = w.ahead + 1;
          set_progress (run, NULL);
          if (g_cancellable_set_error_if_cancelled (run->cancellable, error) ||
              !apply_listing (run, src, l, error))
            {
              ok = FALSE;
              g_mutex_lock (&w.lock);
              w.stop = TRUE;
              g_cond_broadcast (&w.cond);
              g_mutex_unlock (&w.lock);
            }
        }
      listing_free (l);
      if (end)
        break;
    }
  g_thread_join (thread);
  /* The walker may have stopped for a cancellation the loop did not see. */
  if (ok && g_cancellable_set_error_if_cancelled (run->cancellable, error))
    ok = FALSE;
  g_mutex_clear (&w.lock);
  g_cond_clear (&w.cond);
  return ok;
}

/* Folders that were indexed before and are gone now: their samples go too. */
static gboolean
remove_vanished_dirs (Run     *run,
                      Source  *src,
                      GError **error)
{
  GHashTableIter iter;
  gpointer key;

  if (src->old_dirs == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, src->old_dirs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *rel = key;
      sqlite3_stmt *stmt = NULL;

      if (g_hash_table_contains (src->seen_dirs, rel))
        continue;
      if (!delete_folder_samples (run, src, rel, error))
        return FALSE;
      sqlite3_prepare_v2 (run->db, "DELETE FROM dirs WHERE source_id = ? AND rel = ?", -1, &stmt, NULL);
      sqlite3_bind_int (stmt, 1, src->id);
      sqlite3_bind_blob (stmt, 2, rel, strlen (rel), SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_finalize (stmt);
    }
  return TRUE;
}

/* Re-derives labels, flags and boxes of every sample of a source whose annotation
 * files changed since the last scan (ids and content facts stay). */
static gboolean
relabel (Run     *run,
         Source  *src,
         GError **error)
{
  sqlite3_stmt *select = NULL, *update = NULL;
  gsize base_len = strlen (src->base) + 1;
  guint32 structural = DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) |
                       DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS) |
                       DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM annotations WHERE sample_id IN"
                                          " (SELECT id FROM samples WHERE source_id = %u)", src->id);

  /* rows this run did not insert change: the builder no longer holds the snapshot */
  g_clear_pointer (&run->built, dd_snapshot_builder_free);
  if (!dd_catalog_exec (run->catalog, sql, error))
    return FALSE;
  sqlite3_prepare_v2 (run->db, "SELECT id, key, class_id, flags, corruption_id FROM samples"
                               " WHERE source_id = ?", -1, &select, NULL);
  sqlite3_prepare_v2 (run->db, "UPDATE samples SET class_id = ?, flags = ? WHERE id = ?", -1,
                      &update, NULL);
  sqlite3_bind_int (select, 1, src->id);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      const char *key = (const char *) sqlite3_column_text (select, 1);
      guint old_class = sqlite3_column_int (select, 2);
      guint32 old_flags = sqlite3_column_int (select, 3);
      const char *file_name = strrchr (key, '/');
      GArray *boxes;
      Row row;

      if (strlen (key) <= base_len || !label_file (run, src, key + base_len, &row, error))
        {
          if (error && *error)
            goto fail;
          continue;
        }
      row.flags |= old_flags & ~structural;
      if (row.class_id != old_class || row.flags != old_flags)
        {
          sqlite3_reset (update);
          sqlite3_bind_int (update, 1, row.class_id);
          sqlite3_bind_int (update, 2, row.flags);
          sqlite3_bind_int64 (update, 3, id);
          if (sqlite3_step (update) != SQLITE_DONE)
            goto db_error;
        }
      file_name = file_name ? file_name + 1 : key;
      if (sqlite3_column_int (select, 4) == 0 &&
          (boxes = boxes_of (src, file_name)))
        for (guint i = 0; i < boxes->len; i++)
          {
            int *box = &g_array_index (boxes, int, i * 4);

            sqlite3_reset (run->insert_box);
            sqlite3_bind_int64 (run->insert_box, 1, id);
            for (guint j = 0; j < 4; j++)
              sqlite3_bind_int (run->insert_box, 2 + j, box[j]);
            if (sqlite3_step (run->insert_box) != SQLITE_DONE)
              goto db_error;
          }
    }
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  return TRUE;

db_error:
  db_fail (run, error, _("Cannot update labels"));
fail:
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  return FALSE;
}

/* Loads what the catalog knows of an already indexed source. */
static void
load_old_state (Run    *run,
                Source *src)
{
  sqlite3_stmt *stmt = NULL;

  src->old_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  src->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  sqlite3_prepare_v2 (run->db, "SELECT rel, mtime FROM dirs WHERE source_id = ? ORDER BY rel",
                      -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, src->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *blob = sqlite3_column_blob (stmt, 0);
      char *rel = blob ? g_strndup (blob, sqlite3_column_bytes (stmt, 0)) : g_strdup ("");
      gint64 *mtime = g_new (gint64, 1);
      char *slash = strrchr (rel, '/');
      g_autofree char *parent = *rel ? (slash ? g_strndup (rel, slash - rel) : g_strdup (""))
                                     : NULL;

      *mtime = sqlite3_column_int64 (stmt, 1);
      if (parent)
        {
          GPtrArray *kids = g_hash_table_lookup (src->children, parent);
          if (kids == NULL)
            {
              kids = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (src->children, g_strdup (parent), kids);
            }
          g_ptr_array_add (kids, g_strdup (rel));
        }
      g_hash_table_insert (src->old_dirs, rel, mtime);
    }
  sqlite3_finalize (stmt);
}

/* TRUE when an annotation file is new or differs from the last scan; records it. */
static gboolean
annotation_files_changed (Run     *run,
                          Source  *src,
                          GError **error)
{
  gboolean changed = !src->existed;
  sqlite3_stmt *stmt = NULL;
  guint n_old = 0;

  sqlite3_prepare_v2 (run->db, "SELECT count(*) FROM files WHERE source_id = ?", -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, src->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n_old = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (n_old != src->ctx.annotation_files->len)
    changed = TRUE;

  for (guint i = 0; i < src->ctx.annotation_files->len; i++)
    {
      const char *rel = g_ptr_array_index (src->ctx.annotation_files, i);
      g_autofree char *path = g_build_filename (src->ctx.root, rel, NULL);
      struct stat st;

      if (stat (path, &st) != 0)
        continue;
      stmt = NULL;
      sqlite3_prepare_v2 (run->db, "SELECT mtime, size FROM files WHERE source_id = ? AND rel = ?",
                          -1, &stmt, NULL);
      sqlite3_bind_int (stmt, 1, src->id);
      sqlite3_bind_blob (stmt, 2, rel, strlen (rel), SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) != mtime_ns (&st) ||
          sqlite3_column_int64 (stmt, 0) == DD_CATALOG_MTIME_UNKNOWN ||
          sqlite3_column_int64 (stmt, 1) != st.st_size)
        changed = TRUE;
      sqlite3_finalize (stmt);

      stmt = NULL;
      sqlite3_prepare_v2 (run->db, "INSERT OR REPLACE INTO files (source_id, rel, mtime, size)"
                                   " VALUES (?, ?, ?, ?)", -1, &stmt, NULL);
      sqlite3_bind_int (stmt, 1, src->id);
      sqlite3_bind_blob (stmt, 2, rel, strlen (rel), SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, mtime_to_store (run, mtime_ns (&st)));
      sqlite3_bind_int64 (stmt, 4, st.st_size);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return db_fail (run, error, _("Cannot record an annotation file"));
        }
      sqlite3_finalize (stmt);
    }
  return changed;
}

static gboolean
write_findings (Run     *run,
                Source  *src,
                GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM orphan_annotations WHERE source_id = %u;"
                                          "DELETE FROM scan_problems WHERE source_id = %u;",
                                          src->id, src->id);

  if (!dd_catalog_exec (run->catalog, sql, error))
    return FALSE;
  sqlite3_prepare_v2 (run->db, "INSERT INTO orphan_annotations (source_id, file, wnid, detail)"
                               " VALUES (?, ?, ?, ?)", -1, &stmt, NULL);
  for (guint i = 0; i < src->ctx.orphans->len; i++)
    {
      char **o = g_ptr_array_index (src->ctx.orphans, i);
      g_autofree char *file = g_strconcat (src->base, "/", o[0], NULL);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, src->id);
      sqlite3_bind_text (stmt, 2, file, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, o[1], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, o[2], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto fail;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  g_ptr_array_extend (src->problems, src->ctx.problems, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  sqlite3_prepare_v2 (run->db, "INSERT INTO scan_problems (source_id, path, problem) VALUES (?, ?, ?)",
                      -1, &stmt, NULL);
  for (guint i = 0; i < src->problems->len; i++)
    {
      const char *line = g_ptr_array_index (src->problems, i);
      const char *sep = strstr (line, ": ");
      g_autofree char *path = sep ? g_strndup (line, sep - line) : g_strdup (src->base);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, src->id);
      sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, sep ? sep + 2 : line, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto fail;
      g_ptr_array_add (run->report->problems, g_strdup (line));
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  sqlite3_finalize (stmt);
  return db_fail (run, error, _("Cannot record scan problems"));
}

/* Corrupted samples indexed before their clean source arrived get their clean key. */
static gboolean
link_clean_keys (Run     *run,
                 GError **error)
{
  sqlite3_stmt *select = NULL, *update = NULL;
  gboolean ok = TRUE;

  ensure_clean_keys (run);
  if (g_hash_table_size (run->clean_keys) == 0)
    return TRUE;
  sqlite3_prepare_v2 (run->db, "SELECT id, key FROM samples WHERE corruption_id != 0"
                               " AND clean_key IS NULL AND split_id = ?", -1, &select, NULL);
  sqlite3_prepare_v2 (run->db, "UPDATE samples SET clean_key = ? WHERE id = ?", -1, &update, NULL);
  sqlite3_bind_int (select, 1, run->val_split);
  while (ok && sqlite3_step (select) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (select, 1);
      const char *name = strrchr (key, '/');
      const char *clean = g_hash_table_lookup (run->clean_keys, name ? name + 1 : key);

      if (clean == NULL)
        continue;
      sqlite3_reset (update);
      sqlite3_bind_text (update, 1, clean, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 2, sqlite3_column_int64 (select, 0));
      ok = sqlite3_step (update) == SQLITE_DONE;
    }
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  return ok ? TRUE : db_fail (run, error, _("Cannot link corrupted samples to clean ones"));
}

static void
source_free (Source *src)
{
  dd_layout_context_clear (&src->ctx);
  g_free (src->base);
  g_clear_pointer (&src->old_dirs, g_hash_table_unref);
  g_clear_pointer (&src->children, g_hash_table_unref);
  g_clear_pointer (&src->visited, g_hash_table_unref);
  g_clear_pointer (&src->metadata, g_hash_table_unref);
  g_clear_pointer (&src->seen_dirs, g_hash_table_unref);
  g_clear_pointer (&src->skip, g_hash_table_unref);
  g_clear_pointer (&src->problems, g_ptr_array_unref);
  g_free (src);
}

static gboolean
scan_source (Run     *run,
             Source  *src,
             GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;

  src->base = g_path_get_basename (src->ctx.root);
  src->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  src->seen_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  src->problems = g_ptr_array_new_with_free_func (g_free);
  src->report = g_new0 (DdScanSourceReport, 1);
  src->report->root = g_strdup (src->ctx.root);
  src->report->layout = g_strdup (src->layout->name);
  g_ptr_array_add (run->report->sources, src->report);

  {
    g_autofree char *display = g_filename_display_name (src->base);
    msg = g_strdup_printf (_("Reading the annotations of %s"), display);
    set_progress (run, msg);
  }
  src->layout->prepare (&src->ctx);
  src->metadata = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < src->ctx.annotation_files->len; i++)
    g_hash_table_add (src->metadata, g_ptr_array_index (src->ctx.annotation_files, i));

  sqlite3_prepare_v2 (run->db, "SELECT id FROM sources WHERE root = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, src->ctx.root, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      src->id = sqlite3_column_int (stmt, 0);
      src->existed = TRUE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!src->existed)
    {
      sqlite3_prepare_v2 (run->db, "INSERT INTO sources (root, layout) VALUES (?, ?)", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, src->ctx.root, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, src->layout->name, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return db_fail (run, error, _("Cannot record the dataset source"));
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
      src->id = sqlite3_last_insert_rowid (run->db);
    }
  else
    load_old_state (run, src);

  src->labels_changed = annotation_files_changed (run, src, error);
  if (error && *error)
    return FALSE;
  if (src->existed && src->labels_changed && !relabel (run, src, error))
    return FALSE;
  if (!walk (run, src, error))
    return FALSE;
  if (!remove_vanished_dirs (run, src, error))
    return FALSE;
  if (!write_findings (run, src, error))
    return FALSE;

  lower = g_strconcat (src->base, "/", NULL);
  upper = g_strconcat (src->base, "0", NULL);   /* '0' follows '/' */

  /* Junk of unchanged folders was counted when they were listed. */
  sqlite3_prepare_v2 (run->db, "SELECT coalesce (sum (junk), 0) FROM dirs WHERE source_id = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, src->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    src->report->junk = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  sqlite3_prepare_v2 (run->db,
                      "UPDATE sources SET layout = ?2, junk = ?3, unreadable = ?4,"
                      " indexed_at = ?5, samples = (SELECT count(*) FROM samples"
                      "   WHERE key >= ?6 AND key < ?7 AND source_id = ?1)"
                      " WHERE id = ?1", -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, src->id);
  sqlite3_bind_text (stmt, 2, src->layout->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, src->report->junk);
  sqlite3_bind_int64 (stmt, 4, src->report->unreadable);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  /* Every key of the source starts with "<base>/": count that range of the index. */
  sqlite3_bind_text (stmt, 6, lower, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, upper, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      return db_fail (run, error, _("Cannot record the dataset source"));
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static const DdLayout *
recognise (const char *root)
{
  const DdLayout * const *layouts = dd_layouts ();

  for (guint i = 0; layouts[i]; i++)
    if (layouts[i]->recognise (root))
      return layouts[i];
  return NULL;
}

/* Child folders of @root, sorted. */
static GPtrArray *
child_folders (const char  *root,
               GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;
  const char *name;

  if (!(dir = g_dir_open (root, 0, &local)))
    {
      g_autofree char *display = g_filename_display_name (root);
      g_set_error (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_IO,
                   _("Cannot read the folder “%s”: %s"), display, local->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (root, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, cmp_names);
  return g_steal_pointer (&names);
}

/* Nested datasets are looked for this deep (a symbolic link back up the tree ends). */
#define MAX_SOURCE_DEPTH 3

/* @root, recognised as @layout, becomes a source; so does each folder under it that
 * is not part of its layout and holds a dataset of its own (ImageNet-R or an
 * ImageNet-C tree beside the ILSVRC/ folder of a Kaggle ImageNet download), which
 * the root's walk then leaves out. */
static void
add_source (const char      *root,
            const DdLayout  *layout,
            guint            depth,
            GPtrArray       *sources)
{
  Source *src = g_new0 (Source, 1);
  g_autoptr(GPtrArray) children = NULL;

  src->layout = layout;
  dd_layout_context_init (&src->ctx, root);
  g_ptr_array_add (sources, src);
  if (layout->owns == NULL || depth >= MAX_SOURCE_DEPTH ||
      !(children = child_folders (root, NULL)))
    return;
  for (guint i = 0; i < children->len; i++)
    {
      const char *name = g_ptr_array_index (children, i);
      g_autofree char *child = NULL;
      const DdLayout *child_layout;

      if (layout->owns (root, name))
        continue;
      child = g_build_filename (root, name, NULL);
      if (!(child_layout = recognise (child)))
        continue;
      if (src->skip == NULL)
        src->skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (src->skip, g_strdup (name));
      add_source (child, child_layout, depth + 1, sources);
    }
}

/* Sources under @root: the root itself (with the datasets beside its layout's
 * folders), or each dataset folder under it. */
static gboolean
find_sources (const char  *root,
              GPtrArray   *sources,
              GError     **error)
{
  const DdLayout *layout = recognise (root);
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  gboolean specific = FALSE;

  /* A parent of several datasets first: its children are more specific than
   * ImageFolder's reading of the parent itself. */
  if (layout && layout != &dd_layout_imagefolder)
    {
      add_source (root, layout, 0, sources);
      return TRUE;
    }
  if (!(children = child_folders (root, error)))
    return FALSE;
  for (guint i = 0; i < children->len; i++)
    {
      g_autofree char *child = g_build_filename (root, g_ptr_array_index (children, i), NULL);
      const DdLayout *child_layout = recognise (child);

      g_ptr_array_add (found, (gpointer) child_layout);
      specific |= child_layout != NULL && child_layout != &dd_layout_imagefolder;
    }
  /* Each dataset of a parent is a source, ImageFolder ones (ImageNet-R, -Sketch) too;
   * unless the parent is an ImageFolder itself and holds no other kind. */
  if (specific || layout == NULL)
    {
      guint before = sources->len;

      for (guint i = 0; i < children->len; i++)
        if (g_ptr_array_index (found, i))
          {
            g_autofree char *child = g_build_filename (root, g_ptr_array_index (children, i),
                                                       NULL);
            add_source (child, g_ptr_array_index (found, i), 1, sources);
          }
      if (sources->len > before)
        return TRUE;
    }
  if (layout)
    {
      add_source (root, layout, 0, sources);
      return TRUE;
    }
  {
    g_autofree char *display = g_filename_display_name (root);
    g_set_error (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_NOT_FOUND,
                 _("No dataset found in “%s”: expected Tiny-ImageNet, ImageNet-C, ImageNet or "
                   "class folders of images"), display);
  }
  return FALSE;
}

/* Clean sources first, so corrupted samples find their clean files. */
static int
cmp_sources (gconstpointer a,
             gconstpointer b)
{
  const Source *x = *(Source * const *) a;
  const Source *y = *(Source * const *) b;
  gboolean xc = x->layout == &dd_layout_imagenet_c, yc = y->layout == &dd_layout_imagenet_c;

  if (xc != yc)
    return xc ? 1 : -1;
  return strcmp (x->ctx.root, y->ctx.root);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->insert_sample, sqlite3_finalize);
  g_clear_pointer (&run->insert_box, sqlite3_finalize);
  g_clear_pointer (&run->insert_dir, sqlite3_finalize);
  g_clear_pointer (&run->delete_sample, sqlite3_finalize);
  g_clear_pointer (&run->class_ids, g_hash_table_unref);
  g_clear_pointer (&run->split_ids, g_hash_table_unref);
  g_clear_pointer (&run->corruption_ids, g_hash_table_unref);
  g_clear_pointer (&run->clean_keys, g_hash_table_unref);
  g_clear_pointer (&run->built, dd_snapshot_builder_free);
}

DdScanReport *
dd_scanner_run (DdScanner           *self,
                const char * const  *roots,
                DdProgressFunc       progress,
                gpointer             progress_data,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(DdScanReport) report = g_new0 (DdScanReport, 1);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  Run run = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = FALSE;
  gboolean changed = FALSE;
  DdSnapshotBuilder *built = NULL;

  g_return_val_if_fail (DD_IS_SCANNER (self), NULL);
  g_return_val_if_fail (roots != NULL, NULL);

  report->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_report_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; roots[i]; i++)
    {
      g_autofree char *root = g_canonicalize_filename (roots[i], NULL);

      if (!g_file_test (root, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_filename_display_name (roots[i]);
          g_set_error (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_NOT_FOUND,
                       _("Dataset folder “%s” does not exist"), display);
          return NULL;
        }
      if (!find_sources (root, sources, error))
        return NULL;
    }
  g_ptr_array_sort (sources, cmp_sources);

  run.scanner = self;
  run.start_sec = g_get_real_time () / G_USEC_PER_SEC;
  run.catalog = self->catalog;
  run.db = dd_catalog_get_db (self->catalog);
  run.cancellable = cancellable;
  run.progress = progress;
  run.progress_data = progress_data;
  run.report = report;
  run.class_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.split_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.corruption_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The samples' lock without dropping the stored snapshot: an unchanged tree keeps
   * it, a changed one drops it before its commit (below). */
  dd_catalog_lock_metadata (self->catalog);
  /* The whole catalog of a big dataset fits: no page is written out and read back
   * during the transaction. */
  sqlite3_exec (run.db, "PRAGMA cache_size=-524288", NULL, NULL, NULL);
  if (!dd_catalog_exec (self->catalog, "BEGIN IMMEDIATE", error))
    {
      dd_catalog_unlock (self->catalog);
      run_clear (&run);
      return NULL;
    }
  if (sqlite3_prepare_v2 (run.db,
                          "INSERT INTO samples (source_id, key, rawpath, class_id, corruption_id,"
                          " severity, split_id, clean_key, keyhash, flags)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &run.insert_sample, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (run.db, "INSERT INTO annotations (sample_id, x0, y0, x1, y1)"
                                  " VALUES (?, ?, ?, ?, ?)", -1, &run.insert_box, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (run.db, "INSERT OR REPLACE INTO dirs (source_id, rel, mtime, junk)"
                                  " VALUES (?, ?, ?, ?)", -1, &run.insert_dir, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (run.db, "DELETE FROM samples WHERE id = ?1;", -1,
                          &run.delete_sample, NULL) != SQLITE_OK)
    {
      db_fail (&run, error, _("Cannot prepare the catalog"));
      goto out;
    }
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (run.db, "SELECT 1 FROM splits WHERE name = 'val'", -1, &stmt, NULL);
    run.val_existed = stmt && sqlite3_step (stmt) == SQLITE_ROW;
    sqlite3_finalize (stmt);
  }
  /* a catalog without samples: this run writes the whole snapshot */
  if (dd_catalog_get_n_samples (self->catalog) == 0)
    run.built = dd_snapshot_builder_new ();
  if ((run.val_split = lookup_or_ensure (&run, run.split_ids, "val", TRUE, error)) == G_MAXUINT)
    goto out;

  for (guint i = 0; i < sources->len; i++)
    if (!scan_source (&run, g_ptr_array_index (sources, i), error))
      goto out;
  if (!link_clean_keys (&run, error))
    goto out;
  /* Annotations of samples that are gone, and the empty "val" split of a dataset
   * without one. Both scan every sample: when nothing was removed, only a "val" split
   * this run created and did not use can be empty. */
  if (run.n_deleted > 0)
    {
      if (!dd_catalog_exec (self->catalog,
                            "DELETE FROM annotations WHERE sample_id NOT IN (SELECT id FROM samples);"
                            "DELETE FROM splits WHERE id NOT IN (SELECT DISTINCT split_id FROM samples);",
                            error))
        goto out;
    }
  else if (!run.val_existed && !run.val_used)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM splits WHERE id = %u", run.val_split);

      if (!dd_catalog_exec (self->catalog, sql, error))
        goto out;
    }
  ok = TRUE;

out:
  g_clear_pointer (&run.insert_sample, sqlite3_finalize);
  g_clear_pointer (&run.insert_box, sqlite3_finalize);
  g_clear_pointer (&run.insert_dir, sqlite3_finalize);
  g_clear_pointer (&run.delete_sample, sqlite3_finalize);
  if (ok)
    {
      /* An unchanged tree leaves the catalog as it was, stored snapshot included; a
       * changed one drops it with this commit and loads (and stores) a new one. */
      for (guint i = 0; i < sources->len && !changed; i++)
        {
          Source *src = g_ptr_array_index (sources, i);

          changed = !src->existed || src->labels_changed || src->report->added ||
                    src->report->removed;
        }
      if (changed)
        dd_catalog_drop_stored_snapshot (self->catalog);
      set_progress (&run, _("Saving the catalog"));
      ok = dd_catalog_exec (self->catalog, "COMMIT", error);
    }
  if (!ok)
    sqlite3_exec (run.db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_exec (run.db, "PRAGMA cache_size=-65536", NULL, NULL, NULL);
  dd_catalog_unlock (self->catalog);
  built = ok ? g_steal_pointer (&run.built) : NULL;
  run_clear (&run);
  if (!ok)
    return NULL;

  if (changed)
    {
      gboolean flags_changed = FALSE;

      /* Missing cells and the flags that need the whole dataset follow the new
       * structure; changed flags need a second snapshot. */
      gboolean reloaded = built ? dd_catalog_reload_built (self->catalog, built, error)
                                : dd_catalog_reload (self->catalog, error);

      g_clear_pointer (&built, dd_snapshot_builder_free);
      if (!reloaded ||
          !dd_health_update_full (self->catalog, &flags_changed, cancellable, error) ||
          (flags_changed && !dd_catalog_reload (self->catalog, error)))
        return NULL;
    }
  dd_snapshot_builder_free (built);
  report->samples = dd_catalog_get_n_samples (self->catalog);
  for (guint i = 0; i < report->sources->len; i++)
    {
      DdScanSourceReport *src = g_ptr_array_index (report->sources, i);
      g_autoptr(GPtrArray) infos = dd_catalog_list_sources (self->catalog);
      for (guint j = 0; j < infos->len; j++)
        {
          DdSourceInfo *info = g_ptr_array_index (infos, j);
          if (g_strcmp0 (info->root, src->root) == 0)
            src->samples = info->samples;
        }
    }
  report->seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
  {
    g_autofree char *done = g_strdup_printf (_("Indexed %" PRIu64 " samples"),
                                             report->samples);
    run.last_progress = 0;
    run.dirs_pending = 0;
    set_progress (&run, done);
  }
  return g_steal_pointer (&report);
}

/* ---- async and properties ------------------------------------------------------- */

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  DdScanReport *report = dd_scanner_run (source_object, task_data, NULL, NULL, cancellable,
                                         &error);

  if (report)
    g_task_return_pointer (task, report, (GDestroyNotify) dd_scan_report_free);
  else
    g_task_return_error (task, error);
}

void
dd_scanner_run_async (DdScanner           *self,
                      const char * const  *roots,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_return_if_fail (DD_IS_SCANNER (self));

  dd_progress_set_context (self->progress, context);
  g_task_set_source_tag (task, dd_scanner_run_async);
  g_task_set_task_data (task, g_strdupv ((char **) roots), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, run_thread);
}

DdScanReport *
dd_scanner_run_finish (DdScanner     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

DdScanner *
dd_scanner_new (DdCatalog *catalog)
{
  return g_object_new (DD_TYPE_SCANNER, "catalog", catalog, NULL);
}

DdCatalog *
dd_scanner_get_catalog (DdScanner *self)
{
  g_return_val_if_fail (DD_IS_SCANNER (self), NULL);
  return self->catalog;
}

double
dd_scanner_get_fraction (DdScanner *self)
{
  g_return_val_if_fail (DD_IS_SCANNER (self), 0);
  return dd_progress_get_fraction (self->progress);
}

const char *
dd_scanner_get_text (DdScanner *self)
{
  g_return_val_if_fail (DD_IS_SCANNER (self), NULL);
  return dd_progress_get_text (self->progress);
}

DdProgress *
dd_scanner_get_progress (DdScanner *self)
{
  g_return_val_if_fail (DD_IS_SCANNER (self), NULL);
  return self->progress;
}

static void
dd_scanner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdScanner *self = DD_SCANNER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, dd_scanner_get_fraction (self));
      break;
    case PROP_TEXT:
      g_value_set_string (value, dd_scanner_get_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_scanner_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DdScanner *self = DD_SCANNER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_scanner_finalize (GObject *object)
{
  DdScanner *self = DD_SCANNER (object);

  g_clear_object (&self->catalog);
  g_clear_object (&self->progress);
  G_OBJECT_CLASS (dd_scanner_parent_class)->finalize (object);
}

static void
dd_scanner_class_init (DdScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dd_scanner_get_property;
  object_class->set_property = dd_scanner_set_property;
  object_class->finalize = dd_scanner_finalize;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, DD_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_scanner_init (DdScanner *self)
{
  self->progress = dd_progress_new ();
  dd_progress_forward (self->progress, G_OBJECT (self));
}
