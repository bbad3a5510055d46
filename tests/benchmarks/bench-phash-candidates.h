/* Candidate perceptual hashes measured next to dd_phash_compute() (bench-near-dup). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;
  int         n_luma;     /* luminance bits … */
  int         n_chroma;   /* … and bits of each colour difference: n_luma + 2 n_chroma = 64 */
  gboolean    axes;       /* frequencies with u = 0 or v = 0 too */
  double      taper;      /* power of the border taper (0: none) */
} BenchPhash;

/* The candidates, ended by one with no name. */
extern const BenchPhash bench_phash_candidates[];

guint64  bench_phash_candidate  (const BenchPhash *spec,
                                 const guint8     *pixels,
                                 int               width,
                                 int               height,
                                 int               rowstride,
                                 int               n_channels);

G_END_DECLS
