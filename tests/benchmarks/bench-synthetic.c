/* The clock and the synthetic catalog's vocabulary that the catalog benchmarks share. */
#include "config.h"

#include "bench-synthetic.h"

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

DdCatalogWriter *
bench_synthetic_begin (const char *path,
                       const char *root,
                       guint      *out_source,
                       guint      *out_val,
                       guint       corruption_ids[BENCH_CORRUPTIONS])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  g_autoptr(DdCatalogWriter) writer = NULL;
  const char * const *corrs = dd_standard_corruptions ();

  g_assert_no_error (error);
  writer = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_SAMPLES, &error);
  g_assert_no_error (error);
  *out_source = dd_catalog_writer_add_source (writer, root, "tiny-imagenet-c", &error);
  for (guint c = 1; c <= BENCH_CLASSES; c++)
    {
      g_autofree char *wnid = g_strdup_printf ("n%08u", c);
      g_autofree char *name = g_strdup_printf ("class %u", c);
      DdClassInfo info = { .wnid = wnid, .name = name, .in_wnids = TRUE };

      g_assert_cmpuint (dd_catalog_writer_add_class (writer, &info, &error), ==, c);
    }
  *out_val = dd_catalog_writer_ensure_split (writer, "val", &error);
  for (guint k = 0; k < BENCH_CORRUPTIONS; k++)
    corruption_ids[k] = dd_catalog_writer_ensure_corruption (writer, corrs[k], &error);
  g_assert_no_error (error);
  return g_steal_pointer (&writer);
}
