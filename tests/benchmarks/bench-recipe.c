/* bench-recipe: recipe evaluation (recipe → filter → selection → count + facets) over a
 * large catalog, each next to the equivalent SQL count asked of SQLite in the same run.
 *
 *   bench-recipe CATALOG.ddcat     an indexed catalog (e.g. the 750k demo)
 *   bench-recipe                   builds a synthetic Tiny-ImageNet-C-sized catalog
 *                                  (200 classes × 50 val images × 76 variants =
 *                                  760,000 samples) in the temporary folder first
 *
 * The SQL counts are asked through bench-sql-baseline.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-frames.h"
#include "bench-sql-baseline.h"
#include "bench-synthetic.h"
/* A sample's key in plain SQL: its folder's path and its name (schema 6). */
#define KEY_SQL "((SELECT path FROM folders WHERE id = samples.folder_id) || samples.name)"

#include "dd-recipe.h"

#define RUNS 7
#define N_OVERRIDES 10000

static int
cmp_strp (gconstpointer a,
          gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
synthesize (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char * const *corrs = dd_standard_corruptions ();
  guint corr_ids[BENCH_CORRUPTIONS];
  guint source, val;
  guint n = 0;
  g_autoptr(DdCatalogWriter) writer = bench_synthetic_begin (path, "/data/Tiny-ImageNet-C",
                                                             DD_CATALOG_WRITE_SAMPLES,
                                                             &source, &val, corr_ids);

  for (guint c = 1; c <= 200; c++)
    for (guint k = 0; k <= 15; k++)
      for (guint s = (k == 0 ? 0 : 1); s <= (k == 0 ? 0 : 5); s++)
        for (guint i = 0; i < 50; i++)
          {
            char key[160];
            DdSampleRow row = {
              .source_id = source, .key = key, .class_id = c,
              .corruption_id = k == 0 ? 0 : corr_ids[k - 1], .severity = s, .split_id = val,
              .flags = (++n % 997) == 0 ? DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) : 0,
            };

            if (k == 0)
              g_snprintf (key, sizeof key, "tiny-imagenet-200/val/images/val_%u.JPEG",
                          (c - 1) * 50 + i);
            else
              g_snprintf (key, sizeof key, "Tiny-ImageNet-C/%s/%u/n%08u/val_%u.JPEG",
                          corrs[k - 1], s, c, (c - 1) * 50 + i);
            g_assert_cmpint (dd_catalog_writer_add_sample (writer, &row, &error), >, 0);
          }
  g_assert_true (dd_catalog_writer_commit (g_steal_pointer (&writer), &error));
  g_assert_no_error (error);
}

/* Median ms of RUNS evaluations: recipe → filter → select → count + facets. */
static double
time_recipe (DdCatalog *catalog,
             DdRecipe  *recipe,
             guint     *out_n,
             double    *out_first)
{
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdSelection) sel = NULL;
      g_autoptr(DdFacets) facets = NULL;
      double t = bench_now_ms ();

      sel = dd_recipe_evaluate (recipe, catalog, NULL, NULL, &error);
      if (sel == NULL)
        g_error ("evaluation failed: %s", error->message);
      facets = dd_catalog_facets (catalog, sel);
      times[r] = bench_now_ms () - t;
      *out_n = facets->total;
      if (r == 0 && out_first)
        *out_first = times[0];
    }
  return bench_median (times, RUNS);
}

static void
report (const char *what,
        double      ms,
        guint       n,
        double      sql_ms,
        gint64      sql_n)
{
  printf ("%-44s %8.1f ms %9.1f ms   %7u", what, ms, sql_ms, n);
  if (sql_n >= 0 && (guint) sql_n != n)
    printf ("   (SQL counted %" G_GINT64_FORMAT ")", sql_n);
  printf ("\n");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GPtrArray) include = NULL;
  g_autoptr(GPtrArray) exclude = NULL;
  g_autoptr(GString) class_list = g_string_new (NULL);
  g_autoptr(GString) class_ids = g_string_new (NULL);
  g_autoptr(DdRecipe) all = NULL;
  g_autoptr(DdRecipe) medium = NULL;
  g_autoptr(DdRecipe) quota = NULL;
  g_autoptr(DdRecipe) flags = NULL;
  g_autoptr(DdRecipe) overrides = NULL;
  g_autoptr(DdRecipe) toggled = NULL;
  g_autofree char *path = NULL;
  g_autofree char *medium_json = NULL;
  g_autofree char *overrides_json = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *rules_sql = NULL;
  g_autoptr(DdSqlBaseline) db = NULL;
  double t, ms, sql_ms, first = 0;
  guint n;
  gint64 sql_n;

  if (argc == 2)
    path = g_strdup (argv[1]);
  else if (argc == 1)
    {
      path = g_build_filename (g_get_tmp_dir (), "bench-recipe-760k.ddcat", NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          t = bench_now_ms ();
          synthesize (path);
          printf ("synthesized 760000 samples in %.0f ms\n", bench_now_ms () - t);
        }
    }
  else
    {
      fprintf (stderr, "usage: bench-recipe [CATALOG]\n");
      return 2;
    }

  catalog = dd_catalog_open (path, 0, &error);
  if (catalog == NULL)
    {
      fprintf (stderr, "bench-recipe: %s\n", error->message);
      return 1;
    }
  db = dd_sql_baseline_open (path);
  printf ("catalog: %s (%u samples)\n", path, dd_catalog_get_n_samples (catalog));
  printf ("%-44s %11s %12s %10s\n", "", "DataDive", "SQL count", "samples");

  /* 20 classes spread over the vocabulary, by wnid. */
  classes = dd_catalog_list_classes (catalog);
  for (guint i = 0; i < classes->len; i += MAX (classes->len / 20, 1))
    {
      DdClassInfo *info = g_ptr_array_index (classes, i);
      g_string_append_printf (class_list, "%s\"%s\"", class_list->len ? ", " : "", info->wnid);
      g_string_append_printf (class_ids, "%s%u", class_ids->len ? "," : "", info->id);
    }

  all = dd_recipe_new ();
  ms = time_recipe (catalog, all, &n, NULL);
  sql_ms = dd_sql_baseline_count (db, "SELECT count(*) FROM samples", &sql_n);
  report ("all samples", ms, n, sql_ms, sql_n);

  medium_json = g_strdup_printf ("{\"classes\": [%s], \"corruptions\": [\"blur\"],"
                                 " \"severities\": [4, 5], \"splits\": [\"val\"]}",
                                 class_list->str);
  medium = dd_recipe_new_from_json (medium_json, -1, &error);
  g_assert_no_error (error);
  ms = time_recipe (catalog, medium, &n, NULL);
  rules_sql = g_strdup_printf ("class_id IN (%s) AND severity IN (4, 5)"
                               " AND corruption_id IN (SELECT id FROM corruptions"
                               "  WHERE family = 'blur')"
                               " AND split_id IN (SELECT id FROM splits WHERE name = 'val')",
                               class_ids->str);
  sql = g_strdup_printf ("SELECT count(*) FROM samples WHERE %s", rules_sql);
  sql_ms = dd_sql_baseline_count (db, sql, &sql_n);
  report ("20 classes, blur, severity 4-5, val", ms, n, sql_ms, sql_n);

  quota = dd_recipe_with_quota (all, 100, 7);
  ms = time_recipe (catalog, quota, &n, NULL);
  g_free (sql);
  sql = g_strdup ("SELECT count(*) FROM (SELECT row_number() OVER (PARTITION BY class_id"
                  " ORDER BY (keyhash * 2654435761 + 7) % 4294967291) AS r FROM samples)"
                  " WHERE r <= 100");
  sql_ms = dd_sql_baseline_count (db, sql, &sql_n);
  report ("everything, 100 per class (seed 7)", ms, n, sql_ms, sql_n);

  flags = dd_recipe_new_from_json ("{\"corruptions\": [\"noise\", \"none\"],"
                                   " \"exclude_flags\": [\"undecodable\"],"
                                   " \"per_class_limit\": 10, \"seed\": 3}", -1, &error);
  g_assert_no_error (error);
  ms = time_recipe (catalog, flags, &n, NULL);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM (SELECT row_number() OVER (PARTITION BY class_id"
                         " ORDER BY (keyhash * 2654435761 + 3) %% 4294967291) AS r FROM samples"
                         " WHERE flags & %u = 0 AND corruption_id IN (SELECT id FROM corruptions"
                         "  WHERE family IN ('noise', 'none'))) WHERE r <= 10",
                         DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE));
  sql_ms = dd_sql_baseline_count (db, sql, &sql_n);
  report ("noise + clean, no undecodable, 10 per class", ms, n, sql_ms, sql_n);

  /* 10,000 overrides on the medium recipe: 5,000 real keys forced in from outside it,
   * 4,900 forced out from inside it and 100 keys of files that vanished. */
  include = dd_sql_baseline_strings (db, "SELECT " KEY_SQL " FROM samples WHERE severity = 1"
                                         " ORDER BY keyhash LIMIT 5000");
  g_free (sql);
  sql = g_strdup_printf ("SELECT " KEY_SQL " FROM samples WHERE %s ORDER BY keyhash LIMIT 4900",
                         rules_sql);
  exclude = dd_sql_baseline_strings (db, sql);
  for (guint i = 0; exclude->len < N_OVERRIDES - include->len; i++)
    g_ptr_array_add (exclude, g_strdup_printf ("vanished/file_%u.JPEG", i));
  {
    g_autoptr(DdRecipe) a = dd_recipe_with_override (medium, (const char * const *) include->pdata,
                                                     include->len, DD_RECIPE_OVERRIDE_INCLUDE);
    g_autoptr(DdRecipe) b = dd_recipe_with_override (a, (const char * const *) exclude->pdata,
                                                     exclude->len, DD_RECIPE_OVERRIDE_EXCLUDE);
    /* Parse from text so that no id is cached yet. */
    overrides_json = dd_recipe_to_json (b);
  }
  t = bench_now_ms ();
  overrides = dd_recipe_new_from_json (overrides_json, -1, &error);
  g_assert_no_error (error);
  printf ("%-44s %8.1f ms   (%zu bytes of JSON)\n", "parse recipe with 10,000 overrides",
          bench_now_ms () - t, strlen (overrides_json));

  ms = time_recipe (catalog, overrides, &n, &first);
  /* Baseline: the keys in temporary tables (filled outside the timing), then one query. */
  dd_sql_baseline_key_table (db, "inc", include);
  dd_sql_baseline_key_table (db, "exc", exclude);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM samples WHERE ((%s) OR " KEY_SQL " IN (SELECT key"
                         " FROM inc)) AND " KEY_SQL " NOT IN (SELECT key FROM exc)", rules_sql);
  sql_ms = dd_sql_baseline_count (db, sql, &sql_n);
  report ("same + 10,000 overrides, first (look-ups)", first, n, sql_ms, sql_n);
  report ("same + 10,000 overrides, again (cached ids)", ms, n, sql_ms, sql_n);

  /* One more fine edit: only the new key is looked up. */
  toggled = dd_recipe_toggle_exclude (overrides, (const char * const *) include->pdata, 1);
  t = bench_now_ms ();
  {
    g_autoptr(DdSelection) sel = dd_recipe_evaluate (toggled, catalog, NULL, NULL, &error);
    g_autoptr(DdFacets) facets = NULL;

    g_assert_no_error (error);
    facets = dd_catalog_facets (catalog, sel);
    n = facets->total;
  }
  printf ("%-44s %8.1f ms %22u\n", "toggle one key, re-evaluate", bench_now_ms () - t, n);

  t = bench_now_ms ();
  {
    g_autoptr(GPtrArray) keys = dd_sql_baseline_strings (db, "SELECT " KEY_SQL " FROM samples"
                                                             " ORDER BY keyhash LIMIT 100000");
    g_autofree gint64 *ids = NULL;
    const guint n_keys = 100000;

    g_ptr_array_sort (keys, cmp_strp);
    ids = g_new (gint64, keys->len);
    t = bench_now_ms ();
    dd_catalog_lookup_keys (catalog, (const char * const *) keys->pdata, keys->len, ids, &error);
    g_assert_no_error (error);
    printf ("%-44s %8.1f ms   (%u keys)\n", "batch key look-up", bench_now_ms () - t,
            MIN (keys->len, n_keys));
  }

  return 0;
}
