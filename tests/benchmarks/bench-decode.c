/* bench-decode: the content pass (bounded pool, one read per file, hash + decode +
 * checks + catalog writes) next to a plain single-threaded gdk_pixbuf_new_from_file()
 * loop over the same first N samples, in one run. Prints images per second and the
 * ratio. Works on a copy of a catalog, or indexes a folder into a temporary one. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "dd-catalog-writer.h"
#include "dd-content.h"
#include "dd-scanner.h"

static void
remove_catalog (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* The first @limit sample ids (0: all), in id order (the content pass's order). */
static GArray *
first_ids (DdCatalog *catalog,
           guint      limit)
{
  g_autoptr(DdSelection) all = dd_catalog_select (catalog, NULL, NULL, NULL);
  guint n = limit ? MIN (limit, dd_selection_get_n (all)) : dd_selection_get_n (all);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = dd_selection_get_id (all, i);
      g_array_append_val (ids, id);
    }
  return ids;
}

/* Every sample of the copy is decoded again, as if it were never decoded. */
static gboolean
forget_decodes (DdCatalog  *catalog,
                GError    **error)
{
  g_autoptr(DdCatalogWriter) writer = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_SAMPLES,
                                                               error);

  return writer && dd_catalog_writer_forget_decodes (writer, error) &&
         dd_catalog_writer_commit (g_steal_pointer (&writer), error);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *catalog_in = NULL;
  int limit = 50000;
  int threads = 0;
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &catalog_in,
      "Benchmark on a copy of this catalog instead of indexing a folder", "FILE" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      "First N samples only, for both (default 50000; 0 = all)", "N" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads,
      "Content pass threads (default: one per core)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new ("[DATASET_DIR] — content pass vs a plain gdk-pixbuf loop");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdContentPass) pass = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  DdContentReport report;
  guint n, failed = 0;
  gint64 t0;
  double base_s, pass_s, base_rate, pass_rate;
  g_autofree char *label = NULL;
  guint n_threads;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-decode: %s\n", error->message);
      return 2;
    }
  if ((catalog_in == NULL) == (argc != 2) || limit < 0 || threads < 0)
    {
      fprintf (stderr, "usage: bench-decode [--limit N] [--threads N] "
                       "(DATASET_DIR | --catalog FILE)\n");
      return 2;
    }

  dir = g_dir_make_tmp ("bench-decode-XXXXXX", NULL);
  path = g_build_filename (dir, "bench.ddcat", NULL);
  if (catalog_in)
    {
      g_autoptr(GFile) from = g_file_new_for_path (catalog_in);
      g_autoptr(GFile) to = g_file_new_for_path (path);

      /* a copy, forgetting earlier decodes, so the user's catalog is left alone */
      if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error) ||
          !(catalog = dd_catalog_open (path, DD_CATALOG_OPEN_DEFAULT, &error)) ||
          !forget_decodes (catalog, &error))
        {
          fprintf (stderr, "bench-decode: %s\n", error->message);
          remove_catalog (path);
          g_rmdir (dir);
          return 1;
        }
    }
  else
    {
      g_autoptr(DdScanner) scanner = NULL;
      g_autoptr(DdScanReport) scan = NULL;
      const char *roots[2] = { argv[1], NULL };

      catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
      scanner = catalog ? dd_scanner_new (catalog) : NULL;
      if (!catalog || !(scan = dd_scanner_run (scanner, roots, NULL, NULL, NULL, &error)))
        {
          fprintf (stderr, "bench-decode: %s\n", error->message);
          g_clear_object (&scanner);
          g_clear_object (&catalog);
          remove_catalog (path);
          g_rmdir (dir);
          return 1;
        }
    }

  ids = first_ids (catalog, limit);
  samples = dd_catalog_get_samples (catalog, (const gint64 *) ids->data, ids->len, NULL);
  n = samples->len;

  /* one read of every file first, so that both measure a warm page cache */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *contents = NULL;
      g_file_get_contents (((DdSampleInfo *) g_ptr_array_index (samples, i))->path,
                           &contents, NULL, NULL);
    }

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      DdSampleInfo *info = g_ptr_array_index (samples, i);
      GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (info->path, NULL);

      if (pixbuf)
        g_object_unref (pixbuf);
      else
        failed++;
    }
  base_s = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;

  pass = dd_content_pass_new (catalog);
  dd_content_pass_set_threads (pass, threads);
  dd_content_pass_set_limit (pass, n);
  if (!dd_content_pass_run (pass, &report, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "bench-decode: %s\n", error->message);
      return 1;
    }
  pass_s = report.seconds;
  n_threads = threads ? (guint) threads : g_get_num_processors ();
  base_rate = n / MAX (base_s, 1e-9);
  pass_rate = report.decoded / MAX (pass_s, 1e-9);

  printf ("%u images (%u the plain loop could not decode), %u cores\n", n, failed,
          g_get_num_processors ());
  printf ("%-62s %7.2f s %9.0f images/s\n", "plain gdk_pixbuf_new_from_file loop, 1 thread",
          base_s, base_rate);
  label = g_strdup_printf ("content pass, %u thread%s (read, hash, decode, checks, writes)",
                           n_threads, n_threads == 1 ? "" : "s");
  printf ("%-62s %7.2f s %9.0f images/s  (%.2f× the loop)\n", label, pass_s, pass_rate,
          pass_rate / base_rate);
  printf ("{\"images\": %u, \"threads\": %u, \"loop_per_s\": %.0f, \"pass_per_s\": %.0f,"
          " \"ratio\": %.2f}\n", n, n_threads,
          base_rate, pass_rate, pass_rate / base_rate);

  g_clear_object (&pass);
  g_clear_object (&catalog);
  remove_catalog (path);
  g_rmdir (dir);
  return 0;
}
