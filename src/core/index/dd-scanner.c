/* DdScanner: the structure pass. Walks dataset folders without decoding anything,
 * labels every image file through its layout and writes the catalog in one
 * transaction. Re-indexing skips folders whose mtime did not change to the nanosecond
 * (their set of files cannot have changed) and keeps the ids of samples that stayed;
 * folders changed during a run, and those with problems, are listed again next time. */
#define G_LOG_DOMAIN "datadive-scanner"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>

#include "dd-health.h"
#include "dd-scanner-private.h"
#include "dd-text.h"

struct _DdScanner
{
  DdCatalogJob parent_instance;
};

G_DEFINE_FINAL_TYPE (DdScanner, dd_scanner, DD_TYPE_CATALOG_JOB)

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

static DdCatalog *
run_catalog (DdScanner *self)
{
  return dd_catalog_job_get_catalog (DD_CATALOG_JOB (self));
}

/* File-system clocks tick coarsely (ext4 by the kernel tick, FAT by two seconds): a
 * folder changed again after it was listed may keep the same mtime when both changes
 * fall in one tick. A folder or annotation file whose mtime is this close to the
 * run's start (or later) is stored as "unknown", to be listed or read again. */
#define RECENT_SECONDS 2

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
    g_autofree char *dirs = dd_format_count (run->dirs_done);
    g_autofree char *samples = dd_format_count (run->report->samples);
    g_autofree char *msg = text ? g_strdup (text)
                                : g_strdup_printf (_("Indexing: %s folders, %s samples"), dirs,
                                                   samples);

    dd_catalog_job_report (DD_CATALOG_JOB (run->scanner), fraction, msg, run->progress,
                           run->progress_data);
  }
}

/* The boxes of a clean sample, recorded with it. */
static gboolean
add_boxes (Run         *run,
           Source      *src,
           gint64       id,
           const char  *file_name,
           GError     **error)
{
  GArray *boxes = dd_scan_boxes_of (src, file_name);

  for (guint i = 0; boxes && i < boxes->len; i++)
    {
      const int *box = &g_array_index (boxes, int, i * 4);
      DdBox b = { box[0], box[1], box[2], box[3] };

      if (!dd_catalog_writer_add_box (run->writer, id, &b, error))
        return FALSE;
    }
  return TRUE;
}

/* File @f of listing @l queued as a new sample (run->new_rows); its folder's label is
 * resolved at its first file. */
static gboolean
queue_item (Run             *run,
            Source          *src,
            Listing         *l,
            const FileItem  *f,
            GError         **error)
{
  FolderLabel *fl;
  DdSampleRow row;

  if (f->label < 0)
    {
      src->report->junk++;
      return TRUE;
    }
  fl = &g_array_index (l->labels, FolderLabel, f->label);
  if (!fl->resolved)
    {
      if (!dd_scan_resolve_label (run, src, &fl->label, fl->corruption, &fl->row, error))
        return FALSE;
      fl->resolved = TRUE;
    }
  row = fl->row;
  dd_scan_link_clean (run, f->name, &row);
  row.source_id = src->id;
  row.key = f->key;
  row.raw_key = f->raw_key;
  row.keyhash = f->keyhash;
  run->val_used |= row.split_id == run->val_split;
  run->n_waiting += row.corruption_id != 0 && row.split_id == run->val_split && !row.clean_id;
  g_array_append_val (run->new_rows, row);
  g_ptr_array_add (run->new_files, (gpointer) f);
  return TRUE;
}

/* The queued samples of a listing into the catalog, with the boxes of the clean ones. */
static gboolean
write_queued (Run      *run,
              Source   *src,
              GError  **error)
{
  guint n = run->new_rows->len;

  g_array_set_size (run->new_ids, n);
  if (!dd_catalog_writer_add_samples (run->writer, (DdSampleRow *) run->new_rows->data, n,
                                      (gint64 *) run->new_ids->data, error))
    return FALSE;
  src->report->added += n;
  run->report->samples += n;
  for (guint i = 0; i < n; i++)
    {
      const DdSampleRow *row = &g_array_index (run->new_rows, DdSampleRow, i);
      const FileItem *f = g_ptr_array_index (run->new_files, i);

      if (row->corruption_id == 0 &&
          !add_boxes (run, src, g_array_index (run->new_ids, gint64, i), f->name, error))
        return FALSE;
    }
  g_array_set_size (run->new_rows, 0);
  g_ptr_array_set_size (run->new_files, 0);
  return TRUE;
}

/* Sample keys currently in the catalog directly in folder @rel of @src. */
static GHashTable *
existing_files (Run        *run,
                Source     *src,
                const char *rel)
{
  g_autofree char *raw = *rel ? g_strconcat (src->base, "/", rel, "/", NULL)
                              : g_strconcat (src->base, "/", NULL);
  g_autofree char *prefix = NULL;

  /* keys escape bytes that are not UTF-8, one by one: the escaped prefix of a folder is
   * the prefix of its files' keys */
  dd_catalog_make_key (raw, strlen (raw), &prefix);
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

static void
problem (Source     *src,
         const char *rel,
         const char *what)
{
  g_autofree char *display = g_filename_display_name (rel);
  g_ptr_array_add (src->problems, g_strdup_printf ("%s/%s: %s", src->base_key, display, what));
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
    if (!delete_sample (run, src, (gint64) (gintptr) value, error))
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
          const FileItem *f = &g_array_index (l->files, FileItem, i);

          if (!g_hash_table_remove (have, f->key) && !queue_item (run, src, l, f, error))
            return FALSE;
        }
      if (!write_queued (run, src, error))
        return FALSE;
      g_hash_table_iter_init (&iter, have);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (!delete_sample (run, src, (gint64) (gintptr) value, error))
          return FALSE;
    }
  else
    {
      for (guint i = 0; i < l->files->len; i++)
        if (!queue_item (run, src, l, &g_array_index (l->files, FileItem, i), error))
          return FALSE;
      if (!write_queued (run, src, error))
        return FALSE;
    }
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
  DdWalker *walker = dd_walker_start (src, run->cancellable);
  gboolean ok = TRUE;

  for (;;)
    {
      Listing *l = dd_walker_next (walker, &run->dirs_pending);
      gboolean end = l->end;

      if (!end && ok)
        {
          run->dirs_done++;
          set_progress (run, NULL);
          if (g_cancellable_set_error_if_cancelled (run->cancellable, error) ||
              !apply_listing (run, src, l, error))
            {
              ok = FALSE;
              dd_walker_stop (walker);
            }
        }
      dd_scan_listing_free (l);
      if (end)
        break;
    }
  dd_walker_free (walker);
  /* The walker may have stopped for a cancellation the loop did not see. */
  if (ok && g_cancellable_set_error_if_cancelled (run->cancellable, error))
    ok = FALSE;
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
  gsize base_len = strlen (r->src->base_key) + 1;
  guint32 structural = DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) |
                       DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS) |
                       DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS);
  const char *file_name = strrchr (old->key, '/');
  DdSampleRow row;

  if (strlen (old->key) <= base_len ||
      !dd_scan_label_file (r->run, r->src, old->key + base_len, &row, error))
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
         dd_catalog_writer_foreach_sample (run->writer, DD_SAMPLES_OF_SOURCE, src->id,
                                           relabel_sample, &r, error);
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
          mtime != dd_scan_mtime_ns (&st) || mtime == DD_CATALOG_MTIME_UNKNOWN ||
          size != st.st_size)
        changed = TRUE;
      if (!dd_catalog_writer_record_annotation_file (run->writer, src->id, rel,
                                                     mtime_to_store (run, dd_scan_mtime_ns (&st)),
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
      g_autofree char *file = g_strconcat (src->base_key, "/", o[0], NULL);

      if (!dd_catalog_writer_add_orphan (run->writer, src->id, file, o[1], o[2], error))
        return FALSE;
    }

  g_ptr_array_extend (src->problems, src->ctx.problems, (GCopyFunc) (void (*) (void)) g_strdup,
                      NULL);
  for (guint i = 0; i < src->problems->len; i++)
    {
      const char *line = g_ptr_array_index (src->problems, i);
      const char *sep = strstr (line, ": ");
      g_autofree char *path = sep ? g_strndup (line, sep - line) : g_strdup (src->base_key);

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
  gint64 clean = GPOINTER_TO_SIZE (g_hash_table_lookup (run->clean_keys,
                                                        name ? name + 1 : row->key));

  return clean == 0 || dd_catalog_writer_set_clean_id (run->writer, id, clean, error);
}

/* Corrupted samples indexed before their clean source arrived, or whose clean image
 * was removed and indexed again, get their clean image. */
static gboolean
link_clean_keys (Run     *run,
                 GError **error)
{
  /* Both read every sample: a run that added and removed none has nothing to link
   * (a variant finds its clean image as it is added, an image finds its waiting
   * variants here when it is) */
  if (run->report->samples == 0 && run->n_deleted == 0)
    return TRUE;
  /* Nor does a first index whose variants all found theirs as they came: no sample
   * from before waits (its last pass read every sample: 52 ms at 860k) */
  if (run->empty_at_begin && run->n_waiting == 0)
    return TRUE;
  if (run->n_deleted > 0 && !dd_catalog_writer_unlink_gone_clean (run->writer, error))
    return FALSE;
  dd_scan_ensure_clean_keys (run);
  if (g_hash_table_size (run->clean_keys) == 0)
    return TRUE;
  return dd_catalog_writer_foreach_sample (run->writer, DD_SAMPLES_UNLINKED_IN_SPLIT,
                                           run->val_split, link_variant, run, error);
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
  dd_catalog_make_key (src->base, strlen (src->base), &src->base_key);
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
  /* counting reads every row of the source: not when none came or went */
  if (src->existed && src->report->added == 0 && src->report->removed == 0)
    return dd_catalog_writer_finish_source_unchanged (run->writer, &info, error);
  return dd_catalog_writer_finish_source (run->writer, &info, error);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->writer, dd_catalog_writer_rollback);
  g_clear_pointer (&run->class_ids, g_hash_table_unref);
  g_clear_pointer (&run->split_ids, g_hash_table_unref);
  g_clear_pointer (&run->corruption_ids, g_hash_table_unref);
  g_clear_pointer (&run->clean_keys, g_hash_table_unref);
  g_clear_pointer (&run->new_rows, g_array_unref);
  g_clear_pointer (&run->new_files, g_ptr_array_unref);
  g_clear_pointer (&run->new_ids, g_array_unref);
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
      if (!dd_scan_find_sources (root, sources, error))
        return FALSE;
    }
  g_ptr_array_sort (sources, dd_scan_cmp_sources);
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
  run->val_split = dd_scan_lookup_or_ensure (run, run->split_ids, "val", TRUE, error);
  if (run->val_split == G_MAXUINT)
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
  DdCatalog *catalog = run_catalog (self);
  gboolean flags_changed = FALSE;

  return dd_catalog_reload (catalog, error) &&
         dd_health_update_full (catalog, &flags_changed, cancellable, error) &&
         (!flags_changed || dd_catalog_reload (catalog, error));
}

/* The counts of the catalog as it now is. */
static void
finish_report (Run       *run,
               DdScanner *self,
               gint64     t0)
{
  DdScanReport *report = run->report;
  g_autoptr(GPtrArray) infos = dd_catalog_list_sources (run->catalog);
  g_autofree char *done = NULL;

  report->samples = dd_catalog_get_n_samples (run->catalog);
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
  g_autoptr(GPtrArray) sources =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dd_scan_source_free);
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
  run.catalog = run_catalog (self);
  run.cancellable = cancellable;
  run.progress = progress;
  run.progress_data = progress_data;
  run.report = report;
  run.class_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.split_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.corruption_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.new_rows = g_array_new (FALSE, FALSE, sizeof (DdSampleRow));
  run.new_files = g_ptr_array_new ();
  run.new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  run.empty_at_begin = dd_catalog_get_n_samples (run.catalog) == 0;

  /* The samples' lock without dropping the stored snapshot: an unchanged tree keeps
   * it, a changed one drops it before its commit. */
  if (!(run.writer = dd_catalog_writer_begin (run.catalog,
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

/* ---- async and the object ------------------------------------------------------- */

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

  g_return_if_fail (DD_IS_SCANNER (self));

  g_task_set_source_tag (task, dd_scanner_run_async);
  g_task_set_task_data (task, g_strdupv ((char **) roots), (GDestroyNotify) g_strfreev);
  dd_catalog_job_run_in_thread (DD_CATALOG_JOB (self), task, run_thread);
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

double
dd_scanner_get_fraction (DdScanner *self)
{
  g_return_val_if_fail (DD_IS_SCANNER (self), 0);
  return dd_catalog_job_get_fraction (DD_CATALOG_JOB (self));
}

const char *
dd_scanner_get_text (DdScanner *self)
{
  g_return_val_if_fail (DD_IS_SCANNER (self), NULL);
  return dd_catalog_job_get_text (DD_CATALOG_JOB (self));
}

static void
dd_scanner_class_init (DdScannerClass *klass)
{
}

static void
dd_scanner_init (DdScanner *self)
{
}
