/* A 64-bit perceptual hash of decoded pixels (a DCT pHash) and the Hamming distance
 * between two such hashes. GLib only: the caller hands the pixels it decoded. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The hash of a @width × @height picture of @n_channels bytes a pixel (1 gray, 2 gray
 * and alpha, 3 RGB, 4 RGBA; alpha is ignored), rows @rowstride bytes apart: the
 * luminance averaged down to 32 × 32, its 2-D DCT, and one bit per coefficient of the
 * 8 × 8 lowest frequencies but the constant term (rows and columns 1–8), set when the
 * coefficient is above their median. The same picture re-encoded, resized, slightly
 * cropped or brightened stays within a few bits; different pictures differ in about
 * half of them. A picture with no pixels hashes to 0. */
guint64  dd_phash_compute  (const guint8 *pixels,
                            int           width,
                            int           height,
                            int           rowstride,
                            int           n_channels);

static inline guint
dd_phash_distance (guint64 a,
                   guint64 b)
{
  return (guint) __builtin_popcountll (a ^ b);
}

G_END_DECLS
