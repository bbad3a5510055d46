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
#include "dd-catalog-writer.h"
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
  DdCatalogWriter *writer;
  GCancellable  *cancellable;
  DdProgressFunc progress;
  gpointer       progress_data;
  gint64         last_progress;
  DdScanReport  *report;

  GHashTable    *class_ids;      /* wnid → id */
  GHashTable    *split_ids;      /* name → id */
  GHashTable    *corruption_ids; /* name → id */
  GHashTable    *clean_keys;     /* file name → key of a clean val sample; lazily built */
  guint          val_split;
  gboolean       val_existed;    /* the "val" split was in the catalog before this run */
  gboolean       val_used;       /* a sample of this run is in "val" */
  guint64        n_deleted;      /* samples removed by this run */

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
  id = split ? dd_catalog_writer_ensure_split (run->writer, name, error)
             : dd_catalog_writer_ensure_corruption (run->writer, name, error);
  if (id != G_MAXUINT)
    g_hash_table_insert (cache, g_strdup (name), GUINT_TO_POINTER (id));
  return id;
}

/* The names of @wnid: words.txt, else WordNet, else the folder name; its WordNet
 * parent. */
static void
name_class (Source      *src,
            const char  *wnid,
            DdClassInfo *row)
{
  DdWordnet *wn = dd_wordnet_get_default ();
  const char *words;

  if ((words = g_hash_table_lookup (src->ctx.words, wnid)))
    {
      g_auto(GStrv) parts = g_strsplit (words, ",", 2);
      row->name = g_strdup (g_strstrip (parts[0]));
      row->names = g_strdup (words);
      row->name_source = g_strdup ("words");
    }
  else if (wn && dd_wordnet_has (wn, wnid))
    {
      g_auto(GStrv) all = dd_wordnet_get_names (wn, wnid);
      row->name = g_strdup (all[0]);
      row->names = g_strjoinv (", ", all);
      row->name_source = g_strdup ("wordnet");
    }
  else
    {
      row->name = g_strdup (wnid);
      row->names = g_strdup (wnid);
      row->name_source = g_strdup ("folder");
    }
  if (wn && (row->parent_wnid = dd_wordnet_get_parent (wn, wnid)))
    row->parent_name = dd_wordnet_get_name (wn, row->parent_wnid);
}

/* Writes the class row of @row->wnid: a new one, or a better name (or the news that
 * wnids.txt lacks it) for one an earlier source named. Its id, 0 on error. */
static guint
record_class (Run          *run,
              DdClassInfo  *row,
              GError      **error)
{
  g_autoptr(DdClassInfo) existing = dd_catalog_writer_get_class (run->writer, row->wnid);
  const char *existing_source;

  if (existing == NULL)
    return dd_catalog_writer_add_class (run->writer, row, error);
  existing_source = existing->name_source;
  if (!existing->in_wnids)
    row->in_wnids = FALSE;
  if (g_strcmp0 (existing_source, "folder") == 0 || g_strcmp0 (row->name_source, "words") == 0 ||
      !row->in_wnids)
    {
      if (g_strcmp0 (row->name_source, "folder") == 0 && g_strcmp0 (existing_source, "folder") != 0)
        {
          g_free (row->name_source);
          row->name_source = g_strdup (existing_source);
        }
      /* the same kind of name as stored (but words): the stored name stays */
      if (g_strcmp0 (row->name_source, existing_source) == 0 &&
          g_strcmp0 (row->name_source, "words") != 0)
        {
          g_clear_pointer (&row->name, g_free);
          g_clear_pointer (&row->names, g_free);
        }
      if (!dd_catalog_writer_update_class (run->writer, row, error))
        return 0;
    }
  return existing->id;
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
  g_autoptr(DdClassInfo) row = NULL;
  gpointer value;
  guint id;

  if (g_hash_table_lookup_extended (run->class_ids, wnid, NULL, &value))
    {
      guint packed = GPOINTER_TO_UINT (value);
      *unnamed = (packed & 0x80000000u) != 0;
      return packed & 0x7fffffffu;
    }
  row = g_new0 (DdClassInfo, 1);
  row->wnid = g_strdup (wnid);
  row->in_wnids = src->ctx.wnids == NULL || g_hash_table_contains (src->ctx.wnids, wnid);
  name_class (src, wnid, row);
  if ((id = record_class (run, row, error)) == 0)
    return 0;

  /* A folder called "cat" names its class; "n00000042" does not. */
  *unnamed = g_strcmp0 (row->name_source, "folder") == 0 && dd_is_wnid (wnid);
  g_hash_table_insert (run->class_ids, g_strdup (wnid),
                       GUINT_TO_POINTER (id | (*unnamed ? 0x80000000u : 0)));
  return id;
}

static gboolean
add_clean_key (gint64              id,
               const DdSampleRow  *row,
               gpointer            user_data,
               GError            **error)
{
  const char *slash = strrchr (row->key, '/');

  g_hash_table_replace (user_data, g_strdup (slash ? slash + 1 : row->key), g_strdup (row->key));
  return TRUE;
}

/* Clean val samples by file name, for the corrupted variants to point at. */
static void
ensure_clean_keys (Run *run)
{
  if (run->clean_keys)
    return;
  run->clean_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  dd_catalog_writer_foreach_clean (run->writer, run->val_split, add_clean_key, run->clean_keys,
                                   NULL);
}

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
               DdSampleRow    *row,
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
            DdSampleRow *row,
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

/* The boxes of a clean sample, recorded with it. */
static gboolean
add_boxes (Run         *run,
           Source      *src,
           gint64       id,
           const char  *file_name,
           GError     **error)
{
  GArray *boxes = boxes_of (src, file_name);

  for (guint i = 0; boxes && i < boxes->len; i++)
    {
      const int *box = &g_array_index (boxes, int, i * 4);
      DdBox b = { box[0], box[1], box[2], box[3] };

      if (!dd_catalog_writer_add_box (run->writer, id, &b, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_item (Run       *run,
             Source    *src,
             FileItem  *item,
             GError   **error)
{
  DdSampleRow row;
  gint64 id;

  if (!item->sample)
    {
      src->report->junk++;
      return TRUE;
    }
  if (!resolve_label (run, src, &item->label, item->corruption, item->file_name, &row, error))
    return FALSE;
  row.source_id = src->id;
  row.key = item->key;
  row.raw_key = item->raw_key;
  run->val_used |= row.split_id == run->val_split;
  if (!(id = dd_catalog_writer_add_sample (run->writer, &row, error)))
    return FALSE;
  src->report->added++;
  run->report->samples++;
  return row.corruption_id != 0 || add_boxes (run, src, id, item->file_name, error);
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
  g_autofree char *prefix = *rel ? g_strconcat (src->base, "/", rel, "/", NULL)
                                 : g_strconcat (src->base, "/", NULL);

  return dd_catalog_writer_folder_samples (run->writer, src->id, prefix);
}

static gboolean
delete_sample (Run     *run,
               Source  *src,
               gint64   id,
               GError **error)
{
  if (!dd_catalog_writer_delete_sample (run->writer, id, error))
    return FALSE;
  src->report->removed++;
  run->n_deleted++;
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
  return dd_catalog_writer_record_folder (run->writer, src->id, rel, mtime, junk, error);
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

      if (g_hash_table_contains (src->seen_dirs, rel))
        continue;
      if (!delete_folder_samples (run, src, rel, error) ||
          !dd_catalog_writer_forget_folder (run->writer, src->id, rel, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  Run    *run;
  Source *src;
} Relabel;

static gboolean
relabel_sample (gint64              id,
                const DdSampleRow  *old,
                gpointer            user_data,
                GError            **error)
{
  Relabel *r = user_data;
  gsize base_len = strlen (r->src->base) + 1;
  guint32 structural = DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) |
                       DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS) |
                       DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS);
  const char *file_name = strrchr (old->key, '/');
  DdSampleRow row;

  if (strlen (old->key) <= base_len ||
      !label_file (r->run, r->src, old->key + base_len, &row, error))
    return error == NULL || *error == NULL;   /* not a sample of the layout: kept as it is */
  row.flags |= old->flags & ~structural;
  if ((row.class_id != old->class_id || row.flags != old->flags) &&
      !dd_catalog_writer_relabel_sample (r->run->writer, id, row.class_id, row.flags, error))
    return FALSE;
  file_name = file_name ? file_name + 1 : old->key;
  return old->corruption_id != 0 || add_boxes (r->run, r->src, id, file_name, error);
}

/* Re-derives labels, flags and boxes of every sample of a source whose annotation
 * files changed since the last scan (ids and content facts stay). */
static gboolean
relabel (Run     *run,
         Source  *src,
         GError **error)
{
  Relabel r = { run, src };

  return dd_catalog_writer_clear_boxes (run->writer, src->id, error) &&
         dd_catalog_writer_foreach_sample (run->writer, src->id, relabel_sample, &r, error);
}

static void
add_old_dir (const char *rel,
             gint64      mtime,
             gpointer    user_data)
{
  Source *src = user_data;
  const char *slash = strrchr (rel, '/');
  g_autofree char *parent = *rel ? (slash ? g_strndup (rel, slash - rel) : g_strdup ("")) : NULL;

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
  g_hash_table_insert (src->old_dirs, g_strdup (rel), g_memdup2 (&mtime, sizeof mtime));
}

/* Loads what the catalog knows of an already indexed source. */
static void
load_old_state (Run    *run,
                Source *src)
{
  src->old_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  src->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  dd_catalog_writer_foreach_folder (run->writer, src->id, add_old_dir, src);
}

/* TRUE when an annotation file is new or differs from the last scan; records it. */
static gboolean
annotation_files_changed (Run     *run,
                          Source  *src,
                          GError **error)
{
  gboolean changed = !src->existed;

  if (dd_catalog_writer_count_annotation_files (run->writer, src->id) !=
      src->ctx.annotation_files->len)
    changed = TRUE;
  for (guint i = 0; i < src->ctx.annotation_files->len; i++)
    {
      const char *rel = g_ptr_array_index (src->ctx.annotation_files, i);
      g_autofree char *path = g_build_filename (src->ctx.root, rel, NULL);
      gint64 mtime, size;
      struct stat st;

      if (stat (path, &st) != 0)
        continue;
      if (!dd_catalog_writer_get_annotation_file (run->writer, src->id, rel, &mtime, &size) ||
          mtime != mtime_ns (&st) || mtime == DD_CATALOG_MTIME_UNKNOWN || size != st.st_size)
        changed = TRUE;
      if (!dd_catalog_writer_record_annotation_file (run->writer, src->id, rel,
                                                     mtime_to_store (run, mtime_ns (&st)),
                                                     st.st_size, error))
        return FALSE;
    }
  return changed;
}

static gboolean
write_findings (Run     *run,
                Source  *src,
                GError **error)
{
  if (!dd_catalog_writer_clear_scan_findings (run->writer, src->id, error))
    return FALSE;
  for (guint i = 0; i < src->ctx.orphans->len; i++)
    {
      char **o = g_ptr_array_index (src->ctx.orphans, i);
      g_autofree char *file = g_strconcat (src->base, "/", o[0], NULL);

      if (!dd_catalog_writer_add_orphan (run->writer, src->id, file, o[1], o[2], error))
        return FALSE;
    }

  g_ptr_array_extend (src->problems, src->ctx.problems, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  for (guint i = 0; i < src->problems->len; i++)
    {
      const char *line = g_ptr_array_index (src->problems, i);
      const char *sep = strstr (line, ": ");
      g_autofree char *path = sep ? g_strndup (line, sep - line) : g_strdup (src->base);

      if (!dd_catalog_writer_add_scan_problem (run->writer, src->id, path,
                                               sep ? sep + 2 : line, error))
        return FALSE;
      g_ptr_array_add (run->report->problems, g_strdup (line));
    }
  return TRUE;
}

static gboolean
link_variant (gint64              id,
              const DdSampleRow  *row,
              gpointer            user_data,
              GError            **error)
{
  Run *run = user_data;
  const char *name = strrchr (row->key, '/');
  const char *clean = g_hash_table_lookup (run->clean_keys, name ? name + 1 : row->key);

  return clean == NULL || dd_catalog_writer_set_clean_key (run->writer, id, clean, error);
}

/* Corrupted samples indexed before their clean source arrived get their clean key. */
static gboolean
link_clean_keys (Run     *run,
                 GError **error)
{
  ensure_clean_keys (run);
  if (g_hash_table_size (run->clean_keys) == 0)
    return TRUE;
  return dd_catalog_writer_foreach_unlinked (run->writer, run->val_split, link_variant, run,
                                             error);
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

/* The source's row: found again (with what the last index knew of it), or new. */
static gboolean
open_source (Run     *run,
             Source  *src,
             GError **error)
{
  if ((src->id = dd_catalog_writer_find_source (run->writer, src->ctx.root)))
    {
      src->existed = TRUE;
      load_old_state (run, src);
      return TRUE;
    }
  src->id = dd_catalog_writer_add_source (run->writer, src->ctx.root, src->layout->name, error);
  return src->id != 0;
}

static gboolean
scan_source (Run     *run,
             Source  *src,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  DdSourceInfo info = { 0 };

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
    g_autofree char *msg = g_strdup_printf (_("Reading the annotations of %s"), display);
    set_progress (run, msg);
  }
  src->layout->prepare (&src->ctx);
  src->metadata = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < src->ctx.annotation_files->len; i++)
    g_hash_table_add (src->metadata, g_ptr_array_index (src->ctx.annotation_files, i));

  if (!open_source (run, src, error))
    return FALSE;
  src->labels_changed = annotation_files_changed (run, src, &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if ((src->existed && src->labels_changed && !relabel (run, src, error)) ||
      !walk (run, src, error) ||
      !remove_vanished_dirs (run, src, error) ||
      !write_findings (run, src, error))
    return FALSE;

  /* Junk of unchanged folders was counted when they were listed. */
  src->report->junk = dd_catalog_writer_sum_folder_junk (run->writer, src->id);
  info.id = src->id;
  info.root = src->ctx.root;
  info.layout = (char *) src->layout->name;
  info.junk = src->report->junk;
  info.unreadable = src->report->unreadable;
  info.indexed_at = g_get_real_time () / G_USEC_PER_SEC;
  return dd_catalog_writer_finish_source (run->writer, &info, error);
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
  g_clear_pointer (&run->writer, dd_catalog_writer_rollback);
  g_clear_pointer (&run->class_ids, g_hash_table_unref);
  g_clear_pointer (&run->split_ids, g_hash_table_unref);
  g_clear_pointer (&run->corruption_ids, g_hash_table_unref);
  g_clear_pointer (&run->clean_keys, g_hash_table_unref);
}

/* The sources under @roots, clean ones first. */
static gboolean
gather_sources (const char * const  *roots,
                GPtrArray           *sources,
                GError             **error)
{
  for (guint i = 0; roots[i]; i++)
    {
      g_autofree char *root = g_canonicalize_filename (roots[i], NULL);

      if (!g_file_test (root, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_filename_display_name (roots[i]);
          g_set_error (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_NOT_FOUND,
                       _("Dataset folder “%s” does not exist"), display);
          return FALSE;
        }
      if (!find_sources (root, sources, error))
        return FALSE;
    }
  g_ptr_array_sort (sources, cmp_sources);
  return TRUE;
}

/* Every source into the open transaction, then what spans them: clean keys of
 * variants indexed before their clean source, annotations of samples that are gone,
 * the empty "val" split of a dataset without one. */
static gboolean
write_sources (Run        *run,
               GPtrArray  *sources,
               GError    **error)
{
  run->val_existed = dd_catalog_writer_has_split (run->writer, "val");
  if ((run->val_split = lookup_or_ensure (run, run->split_ids, "val", TRUE, error)) == G_MAXUINT)
    return FALSE;
  for (guint i = 0; i < sources->len; i++)
    if (!scan_source (run, g_ptr_array_index (sources, i), error))
      return FALSE;
  if (!link_clean_keys (run, error))
    return FALSE;
  /* Both scan every sample: when nothing was removed, only a "val" split this run
   * created and did not use can be empty. */
  if (run->n_deleted > 0)
    return dd_catalog_writer_prune (run->writer, error);
  if (!run->val_existed && !run->val_used)
    return dd_catalog_writer_delete_split (run->writer, run->val_split, error);
  return TRUE;
}

/* Whether the run changed the catalog's samples or labels. */
static gboolean
any_change (GPtrArray *sources)
{
  for (guint i = 0; i < sources->len; i++)
    {
      Source *src = g_ptr_array_index (sources, i);

      if (!src->existed || src->labels_changed || src->report->added || src->report->removed)
        return TRUE;
    }
  return FALSE;
}

/* Missing cells and the flags that need the whole dataset follow the new structure;
 * changed flags need a second snapshot. */
static gboolean
follow_changes (DdScanner     *self,
                GCancellable  *cancellable,
                GError       **error)
{
  gboolean flags_changed = FALSE;

  return dd_catalog_reload (self->catalog, error) &&
         dd_health_update_full (self->catalog, &flags_changed, cancellable, error) &&
         (!flags_changed || dd_catalog_reload (self->catalog, error));
}

/* The counts of the catalog as it now is. */
static void
finish_report (Run       *run,
               DdScanner *self,
               gint64     t0)
{
  DdScanReport *report = run->report;
  g_autoptr(GPtrArray) infos = dd_catalog_list_sources (self->catalog);
  g_autofree char *done = NULL;

  report->samples = dd_catalog_get_n_samples (self->catalog);
  for (guint i = 0; i < report->sources->len; i++)
    {
      DdScanSourceReport *src = g_ptr_array_index (report->sources, i);

      for (guint j = 0; j < infos->len; j++)
        {
          DdSourceInfo *info = g_ptr_array_index (infos, j);
          if (g_strcmp0 (info->root, src->root) == 0)
            src->samples = info->samples;
        }
    }
  report->seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
  done = g_strdup_printf (_("Indexed %" PRIu64 " samples"), report->samples);
  run->last_progress = 0;
  run->dirs_pending = 0;
  set_progress (run, done);
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
  gboolean changed;

  g_return_val_if_fail (DD_IS_SCANNER (self), NULL);
  g_return_val_if_fail (roots != NULL, NULL);

  report->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_report_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  if (!gather_sources (roots, sources, error))
    return NULL;

  run.scanner = self;
  run.start_sec = g_get_real_time () / G_USEC_PER_SEC;
  run.catalog = self->catalog;
  run.cancellable = cancellable;
  run.progress = progress;
  run.progress_data = progress_data;
  run.report = report;
  run.class_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.split_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.corruption_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The samples' lock without dropping the stored snapshot: an unchanged tree keeps
   * it, a changed one drops it before its commit. */
  if (!(run.writer = dd_catalog_writer_begin (self->catalog,
                                              DD_CATALOG_WRITE_METADATA | DD_CATALOG_WRITE_BULK,
                                              error)) ||
      !write_sources (&run, sources, error))
    {
      run_clear (&run);
      return NULL;
    }
  /* An unchanged tree leaves the catalog as it was, stored snapshot included; a
   * changed one drops it with this commit and loads (and stores) a new one. */
  if ((changed = any_change (sources)))
    dd_catalog_writer_samples_changed (run.writer);
  set_progress (&run, _("Saving the catalog"));
  if (!dd_catalog_writer_commit (g_steal_pointer (&run.writer), error) ||
      (changed && !follow_changes (self, cancellable, error)))
    {
      run_clear (&run);
      return NULL;
    }
  finish_report (&run, self, t0);
  run_clear (&run);
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
