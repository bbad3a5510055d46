/* The ImageNet-C and ImageNet (ILSVRC train/val) shaped demo trees, at full scale in
 * minutes: a few images are drawn per class (and per corruption cell), the other files of
 * that class and cell are hard links to them. */
#define G_LOG_DOMAIN "datadive-demo"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-demo-private.h"
#include "dd-imagenet-classes.h"

#define IMAGE_SIZE     64
#define CLEAN_QUALITY  90
#define DEFAULT_DRAWN  2
#define DEFAULT_TRAIN  1281     /* ILSVRC-2012 has 1,281,167 train images, 732–1,300 a class */
#define MAX_PER_CLASS  10000
#define MAX_TRAIN      100000
#define MAX_DRAWN      1000
#define NAME_SIZE      64

/* Tags of the seeds: the same val number draws the same clean image in both shapes, so an
 * ImageNet-C tree and an ImageNet tree made with one seed and class count agree. */
enum {
  TAG_VAL = 11,
  TAG_TRAIN,
  TAG_SHUFFLE,
};

/* Everything about the tree that follows from the options alone. */
typedef struct {
  DdDemoLayout layout;
  guint        n_classes;
  guint        per_class;
  guint        train_per_class;
  guint        drawn;
  guint        n_val;
  guint64      seed;
  guint       *val_class;   /* val number - 1 → class position */
  guint       *vals;        /* class k's val numbers, ascending: vals[k × per_class + i] */
} Plan;

typedef struct {
  Plan         plan;
  const char  *out_dir;     /* for messages */
  int          root_fd;     /* the temporary tree */
  DdDemoBox   *val_boxes;   /* by val number - 1 (ImageNet layout) */
  DdDemoWorkers workers;
} Gen;

static guint
train_of (const DdDemoOptions *options)
{
  return options->train_per_class ? options->train_per_class : DEFAULT_TRAIN;
}

static guint
drawn_of (const DdDemoOptions *options)
{
  return options->drawn ? options->drawn : DEFAULT_DRAWN;
}

gboolean
dd_demo_imagenet_validate (const DdDemoOptions *options,
                           GError             **error)
{
  if (options->classes < 1 || options->classes > DD_IMAGENET_N_CLASSES)
    {
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                   _("The number of classes must be between %u and %u."),
                   1, DD_IMAGENET_N_CLASSES);
      return FALSE;
    }
  if (options->test_per_class != 0)
    {
      g_set_error_literal (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                           _("Only the Tiny-ImageNet layout has a test split "
                             "(--test-per-class)."));
      return FALSE;
    }
  if (options->layout == DD_DEMO_LAYOUT_IMAGENET_C && options->train_per_class != 0)
    {
      g_set_error_literal (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                           _("The ImageNet-C layout has no train split (--train-per-class)."));
      return FALSE;
    }
  if (options->per_class < 1 || options->per_class > MAX_PER_CLASS ||
      train_of (options) > MAX_TRAIN)
    {
      g_set_error_literal (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                           _("Each split needs 1 to 10000 images per class (100000 for train)."));
      return FALSE;
    }
  if (drawn_of (options) > MAX_DRAWN)
    {
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                   _("Between 1 and %u images can be drawn per class (--drawn)."), MAX_DRAWN);
      return FALSE;
    }
  return TRUE;
}

void
dd_demo_imagenet_count (const DdDemoOptions *options,
                        guint64             *files,
                        guint64             *drawn,
                        guint64             *repeated)
{
  guint64 classes = options->classes, per = options->per_class, train = train_of (options);
  guint d = drawn_of (options);
  guint64 images, distinct;

  if (options->layout == DD_DEMO_LAYOUT_IMAGENET_C)
    {
      guint64 cells = (guint64) DD_DEMO_N_CORRUPTIONS * DD_DEMO_N_SEVERITIES;

      images = classes * per * cells;
      distinct = classes * MIN (d, per) * cells;
      *files = images;
    }
  else
    {
      images = classes * (train + per);
      distinct = classes * (MIN (d, train) + MIN (d, per));
      *files = images + 2;   /* LOC_synset_mapping.txt, LOC_val_solution.csv */
    }
  *drawn = distinct;
  *repeated = images - distinct;
}

/* ---- The plan --------------------------------------------------------------------------- */

static void
plan_init (Plan                *plan,
           const DdDemoOptions *options)
{
  guint n, *fill;
  DdRng rng;

  memset (plan, 0, sizeof *plan);
  plan->layout = options->layout;
  plan->n_classes = options->classes;
  plan->per_class = options->per_class;
  plan->train_per_class = train_of (options);
  plan->drawn = drawn_of (options);
  plan->seed = options->seed;
  plan->n_val = n = plan->n_classes * plan->per_class;

  /* A seeded Fisher-Yates shuffle gives per_class val numbers to each class, as
   * ILSVRC's val images come in no class order. */
  plan->val_class = g_new (guint, n);
  dd_rng_init (&rng, dd_demo_seed (plan->seed, TAG_SHUFFLE, 0, 0));
  for (guint i = 0; i < n; i++)
    plan->val_class[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = dd_rng_below (&rng, i + 1), t = plan->val_class[i];
      plan->val_class[i] = plan->val_class[j];
      plan->val_class[j] = t;
    }
  for (guint i = 0; i < n; i++)
    plan->val_class[i] /= plan->per_class;

  plan->vals = g_new (guint, n);
  fill = g_new0 (guint, plan->n_classes);
  for (guint j = 0; j < n; j++)
    {
      guint k = plan->val_class[j];
      plan->vals[(gsize) k * plan->per_class + fill[k]++] = j + 1;
    }
  g_free (fill);
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->val_class, g_free);
  g_clear_pointer (&plan->vals, g_free);
}

/* Every (1000 / classes)-th ILSVRC class in wnid order: far apart in WordNet. */
static const char *
class_wnid (const Plan *plan,
            guint       k)
{
  return dd_imagenet_wnid (k * (DD_IMAGENET_N_CLASSES / plan->n_classes));
}

static void
val_name (char  *name,
          guint  number)
{
  g_snprintf (name, NAME_SIZE, "ILSVRC2012_val_%08u.JPEG", number);
}

/* ---- Files ------------------------------------------------------------------------------ */

static void
gen_fail_errno (Gen        *gen,
                const char *message,   /* with “%s” for the path and %s for the reason */
                const char *dir_rel,
                const char *name,
                int         saved)
{
  g_autofree char *shown = g_build_filename (gen->out_dir, dir_rel, name, NULL);

  dd_demo_workers_fail (&gen->workers,
                        g_error_new (DD_DEMO_ERROR, DD_DEMO_ERROR_IO, message, shown,
                                     g_strerror (saved)));
}

/* Writes @bytes as @name in the folder @dir_fd (@dir_rel under the tree, for messages). */
static gboolean
write_at (Gen        *gen,
          int         dir_fd,
          const char *dir_rel,
          const char *name,
          GBytes     *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int fd;

  fd = openat (dir_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 || !dd_demo_write_fd (fd, data, len))
    goto fail;
  g_atomic_int_inc (&gen->workers.files_done);
  return TRUE;

fail:
  gen_fail_errno (gen, _("Could not write “%s”: %s"), dir_rel, name, errno);
  return FALSE;
}

/* @name as a hard link to @from in the same folder; a copy of @bytes (@from's content)
 * where the file system has no hard links or @from has as many as it allows. */
static gboolean
link_at (Gen        *gen,
         int         dir_fd,
         const char *dir_rel,
         const char *from,
         const char *name,
         GBytes     *bytes)
{
  if (linkat (dir_fd, from, dir_fd, name, 0) == 0)
    {
      g_atomic_int_inc (&gen->workers.files_done);
      return TRUE;
    }
  if (errno == EMLINK || errno == EXDEV || errno == EPERM || errno == ENOTSUP ||
      errno == EOPNOTSUPP || errno == ENOSYS)
    return write_at (gen, dir_fd, dir_rel, name, bytes);
  gen_fail_errno (gen, _("Could not write “%s”: %s"), dir_rel, name, errno);
  return FALSE;
}

/* Creates @rel under the tree (when @create) and opens it; -1 after a failure. */
static int
open_dir (Gen        *gen,
          const char *rel,
          gboolean    create)
{
  int fd;

  if (create && mkdirat (gen->root_fd, rel, 0755) != 0 && errno != EEXIST)
    {
      gen_fail_errno (gen, _("Could not create the folder “%s”: %s"), rel, NULL, errno);
      return -1;
    }
  fd = openat (gen->root_fd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    gen_fail_errno (gen, _("Could not create the folder “%s”: %s"), rel, NULL, errno);
  return fd;
}

static GBytes *
encode (Gen           *gen,
        const DdImage *image,
        int            quality,
        const char    *rel)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = dd_demo_encode (image, "jpeg", quality, FALSE, &error);

  if (bytes == NULL)
    dd_demo_workers_fail (&gen->workers,
                          g_error_new (DD_DEMO_ERROR, DD_DEMO_ERROR_IO,
                                       _("Could not encode “%s”: %s"), rel, error->message));
  return bytes;
}

/* Draws @count images (or, with @corruption ≥ 0, their corrupted version) as the first
 * @drawn of @names in @dir_fd, then links each other name to a drawn one in turn. */
typedef struct {
  int          dir_fd;
  const char  *dir_rel;
  char       (*names)[NAME_SIZE];
  guint        count;
  guint        drawn;
} Folder;

static gboolean
fill_folder (Gen              *gen,
             const Folder     *folder,
             GPtrArray        *images,      /* DdImage, folder->drawn of them */
             int               corruption,  /* -1: the images as they are */
             guint             severity,
             const guint64    *seeds)
{
  g_autoptr(GPtrArray) bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint r = 0; r < folder->drawn; r++)
    {
      g_autoptr(DdImage) corrupted = NULL;
      const DdImage *image = g_ptr_array_index (images, r);
      int quality = CLEAN_QUALITY;
      GBytes *encoded;

      if (g_atomic_int_get (&gen->workers.stop))
        return FALSE;
      if (corruption >= 0)
        image = corrupted = dd_demo_corrupt (image, corruption, severity, seeds[r], &quality);
      if (!(encoded = encode (gen, image, quality, folder->dir_rel)))
        return FALSE;
      g_ptr_array_add (bytes, encoded);
      if (!write_at (gen, folder->dir_fd, folder->dir_rel, folder->names[r], encoded))
        return FALSE;
    }
  for (guint i = folder->drawn; i < folder->count; i++)
    {
      guint r = i % folder->drawn;

      if (g_atomic_int_get (&gen->workers.stop))
        return FALSE;
      if (!link_at (gen, folder->dir_fd, folder->dir_rel, folder->names[r], folder->names[i],
                    g_ptr_array_index (bytes, r)))
        return FALSE;
    }
  return TRUE;
}

/* Class position @k of ImageNet-C: its per_class val images in each of the 75 cells. */
static void
run_imagenet_c (Gen  *gen,
                guint k)
{
  const Plan *plan = &gen->plan;
  const guint *vals = plan->vals + (gsize) k * plan->per_class;
  guint drawn = MIN (plan->drawn, plan->per_class);
  g_autoptr(GPtrArray) cleans = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_image_free);
  g_autofree char (*names)[NAME_SIZE] = g_malloc ((gsize) NAME_SIZE * plan->per_class);
  g_autofree guint64 *seeds = g_new (guint64, drawn);

  for (guint i = 0; i < plan->per_class; i++)
    val_name (names[i], vals[i]);
  for (guint r = 0; r < drawn; r++)
    {
      DdImage *clean = dd_image_new (IMAGE_SIZE, IMAGE_SIZE);
      DdDemoBox box;

      seeds[r] = dd_demo_seed (plan->seed, TAG_VAL, 0, vals[r]);
      dd_demo_draw (clean, k, seeds[r], &box);
      g_ptr_array_add (cleans, clean);
    }
  for (guint c = 0; c < DD_DEMO_N_CORRUPTIONS; c++)
    for (guint s = 1; s <= DD_DEMO_N_SEVERITIES; s++)
      {
        g_autofree char *rel = g_strdup_printf ("%s/%u/%s", dd_demo_corruption_name (c), s,
                                                class_wnid (plan, k));
        Folder folder = { -1, rel, names, plan->per_class, drawn };
        gboolean ok;

        if ((folder.dir_fd = open_dir (gen, rel, TRUE)) < 0)
          return;
        ok = fill_folder (gen, &folder, cleans, c, s, seeds);
        close (folder.dir_fd);
        if (!ok)
          return;
      }
}

/* Class position @k of ImageNet: train/<wnid>/ and its val images in val/. */
static void
run_imagenet (Gen  *gen,
              guint k)
{
  const Plan *plan = &gen->plan;
  const char *wnid = class_wnid (plan, k);
  const guint *vals = plan->vals + (gsize) k * plan->per_class;
  guint n = MAX (plan->train_per_class, plan->per_class);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_image_free);
  g_autofree char (*names)[NAME_SIZE] = g_malloc ((gsize) NAME_SIZE * n);
  g_autofree char *train_rel = g_strdup_printf ("train/%s", wnid);
  Folder train = { -1, train_rel, names, plan->train_per_class,
                   MIN (plan->drawn, plan->train_per_class) };
  Folder val = { -1, "val", names, plan->per_class, MIN (plan->drawn, plan->per_class) };
  gboolean ok;

  for (guint i = 0; i < train.count; i++)
    g_snprintf (names[i], NAME_SIZE, "%s_%u.JPEG", wnid, i + 1);
  for (guint r = 0; r < train.drawn; r++)
    {
      DdImage *image = dd_image_new (IMAGE_SIZE, IMAGE_SIZE);
      DdDemoBox box;

      dd_demo_draw (image, k, dd_demo_seed (plan->seed, TAG_TRAIN, k, r), &box);
      g_ptr_array_add (images, image);
    }
  if ((train.dir_fd = open_dir (gen, train_rel, TRUE)) < 0)
    return;
  ok = fill_folder (gen, &train, images, -1, 0, NULL);
  close (train.dir_fd);
  if (!ok)
    return;

  g_ptr_array_set_size (images, 0);
  for (guint i = 0; i < val.count; i++)
    val_name (names[i], vals[i]);
  for (guint r = 0; r < val.drawn; r++)
    {
      DdImage *image = dd_image_new (IMAGE_SIZE, IMAGE_SIZE);

      dd_demo_draw (image, k, dd_demo_seed (plan->seed, TAG_VAL, 0, vals[r]),
                    &gen->val_boxes[vals[r] - 1]);
      g_ptr_array_add (images, image);
    }
  for (guint i = val.drawn; i < val.count; i++)
    gen->val_boxes[vals[i] - 1] = gen->val_boxes[vals[i % val.drawn] - 1];
  if ((val.dir_fd = open_dir (gen, "val", FALSE)) < 0)
    return;
  fill_folder (gen, &val, images, -1, 0, NULL);
  close (val.dir_fd);
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Gen *gen = user_data;
  guint k = GPOINTER_TO_UINT (data) - 1;

  if (!g_atomic_int_get (&gen->workers.stop))
    {
      if (gen->plan.layout == DD_DEMO_LAYOUT_IMAGENET_C)
        run_imagenet_c (gen, k);
      else
        run_imagenet (gen, k);
    }
  g_async_queue_push (gen->workers.done, data);
}

/* The folders every class job writes into. */
static gboolean
make_dirs (Gen *gen)
{
  int fd;

  if (gen->plan.layout == DD_DEMO_LAYOUT_IMAGENET)
    {
      const char *dirs[] = { "train", "val" };

      for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
        {
          if ((fd = open_dir (gen, dirs[i], TRUE)) < 0)
            return FALSE;
          close (fd);
        }
      return TRUE;
    }
  for (guint c = 0; c < DD_DEMO_N_CORRUPTIONS; c++)
    for (guint s = 0; s <= DD_DEMO_N_SEVERITIES; s++)
      {
        g_autofree char *rel = s ? g_strdup_printf ("%s/%u", dd_demo_corruption_name (c), s)
                                 : g_strdup (dd_demo_corruption_name (c));

        if ((fd = open_dir (gen, rel, TRUE)) < 0)
          return FALSE;
        close (fd);
      }
  return TRUE;
}

/* LOC_synset_mapping.txt (the classes in wnid order) and LOC_val_solution.csv (each val
 * image's class and box, as ILSVRC's "ImageId,PredictionString"). */
static void
write_text_files (Gen *gen)
{
  const Plan *plan = &gen->plan;
  g_autoptr(GString) synsets = g_string_new (NULL);
  g_autoptr(GString) solution = g_string_new ("ImageId,PredictionString\n");
  g_autoptr(GBytes) synsets_bytes = NULL;
  g_autoptr(GBytes) solution_bytes = NULL;

  for (guint k = 0; k < plan->n_classes; k++)
    g_string_append_printf (synsets, "%s %s\n", class_wnid (plan, k),
                            dd_imagenet_names (k * (DD_IMAGENET_N_CLASSES / plan->n_classes)));
  for (guint j = 0; j < plan->n_val; j++)
    {
      const DdDemoBox *box = &gen->val_boxes[j];

      g_string_append_printf (solution, "ILSVRC2012_val_%08u,%s %d %d %d %d\n", j + 1,
                              class_wnid (plan, plan->val_class[j]),
                              box->x0, box->y0, box->x1, box->y1);
    }
  synsets_bytes = g_string_free_to_bytes (g_steal_pointer (&synsets));
  solution_bytes = g_string_free_to_bytes (g_steal_pointer (&solution));
  if (write_at (gen, gen->root_fd, "", "LOC_synset_mapping.txt", synsets_bytes))
    write_at (gen, gen->root_fd, "", "LOC_val_solution.csv", solution_bytes);
}

gboolean
dd_demo_imagenet_write (const char          *tmp_dir,
                        const char          *out_dir,
                        const DdDemoOptions *options,
                        DdProgressFunc       progress,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
  guint64 total, drawn, repeated;
  Gen gen;
  gboolean ok = FALSE;

  memset (&gen, 0, sizeof gen);
  gen.root_fd = -1;
  plan_init (&gen.plan, options);
  dd_demo_imagenet_count (options, &total, &drawn, &repeated);
  gen.out_dir = out_dir;
  dd_demo_workers_init (&gen.workers, total, progress, progress_data);
  if (gen.plan.layout == DD_DEMO_LAYOUT_IMAGENET)
    gen.val_boxes = g_new0 (DdDemoBox, gen.plan.n_val);

  if ((gen.root_fd = open (tmp_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
    {
      gen_fail_errno (&gen, _("Could not create the folder “%s”: %s"), "", NULL, errno);
      goto out;
    }
  if (progress)
    progress (0.0, _("Creating folders"), progress_data);
  if (!make_dirs (&gen))
    goto out;

  for (guint k = 0; k < gen.plan.n_classes; k++)
    g_ptr_array_add (jobs, GUINT_TO_POINTER (k + 1));
  if (!dd_demo_workers_run (&gen.workers, worker, &gen, jobs, cancellable, error))
    goto out;
  if (gen.workers.error == NULL && !g_cancellable_is_cancelled (cancellable) &&
      gen.plan.layout == DD_DEMO_LAYOUT_IMAGENET)
    write_text_files (&gen);
  ok = gen.workers.error == NULL && !g_cancellable_set_error_if_cancelled (cancellable, error);

out:
  if (gen.workers.error != NULL)
    g_propagate_error (error, g_steal_pointer (&gen.workers.error));
  if (gen.root_fd >= 0)
    close (gen.root_fd);
  dd_demo_workers_clear (&gen.workers);
  g_free (gen.val_boxes);
  plan_clear (&gen.plan);
  return ok;
}
