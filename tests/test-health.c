/* Tests of the content pass and the health report: every kind on crafted files and
 * on the demo's planted defects, no false finding on clean data, resumability and
 * cancellation. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dd-content.h"
#include "dd-demo.h"
#include "dd-health.h"
#include "dd-scanner.h"
#include "dd-test-util.h"

typedef struct {
  char      *dir;
  DdCatalog *catalog;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("dd-health-XXXXXX", &error);
  path = g_build_filename (f->dir, "h.ddcat", NULL);
  f->catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->catalog);
  dd_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* A @size × @size image of colour (r, g, b) with a gradient, saved as @type. */
static void
write_image (const char *path,
             int         size,
             int         r,
             int         g,
             int         b,
             const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, size, size);
  g_autofree char *dir = g_path_get_dirname (path);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        p[0] = CLAMP (r + x, 0, 255);
        p[1] = CLAMP (g + y, 0, 255);
        p[2] = CLAMP (b + x / 2, 0, 255);
        if (r == g && g == b)
          p[0] = p[1] = p[2] = CLAMP (r + x, 0, 255);
      }
  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);
}

static DdHealthReport *
index_deep (Fixture    *f,
            const char *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScanner) scanner = dd_scanner_new (f->catalog);
  g_autoptr(DdContentPass) pass = dd_content_pass_new (f->catalog);
  g_autoptr(DdScanReport) scan = NULL;
  const char *roots[] = { root, NULL };
  DdContentReport content;
  DdHealthReport *report;

  scan = dd_scanner_run (scanner, roots, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dd_content_pass_run (pass, &content, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  report = dd_health_report (f->catalog, &error);
  g_assert_no_error (error);
  return report;
}

static gboolean
has_finding (DdHealthReport *report,
             DdHealthKind    kind,
             const char     *key_suffix)
{
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *finding = g_ptr_array_index (report->findings, i);
      if (finding->kind == kind && g_str_has_suffix (finding->key, key_suffix))
        return TRUE;
    }
  return FALSE;
}

static void
test_examine (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dd-examine-XXXXXX", NULL);
  g_autofree char *jpeg = g_build_filename (dir, "a.JPEG", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.JPEG", NULL);
  g_autofree char *png = g_build_filename (dir, "p.JPEG", NULL);
  g_autofree char *text = g_build_filename (dir, "t.jpg", NULL);
  g_autofree char *gray = g_build_filename (dir, "g.png", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  DdContentFacts facts;

  write_image (jpeg, 64, 200, 40, 10, "jpeg");
  dd_content_examine (jpeg, "a.JPEG", &facts);
  g_assert_cmpuint (facts.flags, ==, 0);
  g_assert_cmpint (facts.width, ==, 64);
  g_assert_cmpstr (facts.format, ==, "jpeg");
  g_assert_cmpstr (facts.mode, ==, "RGB");
  g_assert_cmpuint (strlen (facts.hash), ==, 32);
  dd_content_facts_clear (&facts);

  g_assert_true (g_file_get_contents (jpeg, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (cut, contents, len / 2, NULL));
  dd_content_examine (cut, "cut.JPEG", &facts);
  g_assert_true (facts.flags & DD_HEALTH_FLAG (DD_HEALTH_TRUNCATED));
  dd_content_facts_clear (&facts);

  write_image (png, 32, 10, 200, 10, "png");
  dd_content_examine (png, "p.JPEG", &facts);
  g_assert_cmpuint (facts.flags, ==, DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH));
  g_assert_cmpstr (facts.format, ==, "png");
  dd_content_facts_clear (&facts);

  g_assert_true (g_file_set_contents (text, "this is not a picture\n", -1, NULL));
  dd_content_examine (text, "t.jpg", &facts);
  g_assert_true (facts.flags & DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE));
  g_assert_nonnull (facts.error);
  dd_content_facts_clear (&facts);

  write_image (gray, 32, 90, 90, 90, "png");
  dd_content_examine (gray, "g.png", &facts);
  g_assert_cmpuint (facts.flags, ==, DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE));
  g_assert_cmpstr (facts.mode, ==, "L");
  dd_content_facts_clear (&facts);

  dd_content_examine ("/nonexistent/x.jpg", "x.jpg", &facts);
  g_assert_true (facts.flags & DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE));
  dd_content_facts_clear (&facts);

  dd_test_rm_rf (dir);
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
        write_image (path, 48, 60 * c + 10, 30 * i + 20, 100, "jpeg");
      }
  report = index_deep (f, root);
  g_assert_cmpuint (report->findings->len, ==, 0);
}

static void
test_crafted (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "crafted", NULL);
  g_autofree char *a0 = g_build_filename (root, "cat", "a0.jpg", NULL);
  g_autofree char *dup = g_build_filename (root, "dog", "copy-of-a0.jpg", NULL);
  g_autofree char *big = g_build_filename (root, "dog", "big.jpg", NULL);
  g_autofree char *empty = g_build_filename (root, "dog", "empty.jpg", NULL);
  g_autofree char *bad = g_build_filename (root, "cat", "bad.jpg", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(DdHealthReport) report = NULL;
  g_autoptr(DdFilter) filter = dd_filter_new ();

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *c = g_strdup_printf ("%s/cat/a%d.jpg", root, i);
      g_autofree char *d = g_strdup_printf ("%s/dog/b%d.jpg", root, i);
      write_image (c, 64, 200, 20 * i, 30, "jpeg");
      write_image (d, 64, 20 * i, 150, 200, "jpeg");
    }
  g_assert_true (g_file_get_contents (a0, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (dup, contents, len, NULL));
  write_image (big, 96, 10, 10, 200, "jpeg");
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (bad, "<html>not an image</html>", -1, NULL));

  report = index_deep (f, root);
  g_assert_true (has_finding (report, DD_HEALTH_DUPLICATE_CONFLICT, "cat/a0.jpg"));
  g_assert_true (has_finding (report, DD_HEALTH_DUPLICATE_CONFLICT, "dog/copy-of-a0.jpg"));
  g_assert_true (has_finding (report, DD_HEALTH_UNEXPECTED_SIZE, "dog/big.jpg"));
  g_assert_true (has_finding (report, DD_HEALTH_EMPTY_FILE, "dog/empty.jpg"));
  g_assert_true (has_finding (report, DD_HEALTH_UNDECODABLE, "cat/bad.jpg"));
  g_assert_cmpuint (report->counts[DD_HEALTH_DUPLICATE_CONFLICT], ==, 2);
  g_assert_cmpuint (report->counts[DD_HEALTH_UNEXPECTED_SIZE], ==, 1);
  g_assert_cmpuint (report->findings->len, ==, 5);

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

    write_image (touch, 64, 1, 2, 3, "jpeg");
    again = index_deep (f, root);
    g_assert_cmpuint (again->counts[DD_HEALTH_DUPLICATE_CONFLICT], ==, 0);
  }
}

static void
test_resume_and_cancel (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "resume", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScanner) scanner = dd_scanner_new (f->catalog);
  g_autoptr(DdContentPass) pass = dd_content_pass_new (f->catalog);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *roots[] = { root, NULL };
  g_autoptr(DdScanReport) scan = NULL;
  DdContentReport r = { 0 };
  g_autofree char *touched = NULL;

  for (int i = 0; i < 30; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/c%d/i%d.png", root, i % 3, i);
      write_image (path, 32, 5 * i, 100, 50, "png");
    }
  scan = dd_scanner_run (scanner, roots, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* cancelled before it starts: an error, nothing lost, the next run does it all */
  g_cancellable_cancel (cancellable);
  g_assert_false (dd_content_pass_run (pass, &r, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.decoded, ==, 30);
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.decoded, ==, 0);
  g_assert_cmpuint (r.skipped, ==, 30);

  /* one file changes: one decode */
  g_usleep (1100 * 1000);
  touched = g_strdup_printf ("%s/c1/i4.png", root);
  write_image (touched, 40, 1, 2, 3, "png");
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.decoded, ==, 1);
  {
    gint64 id = dd_catalog_lookup_key (f->catalog, "resume/c1/i4.png", NULL);
    g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (f->catalog, id, NULL);
    g_assert_cmpint (info->width, ==, 40);
    g_assert_cmpstr (info->format, ==, "png");
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/health/" path, Fixture, NULL, setup, func, teardown)
  g_test_add_func ("/health/examine-files", test_examine);
  ADD ("clean-data-no-findings", test_clean_data);
  ADD ("crafted-defects", test_crafted);
  ADD ("content-pass-resume-and-cancel", test_resume_and_cancel);
  ADD ("demo-defects", test_demo_defects);

  return g_test_run ();
}
