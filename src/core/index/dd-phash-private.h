/* The pHash's box averaging and the first pass of its DCT, for the candidate hashes
 * tests/benchmarks measures next to it (bench-phash-candidates.c): the same cells, the
 * same weights, the same transform. */
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

/* The first pass of the separable DCT-II, along x for the @n_freqs lowest frequencies
 * u, all DD_PHASH_SIDE rows at once (no reduction in the inner loop: the compiler
 * vectorises it): rows_dct[u][y] = Σx plane[x][y] · cs[u × DD_PHASH_SIDE + x], where
 * @cs holds cos ((2x + 1) u π / 2N), tapered or not. */
void dd_phash_dct_rows (const float *cs,
                        float        plane[DD_PHASH_SIDE][DD_PHASH_SIDE],   /* [x][y] */
                        int          n_freqs,
                        float        rows_dct[][DD_PHASH_SIDE]);            /* [u][y] */

G_END_DECLS
