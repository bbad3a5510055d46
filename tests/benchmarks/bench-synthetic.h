/* The synthetic catalog of bench-catalog --synthetic N: N samples shaped like (Tiny-)
 * ImageNet-C, written through the catalog writer. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

/* One synthetic sample: its class (1-based), corruption (index into
 * dd_standard_corruptions()), severity (1..5) and image number (1-based, like a val
 * image's; unique within its class and cell). */
typedef struct {
  guint   class_id;
  guint   corruption;
  guint   severity;
  guint64 image;
} BenchSyntheticRow;

/* 200 classes up to 750,000 samples (Tiny-ImageNet-C's 200 × 75 cells × 50), 1,000
 * past that (ImageNet-C's 3,750,000 at 50 a cell; more a cell beyond). */
guint    bench_synthetic_classes (guint64            n);
/* Sample @i (0-based) of a catalog of @n. Pure: no two @i of one @n get the same row. */
void     bench_synthetic_row     (guint64            n,
                                  guint64            i,
                                  BenchSyntheticRow *row);
/* Its key, "C/<corruption>/<severity>/n<class>/val_<image>.JPEG". */
void     bench_synthetic_key     (const BenchSyntheticRow *row,
                                  char                    *key,
                                  gsize                    size);
/* Writes a new catalog of @n samples at @path, through a temporary file renamed at the
 * end: an interrupted run leaves no partial catalog to be taken for a finished one. */
gboolean bench_synthesize        (const char *path,
                                  guint64     n,
                                  GError    **error);

G_END_DECLS
