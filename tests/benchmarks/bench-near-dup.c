/* bench-near-dup: how well the perceptual hash finds planted copies, and how fast the
 * pair search is.
 *
 *   bench-near-dup plant PHOTOS OUT   copies of every photo under PHOTOS planted in OUT
 *                                     (JPEG quality 30–95, resized 0.5–2×, cropped 1–5 %
 *                                     and resized back, brightened 2–10 %), hashed by
 *                                     the content pass's dd_content_examine(); prints
 *                                     recall and false pairs per threshold
 *   bench-near-dup score OUT FILE     the same counts for another tool's groups of
 *                                     similar files (one group a line, paths separated
 *                                     by spaces: findimagedupes' output)
 *   bench-near-dup pairs [N] [T]      N hashes (default 860,000: random, with a planted
 *                                     copy within T bits for one in 100), all pairs
 *                                     within T (default 8) by the multi-index search
 *                                     and by the naive all-pairs loop, in one run
 *   bench-near-dup catalog F [T]      the same with the hashes of catalog F (T: 10)
 *   bench-near-dup hash-cost          microseconds of dd_phash_compute() per picture
 *   bench-near-dup distinct DIR       pairs within each threshold among the .JPEG files
 *                                     under DIR outside "-C" folders (the demo's clean
 *                                     drawings: different pictures but for its planted
 *                                     defects)
 *
 * BENCH_CROPS=all in the environment has plant cut every photo in all 45 ways (1–5 %,
 * from the nine places) rather than one.
 *
 * BENCH_HASH=NAME in the environment measures one of the candidate hashes of
 * bench-phash-candidates.c (colour44, colour52, colour52-noaxes, luma-taper, luma)
 * instead
 * of the content pass's: plant, score and hash-cost then decode with gdk-pixbuf and
 * hash with it.
 *
 * A file's origin is its name up to the first '.': "stem.JPEG" is an original,
 * "stem.kind-level.jpg" its copy. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dd-catalog.h"
#include "dd-catalog-near.h"
#include "dd-content.h"
#include "dd-near-dup.h"
#include "dd-phash.h"

#include "bench-phash-candidates.h"
#include "dd-test-util.h"

#define LEVELS 5
#define MAX_T 20

static const char * const kinds[] = { "jpeg", "resize", "crop", "bright" };
#define N_KINDS G_N_ELEMENTS (kinds)

/* The pictures under @dir into @out: every .JPEG and .jpg, or with @clean only the
 * dataset's .JPEG files outside the corrupted trees (folders named …-C). */
static void
collect_photos (const char *dir,
                gboolean    clean,
                GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!clean || !g_str_has_suffix (name, "-C"))
            collect_photos (path, clean, out);
        }
      else if (g_str_has_suffix (name, ".JPEG") || (!clean && g_str_has_suffix (name, ".jpg")))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
save_jpeg (GdkPixbuf  *pixbuf,
           const char *path,
           int         quality)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *q = g_strdup_printf ("%d", quality);

  if (!gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", q, NULL))
    g_error ("%s: %s", path, error->message);
}

/* The copy of kind @kind at @level (0–4, mildest first), @variant picking where a crop
 * is taken. */
static GdkPixbuf *
make_copy (GdkPixbuf *src,
           guint      kind,
           int        level,
           guint      variant,
           int       *quality)
{
  int w = gdk_pixbuf_get_width (src), h = gdk_pixbuf_get_height (src);

  *quality = 90;
  switch (kind)
    {
    case 0:   /* re-encoded at quality 95 … 30 */
      *quality = 95 - level * 65 / (LEVELS - 1);
      return g_object_ref (src);
    case 1:   /* resized: 0.5×, 2×, 0.75×, 1.5×, 0.6× */
      {
        static const double scales[LEVELS] = { 0.5, 2.0, 0.75, 1.5, 0.6 };
        return gdk_pixbuf_scale_simple (src, MAX (1, (int) (w * scales[level] + 0.5)),
                                        MAX (1, (int) (h * scales[level] + 0.5)),
                                        GDK_INTERP_BILINEAR);
      }
    case 2:   /* 1–5 % of each side cut, from the left/top, both sides or the right/bottom */
      {
        double cut = 0.01 * (level + 1);
        int cw = MAX (1, (int) (w * cut + 0.5)), ch = MAX (1, (int) (h * cut + 0.5));
        int x = cw * (int) (variant % 3) / 2, y = ch * (int) ((variant / 3) % 3) / 2;
        g_autoptr(GdkPixbuf) part = gdk_pixbuf_new_subpixbuf (src, x, y, w - cw, h - ch);

        return gdk_pixbuf_scale_simple (part, w, h, GDK_INTERP_BILINEAR);
      }
    default:  /* brightened by 2–10 % */
      {
        GdkPixbuf *out = gdk_pixbuf_copy (src);
        double factor = 1.0 + 0.02 * (level + 1);
        int nc = gdk_pixbuf_get_n_channels (out), stride = gdk_pixbuf_get_rowstride (out);
        guint8 *px = gdk_pixbuf_get_pixels (out);

        for (int y = 0; y < h; y++)
          for (int x = 0; x < w; x++)
            for (int c = 0; c < MIN (nc, 3); c++)
              {
                guint8 *p = px + (gsize) y * stride + x * nc + c;
                *p = (guint8) MIN (255, (int) (*p * factor + 0.5));
              }
        return out;
      }
    }
}

typedef struct {
  char    *name;
  char    *origin;
  int      kind;      /* -1: an original */
  int      level;
  guint64  hash;
} Entry;

static void
entry_free (Entry *e)
{
  g_free (e->name);
  g_free (e->origin);
  g_free (e);
}

/* The candidate named by BENCH_HASH, or NULL: the content pass's own hash. */
static const BenchPhash *
candidate (void)
{
  const char *name = g_getenv ("BENCH_HASH");

  if (name == NULL || *name == '\0')
    return NULL;
  for (guint i = 0; bench_phash_candidates[i].name; i++)
    if (g_str_equal (bench_phash_candidates[i].name, name))
      return &bench_phash_candidates[i];
  g_error ("BENCH_HASH=%s: no such candidate", name);
}

/* The candidate's hash of the file at @path; FALSE (said on stderr) when gdk-pixbuf
 * cannot decode it. */
static gboolean
candidate_hash_of_file (const BenchPhash *spec,
                        const char       *path,
                        guint64          *hash)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new_from_file (path, &error);

  if (p == NULL)
    {
      g_printerr ("bench-near-dup: %s: %s\n", path, error->message);
      return FALSE;
    }
  *hash = bench_phash_candidate (spec, gdk_pixbuf_read_pixels (p), gdk_pixbuf_get_width (p),
                                 gdk_pixbuf_get_height (p), gdk_pixbuf_get_rowstride (p),
                                 gdk_pixbuf_get_n_channels (p));
  return TRUE;
}

/* Every file of @dir, hashed as the content pass hashes it (or by the candidate). */
static GPtrArray *
hash_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      DdContentFacts facts;
      Entry *e = g_new0 (Entry, 1);
      const char *dot = strchr (name, '.');

      dd_content_examine (path, name, -1, &facts);
      if (!facts.has_phash)
        g_error ("%s: not decoded (%s)", path, facts.error);
      e->name = g_strdup (name);
      e->origin = g_strndup (name, dot ? (gsize) (dot - name) : strlen (name));
      e->kind = -1;
      for (guint k = 0; k < N_KINDS && dot; k++)
        if (g_str_has_prefix (dot + 1, kinds[k]) && dot[1 + strlen (kinds[k])] == '-')
          {
            e->kind = k;
            e->level = atoi (dot + 2 + strlen (kinds[k]));
          }
      e->hash = facts.phash;
      if (candidate () && !candidate_hash_of_file (candidate (), path, &e->hash))
        exit (1);
      dd_content_facts_clear (&facts);
      g_ptr_array_add (entries, e);
    }
  g_ptr_array_sort (entries, compare_strings);
  return entries;
}

/* The sample's own duplicates: set-a and set-b hold the same pictures under the same
 * name, re-encoded ("set-a-train-n03649909_7", "set-b-train-n03649909_7"). */
static const char *
picture_of (const char *origin)
{
  if (g_str_has_prefix (origin, "set-") && strlen (origin) > 6)
    return origin + 6;
  return origin;
}

static Entry *
original_of (GHashTable *originals,
             Entry      *e)
{
  return g_hash_table_lookup (originals, e->origin);
}

static void
report (GPtrArray *entries)
{
  g_autoptr(GHashTable) originals = g_hash_table_new (g_str_hash, g_str_equal);
  guint found[MAX_T + 1][N_KINDS] = { { 0 } }, copies[N_KINDS] = { 0 };
  guint false_pairs[MAX_T + 1] = { 0 }, false_originals[MAX_T + 1] = { 0 };
  guint n_originals = 0, worst[N_KINDS] = { 0 };
  guint closest_false = 64;
  guint crop_found[MAX_T + 1][LEVELS] = { { 0 } }, crops[LEVELS] = { 0 };

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      if (e->kind < 0)
        {
          g_hash_table_insert (originals, e->origin, e);
          n_originals++;
        }
    }
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);
      Entry *o = original_of (originals, e);
      guint d;

      if (e->kind < 0 || o == NULL)
        continue;
      d = dd_phash_distance (e->hash, o->hash);
      copies[e->kind]++;
      worst[e->kind] = MAX (worst[e->kind], d);
      for (guint t = d; t <= MAX_T; t++)
        found[t][e->kind]++;
      if (e->kind == 2)
        for (guint t = d; t <= MAX_T; t++)
          crop_found[t][e->level]++;
      if (e->kind == 2)
        crops[e->level]++;
    }
  for (guint i = 0; i < entries->len; i++)
    for (guint j = i + 1; j < entries->len; j++)
      {
        Entry *a = g_ptr_array_index (entries, i), *b = g_ptr_array_index (entries, j);
        guint d;

        if (g_str_equal (picture_of (a->origin), picture_of (b->origin)))
          continue;
        d = dd_phash_distance (a->hash, b->hash);
        closest_false = MIN (closest_false, d);
        if (a->kind < 0 && b->kind < 0 && d <= MAX_T && g_getenv ("BENCH_LIST"))
          printf ("  originals %s %s: %u bits\n", a->name, b->name, d);
        for (guint t = d; t <= MAX_T; t++)
          {
            false_pairs[t]++;
            if (a->kind < 0 && b->kind < 0)
              false_originals[t]++;
          }
      }

  printf ("%u originals, %u copies (jpeg %u, resize %u, crop %u, bright %u)\n",
          n_originals, entries->len - n_originals, copies[0], copies[1], copies[2], copies[3]);
  printf ("largest distance of a copy to its original: jpeg %u, resize %u, crop %u, bright %u\n",
          worst[0], worst[1], worst[2], worst[3]);
  printf ("closest pair of different photos: %u bits\n", closest_false);
  printf ("%3s %7s %7s %7s %7s %7s %12s %12s\n", "t", "recall", "jpeg", "resize", "crop",
          "bright", "false pairs", "(originals)");
  for (guint t = 0; t <= MAX_T; t++)
    {
      guint all = 0, n = 0;

      for (guint k = 0; k < N_KINDS; k++)
        {
          all += found[t][k];
          n += copies[k];
        }
      printf ("%3u %6.1f%% %6.1f%% %6.1f%% %6.1f%% %6.1f%% %12u %12u\n", t, 100.0 * all / MAX (n, 1),
              100.0 * found[t][0] / MAX (copies[0], 1), 100.0 * found[t][1] / MAX (copies[1], 1),
              100.0 * found[t][2] / MAX (copies[2], 1), 100.0 * found[t][3] / MAX (copies[3], 1),
              false_pairs[t], false_originals[t]);
    }
  printf ("crop recall by cut (1–5 %% of each side):\n");
  for (guint t = 6; t <= MAX_T; t += 2)
    {
      printf ("%3u", t);
      for (guint l = 0; l < LEVELS; l++)
        printf (" %5.1f%%", 100.0 * crop_found[t][l] / MAX (crops[l], 1));
      printf ("\n");
    }
}

static int
plant (const char *photos_dir,
       const char *out)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = NULL;
  gboolean all_crops;
  gint64 t0;

  collect_photos (photos_dir, FALSE, photos);
  g_ptr_array_sort (photos, compare_strings);
  all_crops = g_strcmp0 (g_getenv ("BENCH_CROPS"), "all") == 0;
  if (photos->len == 0)
    {
      g_printerr ("bench-near-dup: no .JPEG photos under %s\n", photos_dir);
      return 1;
    }
  g_mkdir_with_parents (out, 0755);
  for (guint i = 0; i < photos->len; i++)
    {
      const char *path = g_ptr_array_index (photos, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) src = gdk_pixbuf_new_from_file (path, &error);
      g_autofree char *rel = g_strdup (path + strlen (photos_dir));
      g_autofree char *stem = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *copy = NULL;
      gsize len;

      if (src == NULL)
        g_error ("%s: %s", path, error->message);
      /* set-a/train/n01_1.JPEG → set-a-train-n01_1 */
      g_strdelimit (rel, "/.", '-');
      stem = g_strdup (rel[0] == '-' ? rel + 1 : rel);
      if (g_str_has_suffix (stem, "-JPEG"))
        stem[strlen (stem) - 5] = '\0';
      copy = g_strdup_printf ("%s/%s.JPEG", out, stem);
      if (!g_file_get_contents (path, &contents, &len, &error) ||
          !g_file_set_contents (copy, contents, len, &error))
        g_error ("%s", error->message);
      for (guint k = 0; k < N_KINDS; k++)
        {
          int level = (i + k) % LEVELS, quality;
          g_autoptr(GdkPixbuf) made = make_copy (src, k, level, i / LEVELS, &quality);
          g_autofree char *name = g_strdup_printf ("%s/%s.%s-%d.jpg", out, stem, kinds[k], level);

          save_jpeg (made, name, quality);
        }
      /* BENCH_CROPS=all: every cut (1–5 %) from each of the nine places, 45 crops a
       * photo instead of one, for recall figures that hold to a few percent */
      for (int level = 0; all_crops && level < LEVELS; level++)
        for (guint variant = 0; variant < 9; variant++)
          {
            int quality;
            g_autoptr(GdkPixbuf) made = make_copy (src, 2, level, variant, &quality);
            g_autofree char *name = g_strdup_printf ("%s/%s.crop-%d-%u.jpg", out, stem, level,
                                                     variant);

            save_jpeg (made, name, quality);
          }
    }
  t0 = g_get_monotonic_time ();
  entries = hash_folder (out);
  printf ("hashed %u files in %.2f s (decode and hash, one thread)\n", entries->len,
          (g_get_monotonic_time () - t0) / 1e6);
  report (entries);
  return 0;
}

/* Another tool's groups: a copy is found when a line has it with its original; every
 * pair of a line from different origins is a false pair. */
static int
score (const char *out,
       const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) entries = hash_folder (out);
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  guint copies = 0, hits = 0, false_pairs = 0, per_kind[N_KINDS] = { 0 }, n_kind[N_KINDS] = { 0 };

  if (!g_file_get_contents (file, &text, NULL, &error))
    {
      g_printerr ("bench-near-dup: %s\n", error->message);
      return 1;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint l = 0; lines[l]; l++)
    {
      g_auto(GStrv) paths = g_strsplit (g_strstrip (lines[l]), " ", -1);
      guint n = g_strv_length (paths);

      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n; j++)
          {
            g_autofree char *a = g_path_get_basename (paths[i]);
            g_autofree char *b = g_path_get_basename (paths[j]);
            char *da = strchr (a, '.'), *db = strchr (b, '.');

            if (i == j || !da || !db)
              continue;
            *da = *db = '\0';
            if (strcmp (picture_of (a), picture_of (b)) != 0)
              false_pairs += i < j;
            else if (strcmp (a, b) == 0 && g_str_has_suffix (paths[j], ".JPEG") &&
                     !g_str_has_suffix (paths[i], ".JPEG"))
              g_hash_table_add (found, g_path_get_basename (paths[i]));
          }
    }
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);

      if (e->kind < 0)
        continue;
      copies++;
      n_kind[e->kind]++;
      if (g_hash_table_contains (found, e->name))
        {
          hits++;
          per_kind[e->kind]++;
        }
    }
  printf ("found %u of %u copies (%.1f%%: jpeg %u, resize %u, crop %u, bright %u), %u false pairs\n",
          hits, copies, 100.0 * hits / MAX (copies, 1), per_kind[0], per_kind[1], per_kind[2],
          per_kind[3], false_pairs);
  return 0;
}

static void
time_search (const guint64 *hashes,
             const guint32 *families,
             guint          n,
             guint          threshold)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(GArray) fast = dd_near_dup_pairs (hashes, n, threshold, families, NULL);
  double t_fast = (g_get_monotonic_time () - t0) / 1e6;
  g_autoptr(GArray) naive = NULL;
  double t_naive;

  printf ("multi-index: %u pairs within %u bits among %u hashes in %.2f s\n", fast->len,
          threshold, n, t_fast);
  if (g_getenv ("BENCH_NO_NAIVE"))
    return;
  t0 = g_get_monotonic_time ();
  naive = dd_near_dup_pairs_naive (hashes, n, threshold, families, NULL);
  t_naive = (g_get_monotonic_time () - t0) / 1e6;
  printf ("naive all pairs: %u pairs in %.2f s (%.0f× the multi-index search)\n", naive->len,
          t_naive, t_naive / MAX (t_fast, 1e-6));
  if (naive->len != fast->len ||
      memcmp (naive->data, fast->data, naive->len * sizeof (DdNearPair)) != 0)
    {
      printf ("MISMATCH between the two searches\n");
      exit (1);
    }
  printf ("same pairs\n");
}

static int
pairs (guint n,
       guint threshold)
{
  /* one in 100 a copy of an earlier hash, a few bits flipped */
  g_autofree guint64 *hashes = dd_test_make_hashes (n, 100, threshold, 15);

  time_search (hashes, NULL, n, threshold);
  return 0;
}

static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The hash alone, on pixels already decoded: microseconds per picture of a few sizes. */
static int
hash_cost (void)
{
  static const int sides[][2] = { { 64, 64 }, { 32, 32 }, { 500, 375 } };
  const BenchPhash *spec = candidate ();

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      int w = sides[s][0], h = sides[s][1], stride = w * 3;
      g_autofree guint8 *px = g_malloc ((gsize) stride * h);
      guint n = 2000000 / (w * h / 64 + 1);
      guint64 sink = 0;
      gint64 t0;

      for (int i = 0; i < stride * h; i++)
        px[i] = (guint8) (i * 2654435761u >> 24);
      /* thread CPU time: on a loaded machine wall time measures the others */
      t0 = cpu_usec ();
      for (guint i = 0; i < n; i++)
        {
          px[i % (stride * h)]++;
          sink ^= spec ? bench_phash_candidate (spec, px, w, h, stride, 3)
                       : dd_phash_compute (px, w, h, stride, 3);
        }
      printf ("%d×%d: %.2f µs of CPU per hash (%u hashes%s)\n", w, h,
              (cpu_usec () - t0) / (double) n, n, sink == 42 ? "!" : "");
    }
  return 0;
}

/* How many pairs of the clean images under @dir are within each threshold. */
static int
distinct (const char *dir)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint64 *hashes = NULL;
  guint within[MAX_T + 1] = { 0 }, n = 0;

  collect_photos (dir, TRUE, paths);
  g_ptr_array_sort (paths, compare_strings);
  hashes = g_new (guint64, MAX (paths->len, 1));
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *name = g_path_get_basename (g_ptr_array_index (paths, i));
      DdContentFacts facts;

      dd_content_examine (g_ptr_array_index (paths, i), name, -1, &facts);
      hashes[n] = facts.phash;
      if (facts.has_phash &&
          (!candidate () || candidate_hash_of_file (candidate (), g_ptr_array_index (paths, i),
                                                    &hashes[n])))
        n++;
      dd_content_facts_clear (&facts);
    }
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      for (guint t = dd_phash_distance (hashes[i], hashes[j]); t <= MAX_T; t++)
        within[t]++;
  printf ("%u clean images decoded under %s (%u pairs)\n", n, dir, n * (n - 1) / 2);
  for (guint t = 6; t <= 16; t += 2)
    printf ("%3u bits: %u pairs\n", t, within[t]);
  return 0;
}

static int
catalog_pairs (const char *path,
               guint       threshold)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = dd_catalog_open (path, DD_CATALOG_OPEN_READONLY, &error);
  g_autoptr(GArray) rows = catalog ? dd_catalog_read_phashes (catalog, &error) : NULL;
  g_autofree guint64 *hashes = NULL;
  g_autofree guint32 *families = NULL;
  guint n = 0;

  if (rows == NULL)
    {
      g_printerr ("bench-near-dup: %s\n", error->message);
      return 1;
    }
  hashes = g_new (guint64, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    hashes[n++] = g_array_index (rows, DdPhashRow, i).phash;
  printf ("%u hashes of %s (every decoded sample, corruption variants included)\n", n, path);
  time_search (hashes, NULL, n, threshold);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc >= 4 && g_str_equal (argv[1], "plant"))
    return plant (argv[2], argv[3]);
  if (argc >= 4 && g_str_equal (argv[1], "score"))
    return score (argv[2], argv[3]);
  if (argc >= 2 && g_str_equal (argv[1], "hash-cost"))
    return hash_cost ();
  if (argc >= 3 && g_str_equal (argv[1], "distinct"))
    return distinct (argv[2]);
  if (argc >= 3 && g_str_equal (argv[1], "catalog"))
    return catalog_pairs (argv[2], argc > 3 ? atoi (argv[3]) : 10);
  if (argc >= 2 && g_str_equal (argv[1], "pairs"))
    return pairs (argc > 2 ? atoi (argv[2]) : 860000, argc > 3 ? atoi (argv[3]) : 8);
  g_printerr ("usage: bench-near-dup plant PHOTOS OUT | score OUT FILE | pairs [N] [T] |"
              " catalog F [T] | hash-cost | distinct DIR\n");
  return 2;
}
