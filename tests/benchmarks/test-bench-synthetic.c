/* Tests of bench-catalog's synthetic catalog: N distinct samples however large N is
 * (it used to repeat its keys past 750,000 and so never reached N), 1,000 classes past
 * 750k, and a small catalog written for real. */
#include "config.h"

#include <string.h>

#include "bench-synthetic.h"
#include "dd-test-util.h"

static guint64
pack (const BenchSyntheticRow *row)
{
  g_assert_cmpuint (row->class_id, >=, 1);
  g_assert_cmpuint (row->class_id, <=, 1000);
  g_assert_cmpuint (row->corruption, <, DD_N_STANDARD_CORRUPTIONS);
  g_assert_cmpuint (row->severity, >=, 1);
  g_assert_cmpuint (row->severity, <=, 5);
  g_assert_cmpuint (row->image, <, G_GUINT64_CONSTANT (1) << 40);
  return ((guint64) row->class_id << 47) | ((guint64) row->corruption << 43) |
         ((guint64) row->severity << 40) | row->image;
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Rows @i = 0, @step, 2 × @step … of a catalog of @n are all different. */
static void
assert_distinct (guint64 n,
                 guint64 step)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint max_class = 0;

  for (guint64 i = 0; i < n; i += step)
    {
      BenchSyntheticRow row;
      guint64 packed;

      bench_synthetic_row (n, i, &row);
      packed = pack (&row);
      g_array_append_val (rows, packed);
      max_class = MAX (max_class, row.class_id);
    }
  g_array_sort (rows, compare_u64);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpuint (g_array_index (rows, guint64, i - 1), <, g_array_index (rows, guint64, i));
  g_assert_cmpuint (max_class, <=, bench_synthetic_classes (n));
}

static void
test_classes (void)
{
  g_assert_cmpuint (bench_synthetic_classes (1), ==, 200);
  g_assert_cmpuint (bench_synthetic_classes (750000), ==, 200);
  g_assert_cmpuint (bench_synthetic_classes (750001), ==, 1000);
  g_assert_cmpuint (bench_synthetic_classes (5000000), ==, 1000);
}

static void
test_distinct (void)
{
  BenchSyntheticRow row;
  char key[128];

  /* every row past the old 750k limit, and a stride through 5 M */
  assert_distinct (800000, 1);
  assert_distinct (5000000, 7);

  /* ImageNet-C's 3.75 M use all 1,000 classes, 50 a cell */
  bench_synthetic_row (3750000, 3749999, &row);
  g_assert_cmpuint (row.class_id, ==, 1000);
  g_assert_cmpuint (row.severity, ==, 5);
  g_assert_cmpuint (row.corruption, ==, DD_N_STANDARD_CORRUPTIONS - 1);
  g_assert_cmpuint (row.image, ==, 50000);
  bench_synthetic_key (&row, key, sizeof key);
  g_assert_cmpstr (key, ==, "C/jpeg_compression/5/n00001000/val_00050000.JPEG");
}

/* A real catalog: as many samples as asked, the classes of that size. */
static void
test_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-bench-synthetic-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "s.ddcat", NULL);
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_no_error (error);
  g_assert_true (bench_synthesize (path, 4000, &error));
  g_assert_no_error (error);
  catalog = dd_catalog_open (path, DD_CATALOG_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 4000);
  classes = dd_catalog_list_classes (catalog);
  g_assert_cmpuint (classes->len, >=, 200);
  g_clear_object (&catalog);
  /* only the catalog is left: the temporary file was renamed */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "s.ddcat");
  g_assert_null (g_dir_read_name (listing));
  dd_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bench-synthetic/classes", test_classes);
  g_test_add_func ("/bench-synthetic/rows-distinct", test_distinct);
  g_test_add_func ("/bench-synthetic/catalog", test_catalog);
  return g_test_run ();
}
