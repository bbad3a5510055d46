/* The demo dataset generator: writes a Tiny-ImageNet + Tiny-ImageNet-C tree of procedural
 * images with visible corruptions and planted defects, atomically, on a worker pool; the
 * ImageNet shapes are written by dd-demo-imagenet.c into the same temporary folder. */
#define G_LOG_DOMAIN "datadive-demo"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-demo.h"
#include "dd-tmpdir.h"
#include "dd-demo-private.h"
#include "dd-tiny-imagenet-classes.h"

#define IMAGE_SIZE      64
#define CLEAN_QUALITY   90
#define N_WORKERS       2
#define UNKNOWN_WNID    "n00000042"   /* wnid-shaped, in no list, not a WordNet offset */
#define N_UNKNOWN       3
#define N_MISSING_LABEL 3
#define N_ORPHANS       2
#define N_JUNK          3
#define MISSING_CELL_CORRUPTION 7     /* snow, severity 5 */
#define MISSING_CELL_SEVERITY   5
#define SHORT_CELL_CORRUPTION   9     /* fog, severity 2 */
#define SHORT_CELL_SEVERITY     2

enum {
  TAG_TRAIN = 1,
  TAG_VAL,
  TAG_TEST,
  TAG_UNKNOWN,
  TAG_SHUFFLE,
};

/* Everything about the output that follows from the options alone. */
typedef struct {
  guint    n_classes;
  guint    per_class;
  guint    train_per_class;
  guint    test_per_class;
  guint    n_val;
  guint    n_test;
  guint64  seed;
  gboolean defects;
  guint    classes[DD_TINY_IMAGENET_N_CLASSES];   /* table indices, wnid order */
  guint   *val_class;                             /* val_<j> → class position */
  guint   *test_class;

  /* The defects, all valid from 2 classes × 2 images per split up (see plan_init). */
  guint    truncated_class, truncated_index;
  guint    empty_class, empty_index;
  guint    dup_src_class, dup_src_index, dup_dst_class, dup_dst_index;
  guint    gray_test, png_test, size_test;
  guint    missing_label[N_MISSING_LABEL];
  guint    missing_cell_class;
  guint    short_cell_class, short_cell_val;
} Plan;

/* A seeded Fisher-Yates shuffle assigning @per_class of @n samples to each class. */
static guint *
assign_classes (guint64 seed,
                guint   tag,
                guint   n_classes,
                guint   per_class)
{
  guint n = n_classes * per_class;
  guint *perm = g_new (guint, n);
  DdRng rng;

  dd_rng_init (&rng, dd_demo_seed (seed, TAG_SHUFFLE, 0, tag));
  for (guint i = 0; i < n; i++)
    perm[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = dd_rng_below (&rng, i + 1), t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  for (guint i = 0; i < n; i++)
    perm[i] /= per_class;
  return perm;
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->val_class, g_free);
  g_clear_pointer (&plan->test_class, g_free);
}

static void
plan_init (Plan                *plan,
           const DdDemoOptions *options)
{
  memset (plan, 0, sizeof *plan);
  plan->n_classes = options->classes;
  plan->per_class = options->per_class;
  plan->train_per_class = options->train_per_class ? options->train_per_class
                                                   : 10 * options->per_class;
  plan->test_per_class = options->test_per_class ? options->test_per_class : options->per_class;
  plan->n_val = plan->n_classes * plan->per_class;
  plan->n_test = plan->n_classes * plan->test_per_class;
  plan->seed = options->seed;
  plan->defects = options->defects;

  /* Spread over the wnid (WordNet) order so the classes are far apart: fish, insects,
   * dogs, … vehicles, food. */
  for (guint k = 0; k < plan->n_classes; k++)
    plan->classes[k] = k * (DD_TINY_IMAGENET_N_CLASSES / plan->n_classes);

  plan->val_class = assign_classes (plan->seed, TAG_VAL, plan->n_classes, plan->per_class);
  plan->test_class = assign_classes (plan->seed, TAG_TEST, plan->n_classes,
                                     plan->test_per_class);

  /* Train: the last image of class 0 is cut in half and the last one of class 1 is
   * empty; the first image of the last class carries the bytes of the first image of
   * class 0 (a duplicate under a conflicting label). With 2 images a class these four
   * are distinct files and the duplicated source stays intact. */
  plan->truncated_class = 0;
  plan->truncated_index = plan->train_per_class - 1;
  plan->empty_class = 1;
  plan->empty_index = plan->train_per_class - 1;
  plan->dup_src_class = 0;
  plan->dup_src_index = 0;
  plan->dup_dst_class = plan->n_classes - 1;
  plan->dup_dst_index = 0;

  /* Test (at least 4 images): a grayscale JPEG, PNG bytes named .JPEG, an 80×80 image. */
  plan->gray_test = 0;
  plan->png_test = 1;
  plan->size_test = 2;

  /* Val (at least 4 images): three files without an annotation row. */
  plan->missing_label[0] = 1;
  plan->missing_label[1] = plan->n_val / 2;
  plan->missing_label[2] = plan->n_val - 1;

  /* Tiny-ImageNet-C: snow/5/<last class> is absent; fog/2/<class 0> lacks the first val
   * image of class 0 (it keeps per_class - 1 ≥ 1 files). */
  plan->missing_cell_class = plan->n_classes - 1;
  plan->short_cell_class = 0;
  for (guint j = 0; j < plan->n_val; j++)
    if (plan->val_class[j] == 0)
      {
        plan->short_cell_val = j;
        break;
      }
}

static gboolean
is_missing_label (const Plan *plan,
                  guint       j)
{
  if (!plan->defects)
    return FALSE;
  for (guint i = 0; i < N_MISSING_LABEL; i++)
    if (plan->missing_label[i] == j)
      return TRUE;
  return FALSE;
}

static const char *
wnid_of (const Plan *plan,
         guint       k)
{
  return k < plan->n_classes ? dd_tiny_imagenet_wnid (plan->classes[k]) : UNKNOWN_WNID;
}

static void
add_defect (GPtrArray  *defects,
            const char *kind,
            char       *key,
            char       *detail)
{
  DdDemoDefect *defect = g_new0 (DdDemoDefect, 1);

  defect->kind = g_strdup (kind);
  defect->key = key;
  defect->detail = detail;
  g_ptr_array_add (defects, defect);
}

static GPtrArray *
plan_defects (const Plan *plan)
{
  GPtrArray *defects = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_demo_defect_free);
  const char *w0 = wnid_of (plan, 0);

  if (!plan->defects)
    return defects;

  for (guint i = 0; i < N_MISSING_LABEL; i++)
    add_defect (defects, "missing_label",
                g_strdup_printf ("tiny-imagenet-200/val/images/val_%u.JPEG",
                                 plan->missing_label[i]),
                g_strdup_printf ("No row of val_annotations.txt names val_%u.JPEG (class %s).",
                                 plan->missing_label[i],
                                 wnid_of (plan, plan->val_class[plan->missing_label[i]])));
  for (guint i = 0; i < N_ORPHANS; i++)
    add_defect (defects, "orphan_annotation",
                g_strdup_printf ("tiny-imagenet-200/val/images/val_%u.JPEG", plan->n_val + i),
                g_strdup_printf ("val_annotations.txt names val_%u.JPEG, which does not exist.",
                                 plan->n_val + i));
  add_defect (defects, "truncated",
              g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_%u.JPEG",
                               w0, w0, plan->truncated_index),
              g_strdup ("The JPEG stops half-way, without its end marker."));
  add_defect (defects, "empty_file",
              g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_%u.JPEG",
                               wnid_of (plan, plan->empty_class), wnid_of (plan, plan->empty_class),
                               plan->empty_index),
              g_strdup ("The file is empty (0 bytes)."));
  add_defect (defects, "format_mismatch",
              g_strdup_printf ("tiny-imagenet-200/test/images/test_%u.JPEG", plan->png_test),
              g_strdup ("PNG data in a file named .JPEG."));
  add_defect (defects, "grayscale",
              g_strdup_printf ("tiny-imagenet-200/test/images/test_%u.JPEG", plan->gray_test),
              g_strdup ("A grayscale image (equal R, G and B) among colour ones."));
  add_defect (defects, "unexpected_size",
              g_strdup_printf ("tiny-imagenet-200/test/images/test_%u.JPEG", plan->size_test),
              g_strdup ("An 80×80 image among 64×64 ones."));
  add_defect (defects, "duplicate_conflict",
              g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_%u.JPEG",
                               wnid_of (plan, plan->dup_dst_class),
                               wnid_of (plan, plan->dup_dst_class), plan->dup_dst_index),
              g_strdup_printf ("The same bytes as train/%s/images/%s_%u.JPEG, under another class.",
                               w0, w0, plan->dup_src_index));
  add_defect (defects, "missing_cell",
              g_strdup_printf ("Tiny-ImageNet-C/%s/%d/%s",
                               dd_demo_corruption_name (MISSING_CELL_CORRUPTION), MISSING_CELL_SEVERITY,
                               wnid_of (plan, plan->missing_cell_class)),
              g_strdup ("The whole corruption × severity × class folder is absent."));
  add_defect (defects, "missing_cell",
              g_strdup_printf ("Tiny-ImageNet-C/%s/%d/%s",
                               dd_demo_corruption_name (SHORT_CELL_CORRUPTION), SHORT_CELL_SEVERITY, w0),
              g_strdup_printf ("One file fewer than the other cells: val_%u.JPEG is absent.",
                               plan->short_cell_val));
  add_defect (defects, "unknown_class",
              g_strdup ("tiny-imagenet-200/train/" UNKNOWN_WNID),
              g_strdup_printf ("A train folder of %d images whose class is not in wnids.txt.",
                               N_UNKNOWN));
  add_defect (defects, "unnamed_class",
              g_strdup ("tiny-imagenet-200/train/" UNKNOWN_WNID),
              g_strdup ("The class is in neither words.txt nor WordNet."));
  add_defect (defects, "junk_file",
              g_strdup_printf ("tiny-imagenet-200/train/%s/.DS_Store", w0),
              g_strdup ("A macOS Finder file."));
  add_defect (defects, "junk_file",
              g_strdup_printf ("Tiny-ImageNet-C/%s/.DS_Store", dd_demo_corruption_name (0)),
              g_strdup ("A macOS Finder file."));
  add_defect (defects, "junk_file",
              g_strdup ("tiny-imagenet-200/val/images/Thumbs.db"),
              g_strdup ("A Windows thumbnail cache."));
  return defects;
}

GPtrArray *
dd_demo_list_defects (const DdDemoOptions *options)
{
  Plan plan;
  GPtrArray *defects;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (dd_demo_options_validate (options, NULL), NULL);

  if (options->layout != DD_DEMO_LAYOUT_TINY)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) dd_demo_defect_free);
  plan_init (&plan, options);
  defects = plan_defects (&plan);
  plan_clear (&plan);
  return defects;
}

static guint64
plan_count_files (const Plan *plan)
{
  guint64 n = 3;   /* wnids.txt, words.txt, val_annotations.txt */

  n += (guint64) plan->n_classes * (plan->train_per_class + 1);
  n += plan->n_val + plan->n_test;
  n += (guint64) plan->n_val * DD_DEMO_N_CORRUPTIONS * DD_DEMO_N_SEVERITIES;
  if (plan->defects)
    n = n + N_UNKNOWN + 1 + N_JUNK - plan->per_class - 1;
  return n;
}

guint64
dd_demo_count_files (const DdDemoOptions *options)
{
  Plan plan;
  guint64 n;

  g_return_val_if_fail (options != NULL, 0);
  g_return_val_if_fail (dd_demo_options_validate (options, NULL), 0);

  if (options->layout != DD_DEMO_LAYOUT_TINY)
    {
      guint64 drawn, repeated;

      dd_demo_imagenet_count (options, &n, &drawn, &repeated);
      return n;
    }
  plan_init (&plan, options);
  n = plan_count_files (&plan);
  plan_clear (&plan);
  return n;
}

void
dd_demo_count_images (const DdDemoOptions *options,
                      guint64             *drawn,
                      guint64             *repeated)
{
  guint64 files;

  g_return_if_fail (options != NULL && drawn != NULL && repeated != NULL);
  g_return_if_fail (dd_demo_options_validate (options, NULL));

  if (options->layout != DD_DEMO_LAYOUT_TINY)
    {
      dd_demo_imagenet_count (options, &files, drawn, repeated);
      return;
    }
  /* every image is drawn; the text files, the boxes files and the junk are not images */
  files = dd_demo_count_files (options);
  *drawn = files - 3 - options->classes - (options->defects ? 1 + N_JUNK : 0);
  *repeated = 0;
}

/* ---- Generation ----------------------------------------------------------------------- */

typedef struct {
  Plan          plan;
  char         *out_dir;    /* absolute, for messages */
  char         *tmp_dir;    /* where the tree is written */
  DdDemoBox    *val_boxes;
  DdDemoWorkers workers;
} Gen;

typedef enum {
  JOB_VAL,
  JOB_TRAIN,
  JOB_TEST,
} JobKind;

typedef struct {
  JobKind kind;
  guint   first;
  guint   count;
} Job;

void
dd_demo_workers_init (DdDemoWorkers  *workers,
                      guint64         total,
                      DdProgressFunc  progress,
                      gpointer        progress_data)
{
  memset (workers, 0, sizeof *workers);
  g_mutex_init (&workers->lock);
  workers->done = g_async_queue_new ();
  workers->total = total;
  workers->progress = progress;
  workers->progress_data = progress_data;
}

void
dd_demo_workers_clear (DdDemoWorkers *workers)
{
  g_clear_error (&workers->error);
  g_clear_pointer (&workers->done, g_async_queue_unref);
  g_mutex_clear (&workers->lock);
}

void
dd_demo_workers_fail (DdDemoWorkers *workers,
                      GError        *error)
{
  g_mutex_lock (&workers->lock);
  if (workers->error == NULL)
    workers->error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&workers->lock);
  g_atomic_int_set (&workers->stop, 1);
}

gboolean
dd_demo_workers_run (DdDemoWorkers  *workers,
                     GFunc           func,
                     gpointer        data,
                     GPtrArray      *jobs,
                     GCancellable   *cancellable,
                     GError        **error)
{
  GThreadPool *pool;

  /* Load the pixbuf savers once here, not racing in the workers. */
  g_slist_free (gdk_pixbuf_get_formats ());
  if (!(pool = g_thread_pool_new (func, data, N_WORKERS, FALSE, error)))
    return FALSE;
  for (guint i = 0; i < jobs->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (jobs, i), NULL);
  for (guint finished = 0; finished < jobs->len;)
    {
      if (g_async_queue_timeout_pop (workers->done, 100 * 1000) != NULL)
        finished++;
      if (g_cancellable_is_cancelled (cancellable))
        g_atomic_int_set (&workers->stop, 1);
      if (workers->progress && !g_atomic_int_get (&workers->stop))
        {
          guint done = g_atomic_int_get (&workers->files_done);
          g_autofree char *text = g_strdup_printf (_("Writing images: %u of %" PRIu64),
                                                   done, workers->total);

          workers->progress ((double) done / workers->total * 0.99, text,
                             workers->progress_data);
        }
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  return TRUE;
}

gboolean
dd_demo_write_fd (int           fd,
                  const guint8 *data,
                  gsize         len)
{
  int saved;

  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved = n < 0 ? errno : ENOSPC;
          close (fd);
          errno = saved;
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return close (fd) == 0;
}

static gboolean
write_file (Gen          *gen,
            const char   *rel,
            const guint8 *data,
            gsize         len)
{
  g_autofree char *path = g_build_filename (gen->tmp_dir, rel, NULL);
  int fd, saved;

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 || !dd_demo_write_fd (fd, data, len))
    goto fail;
  g_atomic_int_inc (&gen->workers.files_done);
  return TRUE;

fail:
  saved = errno;
  {
    g_autofree char *shown = g_build_filename (gen->out_dir, rel, NULL);
    dd_demo_workers_fail (&gen->workers,
                          g_error_new (DD_DEMO_ERROR, DD_DEMO_ERROR_IO,
                                       _("Could not write “%s”: %s"), shown, g_strerror (saved)));
  }
  return FALSE;
}

GBytes *
dd_demo_encode (const DdImage *image,
                const char    *format,
                int            quality,
                gboolean       grayscale,
                GError       **error)
{
  g_autofree guint8 *rgb = g_new (guint8, (gsize) image->width * image->height * 3);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *q = g_strdup_printf ("%d", quality);
  gchar *buffer = NULL;
  gsize size = 0;
  gboolean ok;

  dd_image_to_rgb8 (image, rgb);
  if (grayscale)
    for (gsize i = 0; i < (gsize) image->width * image->height * 3; i += 3)
      rgb[i] = rgb[i + 1] = rgb[i + 2] =
        (guint8) ((299 * rgb[i] + 587 * rgb[i + 1] + 114 * rgb[i + 2] + 500) / 1000);
  pixbuf = gdk_pixbuf_new_from_data (rgb, GDK_COLORSPACE_RGB, FALSE, 8, image->width,
                                     image->height, image->width * 3, NULL, NULL);
  if (g_str_equal (format, "jpeg"))
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", q, NULL);
  else
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, error, NULL);
  if (!ok)
    return NULL;
  return g_bytes_new_take (buffer, size);
}

static gboolean
encode_and_write (Gen           *gen,
                  const char    *rel,
                  const DdImage *image,
                  const char    *format,
                  int            quality,
                  gboolean       grayscale,
                  gsize          keep)   /* 0: all bytes, else only the first @keep */
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = dd_demo_encode (image, format, quality, grayscale, &error);
  gsize len;
  const guint8 *data;

  if (bytes == NULL)
    {
      dd_demo_workers_fail (&gen->workers,
                            g_error_new (DD_DEMO_ERROR, DD_DEMO_ERROR_IO,
                                         _("Could not encode “%s”: %s"), rel, error->message));
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  return write_file (gen, rel, data, keep ? MIN (keep, len) : len);
}

static void
run_val (Gen  *gen,
         guint j)
{
  const Plan *plan = &gen->plan;
  guint k = plan->val_class[j];
  const char *wnid = wnid_of (plan, k);
  guint64 seed = dd_demo_seed (plan->seed, TAG_VAL, 0, j);
  g_autoptr(DdImage) clean = dd_image_new (IMAGE_SIZE, IMAGE_SIZE);
  g_autofree char *rel = g_strdup_printf ("tiny-imagenet-200/val/images/val_%u.JPEG", j);

  dd_demo_draw (clean, k, seed, &gen->val_boxes[j]);
  if (!encode_and_write (gen, rel, clean, "jpeg", CLEAN_QUALITY, FALSE, 0))
    return;

  for (guint c = 0; c < DD_DEMO_N_CORRUPTIONS; c++)
    for (guint s = 1; s <= DD_DEMO_N_SEVERITIES; s++)
      {
        g_autoptr(DdImage) corrupted = NULL;
        g_autofree char *crel = NULL;
        int quality;

        if (g_atomic_int_get (&gen->workers.stop))
          return;
        if (plan->defects && c == MISSING_CELL_CORRUPTION && s == MISSING_CELL_SEVERITY &&
            k == plan->missing_cell_class)
          continue;
        if (plan->defects && c == SHORT_CELL_CORRUPTION && s == SHORT_CELL_SEVERITY &&
            j == plan->short_cell_val)
          continue;
        corrupted = dd_demo_corrupt (clean, c, s, seed, &quality);
        crel = g_strdup_printf ("Tiny-ImageNet-C/%s/%u/%s/val_%u.JPEG",
                                dd_demo_corruption_name (c), s, wnid, j);
        if (!encode_and_write (gen, crel, corrupted, "jpeg", quality, FALSE, 0))
          return;
      }
}

/* Class position @k, or n_classes for the unknown class. */
static void
run_train (Gen  *gen,
           guint k)
{
  const Plan *plan = &gen->plan;
  gboolean unknown = k >= plan->n_classes;
  const char *wnid = wnid_of (plan, k);
  guint n = unknown ? N_UNKNOWN : plan->train_per_class;
  g_autoptr(GString) boxes = g_string_new (NULL);
  g_autoptr(DdImage) image = dd_image_new (IMAGE_SIZE, IMAGE_SIZE);
  g_autofree char *boxes_rel = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%u.JPEG", wnid, i);
      g_autofree char *rel = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s", wnid, name);
      gboolean defects = plan->defects && !unknown;
      guint draw_k = k, draw_i = i;
      gsize keep = 0;
      DdDemoBox box;

      if (g_atomic_int_get (&gen->workers.stop))
        return;
      if (defects && k == plan->dup_dst_class && i == plan->dup_dst_index)
        {
          draw_k = plan->dup_src_class;
          draw_i = plan->dup_src_index;
        }
      dd_demo_draw (image, draw_k, dd_demo_seed (plan->seed, TAG_TRAIN, draw_k, draw_i), &box);
      g_string_append_printf (boxes, "%s\t%d\t%d\t%d\t%d\n", name, box.x0, box.y0, box.x1, box.y1);

      if (defects && k == plan->empty_class && i == plan->empty_index)
        {
          if (!write_file (gen, rel, (const guint8 *) "", 0))
            return;
          continue;
        }
      if (defects && k == plan->truncated_class && i == plan->truncated_index)
        {
          g_autoptr(GBytes) bytes = dd_demo_encode (image, "jpeg", CLEAN_QUALITY, FALSE, NULL);
          keep = bytes ? g_bytes_get_size (bytes) / 2 : 0;
        }
      if (!encode_and_write (gen, rel, image, "jpeg", CLEAN_QUALITY, FALSE, keep))
        return;
    }

  boxes_rel = g_strdup_printf ("tiny-imagenet-200/train/%s/%s_boxes.txt", wnid, wnid);
  write_file (gen, boxes_rel, (const guint8 *) boxes->str, boxes->len);
}

static void
run_test (Gen  *gen,
          guint first,
          guint count)
{
  const Plan *plan = &gen->plan;

  for (guint j = first; j < first + count; j++)
    {
      gboolean big = plan->defects && j == plan->size_test;
      g_autoptr(DdImage) image = dd_image_new (big ? 80 : IMAGE_SIZE, big ? 80 : IMAGE_SIZE);
      g_autofree char *rel = g_strdup_printf ("tiny-imagenet-200/test/images/test_%u.JPEG", j);
      gboolean png = plan->defects && j == plan->png_test;
      gboolean gray = plan->defects && j == plan->gray_test;
      DdDemoBox box;

      if (g_atomic_int_get (&gen->workers.stop))
        return;
      dd_demo_draw (image, plan->test_class[j],
                    dd_demo_seed (plan->seed, TAG_TEST, 0, j), &box);
      if (!encode_and_write (gen, rel, image, png ? "png" : "jpeg", CLEAN_QUALITY, gray, 0))
        return;
    }
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Job *job = data;
  Gen *gen = user_data;

  if (!g_atomic_int_get (&gen->workers.stop))
    switch (job->kind)
      {
      case JOB_VAL:
        for (guint j = job->first; j < job->first + job->count; j++)
          run_val (gen, j);
        break;
      case JOB_TRAIN:
        run_train (gen, job->first);
        break;
      case JOB_TEST:
      default:
        run_test (gen, job->first, job->count);
        break;
      }
  g_async_queue_push (gen->workers.done, job);
}

static gboolean
make_dir (Gen        *gen,
          const char *rel,
          GError    **error)
{
  g_autofree char *path = g_build_filename (gen->tmp_dir, rel, NULL);

  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *shown = g_build_filename (gen->out_dir, rel, NULL);
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), shown, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_dirs (Gen     *gen,
           GError **error)
{
  const Plan *plan = &gen->plan;

  if (!make_dir (gen, "tiny-imagenet-200/val/images", error) ||
      !make_dir (gen, "tiny-imagenet-200/test/images", error))
    return FALSE;
  for (guint k = 0; k <= plan->n_classes; k++)
    {
      g_autofree char *rel = NULL;

      if (k == plan->n_classes && !plan->defects)
        break;
      rel = g_strdup_printf ("tiny-imagenet-200/train/%s/images", wnid_of (plan, k));
      if (!make_dir (gen, rel, error))
        return FALSE;
    }
  for (guint c = 0; c < DD_DEMO_N_CORRUPTIONS; c++)
    for (guint s = 1; s <= DD_DEMO_N_SEVERITIES; s++)
      for (guint k = 0; k < plan->n_classes; k++)
        {
          g_autofree char *rel = NULL;

          if (plan->defects && c == MISSING_CELL_CORRUPTION && s == MISSING_CELL_SEVERITY &&
              k == plan->missing_cell_class)
            continue;
          rel = g_strdup_printf ("Tiny-ImageNet-C/%s/%u/%s", dd_demo_corruption_name (c), s,
                                 wnid_of (plan, k));
          if (!make_dir (gen, rel, error))
            return FALSE;
        }
  return TRUE;
}

/* wnids.txt (official order), words.txt, val_annotations.txt and the junk files. */
static void
write_text_files (Gen *gen)
{
  const Plan *plan = &gen->plan;
  g_autoptr(GString) wnids = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GString) annotations = g_string_new (NULL);
  gboolean chosen[DD_TINY_IMAGENET_N_CLASSES] = { FALSE, };

  for (guint k = 0; k < plan->n_classes; k++)
    chosen[plan->classes[k]] = TRUE;
  for (guint p = 0; p < DD_TINY_IMAGENET_N_CLASSES; p++)
    {
      guint index = dd_tiny_imagenet_official_index (p);
      if (chosen[index])
        g_string_append_printf (wnids, "%s\n", dd_tiny_imagenet_wnid (index));
    }
  for (guint k = 0; k < plan->n_classes; k++)
    g_string_append_printf (words, "%s\t%s\n", dd_tiny_imagenet_wnid (plan->classes[k]),
                            dd_tiny_imagenet_names (plan->classes[k]));

  for (guint j = 0; j < plan->n_val; j++)
    {
      const DdDemoBox *box = &gen->val_boxes[j];

      if (is_missing_label (plan, j))
        continue;
      g_string_append_printf (annotations, "val_%u.JPEG\t%s\t%d\t%d\t%d\t%d\n", j,
                              wnid_of (plan, plan->val_class[j]),
                              box->x0, box->y0, box->x1, box->y1);
    }
  if (plan->defects)
    for (guint i = 0; i < N_ORPHANS; i++)
      g_string_append_printf (annotations, "val_%u.JPEG\t%s\t%d\t%d\t%d\t%d\n", plan->n_val + i,
                              wnid_of (plan, i % plan->n_classes), 8 + i, 10, 50, 52 - i);

  if (!write_file (gen, "tiny-imagenet-200/wnids.txt", (guint8 *) wnids->str, wnids->len) ||
      !write_file (gen, "tiny-imagenet-200/words.txt", (guint8 *) words->str, words->len) ||
      !write_file (gen, "tiny-imagenet-200/val/val_annotations.txt",
                   (guint8 *) annotations->str, annotations->len))
    return;

  if (plan->defects)
    {
      static const guint8 ds_store[] = { 0, 0, 0, 1, 'B', 'u', 'd', '1', 0, 0, 0x10, 0,
                                         0, 0, 0x08, 0, 0, 0, 0x10, 0 };
      static const guint8 thumbs[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1,
                                       0, 0, 0, 0, 0, 0, 0, 0 };
      g_autofree char *ds1 = g_strdup_printf ("tiny-imagenet-200/train/%s/.DS_Store",
                                              wnid_of (plan, 0));
      g_autofree char *ds2 = g_strdup_printf ("Tiny-ImageNet-C/%s/.DS_Store",
                                              dd_demo_corruption_name (0));

      if (!write_file (gen, ds1, ds_store, sizeof ds_store) ||
          !write_file (gen, ds2, ds_store, sizeof ds_store))
        return;
      write_file (gen, "tiny-imagenet-200/val/images/Thumbs.db", thumbs, sizeof thumbs);
    }
}

/* Best effort: removes the temporary tree after a failure or a cancellation. */
/* OUT_DIR must be absent, or an empty folder. */
static gboolean
check_out_dir (const char  *out_dir,
               GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_test (out_dir, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (out_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                   _("“%s” exists and is not a folder."), out_dir);
      return FALSE;
    }
  if (!(dir = g_dir_open (out_dir, 0, &local)))
    {
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_IO,
                   _("Could not read the folder “%s”: %s"), out_dir, local->message);
      return FALSE;
    }
  if (g_dir_read_name (dir) != NULL)
    {
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                   _("“%s” exists and is not empty."), out_dir);
      return FALSE;
    }
  return TRUE;
}

/* Every image job: val images with their variants, train classes, test batches. */
static GPtrArray *
make_jobs (Gen *gen)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func (g_free);

  for (guint j = 0; j < gen->plan.n_val; j++)
    {
      Job *job = g_new0 (Job, 1);
      job->kind = JOB_VAL;
      job->first = j;
      job->count = 1;
      g_ptr_array_add (jobs, job);
    }
  for (guint k = 0; k <= gen->plan.n_classes; k++)
    {
      Job *job;

      if (k == gen->plan.n_classes && !gen->plan.defects)
        break;
      job = g_new0 (Job, 1);
      job->kind = JOB_TRAIN;
      job->first = k;
      g_ptr_array_add (jobs, job);
    }
  for (guint j = 0; j < gen->plan.n_test; j += 64)
    {
      Job *job = g_new0 (Job, 1);
      job->kind = JOB_TEST;
      job->first = j;
      job->count = MIN (64, gen->plan.n_test - j);
      g_ptr_array_add (jobs, job);
    }
  return jobs;
}

/* The Tiny tree into the existing, empty @tmp_dir (@abs_dir names it in messages). */
static gboolean
write_tiny (const char          *tmp_dir,
            const char          *abs_dir,
            const DdDemoOptions *options,
            DdProgressFunc       progress,
            gpointer             progress_data,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(GPtrArray) jobs = NULL;
  GError *local = NULL;
  Gen gen;
  guint64 total;

  memset (&gen, 0, sizeof gen);
  plan_init (&gen.plan, options);
  total = plan_count_files (&gen.plan);
  gen.out_dir = (char *) abs_dir;
  gen.tmp_dir = (char *) tmp_dir;
  dd_demo_workers_init (&gen.workers, total, progress, progress_data);
  gen.val_boxes = g_new0 (DdDemoBox, gen.plan.n_val);

  if (progress)
    progress (0.0, _("Creating folders"), progress_data);
  if (!make_dirs (&gen, &local))
    goto out;

  jobs = make_jobs (&gen);
  if (!dd_demo_workers_run (&gen.workers, worker, &gen, jobs, cancellable, &local))
    goto out;

  if (gen.workers.error != NULL)
    {
      local = g_steal_pointer (&gen.workers.error);
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &local))
    goto out;

  write_text_files (&gen);
  if (gen.workers.error != NULL)
    local = g_steal_pointer (&gen.workers.error);

out:
  dd_demo_workers_clear (&gen.workers);
  g_free (gen.val_boxes);
  plan_clear (&gen.plan);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_demo_generate (const char          *out_dir,
                  const DdDemoOptions *options,
                  DdProgressFunc       progress,
                  gpointer             progress_data,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autofree char *abs_dir = NULL;
  g_autofree char *template = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  int lock_fd = -1;
  GError *local = NULL;
  gboolean written, ok = FALSE;

  g_return_val_if_fail (out_dir != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!dd_demo_options_validate (options, error))
    return FALSE;

  abs_dir = g_canonicalize_filename (out_dir, NULL);
  if (!check_out_dir (abs_dir, error))
    return FALSE;

  /* Generate beside OUT_DIR, rename at the end: never a half-written tree. The parent
   * is created like mkdir -p (the app's cache folder may not exist yet). */
  parent = g_path_get_dirname (abs_dir);
  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved = errno;
      g_set_error (&local, DD_DEMO_ERROR, DD_DEMO_ERROR_IO,
                   _("Could not create “%s”: %s"), abs_dir, g_strerror (saved));
      goto out;
    }
  /* OUT.tmp-PID-XXXXXX, locked while written: a killed run's leftover is removed here */
  base = g_path_get_basename (abs_dir);
  dd_tmpdir_sweep (parent, base, FALSE);
  if (!(template = dd_tmpdir_create (abs_dir, FALSE, &lock_fd, &local)))
    goto out;
  chmod (template, 0777 & ~dd_tmpdir_umask ());

  if (options->layout == DD_DEMO_LAYOUT_TINY)
    written = write_tiny (template, abs_dir, options, progress, progress_data, cancellable,
                          &local);
  else
    written = dd_demo_imagenet_write (template, abs_dir, options, progress, progress_data,
                                      cancellable, &local);
  if (!written)
    goto out;

  /* rename() replaces an empty OUT_DIR atomically. */
  if (g_rename (template, abs_dir) != 0)
    {
      int saved = errno;
      g_set_error (&local, DD_DEMO_ERROR, DD_DEMO_ERROR_IO,
                   _("Could not move the demo into “%s”: %s"), abs_dir, g_strerror (saved));
      goto out;
    }
  g_clear_pointer (&template, g_free);
  if (progress)
    progress (1.0, _("Done"), progress_data);
  ok = TRUE;

out:
  if (template != NULL)
    dd_tmpdir_remove (template);
  if (lock_fd >= 0)
    close (lock_fd);
  if (local != NULL)
    g_propagate_error (error, local);
  return ok;
}
