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

typedef struct {
  char     *catalog_path;
  gboolean  json;
  gboolean  deep;
  int       threads;
  char    **dirs;
  GPtrArray *roots;   /* canonical dirs, NULL-terminated */
} IndexOptions;

static void
index_options_clear (IndexOptions *o)
{
  g_free (o->catalog_path);
  g_strfreev (o->dirs);
  g_clear_pointer (&o->roots, g_ptr_array_unref);
}

static void
index_clear (Index *run)
{
  g_clear_pointer (&run->report, dd_scan_report_free);
  g_clear_error (&run->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IndexOptions, index_options_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Index, index_clear)

/* Every dataset folder exists and can be read; a new catalog's folder can be written. */
static int
index_check_paths (IndexOptions *o)
{
  o->roots = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; o->dirs[i]; i++)
    {
      g_autofree char *display = g_filename_display_name (o->dirs[i]);

      if (!g_file_test (o->dirs[i], G_FILE_TEST_EXISTS))
        return dd_cli_fail (_("dataset folder “%s” does not exist"), display);
      if (!g_file_test (o->dirs[i], G_FILE_TEST_IS_DIR))
        return dd_cli_fail (_("“%s” is not a folder"), display);
      if (g_access (o->dirs[i], R_OK | X_OK) != 0)
        return dd_cli_fail (_("dataset folder “%s” cannot be read"), display);
      g_ptr_array_add (o->roots, g_canonicalize_filename (o->dirs[i], NULL));
    }
  g_ptr_array_add (o->roots, NULL);

  if (!g_file_test (o->catalog_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (o->catalog_path);
      g_autofree char *display = g_filename_display_name (dir);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        return dd_cli_fail (_("cannot create the catalog: folder “%s” does not exist"),
                            display);
      if (g_access (dir, W_OK) != 0)
        return dd_cli_fail (_("cannot create the catalog: folder “%s” is not writable"),
                            display);
    }
  return 0;
}

static int
index_parse (IndexOptions  *o,
             int            argc,
             char         **argv)
{
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&o->catalog_path, N_("Catalog file to create or update")),
    { "deep", 0, 0, G_OPTION_ARG_NONE, &o->deep,
      N_("Also decode every image (content pass; resumable)"), NULL },
    { "threads", 0, 0, G_OPTION_ARG_INT, &o->threads,
      N_("Decoding threads (default: one per core)"), N_("N") },
    DD_CLI_OPTION_JSON (&o->json),
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->dirs, NULL, N_("DATASET_DIR…") },
    { NULL }
  };

  if (!dd_cli_parse_options (&argc, &argv, N_("DATASET_DIR… — index dataset folders"), entries))
    return 2;
  if (o->catalog_path == NULL)
    return dd_cli_fail (_("no catalog given: use --catalog FILE"));
  if (o->dirs == NULL || o->dirs[0] == NULL)
    return dd_cli_fail (_("no dataset folder given"));
  return index_check_paths (o);
}

/* Fills @run->report (and @run->content with --deep), or @run->error. */
static gboolean
index_run (const IndexOptions *o,
           Index              *run)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  run->catalog_path = o->catalog_path;
  run->roots = (const char * const *) o->roots->pdata;
  run->deep = o->deep;
  run->threads = o->threads;
  run->cancellable = cancellable;
  dd_cli_run_interruptible (index_thread, run, cancellable);
  run->cancellable = NULL;
  return run->error == NULL;
}

static JsonArray *
sources_to_json (const DdScanReport *report)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < report->sources->len; i++)
    {
      DdScanSourceReport *src = g_ptr_array_index (report->sources, i);
      guint64 changes[] = { src->added, src->removed };

      json_array_add_object_element (a, dd_cli_source_to_json (src->root, src->layout,
                                                                src->samples, changes,
                                                                src->junk, src->unreadable));
    }
  return a;
}

static JsonObject *
index_to_json (const IndexOptions *o,
               const Index        *run)
{
  JsonObject *root = json_object_new ();
  JsonArray *problems = json_array_new ();

  json_object_set_int_member (root, "samples", run->report->samples);
  json_object_set_double_member (root, "seconds", run->report->seconds);
  json_object_set_array_member (root, "sources", sources_to_json (run->report));
  if (o->deep)
    {
      json_object_set_int_member (root, "decoded", run->content.decoded);
      json_object_set_int_member (root, "decode_skipped", run->content.skipped);
      json_object_set_int_member (root, "decode_findings", run->content.failed);
      json_object_set_double_member (root, "decode_seconds", run->content.seconds);
    }
  for (guint i = 0; i < run->report->problems->len; i++)
    json_array_add_string_element (problems, g_ptr_array_index (run->report->problems, i));
  json_object_set_array_member (root, "problems", problems);
  return root;
}

static void
index_print (const IndexOptions *o,
             const Index        *run)
{
  const DdScanReport *report = run->report;

  for (guint i = 0; i < report->sources->len; i++)
    {
      DdScanSourceReport *src = g_ptr_array_index (report->sources, i);
      g_autofree char *root_utf8 = g_filename_display_name (src->root);

      printf ("%s (%s): %" PRIu64 " samples, +%" PRIu64
              " −%" PRIu64 ", %" PRIu64 " skipped\n",
              root_utf8, src->layout, src->samples, src->added, src->removed, src->junk);
    }
  printf (_("%" PRIu64 " samples indexed in %.2f s\n"), report->samples, report->seconds);
  if (o->deep)
    printf (_("%" PRIu64 " images decoded (%" PRIu64 " unchanged, "
              "%" PRIu64 " with findings) in %.2f s\n"),
            run->content.decoded, run->content.skipped, run->content.failed,
            run->content.seconds);
}

int
dd_cli_index (int    argc,
              char **argv)
{
  g_auto(IndexOptions) options = { 0 };
  g_auto(Index) run = { 0 };
  int status;

  if ((status = index_parse (&options, argc, argv)))
    return status;
  if (!index_run (&options, &run))
    return dd_cli_fail_error (run.error);
  dd_cli_print_warnings (run.report->problems);
  if (options.json)
    dd_cli_print_object (index_to_json (&options, &run));
  else
    index_print (&options, &run);
  return 0;
}
