/* The 64-bit DCT pHash of decoded pixels: luminance box-averaged to 32 × 32, the
 * low frequencies of its DCT compared with their median. */
#define G_LOG_DOMAIN "datadive-phash"
#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-phash.h"

#define SIDE 32       /* the picture is averaged down to SIDE × SIDE */
#define FREQS 9       /* the DCT frequencies 0–8 of each axis; 0 (the mean) is dropped */

/* cos ((2x + 1) u π / 2N) for u < FREQS, x < SIDE */
static const float *
cosines (void)
{
  static float table[FREQS * SIDE];
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      for (int u = 0; u < FREQS; u++)
        for (int x = 0; x < SIDE; x++)
          table[u * SIDE + x] = (float) cos ((2 * x + 1) * u * G_PI / (2.0 * SIDE));
      g_once_init_leave (&ready, 1);
    }
  return table;
}

/* The source span [lo, hi) of output cell @o when @n source cells become SIDE: the
 * first and last source cell it touches and how much of each. */
typedef struct {
  int   first, last;
  float w_first, w_last;   /* coverage of the first and last cell (others: 1) */
} Span;

static void
spans_for (int  n,
           Span spans[SIDE])
{
  for (int o = 0; o < SIDE; o++)
    {
      double lo = (double) o * n / SIDE, hi = (double) (o + 1) * n / SIDE;
      Span *s = &spans[o];

      s->first = (int) floor (lo);
      s->last = MIN ((int) ceil (hi) - 1, n - 1);
      if (s->first == s->last)
        s->w_first = s->w_last = (float) (hi - lo);
      else
        {
          s->w_first = (float) (s->first + 1 - lo);
          s->w_last = (float) (hi - s->last);
        }
    }
}

static inline float
luma (const guint8 *p,
      int           n_channels)
{
  if (n_channels < 3)
    return p[0];
  return 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
}

static int
compare_floats (const void *a,
                const void *b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return (x > y) - (x < y);
}

guint64
dd_phash_compute (const guint8 *pixels,
                  int           width,
                  int           height,
                  int           rowstride,
                  int           n_channels)
{
  const float *cs = cosines ();
  Span xs[SIDE], ys[SIDE];
  float small[SIDE][SIDE] = { { 0 } };
  float row[SIDE];
  float rows_dct[SIDE][FREQS];
  float coeffs[64], sorted[64];
  float median;
  guint64 hash = 0;
  int oy = 0;

  g_return_val_if_fail (n_channels >= 1 && n_channels <= 4, 0);
  if (pixels == NULL || width <= 0 || height <= 0)
    return 0;

  /* Box-average to SIDE × SIDE (weights are fractions of a cell: the mean stays the
   * mean for any size, smaller pictures are stretched). */
  spans_for (width, xs);
  spans_for (height, ys);
  for (int y = 0; y < height; y++)
    {
      const guint8 *line = pixels + (gsize) y * rowstride;

      for (int o = 0; o < SIDE; o++)
        {
          const Span *s = &xs[o];
          float sum;

          if (s->first == s->last)
            sum = s->w_first * luma (line + (gsize) s->first * n_channels, n_channels);
          else
            {
              sum = s->w_first * luma (line + (gsize) s->first * n_channels, n_channels) +
                    s->w_last * luma (line + (gsize) s->last * n_channels, n_channels);
              for (int x = s->first + 1; x < s->last; x++)
                sum += luma (line + (gsize) x * n_channels, n_channels);
            }
          row[o] = sum;
        }
      /* this row feeds the output rows whose span holds it */
      while (oy < SIDE && ys[oy].last < y)
        oy++;
      for (int o = oy; o < SIDE && ys[o].first <= y; o++)
        {
          const Span *s = &ys[o];
          float w = (y == s->first) ? s->w_first : (y == s->last) ? s->w_last : 1.0f;

          for (int x = 0; x < SIDE; x++)
            small[o][x] += w * row[x];
        }
    }

  /* Separable DCT-II, only the FREQS lowest frequencies of each axis (unnormalised:
   * the median comparison does not need the scale). */
  for (int y = 0; y < SIDE; y++)
    for (int u = 0; u < FREQS; u++)
      {
        float sum = 0;
        for (int x = 0; x < SIDE; x++)
          sum += small[y][x] * cs[u * SIDE + x];
        rows_dct[y][u] = sum;
      }
  for (int v = 1; v < FREQS; v++)
    for (int u = 1; u < FREQS; u++)
      {
        float sum = 0;
        for (int y = 0; y < SIDE; y++)
          sum += rows_dct[y][u] * cs[v * SIDE + y];
        coeffs[(v - 1) * 8 + (u - 1)] = sum;
      }

  memcpy (sorted, coeffs, sizeof sorted);
  qsort (sorted, 64, sizeof (float), compare_floats);
  median = (sorted[31] + sorted[32]) / 2;
  for (int i = 0; i < 64; i++)
    if (coeffs[i] > median)
      hash |= G_GUINT64_CONSTANT (1) << i;
  return hash;
}
