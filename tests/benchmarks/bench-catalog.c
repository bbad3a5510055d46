/* bench-catalog: open, filtered count, facet cube and a page over a large catalog, each
 * next to the same question asked of SQLite directly in the same run.
 *
 *   bench-catalog CATALOG.ddcat      an indexed catalog (e.g. the 750k demo)
 *   bench-catalog --synthetic N      builds a synthetic N-sample catalog in /tmp first
 *                                    (kept there; 200 classes up to 750k, 1,000 past it)
 *
 * The SQL baselines are in bench-sql-baseline.c.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bench-sql-baseline.h"
#include "bench-synthetic.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdSelection) all = NULL;
  g_autoptr(DdSelection) some = NULL;
  g_autoptr(DdFacets) facets = NULL;
  g_autoptr(DdFilter) filter = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdSqlBaseline) sql = NULL;
  double t, t_open, t_all, t_count, t_facets, t_facets_again, t_quota, t_page;
  double s_count, s_cube;
  double t_toggle_select, t_toggle_count, t_toggle_update;
  gint64 rows;

  if (argc == 3 && strcmp (argv[1], "--synthetic") == 0)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT32, &n, &error))
        {
          fprintf (stderr, "bench-catalog: --synthetic: %s\n", error->message);
          return 2;
        }
      path = g_strdup_printf ("%s/bench-catalog-%" G_GUINT64_FORMAT ".ddcat",
                              g_get_tmp_dir (), n);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          t = bench_now_ms ();
          if (!bench_synthesize (path, n, &error))
            {
              fprintf (stderr, "bench-catalog: %s\n", error->message);
              return 1;
            }
          printf ("synthesized %" G_GUINT64_FORMAT " samples (%u classes) in %.0f ms\n", n,
                  bench_synthetic_classes (n), bench_now_ms () - t);
        }
    }
  else if (argc == 2)
    path = g_strdup (argv[1]);
  else
    {
      fprintf (stderr, "usage: bench-catalog CATALOG | --synthetic N\n");
      return 2;
    }

  t = bench_now_ms ();
  catalog = dd_catalog_open (path, 0, &error);
  t_open = bench_now_ms () - t;
  if (catalog == NULL)
    {
      fprintf (stderr, "bench-catalog: %s\n", error->message);
      return 1;
    }

  t = bench_now_ms ();
  all = dd_catalog_select (catalog, NULL, NULL, NULL);
  t_all = bench_now_ms () - t;

  /* A typical medium-level filter: one corruption family, two severities, 20 classes. */
  filter = dd_filter_new ();
  dd_catalog_filter_add_corruption_name (catalog, filter, "blur", NULL);
  dd_filter_add_severity (filter, 4);
  dd_filter_add_severity (filter, 5);
  for (guint c = 1; c <= 200; c += 10)
    dd_filter_add_class (filter, c);
  t = bench_now_ms ();
  some = dd_catalog_select (catalog, filter, NULL, NULL);
  t_count = bench_now_ms () - t;

  t = bench_now_ms ();
  facets = dd_catalog_facets (catalog, all);
  t_facets = bench_now_ms () - t;
  /* the window's second and later counts (a toggle's): the snapshot is the same */
  g_clear_pointer (&facets, dd_facets_free);
  t = bench_now_ms ();
  facets = dd_catalog_facets (catalog, all);
  t_facets_again = bench_now_ms () - t;

  /* a class toggled off in the Medium tab: the subset of every class but one, and its
   * facets counted again, or updated from the whole catalog's by the rows that changed */
  {
    g_autoptr(DdFilter) without = dd_filter_new ();
    g_autoptr(DdSelection) rest = NULL;
    g_autoptr(DdFacets) counted = NULL;
    g_autoptr(DdFacets) updated = NULL;
    guint n_classes = facets->n_classes;

    for (guint c = 0; c < n_classes; c++)
      if (c != 1)
        dd_filter_add_class (without, c);
    t = bench_now_ms ();
    rest = dd_catalog_select (catalog, without, NULL, NULL);
    t_toggle_select = bench_now_ms () - t;
    t = bench_now_ms ();
    counted = dd_catalog_facets (catalog, rest);
    t_toggle_count = bench_now_ms () - t;
    t = bench_now_ms ();
    updated = dd_catalog_facets_update (catalog, facets, all, rest);
    t_toggle_update = bench_now_ms () - t;
    if (updated == NULL || updated->classes[1] != 0 || counted->classes[1] != 0 ||
        memcmp (updated->classes, counted->classes, n_classes * sizeof (guint)) != 0)
      printf ("MISMATCH: the updated facets of a toggled class are not the counted ones\n");
  }

  filter->per_class_limit = 10;
  filter->seed = 7;
  t = bench_now_ms ();
  {
    g_autoptr(DdSelection) quota = dd_catalog_select (catalog, filter, NULL, NULL);
    t_quota = bench_now_ms () - t;
  }

  t = bench_now_ms ();
  page = dd_catalog_get_page (catalog, all, dd_selection_get_n (all) / 2, 256, NULL, NULL);
  t_page = bench_now_ms () - t;

  /* Baselines: the same questions as SQL over the same file. */
  sql = dd_sql_baseline_open (path);
  {
    g_autoptr(GString) classes = g_string_new (NULL);
    g_autofree char *query = NULL;

    for (guint i = 0; filter->classes && i < filter->classes->len; i++)
      g_string_append_printf (classes, "%s%u", i ? "," : "", g_array_index (filter->classes, guint, i));
    query = g_strdup_printf ("SELECT count(*) FROM samples WHERE severity IN (4,5) AND class_id IN (%s)"
                             " AND corruption_id IN (SELECT id FROM corruptions WHERE family = 'blur')",
                             classes->str);
    s_count = dd_sql_baseline_time (sql, query, &rows);
    if ((guint) rows != dd_selection_get_n (some))
      printf ("MISMATCH: SQL counted %" G_GINT64_FORMAT ", catalog %u\n", rows, dd_selection_get_n (some));
  }
  s_cube = dd_sql_baseline_time (sql, "SELECT class_id, corruption_id, severity, count(*) FROM samples"
                                      " GROUP BY class_id, corruption_id, severity", &rows);

  printf ("catalog: %s (%u samples)\n", path, dd_selection_get_n (all));
  printf ("%-34s %10s %12s\n", "", "DataDive", "SQL baseline");
  printf ("%-34s %8.1f ms\n", "open (vocabulary + snapshot)", t_open);
  printf ("%-34s %8.1f ms\n", "select all", t_all);
  printf ("%-34s %8.1f ms %9.1f ms   (%u samples)\n", "filtered count (blur, sev 4-5, 20 cl)",
          t_count, s_count, dd_selection_get_n (some));
  printf ("%-34s %8.1f ms %9.1f ms\n", "facet cube class×corruption×sev", t_facets, s_cube);
  printf ("%-34s %8.1f ms\n", "the same cube again", t_facets_again);
  printf ("%-34s %8.1f ms\n", "a class toggled off: select", t_toggle_select);
  printf ("%-34s %8.1f ms   (counted again: %.1f ms)\n", "  its facets, updated by the diff",
          t_toggle_update, t_toggle_count);
  printf ("%-34s %8.1f ms\n", "same filter + 10 per class, seed", t_quota);
  printf ("%-34s %8.1f ms   (%u rows)\n", "page of 256 details (middle)", t_page, page ? page->len : 0);
  printf ("{\"samples\": %u, \"open_ms\": %.1f, \"count_ms\": %.1f, \"count_sql_ms\": %.1f,"
          " \"cube_ms\": %.1f, \"cube_sql_ms\": %.1f, \"quota_ms\": %.1f, \"page_ms\": %.1f,"
          " \"cube_again_ms\": %.1f, \"toggle_select_ms\": %.1f, \"toggle_facets_ms\": %.1f,"
          " \"toggle_recount_ms\": %.1f}\n",
          dd_selection_get_n (all), t_open, t_count, s_count, t_facets, s_cube, t_quota, t_page,
          t_facets_again, t_toggle_select, t_toggle_update, t_toggle_count);
  return 0;
}
