/* What the catalog benchmarks share: a clock; the synthetic catalog of bench-catalog
 * --synthetic N (N samples shaped like (Tiny-)ImageNet-C, written through the catalog
 * writer); and the vocabulary of a Tiny-ImageNet-C-shaped catalog that bench-catalog's
 * small runs and bench-recipe fill with their own samples. */
#pragma once

#include "dd-catalog-writer.h"

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

#define BENCH_CLASSES     200
#define BENCH_CORRUPTIONS 15

/* The monotonic clock in milliseconds. */
double           bench_now_ms          (void);

/* Creates the catalog at @path and begins a write (@flags) into it holding a source at
 * @root (tiny-imagenet-c), the classes n00000001 … n00000200 named "class N" (their ids
 * are 1 … 200), the split val and the 15 standard corruptions (dd_standard_corruptions()
 * order, ids in @corruption_ids). The caller adds its samples and commits the writer;
 * the test fails on any error. */
DdCatalogWriter *bench_synthetic_begin (const char          *path,
                                        const char          *root,
                                        DdCatalogWriteFlags  flags,
                                        guint               *out_source,
                                        guint               *out_val,
                                        guint                corruption_ids[BENCH_CORRUPTIONS]);

G_END_DECLS
