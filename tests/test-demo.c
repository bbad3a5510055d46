/* Tests of the demo generator: the exact tree of a 3-class × 4 demo, its text files, every
 * planted defect, determinism, refusals, cancellation and the corruptions' strength; the
 * ImageNet-C and ImageNet layouts at 10 classes × 2, indexed by the real scanner. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "dd-demo.h"
#include "dd-demo-private.h"
#include "dd-imagenet-classes.h"
#include "dd-test-util.h"
#include "dd-tiny-imagenet-classes.h"

#define N_CLASSES 3
#define PER_CLASS 4
#define TRAIN     (10 * PER_CLASS)

/* One generated demo shared by the read-only tests. */
static char *demo_root;
static char *demo_parent;

static void
options_small (DdDemoOptions *options)
{
  dd_demo_options_init (options);
  options->classes = N_CLASSES;
  options->per_class = PER_CLASS;
}

static char *
make_demo (guint64 seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_dir_make_tmp ("datadive-demo-XXXXXX", &error);
  char *root;
  DdDemoOptions options;

  g_assert_no_error (error);
  root = g_build_filename (parent, "demo", NULL);
  options_small (&options);
  options.seed = seed;
  g_assert_true (dd_demo_generate (root, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return root;
}

static char *
path_in (const char *rel)
{
  return g_build_filename (demo_root, rel, NULL);
}

static guint
count_entries (const char *rel)
{
  g_autofree char *path = path_in (rel);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static guint64
count_files_under (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint64 n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_files_under (child);
      else
        n++;
    }
  return n;
}

static GBytes *
read_rel (const char *root,
          const char *rel)
{
  gsize len = 0;
  char *data = dd_test_read_file (root, rel, &len);

  return g_bytes_new_take (data, len);
}

static char **
read_lines (const char *rel)
{
  g_autoptr(GBytes) bytes = read_rel (demo_root, rel);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_true (g_str_has_suffix (text, "\n"));
  text[strlen (text) - 1] = '\0';
  return g_strsplit (text, "\n", -1);
}

static const char *
wnid (guint k)
{
  return dd_tiny_imagenet_wnid (k * (DD_TINY_IMAGENET_N_CLASSES / N_CLASSES));
}

static GdkPixbuf *
load (const char *root,
      const char *rel)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  return pixbuf;
}

/* Mean absolute difference of two same-sized RGB images, in 0..255. */
static double
mean_abs_diff (GdkPixbuf *a,
               GdkPixbuf *b)
{
  int w = gdk_pixbuf_get_width (a), h = gdk_pixbuf_get_height (a);
  const guint8 *pa = gdk_pixbuf_read_pixels (a), *pb = gdk_pixbuf_read_pixels (b);
  int sa = gdk_pixbuf_get_rowstride (a), sb = gdk_pixbuf_get_rowstride (b);
  double sum = 0;

  g_assert_cmpint (gdk_pixbuf_get_width (b), ==, w);
  g_assert_cmpint (gdk_pixbuf_get_height (b), ==, h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w * 3; x++)
      sum += fabs ((double) pa[y * sa + x] - pb[y * sb + x]);
  return sum / (w * h * 3);
}

static void
test_tree (void)
{
  DdDemoOptions options;

  options_small (&options);
  g_assert_cmpuint (count_files_under (demo_root), ==, dd_demo_count_files (&options));

  for (guint k = 0; k < N_CLASSES; k++)
    {
      g_autofree char *images = g_strdup_printf ("tiny-imagenet-200/train/%s/images", wnid (k));
      g_autofree char *folder = g_strdup_printf ("tiny-imagenet-200/train/%s", wnid (k));

      g_assert_cmpuint (count_entries (images), ==, TRAIN);
      /* images/, the boxes file, and a .DS_Store in class 0 */
      g_assert_cmpuint (count_entries (folder), ==, k == 0 ? 3 : 2);
    }
  g_assert_cmpuint (count_entries ("tiny-imagenet-200/train"), ==, N_CLASSES + 1);
  g_assert_cmpuint (count_entries ("tiny-imagenet-200/train/n00000042/images"), ==, 3);
  g_assert_cmpuint (count_entries ("tiny-imagenet-200/val/images"), ==,
                    N_CLASSES * PER_CLASS + 1);   /* + Thumbs.db */
  g_assert_cmpuint (count_entries ("tiny-imagenet-200/test/images"), ==, N_CLASSES * PER_CLASS);
  g_assert_cmpuint (count_entries ("tiny-imagenet-200"), ==, 5);
  g_assert_cmpuint (count_entries ("Tiny-ImageNet-C"), ==, 15);

  for (guint c = 0; c < DD_DEMO_N_CORRUPTIONS; c++)
    {
      g_autofree char *corruption = g_strdup_printf ("Tiny-ImageNet-C/%s", dd_demo_corruption_name (c));

      g_assert_cmpuint (count_entries (corruption), ==, c == 0 ? 6 : 5);   /* + .DS_Store */
      for (guint s = 1; s <= 5; s++)
        for (guint k = 0; k < N_CLASSES; k++)
          {
            g_autofree char *cell = g_strdup_printf ("%s/%u/%s", corruption, s, wnid (k));
            g_autofree char *path = path_in (cell);
            gboolean snow5 = g_str_equal (dd_demo_corruption_name (c), "snow") && s == 5;
            gboolean fog2 = g_str_equal (dd_demo_corruption_name (c), "fog") && s == 2;

            if (snow5 && k == N_CLASSES - 1)
              g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
            else
              g_assert_cmpuint (count_entries (cell), ==,
                                fog2 && k == 0 ? PER_CLASS - 1 : PER_CLASS);
          }
    }
}

static void
test_text_files (void)
{
  g_auto(GStrv) wnids = read_lines ("tiny-imagenet-200/wnids.txt");
  g_auto(GStrv) words = read_lines ("tiny-imagenet-200/words.txt");
  g_auto(GStrv) rows = read_lines ("tiny-imagenet-200/val/val_annotations.txt");
  guint orphans = 0;

  g_assert_cmpuint (g_strv_length (wnids), ==, N_CLASSES);
  g_assert_cmpuint (g_strv_length (words), ==, N_CLASSES);
  for (guint k = 0; k < N_CLASSES; k++)
    {
      int index = dd_tiny_imagenet_lookup (wnid (k));
      g_autofree char *line = g_strdup_printf ("%s\t%s", wnid (k), dd_tiny_imagenet_names (index));
      g_assert_true (g_strv_contains ((const char * const *) wnids, wnid (k)));
      g_assert_cmpstr (words[k], ==, line);
    }
  g_assert_cmpstr (dd_tiny_imagenet_names (dd_tiny_imagenet_lookup (wnid (0))), ==,
                   "goldfish, Carassius auratus");

  /* 12 images - 3 missing labels + 2 orphans */
  g_assert_cmpuint (g_strv_length (rows), ==, N_CLASSES * PER_CLASS - 3 + 2);
  for (guint i = 0; rows[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], "\t", -1);
      g_autofree char *image = NULL;
      g_autofree char *corrupted = NULL;

      g_assert_cmpuint (g_strv_length (f), ==, 6);
      g_assert_true (g_str_has_prefix (f[0], "val_") && g_str_has_suffix (f[0], ".JPEG"));
      g_assert_cmpint (dd_tiny_imagenet_lookup (f[1]), >=, 0);
      g_assert_cmpint (atoi (f[2]), <=, atoi (f[4]));
      g_assert_cmpint (atoi (f[3]), <=, atoi (f[5]));
      g_assert_cmpint (atoi (f[4]), <, 64);
      g_assert_cmpint (atoi (f[5]), <, 64);
      image = g_build_filename (demo_root, "tiny-imagenet-200/val/images", f[0], NULL);
      if (!g_file_test (image, G_FILE_TEST_EXISTS))
        {
          orphans++;
          continue;
        }
      /* The label agrees with the class folder of its corrupted variants. */
      corrupted = g_build_filename (demo_root, "Tiny-ImageNet-C/gaussian_noise/1", f[1], f[0],
                                    NULL);
      g_assert_true (g_file_test (corrupted, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpuint (orphans, ==, 2);

  for (guint k = 0; k < N_CLASSES; k++)
    {
      g_autofree char *rel = g_strdup_printf ("tiny-imagenet-200/train/%s/%s_boxes.txt",
                                              wnid (k), wnid (k));
      g_auto(GStrv) boxes = read_lines (rel);

      g_assert_cmpuint (g_strv_length (boxes), ==, TRAIN);
      for (guint i = 0; i < TRAIN; i++)
        {
          g_auto(GStrv) f = g_strsplit (boxes[i], "\t", -1);
          g_autofree char *name = g_strdup_printf ("%s_%u.JPEG", wnid (k), i);

          g_assert_cmpuint (g_strv_length (f), ==, 5);
          g_assert_cmpstr (f[0], ==, name);
          g_assert_cmpint (atoi (f[1]), >=, 0);
          g_assert_cmpint (atoi (f[1]), <, atoi (f[3]));
          g_assert_cmpint (atoi (f[2]), <, atoi (f[4]));
          g_assert_cmpint (atoi (f[4]), <, 64);
        }
    }
}

static gboolean
annotated (const char *name)
{
  g_auto(GStrv) rows = read_lines ("tiny-imagenet-200/val/val_annotations.txt");
  g_autofree char *prefix = g_strdup_printf ("%s\t", name);

  for (guint i = 0; rows[i]; i++)
    if (g_str_has_prefix (rows[i], prefix))
      return TRUE;
  return FALSE;
}

static void
test_defects (void)
{
  DdDemoOptions options;
  g_autoptr(GPtrArray) defects = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *kinds[] = { "missing_label", "orphan_annotation", "truncated", "empty_file",
                          "format_mismatch", "grayscale", "unexpected_size",
                          "duplicate_conflict", "missing_cell", "unknown_class",
                          "unnamed_class", "junk_file" };

  options_small (&options);
  defects = dd_demo_list_defects (&options);
  for (guint i = 0; i < defects->len; i++)
    {
      DdDemoDefect *d = g_ptr_array_index (defects, i);
      g_autofree char *path = path_in (d->key);
      g_autofree char *base = g_path_get_basename (d->key);

      g_hash_table_add (seen, d->kind);
      g_assert_true (d->detail && *d->detail);

      if (g_str_equal (d->kind, "missing_label"))
        {
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          g_assert_false (annotated (base));
        }
      else if (g_str_equal (d->kind, "orphan_annotation"))
        {
          g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
          g_assert_true (annotated (base));
        }
      else if (g_str_equal (d->kind, "truncated"))
        {
          g_autoptr(GBytes) bytes = read_rel (demo_root, d->key);
          gsize len;
          const guint8 *data = g_bytes_get_data (bytes, &len);

          g_assert_cmpuint (len, >, 100);
          g_assert_true (data[0] == 0xFF && data[1] == 0xD8);
          g_assert_false (data[len - 2] == 0xFF && data[len - 1] == 0xD9);
        }
      else if (g_str_equal (d->kind, "empty_file"))
        {
          GStatBuf st;
          g_assert_cmpint (g_stat (path, &st), ==, 0);
          g_assert_cmpint (st.st_size, ==, 0);
          g_assert_true (g_str_has_suffix (path, ".JPEG"));
        }
      else if (g_str_equal (d->kind, "format_mismatch"))
        {
          g_autoptr(GBytes) bytes = read_rel (demo_root, d->key);
          g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
          g_assert_true (g_str_has_suffix (path, ".JPEG"));
        }
      else if (g_str_equal (d->kind, "grayscale"))
        {
          g_autoptr(GdkPixbuf) pixbuf = load (demo_root, d->key);
          const guint8 *p = gdk_pixbuf_read_pixels (pixbuf);
          int stride = gdk_pixbuf_get_rowstride (pixbuf);

          for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
            for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x++)
              {
                const guint8 *q = p + y * stride + x * 3;
                g_assert_cmpint (abs (q[0] - q[1]), <=, 1);
                g_assert_cmpint (abs (q[1] - q[2]), <=, 1);
              }
        }
      else if (g_str_equal (d->kind, "unexpected_size"))
        {
          g_autoptr(GdkPixbuf) pixbuf = load (demo_root, d->key);
          g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), !=, 64);
        }
      else if (g_str_equal (d->kind, "duplicate_conflict"))
        {
          g_autofree char *src = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_0.JPEG",
                                                  wnid (0), wnid (0));
          g_autoptr(GBytes) a = read_rel (demo_root, src);
          g_autoptr(GBytes) b = read_rel (demo_root, d->key);

          g_assert_null (strstr (d->key, wnid (0)));
          g_assert_true (g_bytes_equal (a, b));
        }
      else if (g_str_equal (d->kind, "missing_cell"))
        {
          if (g_file_test (path, G_FILE_TEST_IS_DIR))
            g_assert_cmpuint (count_entries (d->key), ==, PER_CLASS - 1);
        }
      else if (g_str_equal (d->kind, "unknown_class") || g_str_equal (d->kind, "unnamed_class"))
        {
          g_autoptr(GBytes) wnids = read_rel (demo_root, "tiny-imagenet-200/wnids.txt");
          g_autoptr(GBytes) words = read_rel (demo_root, "tiny-imagenet-200/words.txt");

          g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
          g_assert_cmpint (dd_tiny_imagenet_lookup (base), <, 0);
          g_assert_null (g_strstr_len (g_bytes_get_data (wnids, NULL), g_bytes_get_size (wnids),
                                       base));
          g_assert_null (g_strstr_len (g_bytes_get_data (words, NULL), g_bytes_get_size (words),
                                       base));
        }
      else if (g_str_equal (d->kind, "junk_file"))
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      else
        g_assert_not_reached ();
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_true (g_hash_table_contains (seen, kinds[i]));

  /* Without defects: nothing planted, and the count says so. */
  options.defects = FALSE;
  g_clear_pointer (&defects, g_ptr_array_unref);
  defects = dd_demo_list_defects (&options);
  g_assert_cmpuint (defects->len, ==, 0);
}

static void
test_decode (void)
{
  g_autofree char *rel = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_3.JPEG",
                                          wnid (1), wnid (1));
  g_autoptr(GdkPixbuf) pixbuf = load (demo_root, rel);
  g_autoptr(GdkPixbuf) val = load (demo_root, "tiny-imagenet-200/val/images/val_0.JPEG");

  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), ==, 3);
  g_assert_cmpint (gdk_pixbuf_get_width (val), ==, 64);
}

static void
test_corruption_strength (void)
{
  g_auto(GStrv) rows = read_lines ("tiny-imagenet-200/val/val_annotations.txt");

  for (guint c = 0; c < DD_DEMO_N_CORRUPTIONS; c++)
    {
      double d1 = 0, d5 = 0;

      for (guint i = 0; i < 4; i++)
        {
          g_auto(GStrv) f = g_strsplit (rows[i], "\t", -1);
          g_autofree char *clean_rel = g_strdup_printf ("tiny-imagenet-200/val/images/%s", f[0]);
          g_autofree char *rel1 = g_strdup_printf ("Tiny-ImageNet-C/%s/1/%s/%s",
                                                   dd_demo_corruption_name (c), f[1], f[0]);
          g_autofree char *rel5 = g_strdup_printf ("Tiny-ImageNet-C/%s/5/%s/%s",
                                                   dd_demo_corruption_name (c), f[1], f[0]);
          g_autofree char *path5 = path_in (rel5);
          g_autoptr(GdkPixbuf) clean = load (demo_root, clean_rel);
          g_autoptr(GdkPixbuf) s1 = load (demo_root, rel1);
          g_autoptr(GdkPixbuf) s5 = NULL;

          if (!g_file_test (path5, G_FILE_TEST_EXISTS))   /* the missing snow cell */
            continue;
          s5 = load (demo_root, rel5);
          d1 += mean_abs_diff (clean, s1);
          d5 += mean_abs_diff (clean, s5);
        }
      g_test_message ("%s: severity 1 %.2f, severity 5 %.2f", dd_demo_corruption_name (c), d1, d5);
      g_assert_cmpfloat (d1, >, 0.5);
      g_assert_cmpfloat (d5, >, d1 * 1.3);
    }
}

static void
test_deterministic (void)
{
  g_autofree char *again = make_demo (1);
  g_autofree char *other = make_demo (2);
  g_autofree char *again_parent = g_path_get_dirname (again);
  g_autofree char *other_parent = g_path_get_dirname (other);
  g_autofree char *train = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_7.JPEG",
                                            wnid (2), wnid (2));
  const char *same[] = { "tiny-imagenet-200/val/images/val_0.JPEG",
                         "tiny-imagenet-200/val/images/val_11.JPEG",
                         "tiny-imagenet-200/val/val_annotations.txt",
                         "tiny-imagenet-200/test/images/test_5.JPEG",
                         train };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr(GBytes) a = read_rel (demo_root, same[i]);
      g_autoptr(GBytes) b = read_rel (again, same[i]);
      g_autoptr(GBytes) c = read_rel (other, same[i]);

      g_assert_true (g_bytes_equal (a, b));
      g_assert_false (g_bytes_equal (a, c));
    }
  /* Every corrupted variant of one val image, byte for byte. */
  for (guint c = 0; c < DD_DEMO_N_CORRUPTIONS; c++)
    for (guint s = 1; s <= 5; s++)
      {
        g_autofree char *dir = g_strdup_printf ("Tiny-ImageNet-C/%s/%u/%s", dd_demo_corruption_name (c),
                                                s, wnid (1));
        g_autofree char *path = path_in (dir);
        g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
        const char *name = d ? g_dir_read_name (d) : NULL;
        g_autofree char *rel = NULL;
        g_autoptr(GBytes) a = NULL;
        g_autoptr(GBytes) b = NULL;

        g_assert_nonnull (name);
        rel = g_build_filename (dir, name, NULL);
        a = read_rel (demo_root, rel);
        b = read_rel (again, rel);
        g_assert_true (g_bytes_equal (a, b));
      }

  dd_test_rm_rf (again_parent);
  dd_test_rm_rf (other_parent);
}

static void
test_refuse_non_empty (void)
{
  g_autoptr(GError) error = NULL;
  DdDemoOptions options;
  g_autoptr(GDir) dir = NULL;
  guint n = 0;

  options_small (&options);
  g_assert_false (dd_demo_generate (demo_root, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, demo_root));
  g_clear_error (&error);

  /* Too few classes to plant the defects. */
  options.classes = 1;
  g_assert_false (dd_demo_options_validate (&options, &error));
  g_assert_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID);

  /* Nothing was left beside it. */
  dir = g_dir_open (demo_parent, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);
}

/* An existing empty OUT_DIR is replaced; missing parents are created. */
static void
test_empty_and_nested (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_dir_make_tmp ("datadive-demo-XXXXXX", &error);
  g_autofree char *empty = g_build_filename (parent, "empty", NULL);
  g_autofree char *nested = g_build_filename (parent, "a", "b", "demo", NULL);
  g_autofree char *wnids = g_build_filename (empty, "tiny-imagenet-200", "wnids.txt", NULL);
  g_autofree char *words = g_build_filename (nested, "tiny-imagenet-200", "words.txt", NULL);
  DdDemoOptions options;

  dd_demo_options_init (&options);
  options.classes = 1;
  options.per_class = 1;
  options.defects = FALSE;
  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);
  g_assert_true (dd_demo_generate (empty, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wnids, G_FILE_TEST_IS_REGULAR));
  g_assert_true (dd_demo_generate (nested, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (words, G_FILE_TEST_IS_REGULAR));
  /* 1 class × 1: 3 text files, 10 train + boxes, 1 val, 1 test, 75 corrupted */
  g_assert_cmpuint (count_files_under (nested), ==, 91);
  dd_test_rm_rf (parent);
}

static void
cancel_halfway (double      fraction,
                const char *text,
                gpointer    user_data)
{
  /* The first report after the folders: some files are written, most are not. */
  if (fraction > 0)
    g_cancellable_cancel (user_data);
}

/* Generating with @options into a new folder, cancelled halfway, stops within 30 s and
 * leaves nothing behind. */
static void
assert_cancel_leaves_nothing (const DdDemoOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *parent = g_dir_make_tmp ("datadive-demo-XXXXXX", &error);
  g_autofree char *root = g_build_filename (parent, "demo", NULL);
  g_autoptr(GDir) dir = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (dd_demo_generate (root, options, cancel_halfway, cancellable, cancellable,
                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  dir = g_dir_open (parent, 0, NULL);
  g_assert_null (g_dir_read_name (dir));   /* neither OUT_DIR nor the temporary tree */
  g_rmdir (parent);
}

static void
test_cancel (void)
{
  DdDemoOptions options;

  options_small (&options);
  options.per_class = 40;   /* seconds of work, cancelled after the first 0.1 s */
  assert_cancel_leaves_nothing (&options);
}

static void
test_rng (void)
{
  DdRng a, b;
  double sum = 0, sum2 = 0;

  dd_rng_init (&a, 7);
  dd_rng_init (&b, 7);
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpuint (dd_rng_next (&a), ==, dd_rng_next (&b));
  for (guint i = 0; i < 20000; i++)
    {
      double v = dd_rng_normal (&a);
      sum += v;
      sum2 += v * v;
    }
  g_assert_cmpfloat (fabs (sum / 20000), <, 0.05);
  g_assert_cmpfloat (fabs (sum2 / 20000 - 1), <, 0.05);
}

/* ---- the ImageNet layouts --------------------------------------------------------------- */

#define IN_CLASSES 10
#define IN_PER     2

/* Regular files under @path, and of them those with more than one link. */
static void
count_links_under (const char *path,
                   guint64    *files,
                   guint64    *linked)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      struct stat st;

      g_assert_cmpint (lstat (child, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        count_links_under (child, files, linked);
      else
        {
          g_assert_true (S_ISREG (st.st_mode));
          (*files)++;
          if (st.st_nlink > 1)
            (*linked)++;
        }
    }
}

/* Generates @options into f->data, checks the file counts the generator announced (the
 * repeated images are hard links), then indexes it with the real scanner. */
static void
generate_and_index (DdTestFixture       *f,
                    const DdDemoOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) defects = NULL;
  guint64 files = 0, linked = 0, drawn, repeated;

  g_assert_true (dd_demo_generate (f->data, options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  defects = dd_demo_list_defects (options);
  g_assert_cmpuint (defects->len, ==, 0);
  dd_demo_count_images (options, &drawn, &repeated);
  count_links_under (f->data, &files, &linked);
  g_assert_cmpuint (files, ==, dd_demo_count_files (options));
  g_assert_cmpuint (repeated, >, 0);
  /* each repeated image and the drawn one it repeats share an inode */
  g_assert_cmpuint (linked, >=, repeated);
  g_assert_cmpuint (linked, <=, 2 * repeated);
  dd_test_fixture_index (f);
}

/* The class with @wnid in @classes, checked to be the ILSVRC class of that wnid. */
static const DdClassInfo *
find_class (GPtrArray  *classes,
            const char *wnid)
{
  for (guint i = 0; i < classes->len; i++)
    {
      const DdClassInfo *c = g_ptr_array_index (classes, i);

      if (c != NULL && g_strcmp0 (c->wnid, wnid) == 0)
        return c;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The generator announces @files files for @options, @drawn images drawn and
 * @repeated repeated. */
static void
assert_announced (const DdDemoOptions *options,
                  guint64              files,
                  guint64              drawn,
                  guint64              repeated)
{
  guint64 n_drawn, n_repeated;

  g_assert_cmpuint (dd_demo_count_files (options), ==, files);
  dd_demo_count_images (options, &n_drawn, &n_repeated);
  g_assert_cmpuint (n_drawn, ==, drawn);
  g_assert_cmpuint (n_repeated, ==, repeated);
}

/* The catalog holds one source, of @layout, with @n_samples samples, and its classes
 * are the generator's: every (1000 / n)-th ILSVRC class. */
static void
assert_indexed (DdCatalog  *catalog,
                const char *layout,
                guint64     n_samples,
                gboolean    named_by_mapping)
{
  g_autoptr(GPtrArray) sources = dd_catalog_list_sources (catalog);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  gboolean wordnet = g_file_test (WORDNET_DIR "/data.noun", G_FILE_TEST_EXISTS);
  guint n = 0;

  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (((DdSourceInfo *) g_ptr_array_index (sources, 0))->layout, ==, layout);
  g_assert_cmpuint (dd_catalog_get_n_samples (catalog), ==, n_samples);
  for (guint i = 0; i < classes->len; i++)
    n += g_ptr_array_index (classes, i) != NULL;
  g_assert_cmpuint (n, ==, IN_CLASSES);
  for (guint k = 0; k < IN_CLASSES; k++)
    {
      guint index = k * (DD_IMAGENET_N_CLASSES / IN_CLASSES);
      const DdClassInfo *c = find_class (classes, dd_imagenet_wnid (index));

      g_assert_true (c->in_wnids);
      if (named_by_mapping || wordnet)
        g_assert_true (g_str_has_prefix (dd_imagenet_names (index), c->name));
    }
  /* the first is ILSVRC's first class, by its real name */
  if (named_by_mapping || wordnet)
    g_assert_cmpstr (find_class (classes, "n01440764")->name, ==, "tench");
}

static void
test_imagenet_c (void)
{
  DdTestFixture f;
  g_autoptr(DdSelection) all = NULL;
  g_autoptr(DdFacets) facets = NULL;
  g_autofree char *sample = NULL;
  DdDemoOptions options;
  guint split;

  dd_demo_options_init_layout (&options, DD_DEMO_LAYOUT_IMAGENET_C);
  options.classes = IN_CLASSES;
  options.per_class = IN_PER;
  options.drawn = 1;
  assert_announced (&options, IN_CLASSES * IN_PER * 75, IN_CLASSES * 75,
                    IN_CLASSES * (IN_PER - 1) * 75);

  dd_test_fixture_init (&f, NULL);
  generate_and_index (&f, &options);

  /* <corruption>/<severity>/<wnid>/ILSVRC2012_val_000NNNNN.JPEG, a real JPEG */
  sample = g_build_filename (f.data, "gaussian_noise", "3", "n01440764", NULL);
  g_assert_cmpuint (count_files_under (sample), ==, IN_PER);

  assert_indexed (f.catalog, "imagenet-c", IN_CLASSES * IN_PER * 75, FALSE);

  /* every class in every one of the 75 cells, IN_PER times, all val */
  all = dd_catalog_select (f.catalog, NULL, NULL, NULL);
  facets = dd_catalog_facets (f.catalog, all);
  split = dd_catalog_lookup_split (f.catalog, "val");
  g_assert_cmpuint (split, !=, G_MAXUINT);
  g_assert_cmpuint (facets->splits[split], ==, IN_CLASSES * IN_PER * 75);
  g_assert_cmpuint (facets->severities[0], ==, 0);
  for (guint s = 1; s <= 5; s++)
    g_assert_cmpuint (facets->severities[s], ==, IN_CLASSES * IN_PER * 15);
  for (guint c = 0; c < DD_DEMO_N_CORRUPTIONS; c++)
    {
      guint id = dd_catalog_lookup_corruption (f.catalog, dd_demo_corruption_name (c));

      g_assert_cmpuint (id, !=, G_MAXUINT);
      g_assert_cmpuint (facets->corruptions[id], ==, IN_CLASSES * IN_PER * 5);
    }
  for (guint id = 1; id < facets->n_classes; id++)
    g_assert_cmpuint (facets->classes[id], ==, IN_PER * 75);
  g_assert_cmpuint (facets->classes[0], ==, 0);
  dd_test_fixture_clear (&f);
}

static void
test_imagenet (void)
{
  DdTestFixture f;
  g_autoptr(DdSelection) all = NULL;
  g_autoptr(DdFacets) facets = NULL;
  g_auto(GStrv) mapping = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  DdDemoOptions options;
  guint train, val;

  dd_demo_options_init_layout (&options, DD_DEMO_LAYOUT_IMAGENET);
  options.classes = IN_CLASSES;
  options.per_class = IN_PER;
  options.train_per_class = 3;
  options.drawn = 1;
  /* the images and LOC_synset_mapping.txt, LOC_val_solution.csv */
  assert_announced (&options, IN_CLASSES * (3 + IN_PER) + 2, IN_CLASSES * 2,
                    IN_CLASSES * (3 + IN_PER - 2));

  dd_test_fixture_init (&f, NULL);
  generate_and_index (&f, &options);

  /* train/<wnid>/<wnid>_N.JPEG; val/ILSVRC2012_val_000NNNNN.JPEG numbered 1.. */
  dir = g_build_filename (f.data, "train", "n01440764", "n01440764_3.JPEG", NULL);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&dir, g_free);
  dir = g_build_filename (f.data, "val", NULL);
  g_assert_cmpuint (count_files_under (dir), ==, IN_CLASSES * IN_PER);
  g_clear_pointer (&dir, g_free);
  dir = g_build_filename (f.data, "val", "ILSVRC2012_val_00000020.JPEG", NULL);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&dir, g_free);
  dir = g_build_filename (f.data, "LOC_synset_mapping.txt", NULL);
  g_assert_true (g_file_get_contents (dir, &text, NULL, NULL));
  mapping = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (mapping), ==, IN_CLASSES + 1);
  g_assert_cmpstr (mapping[0], ==, "n01440764 tench, Tinca tinca");

  assert_indexed (f.catalog, "imagenet", IN_CLASSES * (3 + IN_PER), TRUE);

  /* every val image labeled through LOC_val_solution.csv: IN_PER of each class */
  all = dd_catalog_select (f.catalog, NULL, NULL, NULL);
  facets = dd_catalog_facets (f.catalog, all);
  train = dd_catalog_lookup_split (f.catalog, "train");
  val = dd_catalog_lookup_split (f.catalog, "val");
  g_assert_cmpuint (facets->splits[train], ==, IN_CLASSES * 3);
  g_assert_cmpuint (facets->splits[val], ==, IN_CLASSES * IN_PER);
  g_assert_cmpuint (facets->classes[0], ==, 0);
  for (guint id = 1; id < facets->n_classes; id++)
    g_assert_cmpuint (facets->classes[id], ==, 3 + IN_PER);
  g_assert_cmpuint (facets->severities[0], ==, IN_CLASSES * (3 + IN_PER));
  dd_test_fixture_clear (&f);
}

/* Cancelled halfway, the ImageNet-C generator stops and leaves nothing behind. */
static void
test_imagenet_cancel (void)
{
  DdDemoOptions options;

  dd_demo_options_init_layout (&options, DD_DEMO_LAYOUT_IMAGENET_C);
  options.classes = 200;   /* 750,000 files: far more than the first 0.1 s writes */
  assert_cancel_leaves_nothing (&options);
}

/* The embedded ILSVRC-2012 list: 1,000 sorted wnids that hold the 200 Tiny-ImageNet ones. */
static void
test_imagenet_classes (void)
{
  for (guint i = 1; i < DD_IMAGENET_N_CLASSES; i++)
    g_assert_cmpint (strcmp (dd_imagenet_wnid (i - 1), dd_imagenet_wnid (i)), <, 0);
  for (guint i = 0; i < DD_IMAGENET_N_CLASSES; i++)
    {
      g_assert_cmpint (dd_imagenet_lookup (dd_imagenet_wnid (i)), ==, i);
      g_assert_cmpuint (strlen (dd_imagenet_wnid (i)), ==, 9);
      g_assert_cmpuint (strlen (dd_imagenet_names (i)), >, 0);
    }
  for (guint i = 0; i < DD_TINY_IMAGENET_N_CLASSES; i++)
    g_assert_cmpint (dd_imagenet_lookup (dd_tiny_imagenet_wnid (i)), >=, 0);
  g_assert_cmpint (dd_imagenet_lookup ("n01440764"), ==, 0);
  g_assert_cmpint (dd_imagenet_lookup ("n00000000"), ==, -1);
  g_assert_cmpint (dd_imagenet_lookup (NULL), ==, -1);
}

/* Options that do not fit a layout are refused with a message naming the option. */
static void
test_imagenet_refusals (void)
{
  static const struct {
    DdDemoLayout layout;
    guint        classes, per_class, train, test, drawn;
    const char  *needle;
  } cases[] = {
    { DD_DEMO_LAYOUT_IMAGENET_C, 0, 50, 0, 0, 0, "classes" },
    { DD_DEMO_LAYOUT_IMAGENET_C, 1001, 50, 0, 0, 0, "classes" },
    { DD_DEMO_LAYOUT_IMAGENET, 1001, 50, 0, 0, 0, "classes" },
    { DD_DEMO_LAYOUT_IMAGENET_C, 10, 50, 5, 0, 0, "--train-per-class" },
    { DD_DEMO_LAYOUT_IMAGENET, 10, 50, 0, 5, 0, "--test-per-class" },
    { DD_DEMO_LAYOUT_IMAGENET_C, 10, 0, 0, 0, 0, "per class" },
    { DD_DEMO_LAYOUT_IMAGENET, 10, 50, 100001, 0, 0, "per class" },
    { DD_DEMO_LAYOUT_IMAGENET, 10, 50, 0, 0, 1001, "--drawn" },
    { DD_DEMO_LAYOUT_TINY, 10, 10, 0, 0, 2, "--drawn" },
    { DD_DEMO_LAYOUT_TINY, 201, 10, 0, 0, 0, "classes" },
  };
  DdDemoLayout layout;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      DdDemoOptions options;

      dd_demo_options_init_layout (&options, cases[i].layout);
      options.classes = cases[i].classes;
      options.per_class = cases[i].per_class;
      options.train_per_class = cases[i].train;
      options.test_per_class = cases[i].test;
      options.drawn = cases[i].drawn;
      g_assert_false (dd_demo_options_validate (&options, &error));
      g_assert_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
  g_assert_true (dd_demo_layout_from_name ("imagenet-c", &layout));
  g_assert_cmpint (layout, ==, DD_DEMO_LAYOUT_IMAGENET_C);
  g_assert_cmpstr (dd_demo_layout_name (DD_DEMO_LAYOUT_IMAGENET), ==, "imagenet");
  g_assert_false (dd_demo_layout_from_name ("imagenet-r", &layout));
  g_assert_false (dd_demo_layout_from_name (NULL, &layout));
}

/* datadive-cli demo --layout: one-line errors, and --json names what it wrote. */
static void
test_imagenet_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_dir_make_tmp ("datadive-demo-XXXXXX", &error);
  g_autofree char *out = g_build_filename (parent, "in", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(DdTestRun) r = { 0 };
  JsonObject *o;

  g_assert_no_error (error);
  if (dd_test_skip_without_cli ())
    return;
  dd_test_run_cli (&r, "demo", out, "--layout", "imagenet-r", NULL);
  dd_test_assert_one_line_error (&r, "imagenet-r");
  dd_test_run_clear (&r);
  dd_test_run_cli (&r, "demo", out, "--layout", "imagenet", "--classes", "1001", NULL);
  dd_test_assert_one_line_error (&r, "--classes");
  dd_test_run_clear (&r);
  dd_test_run_cli (&r, "demo", out, "--layout", "imagenet-c", "--train-per-class", "3", NULL);
  dd_test_assert_one_line_error (&r, "--train-per-class");
  dd_test_run_clear (&r);
  dd_test_run_cli (&r, "demo", out, "--drawn", "0", NULL);
  dd_test_assert_one_line_error (&r, "--drawn");
  dd_test_run_clear (&r);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  dd_test_run_cli (&r, "demo", out, "--layout", "imagenet", "--classes", "4", "--per-class",
                   "3", "--train-per-class", "5", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  g_assert_cmpstr (json_object_get_string_member (o, "layout"), ==, "imagenet");
  g_assert_cmpint (json_object_get_int_member (o, "files"), ==, 4 * (5 + 3) + 2);
  g_assert_cmpint (json_object_get_int_member (o, "drawn"), ==, 4 * (2 + 2));
  g_assert_cmpint (json_object_get_int_member (o, "repeated"), ==, 4 * (3 + 1));
  g_assert_cmpint (json_object_get_int_member (o, "classes"), ==, 4);
  g_assert_cmpuint (count_files_under (out), ==, 4 * (5 + 3) + 2);
  dd_test_rm_rf (parent);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  demo_root = make_demo (1);
  demo_parent = g_path_get_dirname (demo_root);

  g_test_add_func ("/demo/rng/deterministic", test_rng);
  g_test_add_func ("/demo/tree/counts", test_tree);
  g_test_add_func ("/demo/tree/text-files", test_text_files);
  g_test_add_func ("/demo/tree/defects", test_defects);
  g_test_add_func ("/demo/images/decode", test_decode);
  g_test_add_func ("/demo/images/corruptions-grow-with-severity", test_corruption_strength);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/refuse-non-empty", test_refuse_non_empty);
  g_test_add_func ("/demo/cancel", test_cancel);
  g_test_add_func ("/demo/empty-or-nested-out-dir", test_empty_and_nested);
  g_test_add_func ("/demo/imagenet/classes", test_imagenet_classes);
  g_test_add_func ("/demo/imagenet/refusals", test_imagenet_refusals);
  g_test_add_func ("/demo/imagenet-c/indexed", test_imagenet_c);
  g_test_add_func ("/demo/imagenet/indexed", test_imagenet);
  g_test_add_func ("/demo/imagenet/cli", test_imagenet_cli);
  g_test_add_func ("/demo/imagenet-c/cancel", test_imagenet_cancel);
  status = g_test_run ();

  dd_test_rm_rf (demo_parent);
  g_free (demo_root);
  g_free (demo_parent);
  return status;
}
