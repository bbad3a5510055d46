/* Tests of the structure pass: every layout, every structural defect, odd names,
 * symlink loops, incremental re-indexing and cancellation, on trees built here. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

#include "dd-health.h"
#include "dd-relations.h"
#include "dd-scanner.h"
#include "dd-test-util.h"

typedef DdTestFixture Fixture;

/* Rows of the snapshot stored in the catalog for the next open (0 or 1), read by a
 * reader that writes nothing. */
static int
stored_snapshots (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "c.ddcat", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) reader = dd_catalog_open (path, DD_CATALOG_OPEN_READONLY, &error);

  g_assert_no_error (error);
  return dd_catalog_has_stored_snapshot (reader) ? 1 : 0;
}

static DdScanReport *
scan (Fixture    *f,
      const char *rel_root)
{
  g_autofree char *root = g_build_filename (f->dir, rel_root, NULL);

  return dd_test_scan (f->catalog, root);
}

static DdSampleInfo *
sample (Fixture    *f,
        const char *key)
{
  gint64 id = dd_catalog_lookup_key (f->catalog, key, NULL);

  if (id == 0)
    g_error ("no sample %s", key);
  return dd_catalog_get_sample (f->catalog, id, NULL);
}

static guint
count_where (Fixture    *f,
             const char *split,
             const char *corruption)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();

  if (split)
    g_assert_true (dd_catalog_filter_add_split_name (f->catalog, filter, split, NULL));
  if (corruption)
    g_assert_true (dd_catalog_filter_add_corruption_name (f->catalog, filter, corruption, NULL));
  return dd_catalog_count (f->catalog, filter, NULL, NULL);
}

/* A small Tiny-ImageNet with each defect the structure pass can see. */
static void
make_tiny (const char *root)
{
  dd_test_put_file (root, "wnids.txt", "n01443537\nn02123045\n");
  dd_test_put_file (root, "words.txt", "n01443537\tgoldfish, Carassius auratus\n"
                                       "n02123045\ttabby, tabby cat\n");
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *a = g_strdup_printf ("train/n01443537/images/n01443537_%d.JPEG", i);
      g_autofree char *b = g_strdup_printf ("train/n02123045/images/n02123045_%d.JPEG", i);
      dd_test_put_file (root, a, NULL);
      dd_test_put_file (root, b, NULL);
    }
  dd_test_put_file (root, "train/n01443537/n01443537_boxes.txt",
       "n01443537_0.JPEG\t1\t2\t30\t40\nbroken line\nn01443537_1.JPEG\t0\t0\t63\t63\n");
  /* a class folder missing from wnids.txt, named by WordNet (dog) */
  dd_test_put_file (root, "train/n02084071/images/n02084071_0.JPEG", NULL);
  /* a class nobody can name */
  dd_test_put_file (root, "train/n00000042/images/n00000042_0.JPEG", NULL);
  dd_test_put_file (root, "val/images/val_0.JPEG", NULL);
  dd_test_put_file (root, "val/images/val_1.JPEG", NULL);
  dd_test_put_file (root, "val/images/val_2.JPEG", NULL);   /* no annotation row: missing label */
  dd_test_put_file (root, "val/val_annotations.txt",
       "val_0.JPEG\tn01443537\t0\t0\t10\t10\n"
       "val_1.JPEG\tn02123045\t5\t5\t20\t20\n"
       "val_9.JPEG\tn02123045\t0\t0\t1\t1\n"      /* orphan: no such file */
       "garbage-without-tabs\n");
  dd_test_put_file (root, "test/images/test_0.JPEG", NULL);
  dd_test_put_file (root, "test/images/test_1.JPEG", NULL);
  dd_test_put_file (root, "train/.DS_Store", "junk");
  dd_test_put_file (root, "val/images/Thumbs.db", "junk");
  dd_test_put_file (root, "train/n01443537/images/notes.txt", "junk");
}

/* A Tiny-ImageNet-C tree for make_tiny()'s val images 0 (goldfish) and 1 (tabby): fog
 * and motion_blur at severities 1 to 5, but the file @missing (NULL: none). */
static void
make_corrupted (const char *root,
                const char *missing)
{
  const char *corrs[] = { "fog", "motion_blur" };

  for (guint k = 0; k < G_N_ELEMENTS (corrs); k++)
    for (int s = 1; s <= 5; s++)
      for (int i = 0; i < 2; i++)
        {
          g_autofree char *rel = g_strdup_printf ("%s/%d/%s/val_%d.JPEG", corrs[k], s,
                                                  i == 0 ? "n01443537" : "n02123045", i);

          if (g_strcmp0 (rel, missing) != 0)
            dd_test_put_file (root, rel, NULL);
        }
}

static void
test_tiny_imagenet (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "tiny-imagenet-200", NULL);
  g_autoptr(DdScanReport) report = NULL;
  g_autoptr(DdSampleInfo) train0 = NULL;
  g_autoptr(DdSampleInfo) val0 = NULL;
  g_autoptr(DdSampleInfo) val2 = NULL;
  g_autoptr(DdSampleInfo) test0 = NULL;
  g_autoptr(DdSampleInfo) dog = NULL;
  g_autoptr(DdSampleInfo) nameless = NULL;
  DdScanSourceReport *src;
  g_autoptr(DdHealthReport) health = NULL;
  guint orphans = 0;
  gboolean wordnet = g_file_test (WORDNET_DIR "/data.noun", G_FILE_TEST_EXISTS);

  make_tiny (root);
  report = scan (f, "tiny-imagenet-200");
  g_assert_cmpuint (report->sources->len, ==, 1);
  src = report->sources->pdata[0];
  g_assert_cmpstr (src->layout, ==, "tiny-imagenet");
  g_assert_cmpuint (src->samples, ==, 13);
  g_assert_cmpuint (report->samples, ==, 13);
  g_assert_cmpuint (src->junk, ==, 3);
  g_assert_cmpuint (count_where (f, "train", NULL), ==, 8);
  g_assert_cmpuint (count_where (f, "val", NULL), ==, 3);
  g_assert_cmpuint (count_where (f, "test", NULL), ==, 2);
  g_assert_cmpuint (count_where (f, NULL, "none"), ==, 13);

  train0 = sample (f, "tiny-imagenet-200/train/n01443537/images/n01443537_0.JPEG");
  g_assert_cmpstr (train0->class_name, ==, "goldfish");
  g_assert_cmpstr (train0->split, ==, "train");
  g_assert_cmpuint (train0->severity, ==, 0);
  g_assert_cmpuint (train0->boxes->len, ==, 1);
  g_assert_cmpint (g_array_index (train0->boxes, DdBox, 0).x1, ==, 30);
  g_assert_true (g_str_has_suffix (train0->path, "/tiny-imagenet-200/train/n01443537/images/n01443537_0.JPEG"));

  val0 = sample (f, "tiny-imagenet-200/val/images/val_0.JPEG");
  g_assert_cmpstr (val0->wnid, ==, "n01443537");
  g_assert_cmpuint (val0->boxes->len, ==, 1);
  val2 = sample (f, "tiny-imagenet-200/val/images/val_2.JPEG");
  g_assert_null (val2->wnid);
  g_assert_cmpuint (val2->flags, ==, DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL));
  test0 = sample (f, "tiny-imagenet-200/test/images/test_0.JPEG");
  g_assert_null (test0->wnid);
  g_assert_cmpuint (test0->flags, ==, 0);   /* unlabeled by design */

  dog = sample (f, "tiny-imagenet-200/train/n02084071/images/n02084071_0.JPEG");
  g_assert_true (dog->flags & DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS));
  if (wordnet)
    {
      g_assert_cmpstr (dog->class_name, ==, "dog");
      g_assert_false (dog->flags & DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS));
    }
  nameless = sample (f, "tiny-imagenet-200/train/n00000042/images/n00000042_0.JPEG");
  g_assert_cmpstr (nameless->class_name, ==, "n00000042");
  g_assert_true (nameless->flags & DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS));
  g_assert_true (nameless->flags & DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS));

  /* the orphan row and the malformed lines are remembered */
  health = dd_health_report (f->catalog, NULL);
  for (guint i = 0; i < health->findings->len; i++)
    {
      DdFinding *finding = g_ptr_array_index (health->findings, i);

      if (finding->kind != DD_HEALTH_ORPHAN_ANNOTATION)
        continue;
      g_assert_cmpstr (finding->key, ==, "tiny-imagenet-200/val/images/val_9.JPEG");
      orphans++;
    }
  g_assert_cmpuint (orphans, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 2);
  {
    g_autoptr(GPtrArray) classes = dd_catalog_list_classes (f->catalog);
    for (guint i = 0; i < classes->len; i++)
      {
        DdClassInfo *c = classes->pdata[i];
        if (g_strcmp0 (c->wnid, "n02123045") == 0)
          {
            g_assert_cmpstr (c->name, ==, "tabby");
            g_assert_cmpstr (c->name_source, ==, "words");
            g_assert_true (c->in_wnids);
            if (wordnet)
              g_assert_cmpstr (c->parent_name, ==, "domestic cat");
          }
        if (g_strcmp0 (c->wnid, "n02084071") == 0)
          g_assert_false (c->in_wnids);
      }
  }
}

static void
test_parent_of_two (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *tiny = g_build_filename (f->dir, "both", "tiny-imagenet-200", NULL);
  g_autofree char *c = g_build_filename (f->dir, "both", "Tiny-ImageNet-C", NULL);
  g_autoptr(DdScanReport) report = NULL;
  g_autoptr(DdSampleInfo) fog = NULL;
  g_autoptr(DdFilter) filter = dd_filter_new ();

  make_tiny (tiny);
  make_corrupted (c, NULL);
  dd_test_put_file (c, "fog/3/n01443537/.DS_Store", "junk");

  report = scan (f, "both");
  g_assert_cmpuint (report->sources->len, ==, 2);
  g_assert_cmpstr (((DdScanSourceReport *) report->sources->pdata[0])->layout, ==, "tiny-imagenet");
  g_assert_cmpstr (((DdScanSourceReport *) report->sources->pdata[1])->layout, ==, "imagenet-c");
  g_assert_cmpuint (report->samples, ==, 13 + 20);
  /* each source's count, counted as its samples came in one first index */
  g_assert_cmpuint (((DdScanSourceReport *) report->sources->pdata[0])->samples, ==, 13);
  g_assert_cmpuint (((DdScanSourceReport *) report->sources->pdata[1])->samples, ==, 20);
  g_assert_cmpuint (count_where (f, NULL, "blur"), ==, 10);
  g_assert_cmpuint (count_where (f, "val", NULL), ==, 3 + 20);

  fog = sample (f, "Tiny-ImageNet-C/fog/4/n02123045/val_1.JPEG");
  g_assert_cmpstr (fog->corruption, ==, "fog");
  g_assert_cmpuint (fog->severity, ==, 4);
  g_assert_cmpstr (fog->split, ==, "val");
  g_assert_cmpstr (fog->class_name, ==, "tabby");
  g_assert_cmpstr (fog->clean_key, ==, "tiny-imagenet-200/val/images/val_1.JPEG");

  dd_filter_add_severity (filter, 4);
  g_assert_cmpuint (dd_catalog_count (f->catalog, filter, NULL, NULL), ==, 4);

  /* the index leaves the snapshot stored for the next open (the health update after
   * it records missing cells, which are not in the snapshot, and keeps it) */
  g_assert_cmpint (stored_snapshots (f), ==, 1);

  /* The first index built its snapshot from what it inserted: the same as reading
   * every row back (a second catalog with the stored copy dropped reads the rows). */
  {
    g_autofree char *path = g_build_filename (f->dir, "c.ddcat", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(DdCatalog) rows = NULL;
    g_autoptr(DdSelection) a = dd_catalog_select (f->catalog, NULL, NULL, NULL);
    g_autoptr(DdSelection) b = NULL;
    g_autoptr(DdFacets) fa = NULL;
    g_autoptr(DdFacets) fb = NULL;

    /* a writer of samples drops the stored copy, even one that writes nothing */
    dd_catalog_writer_rollback (dd_test_writer (f->catalog));
    g_assert_cmpint (stored_snapshots (f), ==, 0);
    rows = dd_catalog_open (path, 0, &error);
    g_assert_no_error (error);
    b = dd_catalog_select (rows, NULL, NULL, NULL);
    g_assert_cmpuint (dd_selection_get_n (a), ==, dd_selection_get_n (b));
    for (guint i = 0; i < dd_selection_get_n (a); i++)
      g_assert_cmpint (dd_selection_get_id (a, i), ==, dd_selection_get_id (b, i));
    fa = dd_catalog_facets (f->catalog, a);
    fb = dd_catalog_facets (rows, b);
    g_assert_cmpuint (fa->n_classes, ==, fb->n_classes);
    g_assert_cmpmem (fa->classes, fa->n_classes * sizeof (guint), fb->classes, fb->n_classes * sizeof (guint));
    g_assert_cmpmem (fa->splits, fa->n_splits * sizeof (guint), fb->splits, fb->n_splits * sizeof (guint));
    g_assert_cmpmem (fa->severities, fa->n_severities * sizeof (guint), fb->severities,
                     fb->n_severities * sizeof (guint));
    g_assert_cmpmem (fa->flags, sizeof (guint) * DD_HEALTH_N_KINDS, fb->flags,
                     sizeof (guint) * DD_HEALTH_N_KINDS);
    g_assert_cmpuint (fa->n_corruptions, ==, fb->n_corruptions);
    g_assert_cmpmem (fa->cube, sizeof (guint) * fa->n_classes * fa->n_corruptions * fa->n_severities,
                     fb->cube, sizeof (guint) * fb->n_classes * fb->n_corruptions * fb->n_severities);
    /* quotas pick by the key hashes of the snapshot: the same picks */
    {
      g_autoptr(DdFilter) quota = dd_filter_new ();
      g_autoptr(DdSelection) qa = NULL;
      g_autoptr(DdSelection) qb = NULL;

      quota->per_class_limit = 3;
      quota->seed = 7;
      qa = dd_catalog_select (f->catalog, quota, NULL, NULL);
      qb = dd_catalog_select (rows, quota, NULL, NULL);
      g_assert_cmpuint (dd_selection_get_n (qa), ==, dd_selection_get_n (qb));
      g_assert_cmpuint (dd_selection_get_n (qa), <, dd_selection_get_n (a));
      for (guint i = 0; i < dd_selection_get_n (qa); i++)
        g_assert_cmpint (dd_selection_get_id (qa, i), ==, dd_selection_get_id (qb, i));
    }
    /* key look-ups */
    g_assert_cmpint (dd_catalog_lookup_key (f->catalog, "Tiny-ImageNet-C/fog/4/n02123045/val_1.JPEG", NULL),
                     ==, dd_catalog_lookup_key (rows, "Tiny-ImageNet-C/fog/4/n02123045/val_1.JPEG", NULL));
  }
}

/* Variants find their clean image by file name whatever order their folders list them
 * in: classes interleaved in val, a name the clean split lacks, a variant filed under
 * another class. */
static void
test_clean_images_in_any_order (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *tiny = g_build_filename (f->dir, "t", "tiny-imagenet-200", NULL);
  g_autofree char *c = g_build_filename (f->dir, "t", "Tiny-ImageNet-C", NULL);
  static const char * const wnids[] = { "n01443537", "n02123045" };
  g_autoptr(GString) annotations = g_string_new (NULL);
  g_autoptr(DdScanReport) report = NULL;

  dd_test_put_file (tiny, "wnids.txt", "n01443537\nn02123045\n");
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *image = g_strdup_printf ("val/images/val_%d.JPEG", i);
      g_autofree char *variant = g_strdup_printf ("fog/1/%s/val_%d.JPEG", wnids[i % 2], i);
      g_autofree char *variant2 = g_strdup_printf ("fog/2/%s/val_%d.JPEG", wnids[i % 2], i);

      dd_test_put_file (tiny, image, NULL);
      dd_test_put_file (c, variant, NULL);
      dd_test_put_file (c, variant2, NULL);
      g_string_append_printf (annotations, "val_%d.JPEG\t%s\t0\t0\t9\t9\n", i, wnids[i % 2]);
    }
  dd_test_put_file (tiny, "val/val_annotations.txt", annotations->str);
  dd_test_put_file (c, "fog/1/n01443537/val_42.JPEG", NULL);    /* no clean image */
  dd_test_put_file (c, "fog/3/n01443537/val_3.JPEG", NULL);     /* another class's */
  dd_test_put_file (c, "fog/3/n01443537/val_4.JPEG", NULL);
  report = scan (f, "t");
  g_assert_cmpuint (report->samples, ==, 8 + 16 + 3);

  for (int i = 0; i < 8; i++)
    for (int s = 1; s <= 3; s++)
      {
        g_autofree char *key = g_strdup_printf ("Tiny-ImageNet-C/fog/%d/%s/val_%d.JPEG", s,
                                                s == 3 ? "n01443537" : wnids[i % 2], i);
        g_autofree char *clean = g_strdup_printf ("tiny-imagenet-200/val/images/val_%d.JPEG", i);
        g_autoptr(DdSampleInfo) variant = NULL;

        if (s == 3 && i != 3 && i != 4)
          continue;
        variant = sample (f, key);
        g_assert_cmpstr (variant->clean_key, ==, clean);
      }
  {
    g_autoptr(DdSampleInfo) lost = sample (f, "Tiny-ImageNet-C/fog/1/n01443537/val_42.JPEG");
    g_assert_null (lost->clean_key);
  }
}

/* Two clean sources with one val file name in both: a variant points at the one
 * indexed last, even right after a variant of the name before it in its class. */
static void
test_clean_name_twice (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->dir, "a", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b", NULL);
  g_autofree char *c = g_build_filename (f->dir, "C", NULL);
  const char *roots[] = { a, b, c, NULL };
  g_autoptr(DdScanReport) report = NULL;
  g_autoptr(DdSampleInfo) first = NULL;
  g_autoptr(DdSampleInfo) second = NULL;

  dd_test_put_file (a, "wnids.txt", "n01443537\n");
  dd_test_put_file (a, "val/images/val_0.JPEG", NULL);
  dd_test_put_file (a, "val/images/val_1.JPEG", NULL);
  dd_test_put_file (a, "val/val_annotations.txt", "val_0.JPEG\tn01443537\t0\t0\t9\t9\n"
                                                  "val_1.JPEG\tn01443537\t0\t0\t9\t9\n");
  dd_test_put_file (b, "wnids.txt", "n01443537\n");
  dd_test_put_file (b, "val/images/val_1.JPEG", NULL);
  dd_test_put_file (b, "val/val_annotations.txt", "val_1.JPEG\tn01443537\t0\t0\t9\t9\n");
  dd_test_put_file (c, "snow/2/n01443537/val_0.JPEG", NULL);
  dd_test_put_file (c, "snow/2/n01443537/val_1.JPEG", NULL);
  report = dd_test_scan_roots (f->catalog, roots);
  first = sample (f, "C/snow/2/n01443537/val_0.JPEG");
  second = sample (f, "C/snow/2/n01443537/val_1.JPEG");
  g_assert_cmpstr (first->clean_key, ==, "a/val/images/val_0.JPEG");
  g_assert_cmpstr (second->clean_key, ==, "b/val/images/val_1.JPEG");
}

static void
test_corrupted_alone_then_clean (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *c = g_build_filename (f->dir, "C", NULL);
  g_autofree char *tiny = g_build_filename (f->dir, "tiny-imagenet-200", NULL);
  g_autoptr(DdScanReport) r1 = NULL;
  g_autoptr(DdScanReport) r2 = NULL;
  g_autoptr(DdSampleInfo) before = NULL;
  g_autoptr(DdSampleInfo) after = NULL;

  dd_test_put_file (c, "snow/2/n01443537/val_0.JPEG", NULL);
  r1 = scan (f, "C");
  g_assert_cmpstr (((DdScanSourceReport *) r1->sources->pdata[0])->layout, ==, "imagenet-c");
  before = sample (f, "C/snow/2/n01443537/val_0.JPEG");
  g_assert_null (before->clean_key);
  make_tiny (tiny);
  r2 = scan (f, "tiny-imagenet-200");
  after = sample (f, "C/snow/2/n01443537/val_0.JPEG");
  g_assert_cmpstr (after->clean_key, ==, "tiny-imagenet-200/val/images/val_0.JPEG");
}

/* One first index of both, the variants' folder given first: the clean source is
 * indexed first all the same, so the variant finds its clean image as it is added (a
 * first index skips its last linking pass when no variant was left waiting). */
static void
test_corrupted_first_in_one_run (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *c = g_build_filename (f->dir, "C", NULL);
  g_autofree char *tiny = g_build_filename (f->dir, "tiny-imagenet-200", NULL);
  const char *roots[] = { c, tiny, NULL };
  g_autoptr(DdScanReport) report = NULL;
  g_autoptr(DdSampleInfo) variant = NULL;

  g_assert_cmpuint (dd_catalog_get_n_samples (f->catalog), ==, 0);
  dd_test_put_file (c, "snow/2/n01443537/val_0.JPEG", NULL);
  make_tiny (tiny);
  report = dd_test_scan_roots (f->catalog, roots);
  variant = sample (f, "C/snow/2/n01443537/val_0.JPEG");
  g_assert_cmpstr (variant->clean_key, ==, "tiny-imagenet-200/val/images/val_0.JPEG");
}

static void
test_imagenet (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "imagenet", NULL);
  g_autoptr(DdScanReport) report = NULL;
  g_autoptr(DdSampleInfo) v1 = NULL;
  g_autoptr(DdSampleInfo) v2 = NULL;
  g_autoptr(DdSampleInfo) unnamed = NULL;
  g_autoptr(DdSampleInfo) tabbed = NULL;

  /* read as words.txt is: a wnid without a name is named as if it were not listed,
   * a tab may stand for the space */
  dd_test_put_file (root, "LOC_synset_mapping.txt",
                    "n01443537 goldfish, Carassius auratus\nn01440764 tench, Tinca tinca\n"
                    "n00000043 \nn00000044\tstriped thing, stripes\n");
  dd_test_put_file (root, "LOC_val_solution.csv",
                    "ImageId,PredictionString\n"
                    "ILSVRC2012_val_00000001,n01440764 10 20 30 40 n01440764 1 2 3 4 \n"
                    "bad line without comma\n");
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/train/n01443537/n01443537_10.JPEG", NULL);
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/train/n01440764/n01440764_3.JPEG", NULL);
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/train/n00000043/n00000043_1.JPEG", NULL);
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/train/n00000044/n00000044_1.JPEG", NULL);
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/val/ILSVRC2012_val_00000001.JPEG", NULL);
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/val/ILSVRC2012_val_00000002.JPEG", NULL);
  dd_test_put_file (root, "ILSVRC/Data/CLS-LOC/test/ILSVRC2012_test_00000001.JPEG", NULL);

  report = scan (f, "imagenet");
  g_assert_cmpstr (((DdScanSourceReport *) report->sources->pdata[0])->layout, ==, "imagenet");
  g_assert_cmpuint (report->samples, ==, 7);
  v1 = sample (f, "imagenet/ILSVRC/Data/CLS-LOC/val/ILSVRC2012_val_00000001.JPEG");
  g_assert_cmpstr (v1->wnid, ==, "n01440764");
  g_assert_cmpstr (v1->class_name, ==, "tench");
  g_assert_cmpuint (v1->boxes->len, ==, 2);
  v2 = sample (f, "imagenet/ILSVRC/Data/CLS-LOC/val/ILSVRC2012_val_00000002.JPEG");
  g_assert_true (v2->flags & DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL));
  unnamed = sample (f, "imagenet/ILSVRC/Data/CLS-LOC/train/n00000043/n00000043_1.JPEG");
  g_assert_cmpstr (unnamed->class_name, ==, "n00000043");
  tabbed = sample (f, "imagenet/ILSVRC/Data/CLS-LOC/train/n00000044/n00000044_1.JPEG");
  g_assert_cmpstr (tabbed->class_name, ==, "striped thing");
  g_assert_cmpuint (count_where (f, "train", NULL), ==, 4);
  g_assert_cmpuint (count_where (f, "test", NULL), ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 1);
}

static void
test_imagefolder (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *flat = g_build_filename (f->dir, "imagenet-r", NULL);
  g_autofree char *split = g_build_filename (f->dir, "pets", NULL);
  g_autoptr(DdScanReport) r1 = NULL;
  g_autoptr(DdScanReport) r2 = NULL;
  g_autoptr(DdSampleInfo) cat = NULL;

  dd_test_put_file (flat, "n01443537/art_1.jpg", NULL);
  dd_test_put_file (flat, "n01443537/art_2.png", NULL);
  dd_test_put_file (flat, "n02123045/cartoon_1.jpg", NULL);
  dd_test_put_file (flat, "README.txt", "junk");
  r1 = scan (f, "imagenet-r");
  g_assert_cmpstr (((DdScanSourceReport *) r1->sources->pdata[0])->layout, ==, "imagefolder");
  g_assert_cmpuint (r1->samples, ==, 3);
  g_assert_cmpuint (count_where (f, "all", NULL), ==, 3);
  /* no empty "val" split for a dataset without one */
  g_assert_cmpuint (dd_catalog_lookup_split (f->catalog, "val"), ==, G_MAXUINT);

  dd_test_put_file (split, "train/cat/1.jpg", NULL);
  dd_test_put_file (split, "train/dog/2.jpg", NULL);
  dd_test_put_file (split, "val/cat/3.JPG", NULL);
  r2 = scan (f, "pets");
  g_assert_cmpuint (r2->samples, ==, 6);
  g_assert_cmpuint (count_where (f, "train", NULL), ==, 2);
  g_assert_cmpuint (count_where (f, "val", NULL), ==, 1);
  cat = sample (f, "pets/val/cat/3.JPG");
  g_assert_cmpstr (cat->wnid, ==, "cat");
  g_assert_cmpstr (cat->class_name, ==, "cat");
}

static void
test_odd_names_and_loops (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "odd", NULL);
  g_autofree char *loop = g_build_filename (root, "classA", "loop", NULL);
  g_autofree char *raw = g_build_filename (root, "classA", "caf\xe9.jpg", NULL);
  g_autofree char *dangling = g_build_filename (root, "classA", "gone.jpg", NULL);
  g_autoptr(DdScanReport) report = NULL;
  g_autoptr(DdSampleInfo) spaced = NULL;
  g_autoptr(DdSampleInfo) latin1 = NULL;
  gint64 id;

  dd_test_put_file (root, "classA/with space (1).jpg", NULL);
  dd_test_put_file (root, "classA/normal.jpg", NULL);
  dd_test_put_file (root, "class B/x.jpeg", NULL);
  g_assert_true (g_file_set_contents (raw, "x", 1, NULL));
  g_assert_cmpint (symlink (root, loop), ==, 0);           /* classA/loop → the root */
  g_assert_cmpint (symlink ("/nonexistent/img.jpg", dangling), ==, 0);

  report = scan (f, "odd");
  g_assert_cmpuint (report->samples, ==, 4);
  spaced = sample (f, "odd/classA/with space (1).jpg");
  g_assert_cmpstr (spaced->wnid, ==, "classA");
  id = dd_catalog_lookup_key (f->catalog, "odd/classA/caf\\xE9.jpg", NULL);
  g_assert_cmpint (id, >, 0);
  latin1 = dd_catalog_get_sample (f->catalog, id, NULL);
  /* the path keeps the real bytes so the file can be opened */
  g_assert_true (g_file_test (latin1->path, G_FILE_TEST_EXISTS));
  g_assert_true (g_utf8_validate (latin1->key, -1, NULL));
  /* the loop and the dangling link are reported, not followed forever */
  g_assert_cmpuint (report->problems->len, ==, 2);
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *closed = g_build_filename (root, "classB", NULL);
  g_autoptr(DdScanReport) report = NULL;

  dd_test_put_file (root, "classA/a.jpg", NULL);
  dd_test_put_file (root, "classB/b.jpg", NULL);
  g_chmod (closed, 0);
  if (access (closed, R_OK) == 0)
    {
      g_chmod (closed, 0755);
      g_test_skip ("running as root: permissions do not stop reading");
      return;
    }
  report = scan (f, "locked");
  g_chmod (closed, 0755);
  g_assert_cmpuint (report->samples, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_nonnull (strstr (report->problems->pdata[0], "classB"));
}

static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "tiny-imagenet-200", NULL);
  g_autoptr(DdScanReport) r1 = NULL;
  g_autoptr(DdScanReport) r2 = NULL;
  g_autoptr(DdScanReport) r3 = NULL;
  g_autoptr(DdScanReport) r4 = NULL;
  g_autofree char *gone = g_build_filename (root, "test/images/test_1.JPEG", NULL);
  gint64 kept_before, kept_after;
  DdScanSourceReport *src;

  make_tiny (root);
  r1 = scan (f, "tiny-imagenet-200");
  kept_before = dd_catalog_lookup_key (f->catalog, "tiny-imagenet-200/val/images/val_1.JPEG", NULL);

  r2 = scan (f, "tiny-imagenet-200");
  src = r2->sources->pdata[0];
  g_assert_cmpuint (src->added, ==, 0);
  g_assert_cmpuint (src->removed, ==, 0);
  g_assert_cmpuint (src->samples, ==, 13);
  g_assert_cmpuint (src->junk, ==, 3);
  /* an unchanged tree keeps the snapshot stored for the next open */
  g_assert_cmpint (stored_snapshots (f), ==, 1);

  /* folder mtimes have one-second resolution on some file systems */
  g_usleep (1100 * 1000);
  dd_test_put_file (root, "test/images/test_7.JPEG", NULL);
  dd_test_put_file (root, "train/n01443537/images/n01443537_9.JPEG", NULL);
  g_unlink (gone);
  r3 = scan (f, "tiny-imagenet-200");
  src = r3->sources->pdata[0];
  g_assert_cmpuint (src->added, ==, 2);
  g_assert_cmpuint (src->removed, ==, 1);
  g_assert_cmpuint (src->samples, ==, 14);
  kept_after = dd_catalog_lookup_key (f->catalog, "tiny-imagenet-200/val/images/val_1.JPEG", NULL);
  g_assert_cmpint (kept_before, ==, kept_after);
  /* a changed one stores the new snapshot, and a new open reads it */
  g_assert_cmpint (stored_snapshots (f), ==, 1);
  {
    g_autofree char *path = g_build_filename (f->dir, "c.ddcat", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(DdCatalog) again = dd_catalog_open (path, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dd_catalog_get_n_samples (again), ==, 14);
  }

  /* New labels: val_2 gains an annotation row; the sample keeps its id. */
  dd_test_put_file (root, "val/val_annotations.txt",
       "val_0.JPEG\tn01443537\t0\t0\t10\t10\n"
       "val_1.JPEG\tn02123045\t5\t5\t20\t20\n"
       "val_2.JPEG\tn02123045\t1\t1\t9\t9\n");
  r4 = scan (f, "tiny-imagenet-200");
  {
    g_autoptr(DdSampleInfo) val2 = sample (f, "tiny-imagenet-200/val/images/val_2.JPEG");
    g_assert_cmpstr (val2->wnid, ==, "n02123045");
    g_assert_cmpuint (val2->flags, ==, 0);
    g_assert_cmpuint (val2->boxes->len, ==, 1);
  }
  g_assert_cmpint (dd_catalog_lookup_key (f->catalog, "tiny-imagenet-200/val/images/val_1.JPEG", NULL),
                   ==, kept_before);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "tiny-imagenet-200", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DdScanner) scanner = dd_scanner_new (f->catalog);
  g_autoptr(GError) error = NULL;
  const char *roots[] = { root, NULL };
  g_autoptr(DdScanReport) report = NULL;

  make_tiny (root);
  g_cancellable_cancel (cancellable);
  report = dd_scanner_run (scanner, roots, NULL, NULL, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (dd_catalog_get_n_samples (f->catalog), ==, 0);
  {
    g_autoptr(GPtrArray) sources = dd_catalog_list_sources (f->catalog);
    g_assert_cmpuint (sources->len, ==, 0);
  }
}

static void
test_no_dataset (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "empty", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autoptr(DdScanner) scanner = dd_scanner_new (f->catalog);
  g_autoptr(GError) error = NULL;
  const char *roots[] = { root, NULL };
  const char *roots2[] = { missing, NULL };

  dd_test_put_file (root, "notes.txt", "nothing to see");
  g_assert_null (dd_scanner_run (scanner, roots, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "No dataset"));
  g_clear_error (&error);
  g_assert_null (dd_scanner_run (scanner, roots2, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_NOT_FOUND);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "tiny-imagenet-200", NULL);
  g_autoptr(DdScanner) scanner = dd_scanner_new (f->catalog);
  const char *roots[] = { root, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdScanReport *report;
  guint notes = 0;

  make_tiny (root);
  g_signal_connect (scanner, "notify::text", G_CALLBACK (on_notify), &notes);
  dd_scanner_run_async (scanner, roots, NULL, dd_test_keep_result, &result);
  report = dd_scanner_run_finish (scanner, dd_test_await (&result), &error);
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (report->samples, ==, 13);
  g_assert_cmpuint (notes, >, 0);
  g_assert_nonnull (dd_scanner_get_text (scanner));
  dd_scan_report_free (report);
}

/* Folder names that are not UTF-8 (Latin-1 names from an old archive or a share): a
 * dataset folder so named was indexed to 0 samples (its files' keys were cut at the
 * length of the raw name), and after any change in a folder so named every re-index
 * failed with "UNIQUE constraint failed: samples.key" (its existing keys were looked
 * up under the raw name). */
static void
test_latin1_folder_names (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "tiny\xe9", NULL);
  g_autofree char *gone = g_build_filename (root, "train", "n01443537", "images",
                                            "n01443537_1.JPEG", NULL);
  DdScanReport *report;
  DdScanSourceReport *src;

  dd_test_put_file (root, "wnids.txt", "n01443537\nn02123045\n");
  dd_test_put_file (root, "words.txt", "n01443537\tgoldfish\nn02123045\ttabby\n");
  dd_test_put_file (root, "val/val_annotations.txt", "val_0.JPEG\tn01443537\t1\t2\t3\t4\n");
  dd_test_put_file (root, "val/images/val_0.JPEG", NULL);
  dd_test_put_file (root, "train/n01443537/images/n01443537_0.JPEG", NULL);
  dd_test_put_file (root, "train/n01443537/images/n01443537_1.JPEG", NULL);
  dd_test_put_file (root, "train/n02123045/caf\xe9/n02123045_0.JPEG", NULL);   /* one level deeper */
  dd_test_put_file (root, "test/images/test_0.JPEG", NULL);

  report = scan (f, "tiny\xe9");
  src = report->sources->pdata[0];
  g_assert_cmpuint (report->samples, ==, 5);
  g_assert_cmpuint (src->samples, ==, 5);
  g_assert_cmpuint (count_where (f, "train", NULL), ==, 3);
  g_assert_cmpuint (dd_catalog_lookup_key (f->catalog, "tiny\\xE9/val/images/val_0.JPEG", NULL),
                    >, 0);
  dd_scan_report_free (report);

  /* a file added to and one removed from folders so named */
  dd_test_put_file (root, "train/n02123045/caf\xe9/n02123045_1.JPEG", NULL);
  g_assert_cmpint (g_unlink (gone), ==, 0);
  /* folders are compared by mtime: make sure theirs differ from the first scan's */
  {
    g_autofree char *a = g_build_filename (root, "train", "n02123045", "caf\xe9", NULL);
    g_autofree char *b = g_path_get_dirname (gone);
    struct utimbuf later = { time (NULL) + 10, time (NULL) + 10 };
    g_assert_cmpint (g_utime (a, &later), ==, 0);
    g_assert_cmpint (g_utime (b, &later), ==, 0);
  }
  report = scan (f, "tiny\xe9");
  src = report->sources->pdata[0];
  g_assert_cmpuint (src->added, ==, 1);
  g_assert_cmpuint (src->removed, ==, 1);
  g_assert_cmpuint (report->samples, ==, 5);
  g_assert_cmpuint (count_where (f, "train", NULL), ==, 3);
  dd_scan_report_free (report);
}

/* The same for a corrupted tree named in Latin-1: relations and health built its keys
 * from the raw name, so a clean image listed none of its variants and missing cells
 * were named by bytes that are not UTF-8. */
static void
test_latin1_corrupted_source (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *tiny = g_build_filename (f->dir, "both", "tiny-imagenet-200", NULL);
  g_autofree char *c = g_build_filename (f->dir, "both", "Tiny-ImageNet-C\xe9", NULL);
  g_autoptr(DdScanReport) report = NULL;
  g_autoptr(GPtrArray) neighbours = NULL;
  g_autoptr(DdHealthReport) health = NULL;
  g_autoptr(GError) error = NULL;
  guint variants = 0, cells = 0;

  make_tiny (tiny);
  make_corrupted (c, "fog/5/n02123045/val_1.JPEG");   /* a missing cell */

  report = scan (f, "both");
  g_assert_cmpuint (report->samples, ==, 13 + 19);

  neighbours = dd_relations_neighbours (f->catalog, DD_NODE_SAMPLE,
                                        "tiny-imagenet-200/val/images/val_0.JPEG", 50, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < neighbours->len; i++)
    {
      DdNode *n = neighbours->pdata[i];
      if (n->kind == DD_NODE_SAMPLE && g_strcmp0 (n->edge, "variant") == 0)
        {
          g_assert_true (g_str_has_prefix (n->id, "Tiny-ImageNet-C\\xE9/"));
          variants++;
        }
    }
  g_assert_cmpuint (variants, ==, 10);

  health = dd_health_report (f->catalog, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < health->findings->len; i++)
    {
      DdFinding *finding = health->findings->pdata[i];
      if (finding->kind == DD_HEALTH_MISSING_CELL)
        {
          g_assert_cmpstr (finding->key, ==, "Tiny-ImageNet-C\\xE9/fog/5/n02123045");
          cells++;
        }
    }
  g_assert_cmpuint (cells, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/scanner/" path, Fixture, NULL, dd_test_setup_empty, func, dd_test_teardown)
  ADD ("tiny-imagenet", test_tiny_imagenet);
  ADD ("parent-of-two-datasets", test_parent_of_two);
  ADD ("clean-keys-linked-later", test_corrupted_alone_then_clean);
  ADD ("clean-images-in-any-order", test_clean_images_in_any_order);
  ADD ("clean-name-twice", test_clean_name_twice);
  ADD ("clean-keys-linked-later-in-one-run", test_corrupted_first_in_one_run);
  ADD ("imagenet", test_imagenet);
  ADD ("imagefolder", test_imagefolder);
  ADD ("odd-names-and-symlink-loops", test_odd_names_and_loops);
  ADD ("unreadable-folder", test_unreadable);
  ADD ("incremental", test_incremental);
  ADD ("cancelled", test_cancelled);
  ADD ("no-dataset", test_no_dataset);
  ADD ("async-progress", test_async);
  ADD ("latin1-folder-names", test_latin1_folder_names);
  ADD ("latin1-corrupted-source", test_latin1_corrupted_source);

  return g_test_run ();
}
