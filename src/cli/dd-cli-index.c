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

#include "dd-cli.h"
#include "dd-index-run.h"

/* One index run (under dd_cli_run_interruptible) that Ctrl+C and SIGTERM cancel: the
 * pipeline DdSession runs too (dd-index-run.h), the lock and a new catalog's temporary
 * file included. */
typedef struct {
  const char         *catalog_path;
  const char * const *roots;
  gboolean            deep;
  int                 threads;
  GCancellable       *cancellable;
  DdScanReport       *report;     /* out */
  DdContentReport     content;    /* out */
  GError             *error;      /* out */
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

static void
pass_done (gpointer user_data)
{
  dd_cli_progress_done ();
}

static gpointer
index_thread (gpointer data)
{
  Index *run = data;
  DdIndexOptions options = { 0 };

  options.deep = run->deep;
  options.threads = MAX (run->threads, 0);
  options.progress = dd_cli_progress;
  options.pass_done = pass_done;
  options.on_wait = on_wait;
  run->report = dd_index_run_file (run->catalog_path, run->roots, &options, &run->content,
                                   run->cancellable, &run->error);
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
