/* The pHash's box averaging, for the candidate hashes tests/benchmarks measures next to
 * it (bench-phash-candidates.c): the same cells, the same weights. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DD_PHASH_SIDE 32   /* the picture is averaged down to SIDE × SIDE */

/* The source span [lo, hi) of an output cell when n source cells become DD_PHASH_SIDE:
 * the first and last source cell it touches and how much of each. */
typedef struct {
  int   first, last;
  float w_first, w_last;   /* coverage of the first and last cell (others: 1) */
} DdPhashSpan;

/* The spans of the DD_PHASH_SIDE output cells of a side of @n source cells. */
void dd_phash_spans (int         n,
                     DdPhashSpan spans[DD_PHASH_SIDE]);

G_END_DECLS
