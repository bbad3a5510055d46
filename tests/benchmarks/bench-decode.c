/* bench-decode DATASET_DIR: the content pass (bounded pool, one read per file, hash +
 * decode + checks) next to a plain single-threaded gdk_pixbuf_new_from_file() loop
 * over the same files, in one run. Prints images per second and the ratio. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "dd-content.h"
#include "dd-scanner.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdScanner) scanner = NULL;
  g_autoptr(DdScanReport) scan = NULL;
  g_autoptr(DdContentPass) pass = NULL;
  g_autoptr(DdSelection) all = NULL;
  DdContentReport report;
  const char *roots[2] = { NULL, NULL };
  guint n, failed = 0;
  gint64 t0;
  double base_s, pass_s;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-decode DATASET_DIR\n");
      return 2;
    }
  dir = g_dir_make_tmp ("bench-decode-XXXXXX", NULL);
  path = g_build_filename (dir, "bench.ddcat", NULL);
  catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  scanner = dd_scanner_new (catalog);
  roots[0] = argv[1];
  if (!(scan = dd_scanner_run (scanner, roots, NULL, NULL, NULL, &error)))
    {
      fprintf (stderr, "bench-decode: %s\n", error->message);
      return 1;
    }
  all = dd_catalog_select (catalog, NULL, NULL, NULL);
  n = dd_selection_get_n (all);

  /* the plain loop first: it also warms the page cache for both */
  t0 = g_get_monotonic_time ();
  for (guint offset = 0; offset < n; offset += 4096)
    {
      g_autoptr(GPtrArray) page = dd_catalog_get_page (catalog, all, offset, 4096, NULL, NULL);
      for (guint i = 0; i < page->len; i++)
        {
          DdSampleInfo *info = g_ptr_array_index (page, i);
          GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (info->path, NULL);
          if (pixbuf)
            g_object_unref (pixbuf);
          else
            failed++;
        }
    }
  base_s = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;

  pass = dd_content_pass_new (catalog);
  if (!dd_content_pass_run (pass, &report, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "bench-decode: %s\n", error->message);
      return 1;
    }
  pass_s = report.seconds;

  printf ("tree: %s (%u images, %u the plain loop could not decode)\n", argv[1], n, failed);
  printf ("%-44s %8.1f s %10.0f images/s\n", "plain gdk_pixbuf_new_from_file loop, 1 thread",
          base_s, n / base_s);
  printf ("%-44s %8.1f s %10.0f images/s   (%.2f× the loop; %u threads)\n",
          "content pass (read + hash + decode + checks)", pass_s, report.decoded / pass_s,
          (report.decoded / pass_s) / (n / base_s), g_get_num_processors ());
  printf ("{\"images\": %u, \"loop_per_s\": %.0f, \"pass_per_s\": %.0f}\n", n, n / base_s,
          report.decoded / pass_s);
  g_clear_object (&pass);
  g_clear_object (&scanner);
  g_clear_object (&catalog);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
