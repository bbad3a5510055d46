/* bench-model: a model run of N rows (750,000 by default) on a synthetic N-sample
 * catalog — the import next to plain reads of the same CSV in the same run (a libcsv
 * parse that only counts fields, and an fgets/strchr loop), then the robustness report
 * and a filter by outcome.
 *
 *   bench-model [N]     (the catalog and the CSV go to a temporary folder, removed after)
 */
#include "config.h"

#include <csv.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-synthetic.h"
#include "dd-catalog-writer.h"
#include "dd-model.h"
#include "dd-test-util.h"

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU seconds (user + system) of this process: the machine may be shared. */
static double
cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
         ru.ru_stime.tv_usec / 1e6;
}

static void
synthesize (const char *path,
            guint       n)
{
  g_autoptr(GError) error = NULL;
  const char * const *corrs = dd_standard_corruptions ();
  guint corr_ids[BENCH_CORRUPTIONS];
  guint source, val;
  g_autoptr(DdCatalogWriter) writer =
    bench_synthetic_begin (path, "/data/C", DD_CATALOG_WRITE_SAMPLES | DD_CATALOG_WRITE_BULK,
                           &source, &val, corr_ids);

  for (guint i = 0; i < n; i++)
    {
      guint k = (i / 50) % 15, s = 1 + (i / 750) % 5, c = 1 + (i / 3750) % 200;
      char key[128];
      DdSampleRow row = {
        .source_id = source, .key = key, .class_id = c, .corruption_id = corr_ids[k],
        .severity = s, .split_id = val,
      };

      g_snprintf (key, sizeof key, "C/%s/%u/n%08u/val_%u.JPEG", corrs[k], s, c,
                  i % 50 + (i / 3750 / 200) * 50);
      g_assert_cmpint (dd_catalog_writer_add_sample (writer, &row, &error), >, 0);
    }
  g_assert_true (dd_catalog_writer_commit (g_steal_pointer (&writer), &error));
  g_assert_no_error (error);
}

/* The run: error rising with severity; absolute paths, wnids, confidence, loss. */
static void
write_csv (const char *path,
           guint       n)
{
  const char * const *corrs = dd_standard_corruptions ();
  FILE *out = fopen (path, "w");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  g_assert_nonnull (out);
  fputs ("path,prediction,confidence,loss\n", out);
  for (guint i = 0; i < n; i++)
    {
      guint k = (i / 50) % 15, s = 1 + (i / 750) % 5, c = 1 + (i / 3750) % 200;
      gboolean wrong = g_rand_double (rand) < 0.1 + 0.12 * s;
      guint predicted = wrong ? 1 + c % 200 : c;

      fprintf (out, "/data/C/%s/%u/n%08u/val_%u.JPEG,n%08u,%.4f,%.4f\n", corrs[k], s, c,
               i % 50 + (i / 3750 / 200) * 50, predicted, 0.3 + 0.6 * g_rand_double (rand),
               3 * g_rand_double (rand));
    }
  g_assert_cmpint (fclose (out), ==, 0);
}

static void
count_field (void *s, size_t len, void *data)
{
  ((guint64 *) data)[0]++;
}

static void
count_row (int c, void *data)
{
  ((guint64 *) data)[1]++;
}

/* libcsv over the file, counting fields and rows: the parser's own cost. */
static guint64
read_libcsv (const char *path)
{
  struct csv_parser p;
  guint64 counts[2] = { 0, 0 };
  g_autofree char *buffer = g_malloc (256 * 1024);
  FILE *in = fopen (path, "r");
  size_t n;

  csv_init (&p, CSV_STRICT | CSV_APPEND_NULL);
  while ((n = fread (buffer, 1, 256 * 1024, in)) > 0)
    g_assert_cmpuint (csv_parse (&p, buffer, n, count_field, count_row, counts), ==, n);
  csv_fini (&p, count_field, count_row, counts);
  csv_free (&p);
  fclose (in);
  return counts[1];
}

/* The plainest loop: fgets and strchr over the commas (no quoting at all). */
static guint64
read_fgets (const char *path)
{
  char line[4096];
  guint64 rows = 0, fields = 0;
  FILE *in = fopen (path, "r");

  while (fgets (line, sizeof line, in))
    {
      for (char *c = line; (c = strchr (c, ',')); c++)
        fields++;
      rows++;
    }
  fclose (in);
  g_assert_cmpuint (fields, ==, rows * 3);
  return rows;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 750000;
  g_autofree char *dir = g_dir_make_tmp ("bench-model-XXXXXX", NULL);
  g_autofree char *catalog_path = g_build_filename (dir, "c.ddcat", NULL);
  g_autofree char *csv = g_build_filename (dir, "run.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdModelImport) result = NULL;
  g_autoptr(DdModelReport) report = NULL;
  g_autoptr(DdModelClause) clause = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DdFilter) filter = NULL;
  g_autoptr(DdSelection) sel = NULL;
  double t, t_csv, t_fgets, t_import, t_report, t_clause, t_select;
  double c, c_csv, c_fgets, c_import, c_report, c_clause, c_select;
  double t_again, c_again;
  GStatBuf st;

  synthesize (catalog_path, n);
  write_csv (csv, n);
  g_stat (csv, &st);
  catalog = dd_catalog_open (catalog_path, DD_CATALOG_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* the file is in the page cache for all three: written just now, read once first */
  read_fgets (csv);
  t = now_s (), c = cpu_s ();
  g_assert_cmpuint (read_libcsv (csv), ==, n + 1);
  t_csv = now_s () - t, c_csv = cpu_s () - c;
  t = now_s (), c = cpu_s ();
  g_assert_cmpuint (read_fgets (csv), ==, n + 1);
  t_fgets = now_s () - t, c_fgets = cpu_s () - c;

  t = now_s (), c = cpu_s ();
  result = dd_model_import (catalog, "bench", csv, NULL, NULL, &error);
  t_import = now_s () - t, c_import = cpu_s () - c;
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, n);

  t = now_s (), c = cpu_s ();
  report = dd_model_report (catalog, "bench", NULL, &error);
  t_report = now_s () - t, c_report = cpu_s () - c;
  g_assert_no_error (error);

  clause = dd_model_clause_new ("bench");
  clause->outcome = DD_MODEL_OUTCOME_WRONG;
  t = now_s (), c = cpu_s ();
  ids = dd_model_clause_ids (clause, catalog, &error);
  t_clause = now_s () - t, c_clause = cpu_s () - c;
  g_assert_no_error (error);
  {
    g_autoptr(GArray) again = NULL;

    t = now_s (), c = cpu_s ();
    again = dd_model_clause_ids (clause, catalog, &error);
    t_again = now_s () - t, c_again = cpu_s () - c;
    g_assert_cmpuint (again->len, ==, ids->len);
  }
  filter = dd_filter_new ();
  dd_filter_add_corruption (filter, dd_catalog_lookup_corruption (catalog, "fog"));
  filter->within_ids = g_array_ref (ids);
  t = now_s (), c = cpu_s ();
  sel = dd_catalog_select (catalog, filter, NULL, &error);
  t_select = now_s () - t, c_select = cpu_s () - c;
  g_assert_no_error (error);

  printf ("rows %u, CSV %.1f MB                  wall       CPU\n", n, st.st_size / 1e6);
  printf ("plain read, fgets + strchr       %7.3f s  %7.3f s\n", t_fgets, c_fgets);
  printf ("plain read, libcsv (parse only)  %7.3f s  %7.3f s\n", t_csv, c_csv);
  printf ("model import (one transaction)   %7.3f s  %7.3f s  (%.0f rows/s wall)\n", t_import,
          c_import, n / t_import);
  printf ("report (reads the run: SQL join) %7.3f s  %7.3f s  (accuracy %.3f, mCE %.4f)\n",
          t_report, c_report, report->accuracy, report->mce);
  printf ("outcome wrong (run kept in RAM)  %7.3f s  %7.3f s  (%u samples)\n", t_clause,
          c_clause, ids->len);
  printf ("  again                          %7.3f s  %7.3f s\n", t_again, c_again);
  printf ("  + fog, in the snapshot         %7.3f s  %7.3f s  (%u samples)\n", t_select,
          c_select, dd_selection_get_n (sel));
  g_clear_object (&catalog);
  dd_test_rm_rf (dir);
  return 0;
}
