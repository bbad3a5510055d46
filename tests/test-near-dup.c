/* Tests of near duplicates: the perceptual hash on real photos and their copies, and
 * the multi-index pair search against the naive all-pairs loop. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "dd-near-dup.h"
#include "dd-phash.h"
#include "dd-test-util.h"

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The real Tiny-ImageNet photos of the shared data (skipped when absent). */
static GPtrArray *
real_photos (const char *set)
{
  const char *shared = g_getenv ("DATADIVE_SHARED_DATA");
  g_autofree char *dir = g_build_filename (shared ? shared : "../shared/data",
                                           "tiny-imagenet-sample", "images", set, "train", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

static guint64
hash_of (GdkPixbuf *p)
{
  return dd_phash_compute (gdk_pixbuf_read_pixels (p), gdk_pixbuf_get_width (p),
                           gdk_pixbuf_get_height (p), gdk_pixbuf_get_rowstride (p),
                           gdk_pixbuf_get_n_channels (p));
}

static GdkPixbuf *
reencoded (GdkPixbuf *p,
           int        quality)
{
  g_autofree char *buffer = NULL;
  g_autofree char *q = g_strdup_printf ("%d", quality);
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  gsize len;

  g_assert_true (gdk_pixbuf_save_to_buffer (p, &buffer, &len, "jpeg", NULL, "quality", q, NULL));
  g_assert_true (gdk_pixbuf_loader_write (loader, (guint8 *) buffer, len, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

/* Copies of real photos stay close, different photos stay far: re-encoded at quality
 * 30, halved, doubled, brightened by 10 %, 2 % cut off and stretched back. */
static void
test_phash_real_photos (void)
{
  g_autoptr(GPtrArray) photos = real_photos ("set-a");
  guint closest = 64;
  g_autofree guint64 *hashes = g_new0 (guint64, photos->len);

  if (photos->len < 20)
    {
      g_test_skip ("the shared Tiny-ImageNet sample is not there");
      return;
    }
  for (guint i = 0; i < photos->len; i++)
    {
      g_autoptr(GdkPixbuf) p = gdk_pixbuf_new_from_file (g_ptr_array_index (photos, i), NULL);
      int w = gdk_pixbuf_get_width (p), h = gdk_pixbuf_get_height (p);
      g_autoptr(GdkPixbuf) q30 = reencoded (p, 30);
      g_autoptr(GdkPixbuf) half = gdk_pixbuf_scale_simple (p, w / 2, h / 2, GDK_INTERP_BILINEAR);
      g_autoptr(GdkPixbuf) twice = gdk_pixbuf_scale_simple (p, w * 2, h * 2, GDK_INTERP_BILINEAR);
      g_autoptr(GdkPixbuf) part = gdk_pixbuf_new_subpixbuf (p, 1, 0, w - 1, h - 1);
      g_autoptr(GdkPixbuf) cropped = gdk_pixbuf_scale_simple (part, w, h, GDK_INTERP_BILINEAR);
      g_autoptr(GdkPixbuf) bright = gdk_pixbuf_copy (p);
      guint8 *px = gdk_pixbuf_get_pixels (bright);
      int stride = gdk_pixbuf_get_rowstride (bright), nc = gdk_pixbuf_get_n_channels (bright);
      guint64 h0 = hashes[i] = hash_of (p);

      for (int y = 0; y < h; y++)
        for (int x = 0; x < w * nc; x++)
          px[y * stride + x] = MIN (255, px[y * stride + x] * 11 / 10);
      g_assert_cmpuint (dd_phash_distance (h0, hash_of (q30)), <=, 10);
      g_assert_cmpuint (dd_phash_distance (h0, hash_of (half)), <=, 10);
      g_assert_cmpuint (dd_phash_distance (h0, hash_of (twice)), <=, 10);
      g_assert_cmpuint (dd_phash_distance (h0, hash_of (bright)), <=, 10);
      g_assert_cmpuint (dd_phash_distance (h0, hash_of (cropped)), <=, 10);
      for (guint j = 0; j < i; j++)
        closest = MIN (closest, dd_phash_distance (h0, hashes[j]));
    }
  /* the 131 different pictures of set-a/train: none within 10 bits of another */
  g_test_message ("closest pair of different photos: %u bits", closest);
  g_assert_cmpuint (closest, >, 10);
}

/* A flat picture, a 1×1 one, a gray one and an RGBA one hash without trouble; no
 * pixels hash to 0. */
static void
test_phash_edges (void)
{
  g_autoptr(GdkPixbuf) flat = dd_test_make_pixbuf (40, 30, 100, 100, 100);
  g_autoptr(GdkPixbuf) one = dd_test_make_pixbuf (1, 1, 10, 20, 30);
  g_autoptr(GdkPixbuf) rgba = gdk_pixbuf_add_alpha (flat, FALSE, 0, 0, 0);
  guint8 gray[16 * 16];

  memset (gray, 77, sizeof gray);
  (void) hash_of (flat);
  (void) hash_of (one);
  g_assert_cmpuint (hash_of (rgba), ==, hash_of (flat));
  (void) dd_phash_compute (gray, 16, 16, 16, 1);
  g_assert_cmpuint (dd_phash_compute (NULL, 0, 0, 0, 3), ==, 0);
}

/* @n random hashes, and for one in @every a copy of an earlier one with up to @flips
 * bits flipped; also runs of equal hashes. */
static guint64 *
make_hashes (guint n,
             guint every,
             guint flips,
             guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint64 *h = g_new (guint64, n);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && i % every == 0)
        {
          guint64 x = h[g_rand_int_range (rand, 0, i)];
          guint k = g_rand_int_range (rand, 0, flips + 1);

          for (guint f = 0; f < k; f++)
            x ^= G_GUINT64_CONSTANT (1) << g_rand_int_range (rand, 0, 64);
          h[i] = x;
        }
      else
        h[i] = (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
    }
  return h;
}

static void
assert_same_pairs (GArray *a,
                   GArray *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      DdNearPair *p = &g_array_index (a, DdNearPair, i), *q = &g_array_index (b, DdNearPair, i);
      g_assert_cmpuint (p->a, ==, q->a);
      g_assert_cmpuint (p->b, ==, q->b);
      g_assert_cmpuint (p->distance, ==, q->distance);
    }
}

/* The multi-index search finds exactly the naive loop's pairs, for every threshold
 * from 0 to 16 and several sizes (which change the number of blocks). */
static void
test_pairs_match_naive (void)
{
  static const guint sizes[] = { 0, 1, 2, 50, 3000, 12000 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint t = 0; t <= 16; t += (sizes[s] > 5000 ? 4 : 1))
      {
        g_autofree guint64 *h = make_hashes (sizes[s], 7, t + 2, s * 100 + t);
        g_autoptr(GArray) fast = dd_near_dup_pairs (h, sizes[s], t, NULL, NULL);
        g_autoptr(GArray) naive = dd_near_dup_pairs_naive (h, sizes[s], t, NULL, NULL);

        assert_same_pairs (fast, naive);
        if (sizes[s] >= 3000)
          g_assert_cmpuint (fast->len, >, 0);
      }
}

/* Pairs within one family (the corruption variants of one clean image) are left out;
 * family 0 is no family. */
static void
test_pairs_family (void)
{
  guint64 h[] = { 0x1234, 0x1234, 0x1235, 0x1234, 0xffff0000ffff0000 };
  guint32 family[] = { 7, 7, 0, 8, 7 };
  g_autoptr(GArray) pairs = dd_near_dup_pairs (h, 5, 2, family, NULL);
  g_autoptr(GArray) naive = dd_near_dup_pairs_naive (h, 5, 2, family, NULL);

  assert_same_pairs (pairs, naive);
  /* 0–1 are one family: left out; 0–2, 0–3, 1–2, 1–3, 2–3 stay */
  g_assert_cmpuint (pairs->len, ==, 5);
  g_assert_cmpuint (g_array_index (pairs, DdNearPair, 0).b, ==, 2);
}

static void
test_pairs_cancelled (void)
{
  g_autofree guint64 *h = make_hashes (1000, 5, 2, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_null (dd_near_dup_pairs (h, 1000, 4, NULL, cancellable));
  g_assert_null (dd_near_dup_pairs_naive (h, 1000, 4, NULL, cancellable));
}

/* Groups are connected components named by their smallest member. */
static void
test_groups (void)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (DdNearPair));
  DdNearPair p[] = { { 3, 5, 1 }, { 1, 4, 0 }, { 4, 5, 2 }, { 6, 7, 3 } };
  g_autofree guint32 *g = NULL;

  g_array_append_vals (pairs, p, G_N_ELEMENTS (p));
  g = dd_near_dup_groups (pairs, 9);
  g_assert_cmpuint (g[0], ==, 0);
  g_assert_cmpuint (g[1], ==, 1);
  g_assert_cmpuint (g[3], ==, 1);
  g_assert_cmpuint (g[4], ==, 1);
  g_assert_cmpuint (g[5], ==, 1);
  g_assert_cmpuint (g[6], ==, 6);
  g_assert_cmpuint (g[7], ==, 6);
  g_assert_cmpuint (g[8], ==, 8);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/near-dup/phash/real-photos", test_phash_real_photos);
  g_test_add_func ("/near-dup/phash/edges", test_phash_edges);
  g_test_add_func ("/near-dup/pairs/match-naive", test_pairs_match_naive);
  g_test_add_func ("/near-dup/pairs/family", test_pairs_family);
  g_test_add_func ("/near-dup/pairs/cancelled", test_pairs_cancelled);
  g_test_add_func ("/near-dup/groups", test_groups);
  return g_test_run ();
}
