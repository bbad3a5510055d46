/* The synthetic catalog of bench-catalog --synthetic N: N samples shaped like (Tiny-)
 * ImageNet-C, written through the catalog writer. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

/* 200 classes up to 750,000 samples (Tiny-ImageNet-C's 200 × 75 cells × 50), 1,000
 * past that (ImageNet-C's 3,750,000 at 50 a cell; more a cell beyond). */
guint    bench_synthetic_classes (guint64     n);
/* Writes a new catalog of @n samples at @path, through a temporary file renamed at the
 * end: an interrupted run leaves no partial catalog to be taken for a finished one. */
gboolean bench_synthesize        (const char *path,
                                  guint64     n,
                                  GError    **error);

G_END_DECLS
