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

/* The changes dd_selection_diff() finds, applied last first to @old's ids, give
 * @new_'s; their number. */
static guint
assert_diff (DdSelection *old,
             DdSelection *new_)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (DdSelectionChange));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < dd_selection_get_n (old); i++)
    {
      gint64 id = dd_selection_get_id (old, i);
      g_array_append_val (ids, id);
    }
  g_assert_true (dd_selection_diff (old, new_, G_MAXUINT, changes));
  for (guint k = changes->len; k-- > 0;)
    {
      DdSelectionChange *c = &g_array_index (changes, DdSelectionChange, k);

      g_array_remove_range (ids, c->old_position, c->removed);
      for (guint a = 0; a < c->added; a++)
        {
          gint64 id = dd_selection_get_id (new_, c->new_position + a);
          g_array_insert_val (ids, c->old_position + a, id);
        }
    }
  g_assert_cmpuint (ids->len, ==, dd_selection_get_n (new_));
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, dd_selection_get_id (new_, i));
  return changes->len;
}

/* Selections of thousands of rows differ in stretches shorter and longer than the
 * blocks dd_selection_diff() compares at once, and at every offset in them. */
static void
test_long_diffs (DdCatalog *catalog)
{
  g_autoptr(DdSelection) all = dd_catalog_select (catalog, NULL, NULL, NULL);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);

  g_assert_cmpuint (assert_diff (all, all), ==, 0);
  for (guint c = 1; c <= 5; c += 2)   /* classes come 3,750 rows each, in order */
    {
      g_autoptr(DdFilter) without = dd_filter_new ();
      g_autoptr(DdSelection) fewer = NULL;

      for (guint k = 0; k < classes->len; k++)
        {
          DdClassInfo *info = g_ptr_array_index (classes, k);

          if (info && k != c)
            dd_filter_add_class (without, info->id);
        }
      fewer = dd_catalog_select (catalog, without, NULL, NULL);
      g_assert_cmpuint (dd_selection_get_n (fewer), <, dd_selection_get_n (all));
      g_assert_cmpuint (assert_diff (all, fewer), >, 0);
      g_assert_cmpuint (assert_diff (fewer, all), >, 0);
    }
  /* one sample out at the last place of a block, and at the first of the next */
  for (guint at = 511; at <= 2048; at += 1025)
    {
      g_autoptr(DdFilter) minus = dd_filter_new ();
      g_autoptr(DdSelection) fewer = NULL;
      gint64 id = dd_selection_get_id (all, at);

      minus->exclude_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (minus->exclude_ids, id);
      fewer = dd_catalog_select (catalog, minus, NULL, NULL);
      g_assert_cmpuint (assert_diff (all, fewer), ==, 1);
      g_assert_cmpuint (assert_diff (fewer, all), ==, 1);
    }
  for (guint sev = 1; sev <= 5; sev += 2)
    {
      g_autoptr(DdFilter) one = dd_filter_new ();
      g_autoptr(DdSelection) some = NULL;

      dd_filter_add_severity (one, sev);
      some = dd_catalog_select (catalog, one, NULL, NULL);
      assert_diff (all, some);
      assert_diff (some, all);
    }
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
  g_assert_true (bench_synthesize (path, 20000, &error));
  g_assert_no_error (error);
  catalog = dd_catalog_open (path, DD_CATALOG_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, 20000);
  classes = dd_catalog_list_classes (catalog);
  g_assert_cmpuint (classes->len, >=, 200);
  test_long_diffs (catalog);
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
