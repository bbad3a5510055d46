/* One index run under the catalog's index lock: scan, content pass, and for a new
 * catalog the temporary file renamed into place. Shared by `datadive-cli index` and
 * DdSession. */
#define G_LOG_DOMAIN "datadive-session"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-index-run.h"

static const DdIndexOptions no_options = { 0 };

static void
remove_catalog_files (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
pass_done (const DdIndexOptions *options)
{
  if (options->pass_done)
    options->pass_done (options->progress_data);
}

static gboolean
check_images (DdCatalog             *catalog,
              const DdIndexOptions  *options,
              DdContentReport       *content,
              GCancellable          *cancellable,
              GError               **error)
{
  g_autoptr(DdContentPass) pass = dd_content_pass_new (catalog);
  DdContentReport ignored = { 0 };
  gboolean ok;

  dd_content_pass_set_threads (pass, options->threads);
  ok = dd_content_pass_run (pass, content ? content : &ignored, options->progress,
                            options->progress_data, cancellable, error);
  pass_done (options);
  return ok;
}

/* The scan, then with deep the content pass, through @catalog. */
static DdScanReport *
index_into (DdCatalog             *catalog,
            const char * const    *roots,
            const DdIndexOptions  *options,
            DdContentReport       *content,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(DdScanner) scanner = dd_scanner_new (catalog);
  g_autoptr(DdScanReport) report = NULL;

  report = dd_scanner_run (scanner, roots, options->progress, options->progress_data,
                           cancellable, error);
  pass_done (options);
  if (report == NULL)
    return NULL;
  if (options->deep && !check_images (catalog, options, content, cancellable, error))
    return NULL;
  return g_steal_pointer (&report);
}

/* One writer at a time: a second index of the same catalog waits here for the first to
 * finish, then updates what it wrote instead of replacing it. What killed runs (kill -9,
 * a power cut) left is removed: nobody else can be using it now. */
static DdLockFile *
lock_catalog (const char            *path,
              const DdIndexOptions  *options,
              GCancellable          *cancellable,
              GError               **error)
{
  DdLockFile *lock = dd_lock_file_acquire (path, options->on_wait, options->wait_data,
                                           cancellable, error);

  if (lock)
    dd_lock_file_sweep_temporaries (path);
  return lock;
}

/* Opens @work_path and indexes it; the catalog is closed (its WAL folded into the
 * file) when this returns, so that the caller may rename it. Its signals belong to a
 * context of this call, emitted as they happen: nothing posted elsewhere keeps it
 * open. */
static DdScanReport *
index_file (const char            *work_path,
            gboolean               creating,
            const char * const    *roots,
            const DdIndexOptions  *options,
            DdContentReport       *content,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DdScanReport *report = NULL;
  DdCatalog *open_catalog = NULL;   /* weak: NULL once closed */

  g_main_context_push_thread_default (context);
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (work_path,
                                                    creating ? DD_CATALOG_OPEN_CREATE |
                                                               DD_CATALOG_OPEN_SCRATCH
                                                             : DD_CATALOG_OPEN_DEFAULT,
                                                    error);

    if (catalog)
      {
        open_catalog = catalog;
        g_object_add_weak_pointer (G_OBJECT (catalog), (gpointer *) &open_catalog);
        report = index_into (catalog, roots, options, content, cancellable, error);
      }
  }
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  if (report && open_catalog != NULL)
    {
      g_critical ("%s is still open after indexing", work_path);
      g_clear_pointer (&report, dd_scan_report_free);
      g_set_error_literal (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                           _("the catalog could not be closed"));
    }
  if (report == NULL && creating && open_catalog == NULL)
    remove_catalog_files (work_path);
  return report;
}

/* A new catalog, complete, put in place: never over a file that appeared meanwhile. */
static gboolean
put_in_place (const char  *work_path,
              const char  *path,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *display = NULL;
  gboolean ok = dd_rename_no_replace (work_path, path, &local);

  remove_catalog_files (work_path);
  if (ok)
    return TRUE;
  display = g_filename_display_name (path);
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                 _("“%s” was created by another program while indexing; it was left "
                   "as it is: index again to update it"), display);
  else
    g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                 _("cannot write the catalog “%s”: %s"), display, local->message);
  return FALSE;
}

DdScanReport *
dd_index_run_file (const char            *path,
                   const char * const    *roots,
                   const DdIndexOptions  *options,
                   DdContentReport       *content,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr(DdLockFile) lock = NULL;
  g_autoptr(DdScanReport) report = NULL;
  g_autofree char *work_path = NULL;
  gboolean creating;

  g_return_val_if_fail (path != NULL && roots != NULL, NULL);

  if (options == NULL)
    options = &no_options;
  if (!(lock = lock_catalog (path, options, cancellable, error)))
    return NULL;
  creating = !g_file_test (path, G_FILE_TEST_EXISTS);
  work_path = creating ? dd_lock_file_temporary_path (path) : g_strdup (path);
  if (creating)
    remove_catalog_files (work_path);
  report = index_file (work_path, creating, roots, options, content, cancellable, error);
  if (report == NULL || (creating && !put_in_place (work_path, path, error)))
    return NULL;
  return g_steal_pointer (&report);
}

/* Under the lock of @catalog's file: the scan of @roots and with deep the content pass,
 * or without @roots the content pass alone. */
static gboolean
run_locked (DdCatalog             *catalog,
            const char * const    *roots,
            const DdIndexOptions  *options,
            DdScanReport         **report,
            DdContentReport       *content,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(DdLockFile) lock = NULL;

  if (options == NULL)
    options = &no_options;
  if (!(lock = lock_catalog (dd_catalog_get_path (catalog), options, cancellable, error)))
    return FALSE;
  if (roots == NULL)
    return check_images (catalog, options, content, cancellable, error);
  *report = index_into (catalog, roots, options, content, cancellable, error);
  return *report != NULL;
}

DdScanReport *
dd_index_run_catalog (DdCatalog             *catalog,
                      const char * const    *roots,
                      const DdIndexOptions  *options,
                      DdContentReport       *content,
                      GCancellable          *cancellable,
                      GError               **error)
{
  DdScanReport *report = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (catalog) && roots != NULL, NULL);

  run_locked (catalog, roots, options, &report, content, cancellable, error);
  return report;
}

gboolean
dd_index_run_check (DdCatalog             *catalog,
                    const DdIndexOptions  *options,
                    DdContentReport       *content,
                    GCancellable          *cancellable,
                    GError               **error)
{
  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  return run_locked (catalog, NULL, options, NULL, content, cancellable, error);
}
