/* Tests of the content pass: what one file is found to be (crafted files of every
 * kind, and no finding on normal ones), resumability, cancellation, the async run's
 * progress properties. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "dd-content.h"
#include "dd-health.h"
#include "dd-scanner.h"
#include "dd-test-util.h"
#include "dd-text.h"

#define FLAG(kind) DD_HEALTH_FLAG (DD_HEALTH_##kind)

/* An 8×8 JPEG with one component (ImageMagick -type Grayscale), and a 4×4 PNG of
 * colour type 0 (gray): gdk-pixbuf cannot write either. */
static const guint8 gray_jpeg[] =
  "\xff\xd8\xff\xe0\x00\x10\x4a\x46\x49\x46\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb"
  "\x00\x43\x00\x03\x02\x02\x03\x02\x02\x03\x03\x03\x03\x04\x03\x03\x04\x05\x08\x05\x05\x04"
  "\x04\x05\x0a\x07\x07\x06\x08\x0c\x0a\x0c\x0c\x0b\x0a\x0b\x0b\x0d\x0e\x12\x10\x0d\x0e\x11"
  "\x0e\x0b\x0b\x10\x16\x10\x11\x13\x14\x15\x15\x15\x0c\x0f\x17\x18\x16\x14\x18\x12\x14\x15"
  "\x14\xff\xc0\x00\x0b\x08\x00\x08\x00\x08\x01\x01\x11\x00\xff\xc4\x00\x14\x00\x01\x00\x00"
  "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\xff\xc4\x00\x17\x10\x00\x03\x01"
  "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x19\x65\xa3\xff\xda\x00\x08\x01"
  "\x01\x00\x00\x3f\x00\x15\x84\x8c\xcf\xff\xd9";
static const guint8 gray_png[] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00"
  "\x00\x04\x08\x00\x00\x00\x00\x8c\x9a\xc1\xa2\x00\x00\x00\x1a\x49\x44\x41\x54\x08\xd7\x05"
  "\xc1\x01\x0d\x00\x00\x0c\x02\x20\xdc\x5e\xd1\xfe\x51\x3c\x80\x14\x57\x64\x78\x0b\xef\x01"
  "\xb0\xfa\xae\x8f\x3b\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

typedef DdTestFixture Fixture;

static void
save (GdkPixbuf  *pixbuf,
      const char *path,
      const char *type)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);
}

static void
write_named (const char *dir,
             const char *name,
             const void *bytes,
             gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  dd_test_write_bytes (path, bytes, len);
}

/* Examines @path (named @name) and returns its facts in @facts. */
static void
examine (const char     *dir,
         const char     *name,
         DdContentFacts *facts)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  dd_content_examine (path, name, -1, facts);
}

/* @name in @dir examines as grayscale and nothing else, @width pixels wide, with
 * @channels channels. */
static void
assert_gray (const char *dir,
             const char *name,
             int         channels,
             int         width)
{
  DdContentFacts facts;

  examine (dir, name, &facts);
  g_assert_cmpuint (facts.flags, ==, FLAG (GRAYSCALE));
  g_assert_cmpstr (facts.mode, ==, "L");
  g_assert_cmpint (facts.channels, ==, channels);
  g_assert_cmpint (facts.width, ==, width);
  dd_content_facts_clear (&facts);
}

static void
test_examine_normal (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *jpeg = g_build_filename (f->dir, "a.JPEG", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.jpg", NULL);
  g_autofree char *png = g_build_filename (f->dir, "b.png", NULL);
  g_autofree char *padded = g_build_filename (f->dir, "padded.jpg", NULL);
  g_autofree char *faint = g_build_filename (f->dir, "faint.jpg", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  DdContentFacts a, b, facts;

  dd_test_write_image (jpeg, 64, 200, 40, 10, "jpeg");
  examine (f->dir, "a.JPEG", &a);
  g_assert_cmpuint (a.flags, ==, 0);
  g_assert_null (a.error);
  g_assert_cmpint (a.width, ==, 64);
  g_assert_cmpint (a.height, ==, 64);
  g_assert_cmpint (a.channels, ==, 3);
  g_assert_cmpstr (a.format, ==, "jpeg");
  g_assert_cmpstr (a.mode, ==, "RGB");
  g_assert_cmpuint (strlen (a.hash), ==, 32);

  /* the hash is the bytes' */
  g_assert_true (g_file_get_contents (jpeg, &contents, &len, NULL));
  dd_test_write_bytes (copy, contents, len);
  examine (f->dir, "copy.jpg", &b);
  g_assert_cmpstr (a.hash, ==, b.hash);
  g_assert_cmpint (b.size, ==, (gint64) len);
  dd_content_facts_clear (&b);

  /* padding after the end-of-image marker is not a truncation */
  {
    g_autofree char *more = g_malloc0 (len + 16);
    memcpy (more, contents, len);
    dd_test_write_bytes (padded, more, len + 16);
    examine (f->dir, "padded.jpg", &b);
    g_assert_cmpuint (b.flags, ==, 0);
    g_assert_cmpstr (a.hash, !=, b.hash);
    dd_content_facts_clear (&b);
  }
  dd_content_facts_clear (&a);

  dd_test_write_image (png, 32, 10, 200, 10, "png");
  examine (f->dir, "b.png", &facts);
  g_assert_cmpuint (facts.flags, ==, 0);
  g_assert_cmpstr (facts.format, ==, "png");
  g_assert_cmpstr (facts.mode, ==, "RGB");
  dd_content_facts_clear (&facts);

  /* A faint colour picture (contrast at severity 5 looks like this) is not gray. */
  {
    g_autoptr(GdkPixbuf) pixbuf = dd_test_make_pixbuf (64, 64, 120, 120, 120);
    guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
    int stride = gdk_pixbuf_get_rowstride (pixbuf);

    for (int y = 0; y < 64; y++)
      for (int x = 0; x < 64; x++)
        pixels[y * stride + x * 3 + 2] += 8;   /* a faint blue cast */
    save (pixbuf, faint, "jpeg");
    examine (f->dir, "faint.jpg", &facts);
    g_assert_cmpuint (facts.flags, ==, 0);
    g_assert_cmpstr (facts.mode, ==, "RGB");
    dd_content_facts_clear (&facts);
  }
}

static void
test_examine_defects (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *jpeg = g_build_filename (f->dir, "a.JPEG", NULL);
  g_autofree char *png = g_build_filename (f->dir, "p.png", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  DdContentFacts facts;

  /* empty */
  write_named (f->dir, "empty.JPEG", "", 0);
  examine (f->dir, "empty.JPEG", &facts);
  g_assert_cmpuint (facts.flags, ==, FLAG (EMPTY_FILE));
  g_assert_cmpint (facts.size, ==, 0);
  dd_content_facts_clear (&facts);

  /* a JPEG cut in half: gdk-pixbuf decodes it without an error; the marker tells */
  {
    /* noise, so that half the file is well into the scan data */
    g_autoptr(GdkPixbuf) noisy = dd_test_make_pixbuf (64, 64, 30, 200, 90);
    guint8 *pixels = gdk_pixbuf_get_pixels (noisy);
    GRand *rand = g_rand_new_with_seed (7);

    for (int i = 0; i < 64 * gdk_pixbuf_get_rowstride (noisy); i++)
      pixels[i] = g_rand_int_range (rand, 0, 256);
    g_rand_free (rand);
    save (noisy, jpeg, "jpeg");
  }
  g_assert_true (g_file_get_contents (jpeg, &contents, &len, NULL));
  write_named (f->dir, "cut.JPEG", contents, len / 2);
  examine (f->dir, "cut.JPEG", &facts);
  g_assert_cmpuint (facts.flags, ==, FLAG (TRUNCATED));
  g_assert_cmpint (facts.width, ==, 64);
  g_assert_nonnull (strstr (facts.error, "end-of-image"));
  {
    g_autofree char *bytes = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes)", len / 2);
    g_assert_nonnull (strstr (facts.error, bytes));
  }
  dd_content_facts_clear (&facts);
  /* cut inside the headers: nothing to show, still truncated rather than undecodable */
  write_named (f->dir, "head.JPEG", contents, 200);
  examine (f->dir, "head.JPEG", &facts);
  g_assert_cmpuint (facts.flags, ==, FLAG (TRUNCATED));
  g_assert_cmpint (facts.width, ==, 0);
  dd_content_facts_clear (&facts);
  g_clear_pointer (&contents, g_free);

  /* a PNG without its IEND chunk */
  dd_test_write_image (png, 32, 10, 100, 200, "png");
  g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
  write_named (f->dir, "cut.png", contents, len - 12);
  examine (f->dir, "cut.png", &facts);
  g_assert_true (facts.flags & FLAG (TRUNCATED));
  g_assert_false (facts.flags & FLAG (EMPTY_FILE));
  dd_content_facts_clear (&facts);

  /* PNG bytes named .JPEG: decodes, the real format is png */
  write_named (f->dir, "png.JPEG", contents, len);
  examine (f->dir, "png.JPEG", &facts);
  g_assert_cmpuint (facts.flags, ==, FLAG (FORMAT_MISMATCH));
  g_assert_cmpstr (facts.format, ==, "png");
  g_assert_cmpint (facts.width, ==, 32);
  dd_content_facts_clear (&facts);

  /* text named .JPEG */
  write_named (f->dir, "text.JPEG", "<html>404 Not Found</html>\n", -1);
  examine (f->dir, "text.JPEG", &facts);
  g_assert_cmpuint (facts.flags, ==, FLAG (UNDECODABLE));
  g_assert_cmpstr (facts.format, ==, "unknown");
  g_assert_nonnull (facts.error);
  g_assert_cmpint (facts.width, ==, 0);
  dd_content_facts_clear (&facts);

  /* gray, three ways: RGB pixels all equal, a one-component JPEG, a gray PNG */
  {
    g_autofree char *gray = g_build_filename (f->dir, "gray.JPEG", NULL);
    dd_test_write_image (gray, 64, 90, 90, 90, "jpeg");
  }
  assert_gray (f->dir, "gray.JPEG", 3, 64);
  write_named (f->dir, "gray1.JPEG", gray_jpeg, sizeof gray_jpeg - 1);
  assert_gray (f->dir, "gray1.JPEG", 1, 8);
  write_named (f->dir, "gray.png", gray_png, sizeof gray_png - 1);
  assert_gray (f->dir, "gray.png", 1, 4);

  /* gone: no crash, undecodable, a plain reason */
  examine (f->dir, "vanished.JPEG", &facts);
  g_assert_cmpuint (facts.flags, ==, FLAG (UNDECODABLE));
  g_assert_cmpstr (facts.error, ==, "file not found");
  g_assert_cmpint (facts.size, ==, -1);
  dd_content_facts_clear (&facts);
}

/* @n images under @root/c<i % 3>/, then a structure scan. */
static void
make_tree (Fixture    *f,
           const char *root,
           int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) base = dd_test_make_pixbuf (16, 16, 10, 100, 50);
  g_autofree char *contents = NULL;
  gsize len;

  /* distinct bytes, quickly: one JPEG with a different comment each */
  g_assert_true (gdk_pixbuf_save_to_buffer (base, &contents, &len, "jpeg", &error, NULL));
  for (int i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/c%d/i%d.jpg", root, i % 3, i);
      g_autofree char *bytes = g_memdup2 (contents, len + 8);
      /* a COM segment after SOI keeps the file a valid, different JPEG */
      memmove (bytes + 8, bytes + 2, len - 2);
      memcpy (bytes + 2, "\xff\xfe\x00\x06", 4);
      bytes[6] = i >> 8;
      bytes[7] = i & 0xff;
      dd_test_write_bytes (path, bytes, len + 6);
    }
  dd_scan_report_free (dd_test_scan (f->catalog, root));
}

/* Samples the content pass recorded as decoded. */
static guint
count_decoded (DdCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = dd_catalog_list_sample_files (catalog, 0, G_MAXINT, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    if (((DdSampleFile *) g_ptr_array_index (files, i))->decoded_mtime >= 0)
      n++;
  return n;
}

static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "resume", NULL);
  g_autofree char *touched = g_build_filename (root, "c1", "i4.jpg", NULL);
  g_autofree char *replaced = g_build_filename (root, "c2", "i5.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdContentPass) pass = dd_content_pass_new (f->catalog);
  DdContentReport r = { 0 };

  make_tree (f, root, 30);
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.checked, ==, 30);
  g_assert_cmpuint (r.decoded, ==, 30);
  g_assert_cmpuint (r.failed, ==, 0);
  g_assert_cmpuint (count_decoded (f->catalog), ==, 30);

  /* unchanged: nothing decoded twice */
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.decoded, ==, 0);
  g_assert_cmpuint (r.skipped, ==, 30);

  /* touched: decoded again, once */
  dd_test_shift_mtime (touched, 10);
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.decoded, ==, 1);
  g_assert_cmpuint (r.skipped, ==, 29);

  /* same mtime, other size: decoded again, with what the file holds now */
  {
    GStatBuf st;
    struct utimbuf times;

    g_assert_cmpint (g_stat (replaced, &st), ==, 0);
    dd_test_write_image (replaced, 40, 1, 200, 3, "png");
    times.actime = st.st_atime;
    times.modtime = st.st_mtime;
    g_assert_cmpint (g_utime (replaced, &times), ==, 0);
  }
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.decoded, ==, 1);
  {
    gint64 id = dd_catalog_lookup_key (f->catalog, "resume/c2/i5.jpg", NULL);
    g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (f->catalog, id, NULL);

    g_assert_cmpint (info->width, ==, 40);
    g_assert_cmpstr (info->format, ==, "png");
    g_assert_true (info->flags & FLAG (FORMAT_MISMATCH));
  }

  /* a file gone since the scan: undecodable, tried again next time */
  g_assert_cmpint (g_unlink (touched), ==, 0);
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.decoded, ==, 1);
  g_assert_cmpuint (r.failed, ==, 1);   /* only what was decoded in this run counts */
  {
    gint64 id = dd_catalog_lookup_key (f->catalog, "resume/c1/i4.jpg", NULL);
    g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (f->catalog, id, NULL);

    g_assert_cmpstr (info->decode_error, ==, "file not found");
    g_assert_true (info->flags & FLAG (UNDECODABLE));
  }
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.decoded, ==, 1);
}

static void
cancel_on_progress (double      fraction,
                    const char *text,
                    gpointer    user_data)
{
  if (fraction > 0 && fraction < 1)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_and_continue (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "cancel", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdContentPass) pass = dd_content_pass_new (f->catalog);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) early = g_cancellable_new ();
  DdContentReport r = { 0 };
  guint first;
  const guint n = 1500;

  make_tree (f, root, n);

  /* cancelled before it starts: an error, nothing written */
  g_cancellable_cancel (early);
  g_assert_false (dd_content_pass_run (pass, &r, NULL, NULL, early, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (count_decoded (f->catalog), ==, 0);

  /* cancelled at the first progress report, one batch in: what was done is kept */
  dd_content_pass_set_threads (pass, 1);
  g_assert_false (dd_content_pass_run (pass, &r, cancel_on_progress, cancellable, cancellable,
                                       &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  first = count_decoded (f->catalog);
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (first, <, n);
  g_assert_cmpuint (r.decoded, ==, first);

  /* the next run does the rest, and only the rest */
  dd_content_pass_set_threads (pass, 0);
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.decoded, ==, n - first);
  g_assert_cmpuint (r.skipped, ==, first);
  g_assert_cmpuint (count_decoded (f->catalog), ==, n);
}

static void
test_limit (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "limit", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdContentPass) pass = dd_content_pass_new (f->catalog);
  DdContentReport r = { 0 };
  guint limit = 0;

  make_tree (f, root, 100);
  g_object_set (pass, "limit", 40, NULL);
  g_object_get (pass, "limit", &limit, NULL);
  g_assert_cmpuint (limit, ==, 40);
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.checked, ==, 40);
  g_assert_cmpuint (r.decoded, ==, 40);
  g_assert_cmpuint (count_decoded (f->catalog), ==, 40);
  dd_content_pass_set_limit (pass, 0);
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_cmpuint (r.decoded, ==, 60);
  g_assert_cmpuint (r.skipped, ==, 40);
}

typedef struct {
  GThread   *main_thread;
  guint      fraction_notes;
  guint      text_notes;
} AsyncState;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  if (g_str_equal (pspec->name, "fraction"))
    state->fraction_notes++;
  else
    state->text_notes++;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "async", NULL);
  g_autoptr(DdContentPass) pass = dd_content_pass_new (f->catalog);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdContentReport report = { 0 };
  AsyncState state = { 0 };

  make_tree (f, root, 200);
  state.main_thread = g_thread_self ();
  g_signal_connect (pass, "notify::fraction", G_CALLBACK (on_notify), &state);
  g_signal_connect (pass, "notify::text", G_CALLBACK (on_notify), &state);
  dd_content_pass_run_async (pass, NULL, dd_test_keep_result, &result);
  g_assert_true (dd_content_pass_run_finish (pass, dd_test_await (&result), &report, &error));
  /* notifications still queued behind the result */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_no_error (error);
  g_assert_cmpuint (report.decoded, ==, 200);
  g_assert_cmpuint (state.fraction_notes, >, 0);
  g_assert_cmpuint (state.text_notes, >, 0);
  g_assert_cmpfloat (dd_content_pass_get_fraction (pass), ==, 1.0);
  g_assert_nonnull (strstr (dd_content_pass_get_text (pass), "200"));
}

static void
keep_text (double      fraction,
           const char *text,
           gpointer    user_data)
{
  char **last = user_data;

  g_free (*last);
  *last = g_strdup (text);
}

/* The image check's progress says its counts grouped ("Decoded 869,952 images"): the
 * window's bar showed "Decoding images: 30528 of 869952" on the full-scale demo. */
static void
test_text_grouped (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "grouped", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdContentPass) pass = dd_content_pass_new (f->catalog);
  g_autofree char *grouped = dd_format_count (1000);
  g_autofree char *text = NULL;
  DdContentReport r = { 0 };

  make_tree (f, root, 1000);
  g_assert_true (dd_content_pass_run (pass, &r, keep_text, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.decoded, ==, 1000);
  g_test_message ("%s", text);
  g_assert_cmpstr (grouped, !=, "1000");
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, grouped));
}

/* Normal images, in a tree the scanner reads as ImageFolder: no flag at all. */
static void
test_clean_tree (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "clean", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdContentPass) pass = dd_content_pass_new (f->catalog);
  g_autoptr(DdFilter) filter = dd_filter_new ();
  DdContentReport r = { 0 };

  for (int c = 0; c < 3; c++)
    for (int i = 0; i < 6; i++)
      {
        g_autofree char *path = g_strdup_printf ("%s/class%d/img%d.%s", root, c, i,
                                                 i % 3 == 2 ? "png" : "JPEG");
        dd_test_write_image (path, 48, 60 * c + 10, 30 * i + 20, 100, i % 3 == 2 ? "png" : "jpeg");
      }
  make_tree (f, root, 0);
  g_assert_true (dd_content_pass_run (pass, &r, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.decoded, ==, 18);
  g_assert_cmpuint (r.failed, ==, 0);
  filter->require_flags = G_MAXUINT32;   /* any flag */
  g_assert_cmpuint (dd_catalog_count (f->catalog, filter, NULL, NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/content/" path, Fixture, NULL, dd_test_setup_empty, func, dd_test_teardown)
  ADD ("examine/normal-files-have-no-flag", test_examine_normal);
  ADD ("text-grouped", test_text_grouped);
  ADD ("examine/every-defect", test_examine_defects);
  ADD ("pass/clean-tree-no-flag", test_clean_tree);
  ADD ("pass/resume-only-changed-files", test_resume);
  ADD ("pass/cancel-then-continue", test_cancel_and_continue);
  ADD ("pass/limit", test_limit);
  ADD ("pass/async-notifies-on-main-context", test_async);

  return g_test_run ();
}
