/* The synthetic catalog of bench-catalog --synthetic N (blocks of 50 samples a corruption
 * cell, cells in corruption, severity, class order, then again with the next 50 images of
 * each cell until N: every key unique, however large N is), the benchmarks' clock, and the
 * vocabulary the small synthetic catalogs of bench-catalog and bench-recipe begin with. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "bench-synthetic.h"
#include "dd-catalog-writer.h"

#define PER_CELL   50
#define N_SEVERITY 5

guint
bench_synthetic_classes (guint64 n)
{
  return n <= (guint64) 200 * DD_N_STANDARD_CORRUPTIONS * N_SEVERITY * PER_CELL ? 200 : 1000;
}

void
bench_synthetic_row (guint64            n,
                     guint64            i,
                     BenchSyntheticRow *row)
{
  guint classes = bench_synthetic_classes (n);
  guint64 round = (guint64) classes * DD_N_STANDARD_CORRUPTIONS * N_SEVERITY * PER_CELL;
  guint64 in_round = i % round;

  row->corruption = (in_round / PER_CELL) % DD_N_STANDARD_CORRUPTIONS;
  row->severity = 1 + (in_round / (PER_CELL * DD_N_STANDARD_CORRUPTIONS)) % N_SEVERITY;
  row->class_id = 1 + in_round / (PER_CELL * DD_N_STANDARD_CORRUPTIONS * N_SEVERITY);
  /* the image: its class's (i / round)-th block of 50, like a val number */
  row->image = ((i / round) * classes + (row->class_id - 1)) * PER_CELL +
               in_round % PER_CELL + 1;
}

void
bench_synthetic_key (const BenchSyntheticRow *row,
                     char                    *key,
                     gsize                    size)
{
  g_snprintf (key, size, "C/%s/%u/n%08u/val_%08" G_GUINT64_FORMAT ".JPEG",
              dd_standard_corruptions ()[row->corruption], row->severity, row->class_id,
              row->image);
}

static gboolean
write_catalog (const char *path,
               guint64     n,
               GError    **error)
{
  g_autoptr(DdCatalog) catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, error);
  g_autoptr(DdCatalogWriter) writer = NULL;
  const char * const *corrs = dd_standard_corruptions ();
  guint classes = bench_synthetic_classes (n);
  guint corr_ids[DD_N_STANDARD_CORRUPTIONS];
  guint source, val;

  if (catalog == NULL ||
      !(writer = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_SAMPLES, error)) ||
      !(source = dd_catalog_writer_add_source (writer, "/data/C",
                                                classes == 200 ? "tiny-imagenet-c"
                                                               : "imagenet-c", error)))
    return FALSE;
  for (guint c = 1; c <= classes; c++)
    {
      g_autofree char *wnid = g_strdup_printf ("n%08u", c);
      g_autofree char *name = g_strdup_printf ("class %u", c);
      DdClassInfo info = { .wnid = wnid, .name = name, .in_wnids = TRUE };

      if (dd_catalog_writer_add_class (writer, &info, error) != c)
        return FALSE;
    }
  if (!(val = dd_catalog_writer_ensure_split (writer, "val", error)))
    return FALSE;
  for (guint k = 0; k < DD_N_STANDARD_CORRUPTIONS; k++)
    if (!(corr_ids[k] = dd_catalog_writer_ensure_corruption (writer, corrs[k], error)))
      return FALSE;
  for (guint64 i = 0; i < n; i++)
    {
      BenchSyntheticRow r;
      char key[128];
      DdSampleRow row = { .source_id = source, .key = key, .split_id = val };

      bench_synthetic_row (n, i, &r);
      bench_synthetic_key (&r, key, sizeof key);
      row.class_id = r.class_id;
      row.corruption_id = corr_ids[r.corruption];
      row.severity = r.severity;
      if (dd_catalog_writer_add_sample (writer, &row, error) <= 0)
        return FALSE;
    }
  return dd_catalog_writer_commit (g_steal_pointer (&writer), error);
}

gboolean
bench_synthesize (const char *path,
                  guint64     n,
                  GError    **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  gboolean ok = write_catalog (tmp, n, error);

  /* the catalog is closed: its -wal was checkpointed into it */
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      ok = FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *leftover = g_strconcat (tmp, suffixes[i], NULL);
      g_unlink (leftover);
    }
  return ok;
}

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

DdCatalogWriter *
bench_synthetic_begin (const char          *path,
                       const char          *root,
                       DdCatalogWriteFlags  flags,
                       guint               *out_source,
                       guint               *out_val,
                       guint                corruption_ids[BENCH_CORRUPTIONS])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  g_autoptr(DdCatalogWriter) writer = NULL;
  const char * const *corrs = dd_standard_corruptions ();

  g_assert_no_error (error);
  writer = dd_catalog_writer_begin (catalog, flags, &error);
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
