/* Catalog fixtures of the test programs, written through DdCatalogWriter. */
#include "config.h"

#include "dd-catalog-db.h"
#include "dd-catalog-runs.h"   /* dd_catalog_writer_sample_of_key */
#include "dd-test-catalog.h"

DdCatalogWriter *
dd_test_writer (DdCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  DdCatalogWriter *writer = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_SAMPLES, &error);

  g_assert_no_error (error);
  g_assert_nonnull (writer);
  return writer;
}

void
dd_test_commit (DdCatalogWriter *writer)
{
  g_autoptr(GError) error = NULL;
  DdCatalog *catalog = g_object_ref (dd_catalog_writer_get_catalog (writer));

  g_assert_true (dd_catalog_writer_commit (writer, &error));
  g_assert_no_error (error);
  g_assert_true (dd_catalog_reload (catalog, &error));
  g_assert_no_error (error);
  g_object_unref (catalog);
}

guint
dd_test_add_source (DdCatalogWriter *writer,
                    const char      *root,
                    const char      *layout)
{
  g_autoptr(GError) error = NULL;
  guint id = dd_catalog_writer_add_source (writer, root, layout, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (id, >, 0);
  return id;
}

guint
dd_test_add_class (DdCatalogWriter *writer,
                   const char      *wnid,
                   const char      *name,
                   const char      *names,
                   const char      *parent_wnid,
                   const char      *parent_name)
{
  g_autoptr(GError) error = NULL;
  DdClassInfo info = {
    .wnid = (char *) wnid, .name = (char *) name, .names = (char *) names,
    .parent_wnid = (char *) parent_wnid, .parent_name = (char *) parent_name,
    .name_source = (char *) "words", .in_wnids = TRUE,
  };
  guint id = dd_catalog_writer_add_class (writer, &info, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (id, >, 0);
  return id;
}

gint64
dd_test_add_sample (DdCatalogWriter *writer,
                    guint            source_id,
                    const char      *key,
                    guint            class_id,
                    guint            corruption_id,
                    guint            severity,
                    guint            split_id,
                    guint32          flags,
                    const char      *clean_key)
{
  g_autoptr(GError) error = NULL;
  DdSampleRow row = {
    .source_id = source_id, .key = key, .class_id = class_id,
    .corruption_id = corruption_id, .severity = severity, .split_id = split_id,
    .flags = flags,
  };
  gint64 id;

  /* the clean image is named by its id (0 when it is not there) */
  if (clean_key)
    row.clean_id = dd_catalog_writer_sample_of_key (writer, clean_key, &error);
  g_assert_no_error (error);
  id = dd_catalog_writer_add_sample (writer, &row, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

void
dd_test_finish_source (DdCatalogWriter *writer,
                       guint            id,
                       const char      *root,
                       const char      *layout)
{
  g_autoptr(GError) error = NULL;
  DdSourceInfo info = { .id = id, .root = (char *) root, .layout = (char *) layout };

  g_assert_true (dd_catalog_writer_finish_source (writer, &info, &error));
  g_assert_no_error (error);
}

void
dd_test_delete_key (DdCatalog  *catalog,
                    const char *key)
{
  g_autoptr(GError) error = NULL;
  DdCatalogWriter *writer;
  gint64 id = dd_catalog_lookup_key (catalog, key, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  writer = dd_test_writer (catalog);
  g_assert_true (dd_catalog_writer_delete_sample (writer, id, &error));
  g_assert_no_error (error);
  dd_test_commit (writer);
}

static guint
ensure_split (DdCatalogWriter *writer,
              const char      *name)
{
  g_autoptr(GError) error = NULL;
  guint id = dd_catalog_writer_ensure_split (writer, name, &error);

  g_assert_no_error (error);
  return id;
}

/* Fixture: 3 classes (1 goldfish, 2 tabby, 3 school bus), splits train/val/test,
 * corruptions none + gaussian_noise (noise) + fog (weather) + motion_blur (blur).
 *
 *   train: 4 samples per class, clean                       → 12
 *   val:   2 clean per class                                → 6
 *          each val image × 3 corruptions × severities 1..5 → 6 × 15 = 90
 *   test:  3 unlabeled clean                                → 3
 *   total 111; one train sample of class 1 flagged undecodable, one val flagged
 *   missing_label (and unlabeled). Corrupted samples have clean_key = their val image.
 * Sources: 1 /data/tiny (clean, 21), 2 /data/C (corrupted, 90).
 * Sample ids: train 1–12, then per val image its clean row followed by 15 variants;
 * sample 13 (the first val image) has one box. */
void
dd_test_fill_catalog (DdCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  const char *wnids[] = { NULL, "n01443537", "n02123045", "n04146614" };
  const char *corrs[] = { "gaussian_noise", "fog", "motion_blur" };
  DdCatalogWriter *w = dd_test_writer (catalog);
  guint corr_ids[3];
  guint tiny, c_source, train, val, test;
  DdBox box = { 1, 2, 30, 40 };

  tiny = dd_test_add_source (w, "/data/tiny", "tiny-imagenet");
  c_source = dd_test_add_source (w, "/data/C", "imagenet-c");
  dd_test_add_class (w, wnids[1], "goldfish", "goldfish, Carassius auratus", "n01439121",
                     "cyprinid");
  dd_test_add_class (w, wnids[2], "tabby", "tabby, tabby cat", "n02121808", "domestic cat");
  dd_test_add_class (w, wnids[3], "school bus", "school bus", "n04487081", "bus");
  train = ensure_split (w, "train");
  val = ensure_split (w, "val");
  test = ensure_split (w, "test");
  for (guint i = 0; i < 3; i++)
    {
      corr_ids[i] = dd_catalog_writer_ensure_corruption (w, corrs[i], &error);
      g_assert_no_error (error);
    }

  for (int c = 1; c <= 3; c++)
    for (int i = 0; i < 4; i++)
      {
        g_autofree char *key = g_strdup_printf ("tiny/train/%s/images/%s_%d.JPEG",
                                                wnids[c], wnids[c], i);
        dd_test_add_sample (w, tiny, key, c, 0, 0, train,
                            (c == 1 && i == 0) ? DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) : 0,
                            NULL);
      }
  for (int c = 1; c <= 3; c++)
    for (int i = 0; i < 2; i++)
      {
        int n = (c - 1) * 2 + i;
        g_autofree char *key = g_strdup_printf ("tiny/val/images/val_%d.JPEG", n);
        gboolean unlabeled = (n == 5);

        dd_test_add_sample (w, tiny, key, unlabeled ? 0 : c, 0, 0, val,
                            unlabeled ? DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) : 0, NULL);
        /* corrupted samples remember their clean val image (same file name) */
        for (guint k = 0; k < 3; k++)
          for (int s = 1; s <= 5; s++)
            {
              g_autofree char *ckey = g_strdup_printf ("C/%s/%d/%s/val_%d.JPEG",
                                                       corrs[k], s, wnids[c], n);
              dd_test_add_sample (w, c_source, ckey, c, corr_ids[k], s, val, 0, key);
            }
      }
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("tiny/test/images/test_%d.JPEG", i);
      dd_test_add_sample (w, tiny, key, 0, 0, 0, test, 0, NULL);
    }
  g_assert_true (dd_catalog_writer_add_box (w, 13, &box, &error));
  g_assert_no_error (error);
  dd_test_finish_source (w, tiny, "/data/tiny", "tiny-imagenet");
  dd_test_finish_source (w, c_source, "/data/C", "imagenet-c");
  dd_test_commit (w);
}
