/* Tests of the health findings: every kind on crafted trees and on the demo's planted
 * defects, no false finding on clean data, the one-line details, the CLI's JSON. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <utime.h>

#include "dd-demo.h"
#include "dd-health.h"
#include "dd-scanner.h"
#include "dd-test-util.h"

typedef DdTestFixture Fixture;

static DdHealthReport *
index_deep (Fixture    *f,
            const char *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScanReport) scan = dd_test_scan (f->catalog, root);
  DdHealthReport *report;

  dd_test_content_pass (f->catalog);
  report = dd_health_report (f->catalog, &error);
  g_assert_no_error (error);
  return report;
}

/* Normal images only: no finding at all. */
static void
test_clean_data (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "clean", NULL);
  g_autoptr(DdHealthReport) report = NULL;

  for (int c = 0; c < 3; c++)
    for (int i = 0; i < 4; i++)
      {
        g_autofree char *path = g_strdup_printf ("%s/class%d/img%d.jpg", root, c, i);
        dd_test_write_image (path, 48, 60 * c + 10, 30 * i + 20, 100, "jpeg");
      }
  report = index_deep (f, root);
  g_assert_cmpuint (report->findings->len, ==, 0);
}

/* @root/cat/a0.jpg … and @root/dog/b0.jpg …, @n of each: 64 × 64 JPEGs, each a picture
 * of its own. The bytes of cat/a0.jpg, for the copies a case makes of it. */
static GBytes *
write_cats_and_dogs (const char *root,
                     int         n)
{
  g_autofree char *a0 = g_build_filename (root, "cat", "a0.jpg", NULL);
  char *contents = NULL;
  gsize len;

  for (int i = 0; i < n; i++)
    {
      g_autofree char *c = g_strdup_printf ("%s/cat/a%d.jpg", root, i);
      g_autofree char *d = g_strdup_printf ("%s/dog/b%d.jpg", root, i);
      dd_test_write_image (c, 64, 200, 20 * i, 30, "jpeg");
      dd_test_write_image (d, 64, 20 * i, 150, 200, "jpeg");
    }
  g_assert_true (g_file_get_contents (a0, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
test_crafted (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "crafted", NULL);
  g_autofree char *dup = g_build_filename (root, "dog", "copy-of-a0.jpg", NULL);
  g_autofree char *big = g_build_filename (root, "dog", "big.jpg", NULL);
  g_autofree char *empty = g_build_filename (root, "dog", "empty.jpg", NULL);
  g_autofree char *bad = g_build_filename (root, "cat", "bad.jpg", NULL);
  g_autoptr(GBytes) a0 = write_cats_and_dogs (root, 5);
  g_autoptr(DdHealthReport) report = NULL;
  g_autoptr(DdFilter) filter = dd_filter_new ();

  dd_test_write_bytes (dup, g_bytes_get_data (a0, NULL), g_bytes_get_size (a0));
  dd_test_write_image (big, 96, 10, 10, 200, "jpeg");
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (bad, "<html>not an image</html>", -1, NULL));

  report = index_deep (f, root);
  g_assert_nonnull (dd_test_finding (report, DD_HEALTH_DUPLICATE_CONFLICT, "cat/a0.jpg"));
  g_assert_nonnull (dd_test_finding (report, DD_HEALTH_DUPLICATE_CONFLICT, "dog/copy-of-a0.jpg"));
  g_assert_nonnull (dd_test_finding (report, DD_HEALTH_UNEXPECTED_SIZE, "dog/big.jpg"));
  g_assert_nonnull (dd_test_finding (report, DD_HEALTH_EMPTY_FILE, "dog/empty.jpg"));
  g_assert_nonnull (dd_test_finding (report, DD_HEALTH_UNDECODABLE, "cat/bad.jpg"));
  g_assert_cmpuint (report->counts[DD_HEALTH_DUPLICATE_CONFLICT], ==, 2);
  g_assert_cmpuint (report->counts[DD_HEALTH_UNEXPECTED_SIZE], ==, 1);
  g_assert_cmpuint (report->findings->len, ==, 5);

  /* Checking again changes no flag (the duplicates stay as they are): the snapshot
   * stored for the next open is kept. */
  {
    g_autoptr(GError) error = NULL;
    gboolean changed = TRUE;

    g_assert_true (dd_catalog_has_stored_snapshot (f->catalog));
    g_assert_true (dd_health_update_full (f->catalog, &changed, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (changed);
    g_assert_true (dd_catalog_has_stored_snapshot (f->catalog));
  }

  /* findings are filters */
  filter->require_flags = DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT);
  g_assert_cmpuint (dd_catalog_count (f->catalog, filter, NULL, NULL), ==, 2);
  filter->require_flags = 0;
  filter->exclude_flags = DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE) | DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE);
  g_assert_cmpuint (dd_catalog_count (f->catalog, filter, NULL, NULL), ==, 12);

  /* The duplicate removed: both findings go with the next scan + pass. */
  g_unlink (dup);
  g_usleep (1100 * 1000);
  {
    g_autofree char *touch = g_build_filename (root, "dog", "new.jpg", NULL);
    g_autoptr(DdHealthReport) again = NULL;

    dd_test_write_image (touch, 64, 1, 2, 3, "jpeg");
    again = index_deep (f, root);
    g_assert_cmpuint (again->counts[DD_HEALTH_DUPLICATE_CONFLICT], ==, 0);
  }
}

/* Every planted defect of the demo is reported (what the README promises). */
static void
test_demo_defects (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "demo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdHealthReport) report = NULL;
  DdDemoOptions options;
  DdHealthKind expected[] = {
    DD_HEALTH_MISSING_LABEL, DD_HEALTH_ORPHAN_ANNOTATION, DD_HEALTH_MISSING_CELL,
    DD_HEALTH_EMPTY_FILE, DD_HEALTH_TRUNCATED, DD_HEALTH_FORMAT_MISMATCH,
    DD_HEALTH_GRAYSCALE, DD_HEALTH_UNEXPECTED_SIZE, DD_HEALTH_DUPLICATE_CONFLICT,
    DD_HEALTH_UNKNOWN_CLASS, DD_HEALTH_UNNAMED_CLASS,
  };

  dd_demo_options_init (&options);
  options.classes = 3;
  options.per_class = 3;
  g_assert_true (dd_demo_generate (root, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  report = index_deep (f, root);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (report->counts[expected[i]] == 0)
      g_error ("the demo's %s defect was not found", dd_health_kind_to_string (expected[i]));
  g_assert_cmpuint (report->counts[DD_HEALTH_MISSING_CELL], ==, 2);
  g_assert_cmpuint (report->counts[DD_HEALTH_DUPLICATE_CONFLICT], ==, 2);
  /* test images are unlabeled by design: never a missing label */
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *finding = g_ptr_array_index (report->findings, i);
      if (finding->kind == DD_HEALTH_MISSING_LABEL)
        g_assert_null (strstr (finding->key, "/test/"));
    }
}

/* One line each, naming what is wrong in numbers a user can check. */
static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "details", NULL);
  g_autofree char *dup = g_build_filename (root, "dog", "twin.jpg", NULL);
  g_autofree char *small = g_build_filename (root, "dog", "small.jpg", NULL);
  g_autofree char *cut = g_build_filename (root, "cat", "cut.jpg", NULL);
  g_autofree char *png = g_build_filename (root, "cat", "png.jpg", NULL);
  g_autofree char *gray = g_build_filename (root, "dog", "gray.jpg", NULL);
  g_autoptr(GBytes) a0 = write_cats_and_dogs (root, 4);
  gsize len = g_bytes_get_size (a0);
  g_autoptr(DdHealthReport) report = NULL;
  DdFinding *finding;

  dd_test_write_bytes (dup, g_bytes_get_data (a0, NULL), len);
  dd_test_write_bytes (cut, g_bytes_get_data (a0, NULL), len - 40);
  dd_test_write_image (small, 48, 10, 10, 200, "jpeg");
  dd_test_write_image (png, 64, 10, 80, 200, "png");
  dd_test_write_image (gray, 64, 100, 100, 100, "jpeg");

  report = index_deep (f, root);
  for (guint i = 0; i < report->findings->len; i++)
    {
      finding = g_ptr_array_index (report->findings, i);
      g_test_message ("%s %s: %s", dd_health_kind_to_string (finding->kind), finding->key,
                      finding->detail);
      g_assert_null (strchr (finding->detail, '\n'));
    }

  finding = dd_test_finding (report, DD_HEALTH_UNEXPECTED_SIZE, "dog/small.jpg");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->detail, "48×48"));
  g_assert_nonnull (strstr (finding->detail, "64×64"));
  g_assert_cmpint (finding->sample_id, >, 0);

  finding = dd_test_finding (report, DD_HEALTH_DUPLICATE_CONFLICT, "dog/twin.jpg");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->detail, "details/cat/a0.jpg"));
  finding = dd_test_finding (report, DD_HEALTH_DUPLICATE_CONFLICT, "cat/a0.jpg");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->detail, "details/dog/twin.jpg"));

  finding = dd_test_finding (report, DD_HEALTH_TRUNCATED, "cat/cut.jpg");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->detail, "end-of-image"));

  finding = dd_test_finding (report, DD_HEALTH_FORMAT_MISMATCH, "cat/png.jpg");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->detail, "png"));

  g_assert_nonnull (dd_test_finding (report, DD_HEALTH_GRAYSCALE, "dog/gray.jpg"));

  /* nothing else: the cut file shares no bytes with a0, the PNG is 64×64 */
  g_assert_cmpuint (report->findings->len, ==, 6);
}

/* A Tiny-ImageNet-C tree: @per images in every corruption × severity × class cell. */
static void
write_corrupted_tree (const char *root,
                      int         per)
{
  static const char *corruptions[] = { "fog", "snow" };
  static const char *wnids[] = { "n01443537", "n01629819" };

  for (guint c = 0; c < G_N_ELEMENTS (corruptions); c++)
    for (int sev = 1; sev <= 5; sev++)
      for (guint w = 0; w < G_N_ELEMENTS (wnids); w++)
        for (int i = 0; i < per; i++)
          {
            g_autofree char *path = g_strdup_printf ("%s/%s/%d/%s/val_%d.JPEG", root,
                                                     corruptions[c], sev, wnids[w], i);
            dd_test_write_image (path, 16, 40 * c + 10, 30 * sev, 100 * w + 20 + i, "jpeg");
          }
}

static void
test_cells (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "Tiny-ImageNet-C", NULL);
  g_autofree char *cell = g_build_filename (root, "fog", "3", "n01443537", NULL);
  g_autofree char *one = g_build_filename (root, "snow", "2", "n01629819", "val_1.JPEG", NULL);
  g_autoptr(DdHealthReport) clean = NULL;
  g_autoptr(DdHealthReport) report = NULL;
  DdFinding *finding;

  write_corrupted_tree (root, 3);
  clean = index_deep (f, root);
  g_assert_cmpuint (clean->findings->len, ==, 0);

  /* one cell gone, one cell short: structure alone tells (no content pass) */
  dd_test_rm_rf (cell);
  g_assert_cmpint (g_unlink (one), ==, 0);
  {
    /* the scanner trusts folder mtimes (seconds): make the change visible */
    g_autofree char *folder = g_path_get_dirname (one);
    struct utimbuf times = { time (NULL) + 5, time (NULL) + 5 };

    g_assert_cmpint (g_utime (folder, &times), ==, 0);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdScanReport) scan = dd_test_scan (f->catalog, root);

    report = dd_health_report (f->catalog, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (report->counts[DD_HEALTH_MISSING_CELL], ==, 2);
  g_assert_cmpuint (report->findings->len, ==, 2);
  finding = dd_test_finding (report, DD_HEALTH_MISSING_CELL, "fog/3/n01443537");
  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->key, ==, "Tiny-ImageNet-C/fog/3/n01443537");
  g_assert_nonnull (strstr (finding->detail, "fog/3/n01443537"));
  g_assert_nonnull (strstr (finding->detail, "0 of 3"));
  finding = dd_test_finding (report, DD_HEALTH_MISSING_CELL, "snow/2/n01629819");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->detail, "2 of 3"));
}

/* Tiny-ImageNet's annotation file: a row without a file, a file without a row, and
 * test images (unlabeled by design, never a finding). */
static void
test_annotations (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "tiny-imagenet-200", NULL);
  g_autofree char *wnids = g_build_filename (root, "wnids.txt", NULL);
  g_autofree char *words = g_build_filename (root, "words.txt", NULL);
  g_autofree char *ann = g_build_filename (root, "val", "val_annotations.txt", NULL);
  g_autoptr(DdHealthReport) report = NULL;
  g_autoptr(DdFilter) filter = dd_filter_new ();
  DdFinding *finding;

  dd_test_write_bytes (wnids, "n01443537\n", -1);
  dd_test_write_bytes (words, "n01443537\tgoldfish, Carassius auratus\n", -1);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *train = g_strdup_printf ("%s/train/n01443537/images/n01443537_%d.JPEG",
                                                root, i);
      g_autofree char *val = g_strdup_printf ("%s/val/images/val_%d.JPEG", root, i);
      g_autofree char *test = g_strdup_printf ("%s/test/images/test_%d.JPEG", root, i);
      dd_test_write_image (train, 64, 200, 30 * i, 10, "jpeg");
      dd_test_write_image (val, 64, 180, 30 * i, 60, "jpeg");
      dd_test_write_image (test, 64, 160, 30 * i, 110, "jpeg");
    }
  /* val_3 has no row; val_9 has a row and no file */
  dd_test_write_bytes (ann, "val_0.JPEG\tn01443537\t0\t0\t63\t63\n"
                            "val_1.JPEG\tn01443537\t0\t0\t63\t63\n"
                            "val_2.JPEG\tn01443537\t0\t0\t63\t63\n"
                            "val_9.JPEG\tn01443537\t0\t0\t63\t63\n", -1);

  report = index_deep (f, root);
  g_assert_cmpuint (report->counts[DD_HEALTH_ORPHAN_ANNOTATION], ==, 1);
  finding = dd_test_finding (report, DD_HEALTH_ORPHAN_ANNOTATION, "val_9.JPEG");
  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->key, ==, "tiny-imagenet-200/val/images/val_9.JPEG");
  g_assert_nonnull (strstr (finding->detail, "val_annotations.txt"));
  g_assert_cmpint (finding->sample_id, ==, 0);
  g_assert_cmpuint (report->counts[DD_HEALTH_MISSING_LABEL], ==, 1);
  g_assert_nonnull (dd_test_finding (report, DD_HEALTH_MISSING_LABEL, "val/images/val_3.JPEG"));
  g_assert_cmpuint (report->findings->len, ==, 2);

  filter->require_flags = DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL);
  g_assert_cmpuint (dd_catalog_count (f->catalog, filter, NULL, NULL), ==, 1);
}

/* A second update changes nothing; the flags it derives follow the data back. */
static void
test_idempotent (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "again", NULL);
  g_autofree char *small = g_build_filename (root, "b", "small.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdHealthReport) first = NULL;
  g_autoptr(DdHealthReport) second = NULL;
  gboolean changed = TRUE;

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *a = g_strdup_printf ("%s/a/%d.png", root, i);
      g_autofree char *b = g_strdup_printf ("%s/b/%d.png", root, i);
      dd_test_write_image (a, 32, 200, 10 * i, 30, "png");
      dd_test_write_image (b, 32, 10 * i, 200, 30, "png");
    }
  dd_test_write_image (small, 20, 1, 2, 200, "png");
  first = index_deep (f, root);
  g_assert_cmpuint (first->counts[DD_HEALTH_UNEXPECTED_SIZE], ==, 1);
  g_assert_true (dd_health_update_full (f->catalog, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (changed);

  /* the odd one grows to the dataset's size: its finding goes */
  dd_test_write_image (small, 32, 1, 2, 200, "png");
  dd_test_shift_mtime (small, 5);
  second = index_deep (f, root);
  g_assert_cmpuint (second->findings->len, ==, 0);
}

/* health --json is exactly {"counts": {kind: N}, "findings": [{"kind", "key", "detail"}]}
 * with every kind counted; index --deep --json tells what it decoded. */
static void
test_cli_json (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "cli", NULL);
  g_autofree char *catalog = g_build_filename (f->dir, "cli.ddcat", NULL);
  g_autofree char *empty = g_build_filename (root, "b", "empty.jpg", NULL);
  g_auto(DdTestRun) index_run = { 0 };
  g_auto(DdTestRun) health_run = { 0 };
  g_auto(DdTestRun) text_run = { 0 };
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  JsonObject *o, *counts;
  JsonArray *findings;
  guint total = 0;

  if (dd_test_skip_without_cli ())
    return;
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *a = g_strdup_printf ("%s/a/%d.jpg", root, i);
      dd_test_write_image (a, 32, 200, 10 * i, 30, "jpeg");
    }
  dd_test_write_bytes (empty, "", 0);

  dd_test_run_cli (&index_run, "index", root, "--catalog", catalog, "--deep", "--json", NULL);
  g_assert_cmpint (index_run.status, ==, 0);
  o = dd_test_parse_object (p1, index_run.out);
  g_assert_cmpint (json_object_get_int_member (o, "decoded"), ==, 4);
  g_assert_true (json_object_has_member (o, "decode_seconds"));

  dd_test_run_cli (&health_run, "health", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (health_run.status, ==, 0);
  o = dd_test_parse_object (p2, health_run.out);
  /* counts, findings and the groups of near duplicates (none here) */
  g_assert_cmpuint (json_object_get_size (o), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "groups")), ==, 0);
  counts = json_object_get_object_member (o, "counts");
  findings = json_object_get_array_member (o, "findings");
  g_assert_nonnull (counts);
  g_assert_nonnull (findings);
  g_assert_cmpuint (json_object_get_size (counts), ==, DD_HEALTH_N_KINDS);
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    total += json_object_get_int_member (counts, dd_health_kind_to_string (k));
  g_assert_cmpint (json_object_get_int_member (counts, "empty_file"), ==, 1);
  g_assert_cmpuint (total, ==, json_array_get_length (findings));
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      g_assert_cmpuint (json_object_get_size (finding), ==, 3);
      g_assert_true (dd_health_kind_from_string (json_object_get_string_member (finding, "kind"),
                                                 NULL));
      g_assert_nonnull (json_object_get_string_member (finding, "key"));
      g_assert_nonnull (json_object_get_string_member (finding, "detail"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (findings, 0),
                                                  "key"), ==, "cli/b/empty.jpg");

  /* the human text: grouped by kind with counts */
  dd_test_run_cli (&text_run, "health", "--catalog", catalog, NULL);
  g_assert_cmpint (text_run.status, ==, 0);
  g_assert_nonnull (strstr (text_run.out, "(empty_file): 1\n"));
  g_assert_nonnull (strstr (text_run.out, "  cli/b/empty.jpg"));
}

/* End to end, as a script would: demo, index --deep, health --json. Every defect the
 * demo says it planted is reported with its kind and key. */
static void
test_cli_demo (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "demo", NULL);
  g_autofree char *catalog = g_build_filename (f->dir, "demo.ddcat", NULL);
  g_auto(DdTestRun) demo_run = { 0 };
  g_auto(DdTestRun) index_run = { 0 };
  g_auto(DdTestRun) health_run = { 0 };
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  JsonArray *planted, *findings;
  guint checked = 0;

  if (dd_test_skip_without_cli ())
    return;
  dd_test_run_cli (&demo_run, "demo", root, "--classes", "4", "--per-class", "3", "--json",
                   NULL);
  g_assert_cmpint (demo_run.status, ==, 0);
  dd_test_run_cli (&index_run, "index", root, "--catalog", catalog, "--deep", NULL);
  g_assert_cmpint (index_run.status, ==, 0);
  dd_test_run_cli (&health_run, "health", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (health_run.status, ==, 0);

  planted = json_object_get_array_member (dd_test_parse_object (p1, demo_run.out), "defects");
  findings = json_object_get_array_member (dd_test_parse_object (p2, health_run.out), "findings");
  for (guint i = 0; i < json_array_get_length (planted); i++)
    {
      JsonObject *defect = json_array_get_object_element (planted, i);
      const char *kind = json_object_get_string_member (defect, "kind");
      const char *key = json_object_get_string_member (defect, "key");
      gboolean found = FALSE;

      if (!dd_health_kind_from_string (kind, NULL))
        continue;   /* junk files are skipped by the scan, not findings */
      for (guint j = 0; j < json_array_get_length (findings) && !found; j++)
        {
          JsonObject *finding = json_array_get_object_element (findings, j);
          const char *fkey = json_object_get_string_member (finding, "key");

          found = g_str_equal (json_object_get_string_member (finding, "kind"), kind) &&
                  (g_str_equal (fkey, key) ||
                   /* class findings are keyed by wnid */
                   (g_str_has_suffix (key, fkey) && key[strlen (key) - strlen (fkey) - 1] == '/'));
        }
      if (!found)
        g_error ("the demo's %s defect %s is not reported", kind, key);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 11);
  /* test images are unlabeled by design: never a missing label */
  g_assert_null (strstr (health_run.out, "\"missing_label\",\"key\":\"tiny-imagenet-200/test/"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/health/" path, Fixture, NULL, dd_test_setup_empty, func, dd_test_teardown)
  ADD ("clean-data-no-findings", test_clean_data);
  ADD ("crafted-defects", test_crafted);
  ADD ("details-name-the-problem", test_details);
  ADD ("cells-missing-and-short", test_cells);
  ADD ("annotations-orphans-and-missing-labels", test_annotations);
  ADD ("update-is-idempotent", test_idempotent);
  ADD ("cli-json-shape", test_cli_json);
  ADD ("cli-demo-every-planted-defect", test_cli_demo);
  ADD ("demo-defects", test_demo_defects);

  return g_test_run ();
}
