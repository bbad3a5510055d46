/* Internals of the demo generator: a seeded PRNG, float RGB images, the class motifs and
 * the ImageNet-C corruptions. */
#pragma once

#include <glib.h>

#include "dd-demo.h"
#include "dd-vocabulary.h"

G_BEGIN_DECLS

/* xoshiro256** seeded through splitmix64: never rand(), same stream on every machine. */
typedef struct {
  guint64  s[4];
  double   spare;        /* the second normal of the last polar draw */
  gboolean has_spare;
} DdRng;

guint64 dd_demo_mix        (guint64 a,
                            guint64 b);
/* The seed of image @index of class @k among the images of kind @tag (a generator's
 * own tags: train, val, test, shuffle…), from the generation's @seed. */
guint64 dd_demo_seed       (guint64 seed,
                            guint   tag,
                            guint   k,
                            guint   index);
void    dd_rng_init        (DdRng   *rng,
                            guint64  seed);
guint64 dd_rng_next        (DdRng   *rng);
/* Uniform in [0, 1). */
double  dd_rng_double      (DdRng   *rng);
double  dd_rng_range       (DdRng   *rng,
                            double   lo,
                            double   hi);
/* Uniform in [0, n). */
guint   dd_rng_below       (DdRng   *rng,
                            guint    n);
double  dd_rng_normal      (DdRng   *rng);
/* An approximate standard normal (Irwin–Hall sum of four 16-bit uniforms, within ±3.46):
 * cheap enough for per-pixel noise. */
float   dd_rng_normal_fast (DdRng   *rng);

/* What a generation's worker threads share: the first error (later ones are dropped),
 * the flag that stops them at their next file, the files written so far (of @total,
 * told to @progress), and the queue finished jobs come back through. */
typedef struct {
  GMutex          lock;
  GError         *error;
  gint            stop;
  gint            files_done;
  GAsyncQueue    *done;
  guint64         total;
  DdProgressFunc  progress;
  gpointer        progress_data;
} DdDemoWorkers;

void     dd_demo_workers_init  (DdDemoWorkers  *workers,
                                guint64         total,
                                DdProgressFunc  progress,
                                gpointer        progress_data);
void     dd_demo_workers_clear (DdDemoWorkers  *workers);
/* Keeps @error when it is the first (frees it otherwise) and stops every worker. */
void     dd_demo_workers_fail  (DdDemoWorkers  *workers,
                                GError         *error);
/* Runs @func (job, @data) for each of @jobs on the worker threads (@func pushes its job
 * onto @workers' done queue when through), reporting the files written and passing a
 * cancellation on to the workers, until every job is done. FALSE when the threads
 * cannot start. */
gboolean dd_demo_workers_run   (DdDemoWorkers  *workers,
                                GFunc           func,
                                gpointer        data,
                                GPtrArray      *jobs,
                                GCancellable   *cancellable,
                                GError        **error);

/* An RGB image of floats in [0, 1], rows top to bottom, 3 floats a pixel. */
typedef struct {
  int    width;
  int    height;
  float *data;
} DdImage;

DdImage *dd_image_new      (int            width,
                            int            height);
DdImage *dd_image_copy     (const DdImage *image);
void     dd_image_free     (DdImage       *image);
/* Packs to 8-bit RGB (rowstride width × 3) into @out. */
void     dd_image_to_rgb8  (const DdImage *image,
                            guint8        *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdImage, dd_image_free)

typedef struct {
  int x0, y0, x1, y1;   /* inclusive pixel bounds, as in Tiny-ImageNet's boxes */
} DdDemoBox;   /* not DdBox: the catalog's, beside it in the tests */

/* Draws one sample of the class whose look is @motif (0, 1, 2 … each a distinct shape,
 * fill pattern and palette) into @image; @seed varies position, scale, rotation,
 * background and noise. @box receives the object's bounding box. */
void dd_demo_draw (DdImage   *image,
                   guint      motif,
                   guint64    seed,
                   DdDemoBox *box);

/* The 15 standard ImageNet-C corruptions (dd_standard_corruptions()), in their order. */
#define DD_DEMO_N_CORRUPTIONS DD_N_STANDARD_CORRUPTIONS
#define dd_demo_corruption_name(c) (dd_standard_corruptions ()[(c)])
#define DD_DEMO_N_SEVERITIES  5

/* Returns the corrupted version of @clean at @severity (1..5). The JPEG quality the
 * result must be saved with is stored in @quality (low for jpeg_compression). */
DdImage *dd_demo_corrupt (const DdImage *clean,
                          guint          corruption,
                          guint          severity,
                          guint64        seed,
                          int           *quality);

/* JPEG (with @quality) or PNG bytes of @image; @grayscale writes R = G = B. */
GBytes  *dd_demo_encode  (const DdImage *image,
                          const char    *format,
                          int            quality,
                          gboolean       grayscale,
                          GError       **error);

/* Writes all of @data to the new file @fd (retrying on EINTR) and closes it: FALSE with
 * errno set (ENOSPC for a write that wrote nothing) otherwise; @fd is closed either way. */
gboolean dd_demo_write_fd (int           fd,
                           const guint8 *data,
                           gsize         len);

/* The ImageNet-C and ImageNet shapes (dd-demo-imagenet.c). Validation and counts as the
 * public dd_demo_options_validate() and dd_demo_count_*() for those layouts. */
gboolean dd_demo_imagenet_validate (const DdDemoOptions *options,
                                    GError             **error);
void     dd_demo_imagenet_count    (const DdDemoOptions *options,
                                    guint64             *files,
                                    guint64             *drawn,
                                    guint64             *repeated);
/* Writes the tree into the existing, empty @tmp_dir (@out_dir names it in messages). */
gboolean dd_demo_imagenet_write    (const char          *tmp_dir,
                                    const char          *out_dir,
                                    const DdDemoOptions *options,
                                    DdProgressFunc       progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GError             **error);

G_END_DECLS
