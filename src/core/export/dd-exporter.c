/* DdExporter: one export run in steps — prepare the temporary sibling of the target,
 * give each sample to its format, write what travels with the data (the format's
 * files, recipe.json, manifest.csv), then rename the folder into place. A failure or
 * a cancellation at any step removes the temporary folder: nothing is left behind. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-export-private.h"
#include "dd-text.h"
#include "dd-tmpdir.h"
#include "dd-task.h"

struct _DdExporter
{
  DdCatalogJob parent_instance;
};

G_DEFINE_FINAL_TYPE (DdExporter, dd_exporter, DD_TYPE_CATALOG_JOB)

static DdCatalog *
exporter_catalog (DdExporter *self)
{
  return dd_catalog_job_get_catalog (DD_CATALOG_JOB (self));
}

/* ---- one run, in steps ---------------------------------------------------------- */

/* Labels are the index of the wnid in sorted order: what ImageFolder computes from
 * the folder names. */
static void
make_labels (DdExportRun *run,
             DdCatalog   *catalog,
             DdSelection *selection)
{
  g_autoptr(DdFacets) facets = dd_catalog_facets (catalog, selection);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);

  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);
      if (c->id < facets->n_classes && facets->classes[c->id] > 0)
        g_ptr_array_add (run->classes, g_strdup (c->wnid));
    }
  g_ptr_array_sort (run->classes, dd_compare_strings);
  for (guint i = 0; i < run->classes->len; i++)
    g_hash_table_insert (run->labels, g_strdup (g_ptr_array_index (run->classes, i)),
                         GINT_TO_POINTER (i + 1));
}

static gboolean
prepare_target (const char  *target,
                char       **out_tmp,
                int         *lock_fd,
                GError     **error)
{
  g_autofree char *display = g_filename_display_name (target);
  g_autofree char *parent = g_path_get_dirname (target);

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDir) dir = NULL;

      if (!g_file_test (target, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_INVALID,
                       _("“%s” exists and is not a folder: nothing was written"), display);
          return FALSE;
        }
      dir = g_dir_open (target, 0, NULL);
      if (dir == NULL || g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_INVALID,
                       _("“%s” is not empty: choose a new or empty folder"), display);
          return FALSE;
        }
    }
  if (g_mkdir_with_parents (parent, 0777) != 0)
    return dd_export_io_error (error, errno, _("Cannot create the folder"), parent);
  /* what killed exporters (kill -9, a power cut) left here: Ctrl+C cleans up itself */
  dd_tmpdir_sweep (parent, NULL, TRUE);
  *out_tmp = dd_tmpdir_create (target, TRUE, lock_fd, error);
  return *out_tmp != NULL;
}

/* The temporary folder, the result and the tables of a run into options->target. */
static gboolean
run_begin (DdExportRun            *run,
           const DdExportOptions  *options,
           int                    *lock_fd,
           GError                **error)
{
  g_autofree char *target = g_canonicalize_filename (options->target, NULL);

  memset (run, 0, sizeof *run);
  run->options = options;
  if (!prepare_target (target, &run->tmp, lock_fd, error))
    return FALSE;
  run->result = dd_export_result_new (target);
  run->dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->classes = g_ptr_array_new_with_free_func (g_free);
  run->manifest = g_string_new ("path,key,wnid,class_name,label,corruption,severity,split\n");
  return TRUE;
}

static void
run_clear (DdExportRun *run)
{
  g_clear_pointer (&run->tmp, g_free);
  g_clear_pointer (&run->result, dd_export_result_free);
  g_clear_pointer (&run->dirs, g_hash_table_unref);
  g_clear_pointer (&run->taken, g_hash_table_unref);
  g_clear_pointer (&run->labels, g_hash_table_unref);
  g_clear_pointer (&run->anchors, g_hash_table_unref);
  g_clear_pointer (&run->classes, g_ptr_array_unref);
  if (run->manifest)
    g_string_free (g_steal_pointer (&run->manifest), TRUE);
  dd_export_model_clear (run);
}

/* One sample: the format writes it, or says where its file goes and hears where it
 * went (a vanished or refused file is recorded and goes nowhere). */
static gboolean
export_sample (DdExportRun           *run,
               const DdExportFormat  *format,
               gpointer               state,
               DdSampleInfo          *s,
               int                    label,
               GError               **error)
{
  g_autofree char *rel_dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *rel = NULL;

  if (format->write)
    return format->write (run, state, s, label, error);
  if (!format->place (s, &rel_dir, &name))
    {
      run->result->skipped_unlabeled++;
      return TRUE;
    }
  if (!dd_export_place (run, s, rel_dir, name, label, &rel, error))
    return FALSE;
  if (rel && format->placed)
    format->placed (run, state, s, label, rel);
  return TRUE;
}

/* Every sample of @selection to the format, page by page, with progress. */
static gboolean
run_samples (DdExporter            *self,
             DdExportRun           *run,
             const DdExportFormat  *format,
             gpointer               state,
             DdSelection           *selection,
             DdProgressFunc         progress,
             gpointer               progress_data,
             GCancellable          *cancellable,
             GError               **error)
{
  guint n = dd_selection_get_n (selection);
  gint64 last = 0;

  for (guint off = 0; off < n; off += 2048)
    {
      g_autoptr(GPtrArray) page = dd_catalog_get_page (exporter_catalog (self), selection, off,
                                                        2048, cancellable, error);
      if (page == NULL)
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        {
          DdSampleInfo *s = page->pdata[i];
          int label = s->wnid ? GPOINTER_TO_INT (g_hash_table_lookup (run->labels, s->wnid)) - 1
                              : -1;

          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !export_sample (run, format, state, s, label, error))
            return FALSE;
          if (g_get_monotonic_time () - last > 100 * 1000)
            {
              g_autofree char *done = dd_format_count (off + i);
              g_autofree char *total = dd_format_count (n);
              g_autofree char *text = g_strdup_printf (_("Exporting: %s of %s"), done, total);

              last = g_get_monotonic_time ();
              dd_catalog_job_report (DD_CATALOG_JOB (self), (double) (off + i) / MAX (n, 1), text,
                                     progress, progress_data);
            }
        }
    }
  return TRUE;
}

static char *
keys_recipe (DdCatalog   *catalog,
             DdSelection *selection)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  guint n = dd_selection_get_n (selection);

  /* "classes": [] selects nothing by rule; the include list is exactly the subset. */
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "include");
  json_builder_begin_array (b);
  for (guint off = 0; off < n; off += 4096)
    {
      g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, selection, off, 4096, NULL, NULL);
      for (guint i = 0; page && i < page->len; i++)
        json_builder_add_string_value (b, ((DdSampleInfo *) page->pdata[i])->key);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, TRUE);
}

/* What travels with the data: the format's own files, the recipe and the manifest. */
static gboolean
run_write_index (DdExporter            *self,
                 DdExportRun           *run,
                 const DdExportFormat  *format,
                 gpointer               state,
                 DdSelection           *selection,
                 GError               **error)
{
  g_autofree char *recipe = NULL;

  if (format->end && !format->end (run, state, error))
    return FALSE;
  recipe = run->options->recipe_json ? g_strdup (run->options->recipe_json)
                                     : keys_recipe (exporter_catalog (self), selection);
  if (!dd_export_write_text (run, "recipe.json", recipe, -1, error))
    return FALSE;
  return !format->manifest ||
         dd_export_write_text (run, "manifest.csv", run->manifest->str, run->manifest->len, error);
}

/* The temporary folder becomes the target. */
static gboolean
run_commit (DdExportRun  *run,
            GError      **error)
{
  const char *target = run->result->target;

  /* An empty target folder the user made is replaced; anything else was refused. */
  if (g_file_test (target, G_FILE_TEST_IS_DIR))
    g_rmdir (target);
  /* mkdtemp made it 0700: the export is for whoever the umask lets read it (a
   * training job under another user), like everything inside it */
  if (chmod (run->tmp, 0777 & ~dd_tmpdir_umask ()) != 0)
    return dd_export_io_error (error, errno, _("Cannot create"), run->tmp);
  if (g_rename (run->tmp, target) != 0)
    return dd_export_io_error (error, errno, _("Cannot create"), target);
  return TRUE;
}

DdExportResult *
dd_exporter_run (DdExporter             *self,
                 DdSelection            *selection,
                 const DdExportOptions  *options,
                 DdProgressFunc          progress,
                 gpointer                progress_data,
                 GCancellable           *cancellable,
                 GError                **error)
{
  const DdExportFormat *format;
  DdExportRun run;
  g_autoptr(DdRunRows) predictions = NULL;
  gpointer state;
  int lock_fd = -1;
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (DD_IS_EXPORTER (self), NULL);
  g_return_val_if_fail (selection != NULL && options != NULL && options->target != NULL, NULL);

  format = dd_export_format_for (options->layout);
  /* the run first: a name the catalog does not have fails before any file is made */
  if (options->run && !(predictions = dd_model_read_run (exporter_catalog (self), options->run, FALSE,
                                                         error)))
    return NULL;
  if (!run_begin (&run, options, &lock_fd, error))
    return NULL;
  dd_export_model_begin (&run, exporter_catalog (self), g_steal_pointer (&predictions));
  make_labels (&run, exporter_catalog (self), selection);
  state = format->begin ? format->begin (&run) : NULL;
  ok = run_samples (self, &run, format, state, selection, progress, progress_data, cancellable,
                    error) &&
       run_write_index (self, &run, format, state, selection, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       run_commit (&run, error);
  if (state && format->free_state)
    format->free_state (state);
  if (!ok)
    dd_tmpdir_remove (run.tmp);
  close (lock_fd);
  if (ok)
    {
      g_autofree char *text = NULL;
      g_autofree char *exported = dd_format_count (run.result->exported);

      run.result->seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
      text = g_strdup_printf (_("Exported %s samples"), exported);
      dd_catalog_job_report (DD_CATALOG_JOB (self), 1.0, text, progress, progress_data);
    }
  {
    DdExportResult *result = ok ? g_steal_pointer (&run.result) : NULL;

    run_clear (&run);
    return result;
  }
}

/* ---- async and object ----------------------------------------------------------- */

typedef struct {
  DdSelection     *selection;
  DdExportOptions  options;
} RunData;

static void
run_data_free (RunData *data)
{
  dd_selection_unref (data->selection);
  dd_export_options_clear (&data->options);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  DdExportResult *result = dd_exporter_run (source_object, data->selection, &data->options,
                                            NULL, NULL, cancellable, &error);

  dd_task_return_pointer_or_error (task, result, (GDestroyNotify) dd_export_result_free, error);
}

void
dd_exporter_run_async (DdExporter             *self,
                       DdSelection            *selection,
                       const DdExportOptions  *options,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  g_return_if_fail (DD_IS_EXPORTER (self));
  data->selection = dd_selection_ref (selection);
  data->options = *options;
  data->options.target = g_strdup (options->target);
  data->options.recipe_json = g_strdup (options->recipe_json);
  g_task_set_source_tag (task, dd_exporter_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  dd_catalog_job_run_in_thread (DD_CATALOG_JOB (self), task, run_thread);
}

DdExportResult *
dd_exporter_run_finish (DdExporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

DdExporter *
dd_exporter_new (DdCatalog *catalog)
{
  return g_object_new (DD_TYPE_EXPORTER, "catalog", catalog, NULL);
}

double
dd_exporter_get_fraction (DdExporter *self)
{
  g_return_val_if_fail (DD_IS_EXPORTER (self), -1);
  return dd_catalog_job_get_fraction (DD_CATALOG_JOB (self));
}

const char *
dd_exporter_get_text (DdExporter *self)
{
  g_return_val_if_fail (DD_IS_EXPORTER (self), NULL);
  return dd_catalog_job_get_text (DD_CATALOG_JOB (self));
}

static void
dd_exporter_class_init (DdExporterClass *klass)
{
}

static void
dd_exporter_init (DdExporter *self)
{
}
