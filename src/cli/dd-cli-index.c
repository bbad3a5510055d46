/* datadive-cli index: index dataset folders into a catalog (the structure pass, and
 * with --deep the content pass). */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "dd-catalog-private.h"
#include "dd-cli.h"
#include "dd-content.h"
#include "dd-lock-file.h"
#include "dd-scanner.h"

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

/* One index run (under dd_cli_run_interruptible) that Ctrl+C and SIGTERM cancel,
 * a new catalog's temporary files going with it. */
typedef struct {
  const char         *catalog_path;
  const char * const *roots;
  gboolean            deep;
  int                 threads;
  GCancellable       *cancellable;
  DdScanReport       *report;     /* out */
  DdContentReport     content;    /* out */
  GError             *error;      /* out */
  DdCatalog          *open_catalog;   /* weak: NULL once closed */
} Index;

static void
on_wait (const char *path,
         gpointer    user_data)
{
  g_autofree char *display = g_filename_display_name (path);

  dd_cli_progress_done ();
  fprintf (stderr, _("datadive-cli: waiting for another index of “%s” to finish…\n"),
           display);
}

static gboolean
index_into (Index       *run,
            const char  *work_path,
            gboolean     creating,
            GError     **error)
{
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdScanner) scanner = NULL;

  catalog = dd_catalog_open (work_path, creating ? DD_CATALOG_OPEN_CREATE : DD_CATALOG_OPEN_DEFAULT,
                             error);
  if (catalog == NULL)
    return FALSE;
  /* Closed (its WAL folded into the file) when this returns: the caller renames it. */
  g_object_add_weak_pointer (G_OBJECT (catalog), (gpointer *) &run->open_catalog);
  run->open_catalog = catalog;
  scanner = dd_scanner_new (catalog);
  run->report = dd_scanner_run (scanner, run->roots, dd_cli_progress, NULL, run->cancellable,
                                error);
  dd_cli_progress_done ();
  if (run->report == NULL)
    return FALSE;
  if (run->deep)
    {
      g_autoptr(DdContentPass) pass = dd_content_pass_new (catalog);
      gboolean ok;

      dd_content_pass_set_threads (pass, MAX (run->threads, 0));
      ok = dd_content_pass_run (pass, &run->content, dd_cli_progress, NULL, run->cancellable,
                                error);
      dd_cli_progress_done ();
      if (!ok)
        return FALSE;
    }
  return TRUE;   /* closing the catalog checkpoints the WAL into the file */
}

static gpointer
index_thread (gpointer data)
{
  Index *run = data;
  g_autoptr(DdLockFile) lock = NULL;
  g_autofree char *work_path = NULL;
  gboolean creating;

  /* One writer at a time: a second index of the same catalog waits here for the
   * first to finish, then updates what it wrote instead of replacing it. */
  lock = dd_lock_file_acquire (run->catalog_path, on_wait, NULL, run->cancellable, &run->error);
  if (lock == NULL)
    return NULL;
  /* What killed runs (kill -9, a power cut) left: nobody else can be using it now. */
  dd_lock_file_sweep_temporaries (run->catalog_path);

  /* A new catalog is built under a temporary name and put in place when complete,
   * never over a file that appeared meanwhile: a failed or interrupted first index
   * leaves nothing behind. */
  creating = !g_file_test (run->catalog_path, G_FILE_TEST_EXISTS);
  work_path = creating ? dd_lock_file_temporary_path (run->catalog_path)
                       : g_strdup (run->catalog_path);
  if (creating)
    remove_catalog_files (work_path);
  {
    /* The catalog's signals belong to this context, emitted as they happen: nothing
     * posted elsewhere keeps it open after index_into(). */
    g_autoptr(GMainContext) context = g_main_context_new ();
    gboolean ok;

    g_main_context_push_thread_default (context);
    ok = index_into (run, work_path, creating, &run->error);
    while (g_main_context_iteration (context, FALSE))
      ;
    g_main_context_pop_thread_default (context);
    if (ok && run->open_catalog != NULL)
      {
        g_critical ("%s is still open after indexing", work_path);
        ok = FALSE;
        g_set_error_literal (&run->error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                             _("the catalog could not be closed"));
      }
    if (!ok)
      {
        if (creating && run->open_catalog == NULL)
          remove_catalog_files (work_path);
        g_clear_pointer (&run->report, dd_scan_report_free);
        return NULL;
      }
  }
  if (creating)
    {
      g_autoptr(GError) local = NULL;

      if (!dd_rename_no_replace (work_path, run->catalog_path, &local))
        {
          g_autofree char *display = g_filename_display_name (run->catalog_path);

          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
            g_set_error (&run->error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                         _("“%s” was created by another program while indexing; it was left "
                           "as it is: index again to update it"), display);
          else
            g_set_error (&run->error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                         _("cannot write the catalog “%s”: %s"), display, local->message);
          g_clear_pointer (&run->report, dd_scan_report_free);
        }
      remove_catalog_files (work_path);
    }
  return NULL;
}

int
dd_cli_index (int    argc,
              char **argv)
{
  g_autofree char *catalog_path = NULL;
  gboolean json = FALSE;
  gboolean deep = FALSE;
  int threads = 0;
  g_auto(GStrv) dirs = NULL;
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &catalog_path, N_("Catalog file to create or update"), N_("FILE") },
    { "deep", 0, 0, G_OPTION_ARG_NONE, &deep, N_("Also decode every image (content pass; resumable)"), NULL },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, N_("Decoding threads (default: one per core)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &dirs, NULL, N_("DATASET_DIR…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("DATASET_DIR… — index dataset folders"));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DdScanReport) report = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_free);
  DdContentReport content = { 0 };
  Index run = { 0 };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!dd_cli_parse (context, &argc, &argv))
    return 2;
  if (catalog_path == NULL)
    return dd_cli_fail (_("no catalog given: use --catalog FILE"));
  if (dirs == NULL || dirs[0] == NULL)
    return dd_cli_fail (_("no dataset folder given"));

  for (guint i = 0; dirs[i]; i++)
    {
      g_autofree char *display = g_filename_display_name (dirs[i]);

      if (!g_file_test (dirs[i], G_FILE_TEST_EXISTS))
        return dd_cli_fail (_("dataset folder “%s” does not exist"), display);
      if (!g_file_test (dirs[i], G_FILE_TEST_IS_DIR))
        return dd_cli_fail (_("“%s” is not a folder"), display);
      if (g_access (dirs[i], R_OK | X_OK) != 0)
        return dd_cli_fail (_("dataset folder “%s” cannot be read"), display);
      g_ptr_array_add (roots, g_canonicalize_filename (dirs[i], NULL));
    }
  g_ptr_array_add (roots, NULL);

  if (!g_file_test (catalog_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (catalog_path);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_filename_display_name (dir);
          return dd_cli_fail (_("cannot create the catalog: folder “%s” does not exist"),
                              display);
        }
      if (g_access (dir, W_OK) != 0)
        {
          g_autofree char *display = g_filename_display_name (dir);
          return dd_cli_fail (_("cannot create the catalog: folder “%s” is not writable"),
                              display);
        }
    }

  run.catalog_path = catalog_path;
  run.roots = (const char * const *) roots->pdata;
  run.deep = deep;
  run.threads = threads;
  run.cancellable = cancellable;
  dd_cli_run_interruptible (index_thread, &run, cancellable);
  if (run.error)
    {
      g_autoptr(GError) error = run.error;
      return dd_cli_fail_error (error);
    }
  report = run.report;
  content = run.content;

  for (guint i = 0; i < report->problems->len; i++)
    fprintf (stderr, "datadive-cli: warning: %s\n", (char *) g_ptr_array_index (report->problems, i));

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "samples");
      json_builder_add_int_value (b, report->samples);
      json_builder_set_member_name (b, "seconds");
      json_builder_add_double_value (b, report->seconds);
      json_builder_set_member_name (b, "sources");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->sources->len; i++)
        {
          DdScanSourceReport *src = g_ptr_array_index (report->sources, i);
          g_autofree char *root_utf8 = g_filename_display_name (src->root);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "root");
          json_builder_add_string_value (b, root_utf8);
          json_builder_set_member_name (b, "layout");
          json_builder_add_string_value (b, src->layout);
          json_builder_set_member_name (b, "samples");
          json_builder_add_int_value (b, src->samples);
          json_builder_set_member_name (b, "added");
          json_builder_add_int_value (b, src->added);
          json_builder_set_member_name (b, "removed");
          json_builder_add_int_value (b, src->removed);
          json_builder_set_member_name (b, "junk");
          json_builder_add_int_value (b, src->junk);
          json_builder_set_member_name (b, "unreadable");
          json_builder_add_int_value (b, src->unreadable);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (deep)
        {
          json_builder_set_member_name (b, "decoded");
          json_builder_add_int_value (b, content.decoded);
          json_builder_set_member_name (b, "decode_skipped");
          json_builder_add_int_value (b, content.skipped);
          json_builder_set_member_name (b, "decode_findings");
          json_builder_add_int_value (b, content.failed);
          json_builder_set_member_name (b, "decode_seconds");
          json_builder_add_double_value (b, content.seconds);
        }
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->problems->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (report->problems, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      dd_cli_print_json (root);
    }
  else
    {
      for (guint i = 0; i < report->sources->len; i++)
        {
          DdScanSourceReport *src = g_ptr_array_index (report->sources, i);
          g_autofree char *root_utf8 = g_filename_display_name (src->root);

          printf ("%s (%s): %" PRIu64 " samples, +%" PRIu64
                  " −%" PRIu64 ", %" PRIu64 " skipped\n",
                  root_utf8, src->layout, src->samples, src->added, src->removed, src->junk);
        }
      printf (_("%" PRIu64 " samples indexed in %.2f s\n"),
              report->samples, report->seconds);
      if (deep)
        printf (_("%" PRIu64 " images decoded (%" PRIu64 " unchanged, "
                  "%" PRIu64 " with findings) in %.2f s\n"),
                content.decoded, content.skipped, content.failed, content.seconds);
    }
  return 0;
}
