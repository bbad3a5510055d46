/* The 64-bit DCT pHash of decoded pixels: luminance box-averaged to 32 × 32, the
 * low frequencies of its DCT compared with their median. */
#define G_LOG_DOMAIN "datadive-phash"
#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-phash.h"
#include "dd-phash-private.h"

#define SIDE DD_PHASH_SIDE   /* the picture is averaged down to SIDE × SIDE */
#define FREQS 9   /* the DCT frequencies 0–8 of each axis; 0 (the mean) is dropped */

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

void
dd_phash_spans (int         n,
                DdPhashSpan spans[DD_PHASH_SIDE])
{
  for (int o = 0; o < SIDE; o++)
    {
      double lo = (double) o * n / SIDE, hi = (double) (o + 1) * n / SIDE;
      DdPhashSpan *s = &spans[o];

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

void
dd_phash_dct_rows (const float *cs,
                   float        plane[DD_PHASH_SIDE][DD_PHASH_SIDE],
                   int          n_freqs,
                   float        rows_dct[][DD_PHASH_SIDE])
{
  for (int u = 0; u < n_freqs; u++)
    {
      float *acc = rows_dct[u];

      for (int y = 0; y < SIDE; y++)
        acc[y] = 0;
      for (int x = 0; x < SIDE; x++)
        {
          float c = cs[u * SIDE + x];
          for (int y = 0; y < SIDE; y++)
            acc[y] += plane[x][y] * c;
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

/* The @k-th smallest of @n values (reordering them): quickselect, no allocation. */
static float
kth_smallest (float *v,
              int    n,
              int    k)
{
  int lo = 0, hi = n - 1;

  while (lo < hi)
    {
      float pivot = v[(lo + hi) / 2];
      int i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              float t = v[i];
              v[i++] = v[j];
              v[j--] = t;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  return v[k];
}

/* Sides that are multiples of 32 (every cell the same whole pixels), or at least 512
 * (a cell of 16 or more): each pixel adds its luminance (integer weights summing to
 * 256) to the cell it falls in; beyond 256 a side a regular sample of 256 (8 or more a
 * cell): a 4000 × 3000 photo costs what a 256 × 256 one does. */
static void
average_cells (const guint8 *pixels,
               int           width,
               int           height,
               int           rowstride,
               int           n_channels,
               float         small[SIDE][SIDE])
{
  int sx = MAX (1, width / 256), sy = MAX (1, height / 256);
  g_autofree guint8 *cell_of_x = g_malloc (width);
  guint32 sums[SIDE][SIDE] = { { 0 } };   /* [x][y] */
  guint count_x[SIDE] = { 0 }, count_y[SIDE] = { 0 };
  float inv_y[SIDE];

  for (int x = 0; x < width; x += sx)
    {
      cell_of_x[x] = (guint8) ((gint64) x * SIDE / width);
      count_x[cell_of_x[x]]++;
    }
  for (int y = 0; y < height; y += sy)
    {
      const guint8 *line = pixels + (gsize) y * rowstride;
      int cy = (int) ((gint64) y * SIDE / height);
      guint32 acc[SIDE] = { 0 };

      count_y[cy]++;
      if (sx == 1 && width % SIDE == 0 && n_channels >= 3)
        {
          /* whole cells of bw pixels: each sum in a register (64 × 64: 2 a cell) */
          int bw = width / SIDE;
          const guint8 *p = line;

          for (int c = 0; c < SIDE; c++)
            {
              guint32 sum = 0;
              for (int k = 0; k < bw; k++, p += n_channels)
                sum += 77u * p[0] + 150u * p[1] + 29u * p[2];
              acc[c] = sum;
            }
        }
      else if (n_channels >= 3)
        for (int x = 0; x < width; x += sx)
          {
            const guint8 *p = line + (gsize) x * n_channels;
            acc[cell_of_x[x]] += 77u * p[0] + 150u * p[1] + 29u * p[2];
          }
      else
        for (int x = 0; x < width; x += sx)
          acc[cell_of_x[x]] += 256u * line[(gsize) x * n_channels];
      for (int c = 0; c < SIDE; c++)
        sums[c][cy] += acc[c];
    }
  for (int y = 0; y < SIDE; y++)
    inv_y[y] = 1.0f / count_y[y];
  for (int x = 0; x < SIDE; x++)
    {
      float inv_x = 1.0f / (256.0f * count_x[x]);
      for (int y = 0; y < SIDE; y++)
        small[x][y] = sums[x][y] * inv_x * inv_y[y];
    }
}

guint64
dd_phash_compute (const guint8 *pixels,
                  int           width,
                  int           height,
                  int           rowstride,
                  int           n_channels)
{
  const float *cs = cosines ();
  DdPhashSpan xs[SIDE], ys[SIDE];
  float small[SIDE][SIDE] = { { 0 } };   /* transposed: small[x][y] */
  float row[SIDE];
  float rows_dct[FREQS][SIDE];          /* [u][y] */
  float coeffs[64], sorted[64];
  float median;
  guint64 hash = 0;
  int oy = 0;

  g_return_val_if_fail (n_channels >= 1 && n_channels <= 4, 0);
  if (pixels == NULL || width <= 0 || height <= 0)
    return 0;

  if ((width % SIDE == 0 && height % SIDE == 0) || (width >= 512 && height >= 512))
    average_cells (pixels, width, height, rowstride, n_channels, small);
  else
    {
      /* Box-average with fractional cells: cells of unequal whole pixels would weigh
       * some pixels twice (a 48 × 48 copy then lands 4 bits further off); smaller
       * pictures are stretched, the mean stays the mean. */
      dd_phash_spans (width, xs);
      dd_phash_spans (height, ys);
      for (int y = 0; y < height; y++)
        {
          const guint8 *line = pixels + (gsize) y * rowstride;

          for (int o = 0; o < SIDE; o++)
            {
              const DdPhashSpan *s = &xs[o];
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
              const DdPhashSpan *s = &ys[o];
              float w = (y == s->first) ? s->w_first : (y == s->last) ? s->w_last : 1.0f;

              for (int x = 0; x < SIDE; x++)
                small[x][o] += w * row[x];
            }
        }
    }

  /* Separable DCT-II, only the FREQS lowest frequencies of each axis (unnormalised:
   * the median comparison does not need the scale). */
  dd_phash_dct_rows (cs, small, FREQS, rows_dct);
  for (int v = 1; v < FREQS; v++)
    for (int u = 1; u < FREQS; u++)
      {
        float sum = 0;
        for (int y = 0; y < SIDE; y++)
          sum += rows_dct[u][y] * cs[v * SIDE + y];
        coeffs[(v - 1) * 8 + (u - 1)] = sum;
      }

  memcpy (sorted, coeffs, sizeof sorted);
  median = kth_smallest (sorted, 64, 31);
  /* the 33rd smallest is the least of those above the 32nd (quickselect left them there) */
  {
    float next = sorted[32];
    for (int i = 33; i < 64; i++)
      next = MIN (next, sorted[i]);
    median = (median + next) / 2;
  }
  for (int i = 0; i < 64; i++)
    if (coeffs[i] > median)
      hash |= G_GUINT64_CONSTANT (1) << i;
  return hash;
}
