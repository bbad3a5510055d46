/* Candidate perceptual hashes for issue 15's crops, measured by bench-near-dup next to
 * the content pass's dd_phash_compute(): luminance and the two colour differences of
 * JPEG's YCbCr box-averaged to 32 × 32, less their means, tapered at the borders
 * (sin (π (x + ½) / 32) to a power), one bit per low-frequency DCT coefficient (the
 * lowest by distance from the constant term, with or without the pure horizontal and
 * vertical ones), set when the coefficient is positive. Pictures without colour (below
 * 0.5 % of the luminance's amplitude) give all 64 bits to luminance. Not used by the
 * application: see README "Hashes tried for crops". */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bench-phash-candidates.h"
#include "dd-phash-private.h"

#define SIDE DD_PHASH_SIDE   /* the picture is averaged down to SIDE × SIDE */
#define FREQS 10    /* no bit uses a frequency above 9 */

/* The frequencies (u along x, v along y) by distance from the constant term, ties by
 * u + v, then smaller u first: all of them, and only those with u, v ≥ 1. */
static const guint8 with_axes[64][2] = {
  { 0, 1 }, { 1, 0 }, { 1, 1 }, { 0, 2 }, { 2, 0 }, { 1, 2 }, { 2, 1 }, { 2, 2 },
  { 0, 3 }, { 3, 0 }, { 1, 3 }, { 3, 1 }, { 2, 3 }, { 3, 2 }, { 0, 4 }, { 4, 0 },
  { 1, 4 }, { 4, 1 }, { 3, 3 }, { 2, 4 }, { 4, 2 }, { 0, 5 }, { 5, 0 }, { 3, 4 },
  { 4, 3 }, { 1, 5 }, { 5, 1 }, { 2, 5 }, { 5, 2 }, { 4, 4 }, { 3, 5 }, { 5, 3 },
  { 0, 6 }, { 6, 0 }, { 1, 6 }, { 6, 1 }, { 2, 6 }, { 6, 2 }, { 4, 5 }, { 5, 4 },
  { 3, 6 }, { 6, 3 }, { 0, 7 }, { 7, 0 }, { 1, 7 }, { 7, 1 }, { 5, 5 }, { 4, 6 },
  { 6, 4 }, { 2, 7 }, { 7, 2 }, { 3, 7 }, { 7, 3 }, { 5, 6 }, { 6, 5 }, { 0, 8 },
  { 8, 0 }, { 1, 8 }, { 8, 1 }, { 4, 7 }, { 7, 4 }, { 2, 8 }, { 8, 2 }, { 6, 6 },
};
static const guint8 without_axes[64][2] = {
  { 1, 1 }, { 1, 2 }, { 2, 1 }, { 2, 2 }, { 1, 3 }, { 3, 1 }, { 2, 3 }, { 3, 2 },
  { 1, 4 }, { 4, 1 }, { 3, 3 }, { 2, 4 }, { 4, 2 }, { 3, 4 }, { 4, 3 }, { 1, 5 },
  { 5, 1 }, { 2, 5 }, { 5, 2 }, { 4, 4 }, { 3, 5 }, { 5, 3 }, { 1, 6 }, { 6, 1 },
  { 2, 6 }, { 6, 2 }, { 4, 5 }, { 5, 4 }, { 3, 6 }, { 6, 3 }, { 1, 7 }, { 7, 1 },
  { 5, 5 }, { 4, 6 }, { 6, 4 }, { 2, 7 }, { 7, 2 }, { 3, 7 }, { 7, 3 }, { 5, 6 },
  { 6, 5 }, { 1, 8 }, { 8, 1 }, { 4, 7 }, { 7, 4 }, { 2, 8 }, { 8, 2 }, { 6, 6 },
  { 3, 8 }, { 8, 3 }, { 5, 7 }, { 7, 5 }, { 4, 8 }, { 8, 4 }, { 1, 9 }, { 9, 1 },
  { 2, 9 }, { 9, 2 }, { 6, 7 }, { 7, 6 }, { 5, 8 }, { 8, 5 }, { 3, 9 }, { 9, 3 },
};

const BenchPhash bench_phash_candidates[] = {
  { "colour44", 44, 10, TRUE, 0.25 },
  { "colour52", 52, 6, TRUE, 0.25 },
  { "colour52-noaxes", 52, 6, FALSE, 0.25 },
  { "luma-taper", 64, 0, TRUE, 0.25 },
  { "luma", 64, 0, TRUE, 0 },
  { NULL, 0, 0, FALSE, 0 },
};

/* cos ((2x + 1) u π / 2N) · taper (x) for u < FREQS, x < SIDE, for one taper power
 * (the benchmark uses one candidate a run) */
static const float *
cosines (double power)
{
  static float table[FREQS * SIDE];
  static double ready = -1;

  if (ready != power)
    {
      for (int x = 0; x < SIDE; x++)
        {
          double taper = pow (sin ((x + 0.5) * G_PI / SIDE), power);

          for (int u = 0; u < FREQS; u++)
            table[u * SIDE + x] = (float) (cos ((2 * x + 1) * u * G_PI / (2.0 * SIDE)) * taper);
        }
      ready = power;
    }
  return table;
}

/* Where each bit goes: the 2 @n_chroma colour bits spread evenly over the hash, so
 * that every block of the pair search holds some of each kind. */
static void
spread_bits (int    n_chroma,
             guint8 luma_bit[64],
             guint8 chroma_bit[64])
{
  int n_luma = 0, n_colour = 0;

  for (int b = 0; b < 64; b++)
    if (n_colour < 2 * n_chroma && b == (n_colour * 64 + 32) / (2 * n_chroma) - 1)
      chroma_bit[n_colour++] = (guint8) b;
    else
      luma_bit[n_luma++] = (guint8) b;
}

/* The red, green and blue of a pixel (gray: all three the same). */
static inline void
rgb_add (const guint8 *p,
         int           n_channels,
         float         w,
         float         acc[3])
{
  if (n_channels < 3)
    {
      acc[0] += w * p[0];
      acc[1] += w * p[0];
      acc[2] += w * p[0];
    }
  else
    {
      acc[0] += w * p[0];
      acc[1] += w * p[1];
      acc[2] += w * p[2];
    }
}

/* Sides that are multiples of 32 (every cell the same whole pixels), or at least 512
 * (a cell of 16 or more): each pixel adds its red, green and blue to the cell it falls
 * in; beyond 256 a side a regular sample of 256 (8 or more a cell): a 4000 × 3000
 * photo costs what a 256 × 256 one does. */
static void
average_cells (const guint8 *pixels,
               int           width,
               int           height,
               int           rowstride,
               int           n_channels,
               float         small[3][SIDE][SIDE])
{
  int sx = MAX (1, width / 256), sy = MAX (1, height / 256);
  g_autofree guint8 *cell_of_x = g_malloc (width);
  guint32 sums[3][SIDE][SIDE] = { { { 0 } } };   /* [channel][x][y] */
  guint count_x[SIDE] = { 0 }, count_y[SIDE] = { 0 };
  int g_off = n_channels >= 3 ? 1 : 0, b_off = n_channels >= 3 ? 2 : 0;

  for (int x = 0; x < width; x += sx)
    {
      cell_of_x[x] = (guint8) ((gint64) x * SIDE / width);
      count_x[cell_of_x[x]]++;
    }
  for (int y = 0; y < height; y += sy)
    {
      const guint8 *line = pixels + (gsize) y * rowstride;
      int cy = (int) ((gint64) y * SIDE / height);

      count_y[cy]++;
      if (sx == 1 && width % SIDE == 0)
        {
          /* whole cells of bw pixels: each sum in a register (64 × 64: 2 a cell) */
          int bw = width / SIDE;
          const guint8 *p = line;

          for (int c = 0; c < SIDE; c++)
            {
              guint32 r = 0, g = 0, b = 0;

              for (int k = 0; k < bw; k++, p += n_channels)
                {
                  r += p[0];
                  g += p[g_off];
                  b += p[b_off];
                }
              sums[0][c][cy] += r;
              sums[1][c][cy] += g;
              sums[2][c][cy] += b;
            }
        }
      else
        for (int x = 0; x < width; x += sx)
          {
            const guint8 *p = line + (gsize) x * n_channels;
            int c = cell_of_x[x];

            sums[0][c][cy] += p[0];
            sums[1][c][cy] += p[g_off];
            sums[2][c][cy] += p[b_off];
          }
    }
  for (int x = 0; x < SIDE; x++)
    for (int y = 0; y < SIDE; y++)
      {
        float inv = 1.0f / ((float) count_x[x] * count_y[y]);

        for (int ch = 0; ch < 3; ch++)
          small[ch][x][y] = sums[ch][x][y] * inv;
      }
}

/* Fractional cells (sides neither multiples of 32 nor large): cells of unequal whole
 * pixels would weigh some pixels twice (a 48 × 48 copy then lands bits further off);
 * smaller pictures are stretched, the mean stays the mean. */
static void
average_spans (const guint8 *pixels,
               int           width,
               int           height,
               int           rowstride,
               int           n_channels,
               float         small[3][SIDE][SIDE])
{
  DdPhashSpan xs[SIDE], ys[SIDE];
  float row[SIDE][3];
  int oy = 0;

  dd_phash_spans (width, xs);
  dd_phash_spans (height, ys);
  for (int y = 0; y < height; y++)
    {
      const guint8 *line = pixels + (gsize) y * rowstride;

      for (int o = 0; o < SIDE; o++)
        {
          const DdPhashSpan *s = &xs[o];
          float *acc = row[o];

          acc[0] = acc[1] = acc[2] = 0;
          rgb_add (line + (gsize) s->first * n_channels, n_channels, s->w_first, acc);
          if (s->first != s->last)
            {
              for (int x = s->first + 1; x < s->last; x++)
                rgb_add (line + (gsize) x * n_channels, n_channels, 1.0f, acc);
              rgb_add (line + (gsize) s->last * n_channels, n_channels, s->w_last, acc);
            }
        }
      /* this row feeds the output rows whose span holds it */
      while (oy < SIDE && ys[oy].last < y)
        oy++;
      for (int o = oy; o < SIDE && ys[o].first <= y; o++)
        {
          const DdPhashSpan *s = &ys[o];
          float w = (y == s->first) ? s->w_first : (y == s->last) ? s->w_last : 1.0f;

          for (int x = 0; x < SIDE; x++)
            for (int ch = 0; ch < 3; ch++)
              small[ch][x][o] += w * row[x][ch];
        }
    }
}

/* The DCT coefficients (unnormalised, over the tapered plane less its mean) of the
 * first @n frequencies of @by_radius (each axis's first pass only as far as they go). */
static void
dct_low (const float  *cs,
         const guint8  by_radius[][2],
         float         plane[SIDE][SIDE],   /* [x][y] */
         int           n,
         float        *coeffs)
{
  float rows_dct[FREQS][SIDE];   /* [u][y] */
  int freqs = 0;
  float mean = 0;

  for (int i = 0; i < n; i++)
    freqs = MAX (freqs, MAX (by_radius[i][0], by_radius[i][1]) + 1);

  for (int x = 0; x < SIDE; x++)
    for (int y = 0; y < SIDE; y++)
      mean += plane[x][y];
  mean /= SIDE * SIDE;
  for (int x = 0; x < SIDE; x++)
    for (int y = 0; y < SIDE; y++)
      plane[x][y] -= mean;

  /* separable: first along x (as the pHash does), then along y for each frequency
   * wanted */
  dd_phash_dct_rows (cs, plane, freqs, rows_dct);
  for (int i = 0; i < n; i++)
    {
      int u = by_radius[i][0], v = by_radius[i][1];
      float sum = 0;

      for (int y = 0; y < SIDE; y++)
        sum += rows_dct[u][y] * cs[v * SIDE + y];
      coeffs[i] = sum;
    }
}

/* A coefficient's bit: positive beyond rounding (a flat plane's coefficients are
 * float noise around 0; one gray level of a pattern makes hundreds). */
static inline gboolean
positive (float c)
{
  return c > 0.01f;
}

guint64
bench_phash_candidate (const BenchPhash *spec,
                       const guint8     *pixels,
                       int               width,
                       int               height,
                       int               rowstride,
                       int               n_channels)
{
  const guint8 (*by_radius)[2] = spec->axes ? with_axes : without_axes;
  guint8 luma_bit[64], chroma_bit[64];
  int n_luma = spec->n_luma, n_chroma = spec->n_chroma;
  const float *cs = cosines (spec->taper);
  float rgb[3][SIDE][SIDE] = { { { 0 } } };   /* transposed: [channel][x][y] */
  float luma[SIDE][SIDE], cb[SIDE][SIDE], cr[SIDE][SIDE];
  float y_coeffs[64], cb_coeffs[32], cr_coeffs[32];
  double y_energy = 0, c_energy = 0;
  guint64 hash = 0;

  g_return_val_if_fail (n_channels >= 1 && n_channels <= 4, 0);
  g_return_val_if_fail (n_luma + 2 * n_chroma == 64, 0);
  if (pixels == NULL || width <= 0 || height <= 0)
    return 0;
  spread_bits (n_chroma, luma_bit, chroma_bit);

  if ((width % SIDE == 0 && height % SIDE == 0) || (width >= 512 && height >= 512))
    average_cells (pixels, width, height, rowstride, n_channels, rgb);
  else
    average_spans (pixels, width, height, rowstride, n_channels, rgb);

  /* luminance and the colour differences of JPEG's YCbCr */
  for (int x = 0; x < SIDE; x++)
    for (int y = 0; y < SIDE; y++)
      {
        float r = rgb[0][x][y], g = rgb[1][x][y], b = rgb[2][x][y];
        float l = 0.299f * r + 0.587f * g + 0.114f * b;

        luma[x][y] = l;
        cb[x][y] = 0.564f * (b - l);
        cr[x][y] = 0.713f * (r - l);
      }

  dct_low (cs, by_radius, luma, 64, y_coeffs);
  dct_low (cs, by_radius, cb, n_chroma, cb_coeffs);
  dct_low (cs, by_radius, cr, n_chroma, cr_coeffs);
  for (int i = 0; i < n_luma; i++)
    y_energy += (double) y_coeffs[i] * y_coeffs[i];
  for (int i = 0; i < n_chroma; i++)
    c_energy += (double) cb_coeffs[i] * cb_coeffs[i] + (double) cr_coeffs[i] * cr_coeffs[i];

  for (int i = 0; i < n_luma; i++)
    if (positive (y_coeffs[i]))
      hash |= G_GUINT64_CONSTANT (1) << luma_bit[i];
  /* Colour below 0.5 % of the luminance's amplitude is no colour (a gray picture has
   * none; JPEG leaves real colour well above): the colour bits would be noise, so the
   * next luminance frequencies take their place. */
  if (c_energy <= 0.005 * 0.005 * y_energy)
    {
      for (int i = 0; i < 2 * n_chroma; i++)
        if (positive (y_coeffs[n_luma + i]))
          hash |= G_GUINT64_CONSTANT (1) << chroma_bit[i];
    }
  else
    for (int i = 0; i < n_chroma; i++)
      {
        if (positive (cb_coeffs[i]))
          hash |= G_GUINT64_CONSTANT (1) << chroma_bit[i];
        if (positive (cr_coeffs[i]))
          hash |= G_GUINT64_CONSTANT (1) << chroma_bit[n_chroma + i];
      }
  return hash;
}
