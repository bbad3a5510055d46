/* The 15 ImageNet-C corruptions on float RGB buffers, after Hendrycks & Dietterich's
 * make_tinyimagenet_c.py, with parameters nudged so severities 1..5 read at 64×64. */
#define G_LOG_DOMAIN "datadive-demo"
#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-demo-private.h"

enum {
  GAUSSIAN_NOISE, SHOT_NOISE, IMPULSE_NOISE,
  DEFOCUS_BLUR, GLASS_BLUR, MOTION_BLUR, ZOOM_BLUR,
  SNOW, FROST, FOG,
  BRIGHTNESS, CONTRAST, ELASTIC_TRANSFORM, PIXELATE, JPEG_COMPRESSION,
};

#define CLEAN_QUALITY 90

/* ---- Helpers on interleaved planes of @nch floats a pixel ------------------------------ */

static inline int
clampi (int v,
        int lo,
        int hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

static void
sample (const float *data,
        int          w,
        int          h,
        int          nch,
        double       x,
        double       y,
        float       *out)
{
  int x0, y0, x1, y1;
  double fx, fy;

  x -= 0.5;
  y -= 0.5;
  x0 = (int) floor (x);
  y0 = (int) floor (y);
  fx = x - x0;
  fy = y - y0;
  x1 = clampi (x0 + 1, 0, w - 1);
  y1 = clampi (y0 + 1, 0, h - 1);
  x0 = clampi (x0, 0, w - 1);
  y0 = clampi (y0, 0, h - 1);
  for (int c = 0; c < nch; c++)
    {
      double a = data[((gsize) y0 * w + x0) * nch + c], b = data[((gsize) y0 * w + x1) * nch + c];
      double d = data[((gsize) y1 * w + x0) * nch + c], e = data[((gsize) y1 * w + x1) * nch + c];

      out[c] = (a + (b - a) * fx) * (1 - fy) + (d + (e - d) * fx) * fy;
    }
}

static void
convolve_1d (float       *data,
             int          w,
             int          h,
             int          nch,
             const float *kernel,
             int          radius,
             gboolean     vertical)
{
  int n = vertical ? h : w, lines = vertical ? w : h;
  /* One line at a time, padded with its clamped ends so the taps need no checks. */
  g_autofree float *line = g_new (float, (gsize) (n + 2 * radius) * nch);

  for (int l = 0; l < lines; l++)
    {
      for (int i = -radius; i < n + radius; i++)
        {
          int j = clampi (i, 0, n - 1);
          gsize at = vertical ? ((gsize) j * w + l) * nch : ((gsize) l * w + j) * nch;
          memcpy (line + (gsize) (i + radius) * nch, data + at, sizeof (float) * nch);
        }
      for (int i = 0; i < n; i++)
        {
          gsize at = vertical ? ((gsize) i * w + l) * nch : ((gsize) l * w + i) * nch;
          const float *src = line + (gsize) i * nch;
          for (int c = 0; c < nch; c++)
            {
              float sum = 0;
              for (int k = 0; k <= 2 * radius; k++)
                sum += kernel[k] * src[k * nch + c];
              data[at + c] = sum;
            }
        }
    }
}

static void
gaussian_blur (float  *data,
               int     w,
               int     h,
               int     nch,
               double  sigma)
{
  int radius = (int) ceil (sigma * 3);
  g_autofree float *kernel = NULL;
  float sum = 0;

  if (sigma <= 0.05)
    return;
  kernel = g_new (float, 2 * radius + 1);
  for (int k = -radius; k <= radius; k++)
    sum += kernel[k + radius] = exp (-(k * k) / (2 * sigma * sigma));
  for (int k = 0; k <= 2 * radius; k++)
    kernel[k] /= sum;
  convolve_1d (data, w, h, nch, kernel, radius, FALSE);
  convolve_1d (data, w, h, nch, kernel, radius, TRUE);
}

/* A one-sided streak of @length pixels along @angle, weights decaying with @sigma. Each
 * tap is a constant sub-pixel shift, so its bilinear weights are computed once. */
static void
motion_blur (const float *in,
             float       *out,
             int          w,
             int          h,
             int          nch,
             double       length,
             double       sigma,
             double       angle)
{
  int n = (int) ceil (length);
  double dx = cos (angle), dy = sin (angle), total = 0;
  g_autofree double *weights = g_new (double, n + 1);

  for (int t = 0; t <= n; t++)
    total += weights[t] = exp (-(t * t) / (2 * sigma * sigma));
  memset (out, 0, sizeof (float) * w * h * nch);
  for (int t = 0; t <= n; t++)
    {
      double ox = -t * dx, oy = -t * dy;
      int ix = (int) floor (ox), iy = (int) floor (oy);
      float fx = ox - ix, fy = oy - iy, wt = weights[t] / total;
      float w00 = wt * (1 - fx) * (1 - fy), w01 = wt * fx * (1 - fy);
      float w10 = wt * (1 - fx) * fy, w11 = wt * fx * fy;

      for (int y = 0; y < h; y++)
        {
          const float *r0 = in + (gsize) clampi (y + iy, 0, h - 1) * w * nch;
          const float *r1 = in + (gsize) clampi (y + iy + 1, 0, h - 1) * w * nch;
          float *o = out + (gsize) y * w * nch;

          for (int x = 0; x < w; x++)
            {
              int x0 = clampi (x + ix, 0, w - 1) * nch, x1 = clampi (x + ix + 1, 0, w - 1) * nch;
              for (int c = 0; c < nch; c++)
                o[x * nch + c] += w00 * r0[x0 + c] + w01 * r0[x1 + c] +
                                  w10 * r1[x0 + c] + w11 * r1[x1 + c];
            }
        }
    }
}

/* Adds the image zoomed by @factor about the centre, same size (ImageNet-C's
 * clipped_zoom), to @acc. The source column and row of a pixel depend on x and y
 * alone, so the bilinear taps are computed once per column and per row. */
static void
zoom_add (const float *in,
          float       *acc,
          int          w,
          int          h,
          int          nch,
          double       factor)
{
  g_autofree int *col = g_new (int, 2 * w);
  g_autofree float *col_f = g_new (float, w);
  g_autofree int *row = g_new (int, 2 * h);
  g_autofree float *row_f = g_new (float, h);

  for (int i = 0; i < MAX (w, h); i++)
    for (int axis = 0; axis < 2; axis++)
      {
        int n = axis ? h : w;
        double src;
        int i0;

        if (i >= n)
          continue;
        src = n / 2.0 + (i + 0.5 - n / 2.0) / factor - 0.5;
        i0 = (int) floor (src);
        (axis ? row : col)[2 * i] = clampi (i0, 0, n - 1);
        (axis ? row : col)[2 * i + 1] = clampi (i0 + 1, 0, n - 1);
        (axis ? row_f : col_f)[i] = src - i0;
      }
  for (int y = 0; y < h; y++)
    {
      const float *r0 = in + (gsize) row[2 * y] * w * nch;
      const float *r1 = in + (gsize) row[2 * y + 1] * w * nch;
      float fy = row_f[y];
      float *o = acc + (gsize) y * w * nch;

      for (int x = 0; x < w; x++)
        {
          int x0 = col[2 * x] * nch, x1 = col[2 * x + 1] * nch;
          float fx = col_f[x];
          for (int c = 0; c < nch; c++)
            {
              float top = r0[x0 + c] + (r0[x1 + c] - r0[x0 + c]) * fx;
              float bottom = r1[x0 + c] + (r1[x1 + c] - r1[x0 + c]) * fx;
              o[x * nch + c] += top + (bottom - top) * fy;
            }
        }
    }
}

/* Diamond-square plasma on a wrapping n×n grid (n a power of two), values in [0, 1]. */
static float *
plasma (DdRng  *rng,
        int     n,
        double  wibble_decay)
{
  float *m = g_new0 (float, (gsize) n * n);
  double wibble = 100;
  float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;

#define M(yy, xx) m[(gsize) (((yy) + n) % n) * n + (((xx) + n) % n)]
  for (int step = n; step >= 2; step /= 2)
    {
      int half = step / 2;

      for (int y = 0; y < n; y += step)
        for (int x = 0; x < n; x += step)
          M (y + half, x + half) = (M (y, x) + M (y, x + step) + M (y + step, x) +
                                    M (y + step, x + step)) / 4 +
                                   wibble * dd_rng_range (rng, -1, 1);
      for (int y = 0; y < n; y += step)
        for (int x = 0; x < n; x += step)
          {
            M (y, x + half) = (M (y, x) + M (y, x + step) + M (y - half, x + half) +
                               M (y + half, x + half)) / 4 + wibble * dd_rng_range (rng, -1, 1);
            M (y + half, x) = (M (y, x) + M (y + step, x) + M (y + half, x - half) +
                               M (y + half, x + half)) / 4 + wibble * dd_rng_range (rng, -1, 1);
          }
      wibble /= wibble_decay;
    }
#undef M
  for (gsize i = 0; i < (gsize) n * n; i++)
    {
      lo = MIN (lo, m[i]);
      hi = MAX (hi, m[i]);
    }
  for (gsize i = 0; i < (gsize) n * n; i++)
    m[i] = (m[i] - lo) / MAX (hi - lo, 1e-6f);
  return m;
}

static int
power_of_two_at_least (int v)
{
  int n = 1;

  while (n < v)
    n *= 2;
  return n;
}

static void
clip (DdImage *image)
{
  for (gsize i = 0; i < (gsize) image->width * image->height * 3; i++)
    image->data[i] = CLAMP (image->data[i], 0.0f, 1.0f);
}

static double
poisson (DdRng  *rng,
         double  lambda)
{
  /* Knuth's product of uniforms for small means, a rounded normal above (as good as
   * exact to the eye, and the loop would be long). */
  if (lambda > 5)
    return MAX (0.0, floor (lambda + sqrt (lambda) * dd_rng_normal_fast (rng) + 0.5));
  else
    {
      double l = exp (-lambda), p = 1;
      int k = 0;
      do
        {
          k++;
          p *= dd_rng_double (rng);
        }
      while (p > l);
      return k - 1;
    }
}

/* An icy overlay: branching crystal needles over a cloudy haze. */
static float *
frost_layer (DdRng *rng,
             int    w,
             int    h,
             int    severity)
{
  int n = power_of_two_at_least (MAX (w, h));
  g_autofree float *haze = plasma (rng, n, 1.6);
  float *layer = g_new0 (float, (gsize) w * h);
  int crystals = (w * h) * (2 + severity) / 400;

  for (int i = 0; i < crystals; i++)
    {
      double x = dd_rng_range (rng, 0, w), y = dd_rng_range (rng, 0, h);
      int arms = 3 + dd_rng_below (rng, 4);
      double base = dd_rng_range (rng, 0, G_PI);

      for (int a = 0; a < arms; a++)
        {
          double angle = base + a * 2 * G_PI / arms + dd_rng_range (rng, -0.3, 0.3);
          double length = dd_rng_range (rng, 2, 7), px = x, py = y;

          for (double t = 0; t < length; t += 0.5)
            {
              int ix = (int) px, iy = (int) py;
              if (ix >= 0 && iy >= 0 && ix < w && iy < h)
                layer[(gsize) iy * w + ix] += 0.5f * (1.0 - t / (length + 1));
              px += 0.5 * cos (angle);
              py += 0.5 * sin (angle);
              if (dd_rng_double (rng) < 0.06)
                angle += dd_rng_range (rng, -0.8, 0.8);
            }
        }
    }
  gaussian_blur (layer, w, h, 1, 0.45);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float *v = layer + (gsize) y * w + x;
        *v = CLAMP (0.45f + 0.35f * haze[(gsize) y * n + x] + 1.6f * *v, 0.0f, 1.0f);
      }
  return layer;
}

static void
rgb_to_hsv (const float *rgb,
            float       *hsv)
{
  float mx = MAX (rgb[0], MAX (rgb[1], rgb[2])), mn = MIN (rgb[0], MIN (rgb[1], rgb[2]));
  float d = mx - mn, hh = 0;

  if (d > 1e-6f)
    {
      if (mx == rgb[0])
        hh = fmodf ((rgb[1] - rgb[2]) / d + 6.0f, 6.0f);
      else if (mx == rgb[1])
        hh = (rgb[2] - rgb[0]) / d + 2.0f;
      else
        hh = (rgb[0] - rgb[1]) / d + 4.0f;
    }
  hsv[0] = hh / 6.0f;
  hsv[1] = mx > 1e-6f ? d / mx : 0;
  hsv[2] = mx;
}

static void
hsv_to_rgbf (const float *hsv,
             float       *rgb)
{
  float h = hsv[0] * 6.0f, s = hsv[1], v = hsv[2];
  int i = (int) floorf (h);
  float f = h - i, p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));

  switch (((i % 6) + 6) % 6)
    {
    case 0: rgb[0] = v; rgb[1] = t; rgb[2] = p; break;
    case 1: rgb[0] = q; rgb[1] = v; rgb[2] = p; break;
    case 2: rgb[0] = p; rgb[1] = v; rgb[2] = t; break;
    case 3: rgb[0] = p; rgb[1] = q; rgb[2] = v; break;
    case 4: rgb[0] = t; rgb[1] = p; rgb[2] = v; break;
    default: rgb[0] = v; rgb[1] = p; rgb[2] = q; break;
    }
}

/* ---- The corruptions ------------------------------------------------------------------ */

/* One corruption's inputs: the clean image, the copy to corrupt in place (its data also
 * as d, n floats), the severity as an index s = severity − 1, and a seeded stream. */
typedef struct {
  const DdImage *clean;
  float         *d;
  gsize          n;
  int            w, h;
  int            s;
  guint          severity;
  DdRng         *rng;
  int           *quality;
} Corruption;

static void
corrupt_gaussian_noise (const Corruption *k)
{
  float *d = k->d;
  gsize n = k->n;
  int s = k->s;
  static const double c[] = { 0.04, 0.08, 0.12, 0.16, 0.21 };
  for (gsize i = 0; i < n; i++)
    d[i] += c[s] * dd_rng_normal_fast (k->rng);
}

static void
corrupt_shot_noise (const Corruption *k)
{
  float *d = k->d;
  gsize n = k->n;
  int s = k->s;
  static const double c[] = { 120, 50, 25, 13, 7 };
  for (gsize i = 0; i < n; i++)
    d[i] = poisson (k->rng, MAX (d[i], 0.0f) * c[s]) / c[s];
}

static void
corrupt_impulse_noise (const Corruption *k)
{
  float *d = k->d;
  gsize n = k->n;
  int s = k->s;
  static const double c[] = { 0.02, 0.05, 0.09, 0.15, 0.24 };
  for (gsize i = 0; i < n; i++)
    if (dd_rng_double (k->rng) < c[s])
      d[i] = dd_rng_double (k->rng) < 0.5 ? 0.0f : 1.0f;
}

static void
corrupt_defocus_blur (const Corruption *k)
{
  const DdImage *clean = k->clean;
  float *d = k->d;
  int w = k->w, h = k->h;
  int s = k->s;
  static const double radius[] = { 1.0, 1.5, 2.2, 3.0, 4.0 };
  static const double alias[] = { 0.5, 0.5, 0.4, 0.3, 0.3 };
  /* A disk is a stack of horizontal spans: sum each span from prefix sums of
   * the rows (with clamped borders), so a pixel costs 2 reads a row of the disk. */
  int r = (int) ceil (radius[s]), pw = w + 2 * r + 1;
  g_autofree int *half = g_new (int, 2 * r + 1);
  g_autofree double *prefix = g_new (double, (gsize) h * pw * 3);
  int taps = 0;

  for (int dy = -r; dy <= r; dy++)
    {
      double span = radius[s] * radius[s] - dy * dy;
      half[dy + r] = span < 0 ? -1 : (int) floor (sqrt (span) + 0.5);
      taps += half[dy + r] < 0 ? 0 : 2 * half[dy + r] + 1;
    }
  for (int y = 0; y < h; y++)
    {
      double *p = prefix + (gsize) y * pw * 3;
      p[0] = p[1] = p[2] = 0;
      for (int x = 1; x < pw; x++)
        for (int c = 0; c < 3; c++)
          p[x * 3 + c] = p[(x - 1) * 3 + c] +
                         clean->data[((gsize) y * w + clampi (x - 1 - r, 0, w - 1)) * 3 + c];
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double sum[3] = { 0, 0, 0 };
        for (int dy = -r; dy <= r; dy++)
          {
            int k = half[dy + r];
            const double *p = prefix + (gsize) clampi (y + dy, 0, h - 1) * pw * 3;
            if (k < 0)
              continue;
            /* columns x-k .. x+k are prefix entries x-k+r .. x+k+r+1 */
            for (int c = 0; c < 3; c++)
              sum[c] += p[(x + k + r + 1) * 3 + c] - p[(x - k + r) * 3 + c];
          }
        for (int c = 0; c < 3; c++)
          d[((gsize) y * w + x) * 3 + c] = sum[c] / taps;
      }
  gaussian_blur (d, w, h, 3, alias[s]);
}

static void
corrupt_glass_blur (const Corruption *k)
{
  float *d = k->d;
  int w = k->w, h = k->h;
  int s = k->s;
  static const double sigma[] = { 0.4, 0.5, 0.6, 0.7, 0.9 };
  static const int delta[] = { 1, 1, 2, 2, 3 };
  static const int iterations[] = { 1, 2, 1, 2, 2 };

  gaussian_blur (d, w, h, 3, sigma[s]);
  for (int it = 0; it < iterations[s]; it++)
    for (int y = h - delta[s] - 1; y >= delta[s]; y--)
      for (int x = w - delta[s] - 1; x >= delta[s]; x--)
        {
          guint64 bits = dd_rng_next (k->rng);
          int dx = (int) ((bits & 0xffffffff) * (2 * delta[s] + 1) >> 32) - delta[s];
          int dy = (int) ((bits >> 32) * (2 * delta[s] + 1) >> 32) - delta[s];
          float *a = d + ((gsize) y * w + x) * 3;
          float *b = d + ((gsize) (y + dy) * w + x + dx) * 3;
          for (int c = 0; c < 3; c++)
            {
              float t = a[c];
              a[c] = b[c];
              b[c] = t;
            }
        }
  gaussian_blur (d, w, h, 3, sigma[s]);
}

static void
corrupt_motion_blur (const Corruption *k)
{
  const DdImage *clean = k->clean;
  float *d = k->d;
  int w = k->w, h = k->h;
  int s = k->s;
  static const double length[] = { 4, 6, 9, 12, 16 };
  static const double sigma[] = { 3, 4, 5, 6, 8 };
  double angle = dd_rng_range (k->rng, -G_PI / 4, G_PI / 4);

  if (dd_rng_below (k->rng, 2))
    angle += G_PI;
  motion_blur (clean->data, d, w, h, 3, length[s], sigma[s], angle);
}

static void
corrupt_zoom_blur (const Corruption *k)
{
  const DdImage *clean = k->clean;
  float *d = k->d;
  gsize n = k->n;
  int w = k->w, h = k->h;
  int s = k->s;
  static const double max_zoom[] = { 1.06, 1.11, 1.16, 1.21, 1.27 };
  int steps = 4 + 2 * s;

  for (int i = 1; i <= steps; i++)
    zoom_add (clean->data, d, w, h, 3, 1.0 + (max_zoom[s] - 1.0) * i / steps);
  for (gsize i = 0; i < n; i++)
    d[i] /= steps + 1;
}

static void
corrupt_snow (const Corruption *k)
{
  float *d = k->d;
  int w = k->w, h = k->h;
  int s = k->s;
  static const double c[5][7] = {
    { 0.1, 0.3, 3.0, 0.5, 10, 4, 0.8 },
    { 0.2, 0.3, 2.0, 0.5, 12, 4, 0.7 },
    { 0.55, 0.3, 4.0, 0.9, 12, 8, 0.7 },
    { 0.55, 0.3, 4.5, 0.85, 12, 8, 0.65 },
    { 0.55, 0.3, 2.5, 0.85, 12, 12, 0.55 },
  };
  gsize np = (gsize) w * h;
  g_autofree float *layer = g_new (float, np);
  g_autofree float *zoomed = g_new0 (float, np);
  g_autofree float *streak = g_new (float, np);
  double angle = dd_rng_range (k->rng, -135, -45) * G_PI / 180;

  for (gsize i = 0; i < np; i++)
    layer[i] = c[s][0] + c[s][1] * dd_rng_normal_fast (k->rng);
  zoom_add (layer, zoomed, w, h, 1, c[s][2]);
  for (gsize i = 0; i < np; i++)
    if (zoomed[i] < c[s][3])
      zoomed[i] = 0;
  motion_blur (zoomed, streak, w, h, 1, c[s][4] / 3, c[s][5] / 3, angle);
  for (gsize i = 0; i < np; i++)
    {
      float *p = d + i * 3;
      float gray = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
      float flake = streak[i] + streak[np - 1 - i];
      for (int ch = 0; ch < 3; ch++)
        {
          float whiter = MAX (p[ch], gray * 1.5f + 0.5f);
          p[ch] = c[s][6] * p[ch] + (1 - c[s][6]) * whiter + flake;
        }
    }
}

static void
corrupt_frost (const Corruption *k)
{
  float *d = k->d;
  int w = k->w, h = k->h;
  int s = k->s;
  guint severity = k->severity;
  static const double c[5][2] = { { 1, 0.3 }, { 0.9, 0.4 }, { 0.8, 0.5 }, { 0.7, 0.55 },
                                  { 0.6, 0.65 } };
  g_autofree float *frost = frost_layer (k->rng, w, h, severity);
  static const float tint[3] = { 0.86f, 0.93f, 1.0f };

  for (gsize i = 0; i < (gsize) w * h; i++)
    for (int ch = 0; ch < 3; ch++)
      d[i * 3 + ch] = c[s][0] * d[i * 3 + ch] + c[s][1] * frost[i] * tint[ch];
}

static void
corrupt_fog (const Corruption *k)
{
  float *d = k->d;
  gsize n = k->n;
  int w = k->w, h = k->h;
  int s = k->s;
  static const double c[5][2] = { { 0.3, 2.5 }, { 0.6, 2.5 }, { 0.9, 2.2 }, { 1.3, 2.0 },
                                  { 1.9, 1.75 } };
  int np2 = power_of_two_at_least (MAX (w, h));
  g_autofree float *fog = plasma (k->rng, np2, c[s][1]);
  float mx = 0;

  for (gsize i = 0; i < n; i++)
    mx = MAX (mx, d[i]);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int ch = 0; ch < 3; ch++)
        {
          float *p = d + ((gsize) y * w + x) * 3 + ch;
          float f = 0.35f + 0.65f * fog[(gsize) y * np2 + x];
          *p = (*p + c[s][0] * f) * mx / (mx + c[s][0] * 0.7f);
        }
}

static void
corrupt_brightness (const Corruption *k)
{
  float *d = k->d;
  gsize n = k->n;
  int s = k->s;
  static const double c[] = { 0.1, 0.2, 0.3, 0.4, 0.5 };
  for (gsize i = 0; i < n; i += 3)
    {
      float hsv[3];
      rgb_to_hsv (d + i, hsv);
      hsv[2] = MIN (1.0f, hsv[2] + c[s]);
      hsv_to_rgbf (hsv, d + i);
    }
}

static void
corrupt_contrast (const Corruption *k)
{
  float *d = k->d;
  gsize n = k->n;
  int w = k->w, h = k->h;
  int s = k->s;
  static const double c[] = { 0.5, 0.35, 0.22, 0.12, 0.05 };
  double mean[3] = { 0, 0, 0 };
  for (gsize i = 0; i < n; i++)
    mean[i % 3] += d[i];
  for (int ch = 0; ch < 3; ch++)
    mean[ch] /= (double) w * h;
  for (gsize i = 0; i < n; i++)
    d[i] = (d[i] - mean[i % 3]) * c[s] + mean[i % 3];
}

static void
corrupt_elastic_transform (const Corruption *k)
{
  const DdImage *clean = k->clean;
  float *d = k->d;
  int w = k->w, h = k->h;
  int s = k->s;
  static const double alpha[] = { 0.8, 1.2, 1.6, 2.1, 2.7 };
  static const double sigma[] = { 5.0, 4.5, 4.0, 3.6, 3.2 };
  /* A smooth random displacement field, drawn at a quarter of the resolution
   * (the blur that smooths it would cost more at full size). */
  int fw = MAX (2, w / 4), fh = MAX (2, h / 4);
  gsize np = (gsize) fw * fh;
  g_autofree float *field = g_new (float, np * 2);
  double sd = 0;

  for (gsize i = 0; i < np * 2; i++)
    field[i] = dd_rng_range (k->rng, -1, 1);
  gaussian_blur (field, fw, fh, 2, sigma[s] / 4);
  for (gsize i = 0; i < np * 2; i++)
    sd += field[i] * field[i];
  sd = sqrt (sd / (np * 2));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float f[2];
        sample (field, fw, fh, 2, (x + 0.5) * fw / w, (y + 0.5) * fh / h, f);
        sample (clean->data, w, h, 3, x + 0.5 + alpha[s] * f[0] / sd,
                y + 0.5 + alpha[s] * f[1] / sd, d + ((gsize) y * w + x) * 3);
      }
}

static void
corrupt_pixelate (const Corruption *k)
{
  const DdImage *clean = k->clean;
  float *d = k->d;
  int w = k->w, h = k->h;
  int s = k->s;
  static const double c[] = { 0.6, 0.45, 0.35, 0.25, 0.18 };
  int sw = MAX (1, (int) (w * c[s])), sh = MAX (1, (int) (h * c[s]));
  g_autofree float *small = g_new0 (float, (gsize) sw * sh * 3);
  g_autofree float *count = g_new0 (float, (gsize) sw * sh);

  /* Box down, nearest up: PIL's BOX resize both ways. */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize at = (gsize) (y * sh / h) * sw + x * sw / w;
        for (int ch = 0; ch < 3; ch++)
          small[at * 3 + ch] += clean->data[((gsize) y * w + x) * 3 + ch];
        count[at] += 1;
      }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize at = (gsize) (y * sh / h) * sw + x * sw / w;
        for (int ch = 0; ch < 3; ch++)
          d[((gsize) y * w + x) * 3 + ch] = small[at * 3 + ch] / count[at];
      }
}

static void
corrupt_jpeg_compression (const Corruption *k)
{
  int s = k->s;
  static const int c[] = { 30, 18, 12, 8, 5 };
  *k->quality = c[s];
}

typedef void (*CorruptionFunc) (const Corruption *k);

/* In the order of dd_standard_corruptions(). */
static const CorruptionFunc corruption_funcs[DD_DEMO_N_CORRUPTIONS] = {
  [GAUSSIAN_NOISE] = corrupt_gaussian_noise,
  [SHOT_NOISE] = corrupt_shot_noise,
  [IMPULSE_NOISE] = corrupt_impulse_noise,
  [DEFOCUS_BLUR] = corrupt_defocus_blur,
  [GLASS_BLUR] = corrupt_glass_blur,
  [MOTION_BLUR] = corrupt_motion_blur,
  [ZOOM_BLUR] = corrupt_zoom_blur,
  [SNOW] = corrupt_snow,
  [FROST] = corrupt_frost,
  [FOG] = corrupt_fog,
  [BRIGHTNESS] = corrupt_brightness,
  [CONTRAST] = corrupt_contrast,
  [ELASTIC_TRANSFORM] = corrupt_elastic_transform,
  [PIXELATE] = corrupt_pixelate,
  [JPEG_COMPRESSION] = corrupt_jpeg_compression,
};

DdImage *
dd_demo_corrupt (const DdImage *clean,
                 guint          corruption,
                 guint          severity,
                 guint64        seed,
                 int           *quality)
{
  g_autoptr(DdImage) out = dd_image_copy (clean);
  DdRng rng;
  Corruption k = {
    .clean = clean, .d = out->data, .n = (gsize) clean->width * clean->height * 3,
    .w = clean->width, .h = clean->height, .s = severity - 1, .severity = severity,
    .rng = &rng, .quality = quality,
  };

  g_return_val_if_fail (corruption < DD_DEMO_N_CORRUPTIONS, NULL);
  g_return_val_if_fail (severity >= 1 && severity <= DD_DEMO_N_SEVERITIES, NULL);

  *quality = CLEAN_QUALITY;
  dd_rng_init (&rng, dd_demo_mix (seed, corruption * 8 + severity));
  corruption_funcs[corruption] (&k);
  clip (out);
  return g_steal_pointer (&out);
}
