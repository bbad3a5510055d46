/* What the catalog benchmarks share: a clock, and the vocabulary of a synthetic
 * Tiny-ImageNet-C-shaped catalog that bench-catalog and bench-recipe fill with their
 * own samples. */
#pragma once

#include "dd-catalog-writer.h"

G_BEGIN_DECLS

#define BENCH_CLASSES     200
#define BENCH_CORRUPTIONS 15

/* The monotonic clock in milliseconds. */
double           bench_now_ms          (void);

/* Creates the catalog at @path and begins a write into it holding a source at @root
 * (tiny-imagenet-c), the classes n00000001 … n00000200 named "class N" (their ids are
 * 1 … 200), the split val and the 15 standard corruptions (dd_standard_corruptions()
 * order, ids in @corruption_ids). The caller adds its samples and commits the writer;
 * the test fails on any error. */
DdCatalogWriter *bench_synthetic_begin (const char *path,
                                        const char *root,
                                        guint      *out_source,
                                        guint      *out_val,
                                        guint       corruption_ids[BENCH_CORRUPTIONS]);

G_END_DECLS
