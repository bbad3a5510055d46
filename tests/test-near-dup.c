/* Tests of near duplicates: the perceptual hash on real photos and their copies, and
 * the multi-index pair search against the naive all-pairs loop. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "dd-document.h"
#include "dd-health-near.h"
#include "dd-near-dup.h"
#include "dd-phash.h"
#include "dd-catalog-lookup.h"
#include "dd-relations-async.h"
#include "dd-test-damage.h"
#include "dd-test-util.h"

typedef DdTestFixture Fixture;

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
        g_autofree guint64 *h = dd_test_make_hashes (sizes[s], 7, t + 2, s * 100 + t);
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
  g_autofree guint64 *h = dd_test_make_hashes (1000, 5, 2, 1);
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

/* ---- in a catalog ----------------------------------------------------------------- */

static void
deep_index (Fixture *f)
{
  dd_test_fixture_index (f);
  dd_test_content_pass (f->catalog);
}

static DdHealthReport *
report_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DdHealthReport *report = dd_health_report (f->catalog, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_nonnull (report->groups);
  return report;
}

static guint
near_count (DdHealthReport *r)
{
  return r->counts[DD_HEALTH_NEAR_DUPLICATE] + r->counts[DD_HEALTH_NEAR_DUPLICATE_CONFLICT] +
         r->counts[DD_HEALTH_SPLIT_LEAKAGE];
}

static gboolean
nothing_excluded (gpointer doc)
{
  return !dd_document_get_busy (doc) &&
         dd_recipe_get_n_exclude (dd_document_get_recipe (doc)) == 0;
}

static void
assert_pair (DdHealthReport *r,
             DdHealthKind    kind,
             const char     *a,
             const char     *b)
{
  DdNearGroup *g = dd_test_near_group (r, a);
  DdFinding *fa = dd_test_finding (r, kind, a), *fb = dd_test_finding (r, kind, b);

  g_assert_nonnull (g);
  g_assert_cmpint (g->kind, ==, kind);
  g_assert_cmpuint (g_strv_length (g->keys), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) g->keys, b));
  g_assert_nonnull (fa);
  g_assert_nonnull (fb);
  /* the findings of @a and @b themselves, not of a key ending with theirs (the suffix
   * match of dd_test_finding() is what the folding gave this case) */
  g_assert_cmpstr (fa->key, ==, a);
  g_assert_cmpstr (fb->key, ==, b);
  /* each finding names the other file and the distance */
  g_assert_nonnull (strstr (fa->detail, b));
  g_assert_nonnull (strstr (fb->detail, a));
  g_assert_nonnull (strstr (fa->detail, "apart"));
}

/* Real photos in train/<wnid>/: no finding among the untouched ones; then a copy of
 * each kind is planted (re-encoded at quality 30 in its class, halved under another
 * label, 2 % cropped and stretched back into val, brightened by 10 % in its class) and
 * each is found, with its kind, once per group. */
static void
test_health_planted (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) photos = real_photos ("set-a");
  g_autoptr(DdHealthReport) before = NULL;
  g_autoptr(DdHealthReport) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *src[4];
  /* not g_autofree: on an array it frees the first element only */
  g_auto(GStrv) orig_key = g_new0 (char *, 5);
  static const char * const copy_key[4] = {
    "data/train/n02123394/copy-q30.jpg", "data/train/n07747607/copy-half.jpg",
    "data/val/n02206856/copy-crop.jpg", "data/train/n03649909/copy-bright.jpg"
  };

  if (photos->len < 20)
    {
      g_test_skip ("the shared Tiny-ImageNet sample is not there");
      return;
    }
  for (guint i = 0; i < photos->len; i++)
    {
      const char *path = g_ptr_array_index (photos, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *wnid = g_strndup (name, strcspn (name, "_"));
      g_autofree char *to = g_build_filename (f->data, "train", wnid, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      dd_test_write_bytes (to, contents, len);
    }
  deep_index (f);
  before = report_of (f);
  g_assert_cmpuint (near_count (before), ==, 0);
  g_assert_cmpuint (before->groups->len, ==, 0);

  /* copies of four photos of four classes */
  for (guint k = 0; k < 4; k++)
    {
      static const char * const wnids[4] = { "n02123394", "n02206856", "n03089624", "n03649909" };
      g_autofree char *pick = NULL;

      for (guint i = 0; i < photos->len && !pick; i++)
        {
          g_autofree char *name = g_path_get_basename (g_ptr_array_index (photos, i));
          if (g_str_has_prefix (name, wnids[k]))
            {
              pick = g_strdup (g_ptr_array_index (photos, i));
              orig_key[k] = g_strdup_printf ("data/train/%s/%s", wnids[k], name);
            }
        }
      g_assert_nonnull (pick);
      src[k] = g_intern_string (pick);
    }
  {
    g_autoptr(GdkPixbuf) a = gdk_pixbuf_new_from_file (src[0], NULL);
    g_autoptr(GdkPixbuf) b = gdk_pixbuf_new_from_file (src[1], NULL);
    g_autoptr(GdkPixbuf) c = gdk_pixbuf_new_from_file (src[2], NULL);
    g_autoptr(GdkPixbuf) d = gdk_pixbuf_new_from_file (src[3], NULL);
    int w = gdk_pixbuf_get_width (c), h = gdk_pixbuf_get_height (c);
    g_autoptr(GdkPixbuf) half = gdk_pixbuf_scale_simple (b, gdk_pixbuf_get_width (b) / 2,
                                                         gdk_pixbuf_get_height (b) / 2,
                                                         GDK_INTERP_BILINEAR);
    g_autoptr(GdkPixbuf) part = gdk_pixbuf_new_subpixbuf (c, 1, 0, w - 1, h - 1);
    g_autoptr(GdkPixbuf) crop = gdk_pixbuf_scale_simple (part, w, h, GDK_INTERP_BILINEAR);
    g_autoptr(GdkPixbuf) bright = gdk_pixbuf_copy (d);
    guint8 *px = gdk_pixbuf_get_pixels (bright);
    int stride = gdk_pixbuf_get_rowstride (bright), nc = gdk_pixbuf_get_n_channels (bright);

    for (int y = 0; y < gdk_pixbuf_get_height (bright); y++)
      for (int x = 0; x < gdk_pixbuf_get_width (bright) * nc; x++)
        px[y * stride + x] = MIN (255, px[y * stride + x] * 11 / 10);
    GdkPixbuf *copies[4] = { a, half, crop, bright };

    for (guint k = 0; k < 4; k++)
      {
        g_autofree char *path = g_build_filename (f->dir, copy_key[k], NULL);
        dd_test_save_jpeg (copies[k], path, k == 0 ? 30 : 90);
      }
  }
  deep_index (f);
  after = report_of (f);
  assert_pair (after, DD_HEALTH_NEAR_DUPLICATE, orig_key[0], copy_key[0]);
  assert_pair (after, DD_HEALTH_NEAR_DUPLICATE_CONFLICT, orig_key[1], copy_key[1]);
  assert_pair (after, DD_HEALTH_SPLIT_LEAKAGE, orig_key[2], copy_key[2]);
  assert_pair (after, DD_HEALTH_NEAR_DUPLICATE, orig_key[3], copy_key[3]);
  /* nothing else: the four groups, two findings each */
  g_assert_cmpuint (after->groups->len, ==, 4);
  g_assert_cmpuint (near_count (after), ==, 8);
  /* leakage is listed first */
  g_assert_cmpint (((DdNearGroup *) g_ptr_array_index (after->groups, 0))->kind, ==,
                   DD_HEALTH_SPLIT_LEAKAGE);

  /* resolving a group: one recipe change that keeps the train copy of a leak and the
   * larger picture of a conflict, undone as one */
  {
    g_autoptr(DdRecipe) all = dd_recipe_new ();
    g_autoptr(DdRecipe) leak_fixed = NULL;
    g_autoptr(DdRecipe) conflict_fixed = NULL;
    g_autoptr(DdDocument) doc = dd_document_new (f->catalog);
    g_autofree char *kept = NULL;
    g_autofree char *kept2 = NULL;
    const char * const *out;

    leak_fixed = dd_health_resolve_group (f->catalog, all,
                                          dd_test_near_group (after, copy_key[2]), &kept, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kept, ==, orig_key[2]);
    out = dd_recipe_get_exclude (leak_fixed);
    g_assert_cmpuint (dd_recipe_get_n_exclude (leak_fixed), ==, 1);
    g_assert_cmpstr (out[0], ==, copy_key[2]);
    conflict_fixed = dd_health_resolve_group (f->catalog, leak_fixed,
                                              dd_test_near_group (after, copy_key[1]), &kept2,
                                              &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kept2, ==, orig_key[1]);   /* 64×64 over the halved copy */
    g_assert_cmpuint (dd_recipe_get_n_exclude (conflict_fixed), ==, 2);

    dd_document_apply (doc, leak_fixed);
    dd_test_wait_for ((DdTestCondition) dd_document_get_can_undo, doc, 10, "the change applied");
    g_assert_cmpuint (dd_recipe_get_n_exclude (dd_document_get_recipe (doc)), ==, 1);
    g_assert_true (dd_document_undo (doc));
    dd_test_wait_for (nothing_excluded, doc, 10, "the undo applied");
    g_assert_false (dd_document_get_can_undo (doc));
  }

  /* the re-encoded copy is the most similar sample to its photo */
  {
    g_autoptr(GPtrArray) similar = dd_health_similar (f->catalog, orig_key[0], 5, 64, &error);
    DdSimilar *first;

    g_assert_no_error (error);
    g_assert_cmpuint (similar->len, ==, 5);
    first = g_ptr_array_index (similar, 0);
    g_assert_cmpstr (first->key, ==, copy_key[0]);
    g_assert_cmpstr (first->wnid, ==, "n02123394");
    g_assert_cmpstr (first->split, ==, "train");
    g_assert_cmpuint (first->distance, <=, 10);
  }
  g_assert_null (dd_health_similar (f->catalog, "data/train/nothing.jpg", 5, 64, &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* at threshold 0 only identical hashes pair; 33 bits is refused */
  g_assert_true (dd_health_set_near_threshold (f->catalog, 0, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DdHealthReport) strict = report_of (f);
    for (guint i = 0; i < strict->groups->len; i++)
      g_assert_cmpuint (((DdNearGroup *) g_ptr_array_index (strict->groups, i))->distance, ==, 0);
    g_assert_cmpuint (strict->groups->len, <, 4);
  }
  g_assert_false (dd_health_set_near_threshold (f->catalog, 33, NULL, &error));
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dd_health_set_near_threshold (f->catalog, DD_NEAR_DEFAULT_THRESHOLD, NULL,
                                               &error));
  {
    g_autoptr(DdHealthReport) again = report_of (f);
    g_assert_cmpuint (again->groups->len, ==, 4);
  }
}

/* A generated -C dataset: its corruption variants look alike on purpose and are never
 * findings, neither among themselves nor against their clean image. */
static void
test_health_variants (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DdHealthReport) r = NULL;

  dd_test_fixture_demo (f, 3, 2);
  deep_index (f);
  r = report_of (f);
  for (guint i = 0; i < r->findings->len; i++)
    {
      DdFinding *x = g_ptr_array_index (r->findings, i);
      if (x->kind == DD_HEALTH_NEAR_DUPLICATE || x->kind == DD_HEALTH_NEAR_DUPLICATE_CONFLICT ||
          x->kind == DD_HEALTH_SPLIT_LEAKAGE)
        {
          g_assert_null (strstr (x->key, "-C/"));
          g_assert_null (strstr (x->detail, "-C/"));
        }
    }
  for (guint i = 0; i < r->groups->len; i++)
    {
      DdNearGroup *g = g_ptr_array_index (r->groups, i);
      for (guint k = 0; g->keys[k]; k++)
        g_assert_null (strstr (g->keys[k], "-C/"));
    }

  /* the images most like a variant are never its clean image nor its siblings, though
   * its 74 siblings are nearer than any other picture (they are left out a batch at a
   * time) */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdSelection) all = dd_catalog_select (f->catalog, NULL, NULL, &error);
    g_autoptr(GPtrArray) page = dd_catalog_get_page (f->catalog, all, 0, dd_selection_get_n (all),
                                                     NULL, &error);
    DdSampleInfo *variant = NULL;
    g_autoptr(GPtrArray) similar = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < page->len && !variant; i++)
      {
        DdSampleInfo *info = g_ptr_array_index (page, i);

        if (info->clean_key && g_strcmp0 (info->corruption, "none") != 0)
          variant = info;
      }
    g_assert_nonnull (variant);
    similar = dd_health_similar (f->catalog, variant->key, 5, 64, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (similar->len, ==, 5);
    for (guint i = 0; i < similar->len; i++)
      {
        DdSimilar *sim = g_ptr_array_index (similar, i);
        const char *keys[] = { sim->key, NULL };
        g_autoptr(GPtrArray) infos = dd_catalog_get_samples_by_keys (f->catalog, keys, 1, &error);
        DdSampleInfo *info;

        g_assert_no_error (error);
        g_assert_cmpuint (infos->len, ==, 1);
        info = g_ptr_array_index (infos, 0);
        g_assert_cmpstr (info->key, !=, variant->clean_key);
        g_assert_cmpstr (info->clean_key ? info->clean_key : "", !=, variant->clean_key);
        if (i > 0)
          g_assert_cmpuint (((DdSimilar *) g_ptr_array_index (similar, i - 1))->distance, <=,
                            sim->distance);
      }
  }
}

/* The demo's photographs of one class are different pictures, as a real dataset's are:
 * its drawings once hashed so alike that the default threshold found a near duplicate
 * in one clean image of seven (173 findings in the window's demo); now a few at most. */
static void
test_health_demo_distinct (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DdHealthReport) r = NULL;
  guint near = 0;

  dd_test_fixture_demo (f, 10, 4);
  deep_index (f);
  r = report_of (f);
  for (guint i = 0; i < r->findings->len; i++)
    {
      DdFinding *x = g_ptr_array_index (r->findings, i);

      near += x->kind == DD_HEALTH_NEAR_DUPLICATE || x->kind == DD_HEALTH_NEAR_DUPLICATE_CONFLICT ||
              x->kind == DD_HEALTH_SPLIT_LEAKAGE;
    }
  g_test_message ("%u near-duplicate findings among the demo's clean images", near);
  g_assert_cmpuint (near, <=, 4);
}

/* datadive-cli: similar ranks a re-encoded copy first, health --json lists the group
 * once, --near-threshold changes what is found. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) photos = real_photos ("set-a");
  g_auto(DdTestRun) run = { 0 };
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  g_autofree char *copy = NULL;
  g_autofree char *orig_key = NULL;
  JsonObject *o, *first, *group;
  JsonArray *groups;
  g_autofree char *cat = g_build_filename (f->dir, "cli.ddcat", NULL);

  if (photos->len < 20)
    {
      g_test_skip ("the shared Tiny-ImageNet sample is not there");
      return;
    }
  for (guint i = 0; i < 40; i++)
    {
      const char *path = g_ptr_array_index (photos, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *to = g_build_filename (f->data, "train", "all", name, NULL);
      g_autoptr(GdkPixbuf) pb = gdk_pixbuf_new_from_file (path, NULL);

      dd_test_save_jpeg (pb, to, 95);
      if (i == 7)
        {
          copy = g_build_filename (f->data, "train", "all", "zz-copy.jpg", NULL);
          dd_test_save_jpeg (pb, copy, 40);
          orig_key = g_strdup_printf ("data/train/all/%s", name);
        }
    }
  dd_test_run_cli (&run, "index", f->data, "--catalog", cat, "--deep", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dd_test_run_clear (&run);

  dd_test_run_cli (&run, "similar", "--catalog", cat, orig_key, "--limit", "3",
                   "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = dd_test_parse_object (p1, run.out);
  g_assert_cmpstr (json_object_get_string_member (o, "key"), ==, orig_key);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "similar")), ==, 3);
  first = json_array_get_object_element (json_object_get_array_member (o, "similar"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "key"), ==, "data/train/all/zz-copy.jpg");
  g_assert_cmpstr (json_object_get_string_member (first, "class"), ==, "all");
  g_assert_cmpstr (json_object_get_string_member (first, "split"), ==, "train");
  g_assert_cmpint (json_object_get_int_member (first, "distance"), <=, 10);
  dd_test_run_clear (&run);

  dd_test_run_cli (&run, "health", "--catalog", cat, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = dd_test_parse_object (p2, run.out);
  groups = json_object_get_array_member (o, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 1);
  group = json_array_get_object_element (groups, 0);
  g_assert_cmpstr (json_object_get_string_member (group, "kind"), ==, "near_duplicate");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (group, "keys")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (o, "counts"), "near_duplicate"), ==, 2);
  dd_test_run_clear (&run);

  /* a threshold below the copy's distance: no group; a bad one: one line, exit 1 */
  dd_test_run_cli (&run, "health", "--catalog", cat, "--near-threshold", "0",
                   "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = dd_test_parse_object (p3, run.out);
  if (json_object_get_int_member (first, "distance") > 0)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "groups")), ==, 0);
  dd_test_run_clear (&run);
  dd_test_run_cli (&run, "health", "--catalog", cat, "--near-threshold", "33", NULL);
  dd_test_assert_one_line_error (&run, "near-threshold");
  dd_test_run_clear (&run);
  dd_test_run_cli (&run, "similar", "--catalog", cat, "data/none.jpg", NULL);
  dd_test_assert_one_line_error (&run, "data/none.jpg");
  dd_test_run_clear (&run);

  /* a catalog of version 2 is read without upgrading it: no hashes known, no error */
  dd_test_damage_sql (cat, "DROP TABLE phashes; DROP TABLE near_pairs;"
                           "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  dd_test_run_cli (&run, "health", "--catalog", cat, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dd_test_run_clear (&run);
  dd_test_run_cli (&run, "similar", "--catalog", cat, orig_key, NULL);
  dd_test_assert_one_line_error (&run, "index --deep");
}

/* The sample nodes of @nodes with the edge "near_duplicate": their labels by key (the
 * strings are @nodes'). */
static GHashTable *
near_edges (GPtrArray *nodes)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);

  for (guint i = 0; i < nodes->len; i++)
    {
      DdNode *n = g_ptr_array_index (nodes, i);

      if (g_strcmp0 (n->edge, "near_duplicate") == 0)
        {
          g_assert_cmpint (n->kind, ==, DD_NODE_SAMPLE);
          g_hash_table_insert (keys, n->id, n->label);
        }
    }
  return keys;
}

/* The neighbours of the sample @key, 20 at most (the test fails on an error). */
static GPtrArray *
sample_neighbours (Fixture    *f,
                   const char *key)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *nodes = dd_relations_neighbours (f->catalog, DD_NODE_SAMPLE, key, 20, &error);

  g_assert_no_error (error);
  return nodes;
}

/* The explorer links near duplicates: a demo photo planted twice (re-encoded in its
 * class, halved under another label) has an edge "near_duplicate" to each copy, labelled
 * with the file and the distance, and each copy one back to it and to the other; a
 * photo without copies has none; the explorer's expansion (dd_relations_expand) carries
 * them too. */
static void
test_relations (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autoptr(GdkPixbuf) half = NULL;
  g_autofree char *orig = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *halved = NULL;
  g_autofree char *other = NULL;
  const char *a, *b;

  dd_test_fixture_demo (f, 3, 2);
  classes = dd_catalog_list_classes (f->catalog);
  a = ((DdClassInfo *) classes->pdata[0])->wnid;
  b = ((DdClassInfo *) classes->pdata[1])->wnid;
  orig = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_0.JPEG", a, a);
  other = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_1.JPEG", a, a);
  copy = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_copy.JPEG", a, a);
  halved = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_half.JPEG", b, b);
  {
    g_autofree char *path = g_build_filename (f->data, orig, NULL);
    g_autofree char *copy_path = g_build_filename (f->data, copy, NULL);
    g_autofree char *half_path = g_build_filename (f->data, halved, NULL);

    photo = gdk_pixbuf_new_from_file (path, &error);
    g_assert_no_error (error);
    dd_test_save_jpeg (photo, copy_path, 40);
    half = gdk_pixbuf_scale_simple (photo, gdk_pixbuf_get_width (photo) / 2,
                                    gdk_pixbuf_get_height (photo) / 2, GDK_INTERP_BILINEAR);
    dd_test_save_jpeg (half, half_path, 90);
  }
  deep_index (f);

  /* one sample's pairs, read through the indexes, are the ones of all pairs that name it */
  {
    g_autoptr(GArray) all = dd_catalog_read_near_pairs (f->catalog, &error);
    g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
    GHashTableIter iter;
    gpointer id;

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, >, 0);
    for (guint i = 0; i < all->len; i++)
      {
        g_hash_table_add (ids, &g_array_index (all, DdNearPairRow, i).a);
        g_hash_table_add (ids, &g_array_index (all, DdNearPairRow, i).b);
      }
    g_hash_table_iter_init (&iter, ids);
    while (g_hash_table_iter_next (&iter, &id, NULL))
      {
        gint64 sample = *(gint64 *) id;
        g_autoptr(GArray) of = dd_catalog_read_near_pairs_of (f->catalog, sample, &error);
        guint k = 0;

        g_assert_no_error (error);
        for (guint i = 0; i < all->len; i++)
          {
            const DdNearPairRow *p = &g_array_index (all, DdNearPairRow, i);

            if (p->a != sample && p->b != sample)
              continue;
            g_assert_cmpuint (k, <, of->len);
            g_assert_cmpmem (p, sizeof *p, &g_array_index (of, DdNearPairRow, k), sizeof *p);
            k++;
          }
        g_assert_cmpuint (k, ==, of->len);
      }
    {
      g_autoptr(GArray) none = dd_catalog_read_near_pairs_of (f->catalog, G_MAXINT64, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (none->len, ==, 0);
    }
  }

  {
    g_autoptr(GPtrArray) nodes = sample_neighbours (f, orig);
    g_autoptr(GHashTable) near = near_edges (nodes);
    const char *label = g_hash_table_lookup (near, copy);

    g_assert_cmpuint (g_hash_table_size (near), ==, 2);
    g_assert_nonnull (label);
    g_assert_true (g_str_has_suffix (label, " bits") || g_str_has_suffix (label, " bit"));
    g_assert_true (g_hash_table_contains (near, halved));
  }
  {
    g_autoptr(GPtrArray) nodes = sample_neighbours (f, halved);
    g_autoptr(GHashTable) near = near_edges (nodes);

    g_assert_cmpuint (g_hash_table_size (near), ==, 2);
    g_assert_true (g_hash_table_contains (near, orig));
    g_assert_true (g_hash_table_contains (near, copy));
  }
  {
    g_autoptr(GPtrArray) nodes = sample_neighbours (f, other);
    g_autoptr(GHashTable) near = near_edges (nodes);

    g_assert_cmpuint (g_hash_table_size (near), ==, 0);
  }
  /* the explorer's own call, with the files for thumbnails */
  {
    g_autoptr(DdExpansion) expansion = dd_relations_expand (f->catalog, DD_NODE_SAMPLE, orig, FALSE,
                                                            20, &error);
    g_autoptr(GHashTable) near = NULL;

    g_assert_no_error (error);
    near = near_edges (expansion->nodes);
    g_assert_cmpuint (g_hash_table_size (near), ==, 2);
    for (guint i = 0; i < expansion->nodes->len; i++)
      if (g_strcmp0 (((DdNode *) expansion->nodes->pdata[i])->edge, "near_duplicate") == 0)
        g_assert_nonnull (expansion->paths->pdata[i]);
  }
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
  g_test_add ("/near-dup/health/planted", Fixture, NULL, dd_test_setup_empty,
              test_health_planted, dd_test_teardown);
  g_test_add ("/near-dup/cli", Fixture, NULL, dd_test_setup_empty, test_cli, dd_test_teardown);
  g_test_add ("/near-dup/health/variants", Fixture, NULL, dd_test_setup_empty,
              test_health_variants, dd_test_teardown);
  g_test_add ("/near-dup/relations", Fixture, NULL, dd_test_setup_empty, test_relations,
              dd_test_teardown);
  g_test_add ("/near-dup/health/demo-distinct", Fixture, NULL, dd_test_setup_empty,
              test_health_demo_distinct, dd_test_teardown);
  return g_test_run ();
}
