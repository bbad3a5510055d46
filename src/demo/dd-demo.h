/* The demo dataset generator: a Tiny-ImageNet + Tiny-ImageNet-C shaped tree with
 * visibly different classes, visible corruptions and realistic defects. */
#pragma once

#include <gio/gio.h>

#include "dd-types.h"

G_BEGIN_DECLS

typedef struct {
  guint   classes;            /* number of classes (real Tiny-ImageNet wnids), ≤ 200 */
  guint   per_class;          /* val images per class (each gets 75 corrupted variants) */
  guint   train_per_class;    /* 0 = 10 × per_class */
  guint   test_per_class;     /* 0 = per_class */
  guint64 seed;
  gboolean defects;           /* plant the realistic defects (default TRUE) */
} DdDemoOptions;

void     dd_demo_options_init (DdDemoOptions *options);

/* Writes the demo under @out_dir (created; must be absent or empty):
 * out_dir/tiny-imagenet-200/… and out_dir/Tiny-ImageNet-C/…
 * Deterministic for a given seed and options. Blocks: call it from a worker thread
 * (g_task_run_in_thread); @progress is called on that calling thread. The classes are
 * every (200 / classes)-th Tiny-ImageNet class in wnid order, from goldfish on. The tree
 * is written into a temporary sibling "out_dir.tmp-XXXXXX" renamed at the end, removed on
 * failure or cancellation (G_IO_ERROR_CANCELLED); other errors are DD_DEMO_ERROR. */
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

G_END_DECLS
