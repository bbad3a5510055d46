/* The demo dataset generator: a Tiny-ImageNet + Tiny-ImageNet-C shaped tree with
 * visibly different classes, visible corruptions and realistic defects, or an ImageNet-C
 * or ImageNet (ILSVRC) shaped one at full scale for benchmarks. */
#pragma once

#include <gio/gio.h>

#include "dd-types.h"

G_BEGIN_DECLS

typedef enum {
  DD_DEMO_LAYOUT_TINY,        /* tiny-imagenet-200/ + Tiny-ImageNet-C/ (the default) */
  DD_DEMO_LAYOUT_IMAGENET_C,  /* <corruption>/<severity>/<wnid>/ILSVRC2012_val_000NNNNN.JPEG */
  DD_DEMO_LAYOUT_IMAGENET,    /* train/<wnid>/<wnid>_N.JPEG, val/ILSVRC2012_val_000NNNNN.JPEG,
                               * LOC_val_solution.csv, LOC_synset_mapping.txt */
} DdDemoLayout;

typedef struct {
  guint   classes;            /* number of classes (real wnids): ≤ 200 Tiny-ImageNet ones,
                               * ≤ 1000 ILSVRC-2012 ones for the ImageNet shapes */
  guint   per_class;          /* val images per class (each gets 75 corrupted variants but in
                               * the ImageNet layout, which has no corruptions) */
  guint   train_per_class;    /* 0 = 10 × per_class (Tiny), 1281 (ImageNet); not ImageNet-C */
  guint   test_per_class;     /* 0 = per_class; Tiny only */
  guint64 seed;
  gboolean defects;           /* plant the realistic defects (Tiny only; default TRUE) */
  DdDemoLayout layout;
  guint   drawn;              /* ImageNet shapes: images drawn per class and split (per class
                               * and cell in ImageNet-C); the others are hard links to them
                               * (copies where the file system has none). 0 = 2 */
} DdDemoOptions;

/* The Tiny demo's defaults: 10 classes × 10 val images, seed 1, defects. */
void     dd_demo_options_init (DdDemoOptions *options);
/* The defaults of @layout: the Tiny demo's, or 10 classes × 50 val images (ImageNet's
 * 50 a class), no defects, for the ImageNet shapes. */
void     dd_demo_options_init_layout (DdDemoOptions *options,
                                      DdDemoLayout   layout);
/* "tiny", "imagenet-c", "imagenet"; dd_demo_layout_from_name() returns FALSE for another. */
const char *dd_demo_layout_name      (DdDemoLayout   layout);
gboolean    dd_demo_layout_from_name (const char    *name,
                                      DdDemoLayout  *layout);

/* Writes the demo under @out_dir (created; must be absent or empty):
 * out_dir/tiny-imagenet-200/… and out_dir/Tiny-ImageNet-C/… (Tiny), or the ImageNet-C or
 * ImageNet tree right in out_dir. Deterministic for a given seed and options. Blocks: call
 * it from a worker thread (g_task_run_in_thread); @progress is called on that calling
 * thread. The classes are every (200 / classes)-th Tiny-ImageNet class in wnid order, from
 * goldfish on (every (1000 / classes)-th ILSVRC class, from tench on, for the ImageNet
 * shapes). The tree is written into a temporary sibling "out_dir.tmp-XXXXXX" renamed at
 * the end, removed on failure or cancellation (G_IO_ERROR_CANCELLED); other errors are
 * DD_DEMO_ERROR. */
gboolean dd_demo_generate     (const char          *out_dir,
                               const DdDemoOptions *options,
                               DdProgressFunc       progress,
                               gpointer             progress_data,
                               GCancellable        *cancellable,
                               GError             **error);

/* A defect the generator plants (unless options->defects is FALSE). */
typedef struct {
  char *kind;     /* a health kind name ("missing_label", …) or "junk_file" */
  char *key;      /* path relative to out_dir of the file, folder or row concerned */
  char *detail;   /* one human sentence */
} DdDemoDefect;

void       dd_demo_defect_free (DdDemoDefect *defect);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdDemoDefect, dd_demo_defect_free)

/* Checks @options (counts in range, enough samples to plant the defects). */
gboolean   dd_demo_options_validate (const DdDemoOptions *options,
                                     GError             **error);
/* The defects dd_demo_generate() plants for @options, in a stable order: an array of
 * DdDemoDefect. Pure: computed from the options, nothing is read or written. */
GPtrArray *dd_demo_list_defects     (const DdDemoOptions *options);
/* The number of regular files dd_demo_generate() writes for @options. */
guint64    dd_demo_count_files      (const DdDemoOptions *options);
/* Of those, the images drawn (each a file of its own) and the images that repeat a drawn
 * one of their class and cell (hard links; 0 in the Tiny layout). Pure, like the above. */
void       dd_demo_count_images     (const DdDemoOptions *options,
                                     guint64             *drawn,
                                     guint64             *repeated);

G_END_DECLS
