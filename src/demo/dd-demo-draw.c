/* Procedural class motifs for the demo dataset: one shape, fill and palette per class, a
 * varied pose, background and noise per sample; plus the PRNG and image helpers. */
#define G_LOG_DOMAIN "datadive-demo"
#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-demo-private.h"

/* ---- PRNG ----------------------------------------------------------------------------- */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

guint64
dd_demo_mix (guint64 a,
             guint64 b)
{
  guint64 state = a ^ (b * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));

  return splitmix64 (&state);
}

guint64
dd_demo_seed (guint64 seed,
              guint   tag,
              guint   k,
              guint   index)
{
  return dd_demo_mix (seed, ((guint64) tag << 56) | ((guint64) k << 32) | index);
}

void
dd_rng_init (DdRng   *rng,
             guint64  seed)
{
  guint64 state = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
  rng->has_spare = FALSE;
  rng->spare = 0;
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
dd_rng_next (DdRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
dd_rng_double (DdRng *rng)
{
  return (dd_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

double
dd_rng_range (DdRng  *rng,
              double  lo,
              double  hi)
{
  return lo + (hi - lo) * dd_rng_double (rng);
}

guint
dd_rng_below (DdRng *rng,
              guint  n)
{
  return n == 0 ? 0 : (guint) (dd_rng_double (rng) * n);
}

/* Marsaglia's polar method: two normals per logarithm, no trigonometry. */
double
dd_rng_normal (DdRng *rng)
{
  double u, v, r, f;

  if (rng->has_spare)
    {
      rng->has_spare = FALSE;
      return rng->spare;
    }
  do
    {
      u = 2.0 * dd_rng_double (rng) - 1.0;
      v = 2.0 * dd_rng_double (rng) - 1.0;
      r = u * u + v * v;
    }
  while (r >= 1.0 || r == 0.0);
  f = sqrt (-2.0 * log (r) / r);
  rng->spare = v * f;
  rng->has_spare = TRUE;
  return u * f;
}

float
dd_rng_normal_fast (DdRng *rng)
{
  guint64 r = dd_rng_next (rng);
  guint sum = (r & 0xffff) + ((r >> 16) & 0xffff) + ((r >> 32) & 0xffff) + (r >> 48);

  /* Four uniforms: mean 2, variance 4/12, so scale by sqrt (3). */
  return ((float) sum * (1.0f / 65536.0f) - 2.0f) * 1.7320508f;
}

/* ---- Images --------------------------------------------------------------------------- */

DdImage *
dd_image_new (int width,
              int height)
{
  DdImage *image = g_new (DdImage, 1);

  image->width = width;
  image->height = height;
  image->data = g_new0 (float, (gsize) width * height * 3);
  return image;
}

DdImage *
dd_image_copy (const DdImage *image)
{
  DdImage *copy = dd_image_new (image->width, image->height);

  memcpy (copy->data, image->data, sizeof (float) * image->width * image->height * 3);
  return copy;
}

void
dd_image_free (DdImage *image)
{
  if (image == NULL)
    return;
  g_free (image->data);
  g_free (image);
}

void
dd_image_to_rgb8 (const DdImage *image,
                  guint8        *out)
{
  gsize n = (gsize) image->width * image->height * 3;

  for (gsize i = 0; i < n; i++)
    {
      float v = image->data[i] * 255.0f + 0.5f;
      out[i] = v <= 0.0f ? 0 : v >= 255.0f ? 255 : (guint8) v;
    }
}

/* ---- Motifs --------------------------------------------------------------------------- */

enum {
  SHAPE_DISC,
  SHAPE_TRIANGLE,
  SHAPE_STAR,
  SHAPE_RING,
  SHAPE_SQUARE,
  SHAPE_CROSS,
  SHAPE_CRESCENT,
  SHAPE_FLOWER,
  SHAPE_HEXAGON,
  SHAPE_BLOBS,
  SHAPE_DIAMOND,
  SHAPE_ELLIPSE,
  SHAPE_ARROW,
  N_SHAPES
};

enum {
  FILL_SHADED,
  FILL_STRIPES,
  FILL_CHECKER,
  FILL_DOTS,
  FILL_RINGS,
  N_FILLS
};

typedef struct {
  guint  shape;
  guint  fill;
  float  hue;
  float  sat;
  guint  scenery;
  guint  bg_style;
} Style;

/* Backgrounds a photograph might have: two colours a gradient or horizon mixes. */
typedef struct {
  float hue_a, sat_a, val_a;
  float hue_b, sat_b, val_b;
} Scenery;

static const Scenery sceneries[] = {
  { 0.58, 0.35, 0.92, 0.60, 0.55, 0.60 },   /* sky */
  { 0.25, 0.35, 0.80, 0.30, 0.65, 0.40 },   /* grass */
  { 0.11, 0.25, 0.92, 0.09, 0.45, 0.62 },   /* sand */
  { 0.60, 0.05, 0.78, 0.60, 0.08, 0.42 },   /* stone */
  { 0.48, 0.35, 0.80, 0.52, 0.70, 0.38 },   /* water */
  { 0.75, 0.25, 0.80, 0.80, 0.45, 0.40 },   /* dusk */
  { 0.07, 0.35, 0.70, 0.06, 0.60, 0.32 },   /* wood */
};

static void
hsv_to_rgb (double  h,
            double  s,
            double  v,
            float  *rgb)
{
  double r, g, b, f, p, q, t;
  int i;

  h = h - floor (h);
  h *= 6.0;
  i = (int) h;
  f = h - i;
  p = v * (1 - s);
  q = v * (1 - s * f);
  t = v * (1 - s * (1 - f));
  switch (i % 6)
    {
    case 0: r = v; g = t; b = p; break;
    case 1: r = q; g = v; b = p; break;
    case 2: r = p; g = v; b = t; break;
    case 3: r = p; g = q; b = v; break;
    case 4: r = t; g = p; b = v; break;
    default: r = v; g = p; b = q; break;
    }
  rgb[0] = r;
  rgb[1] = g;
  rgb[2] = b;
}

static double
box_sdf (double u,
         double v,
         double bu,
         double bv)
{
  double du = fabs (u) - bu, dv = fabs (v) - bv;
  double ou = MAX (du, 0), ov = MAX (dv, 0);

  return sqrt (ou * ou + ov * ov) + MIN (MAX (du, dv), 0);
}

static double
polygon_sdf (double u,
             double v,
             int    n,
             double radius)
{
  /* Distance to a regular n-gon with circumradius @radius, one vertex up. */
  double a = atan2 (u, -v);
  double sector = 2 * G_PI / n;
  double r = sqrt (u * u + v * v);
  double local = fmod (a + G_PI * 2 + sector / 2, sector) - sector / 2;

  return r * cos (local) - radius * cos (G_PI / n);
}

/* A signed distance in unit space (object radius about 1): negative inside. */
static double
shape_sdf (guint  shape,
           double u,
           double v)
{
  double r = sqrt (u * u + v * v);
  double a = (shape == SHAPE_STAR || shape == SHAPE_FLOWER) ? atan2 (v, u) : 0;

  switch (shape)
    {
    case SHAPE_DISC:
      return r - 0.9;
    case SHAPE_TRIANGLE:
      return polygon_sdf (u, v + 0.15, 3, 1.05);
    case SHAPE_STAR:
      return (r - (0.45 + 0.55 * pow (fabs (cos (2.5 * (a + G_PI / 2))), 2.0))) * 0.6;
    case SHAPE_RING:
      return fabs (r - 0.68) - 0.24;
    case SHAPE_SQUARE:
      return box_sdf (u, v, 0.68, 0.68) - 0.05;
    case SHAPE_CROSS:
      return MIN (box_sdf (u, v, 0.9, 0.27), box_sdf (u, v, 0.27, 0.9));
    case SHAPE_CRESCENT:
      return MAX (r - 0.92, -(sqrt ((u - 0.45) * (u - 0.45) + (v + 0.2) * (v + 0.2)) - 0.72));
    case SHAPE_FLOWER:
      return (r - (0.62 + 0.32 * cos (6 * a))) * 0.7;
    case SHAPE_HEXAGON:
      return polygon_sdf (u, v, 6, 0.9);
    case SHAPE_BLOBS:
      {
        double d = 1e9;
        for (int i = 0; i < 3; i++)
          {
            double ca = i * 2 * G_PI / 3 + 0.3, cu = 0.45 * cos (ca), cv = 0.45 * sin (ca);
            d = MIN (d, sqrt ((u - cu) * (u - cu) + (v - cv) * (v - cv)) - 0.45);
          }
        return d;
      }
    case SHAPE_DIAMOND:
      return (fabs (u) * 0.6 + fabs (v)) / 1.17 - 0.82;
    case SHAPE_ELLIPSE:
      return (sqrt (u * u + (v / 0.5) * (v / 0.5)) - 0.95) * 0.5;
    case SHAPE_ARROW:
    default:
      return MIN (box_sdf (u + 0.4, v, 0.5, 0.2),
                  MAX (fabs (v) - (0.95 - u) * 0.85, 0.05 - u) * 0.75);
    }
}

static Style
style_for_motif (guint motif)
{
  Style style;

  style.shape = motif % N_SHAPES;
  style.fill = (motif + motif / N_SHAPES) % N_FILLS;
  /* Hues 0.3 apart for consecutive classes, all ten first ones 0.1 apart. */
  style.hue = fmod (0.02 + 0.1 * ((motif * 3) % 10) + 0.05 * ((motif / 10) % 2) +
                    0.013 * (motif / 20), 1.0);
  style.sat = 0.65 + 0.3 * fmod (motif * 0.37, 1.0);
  style.scenery = (motif * 3 + motif / 7) % G_N_ELEMENTS (sceneries);
  style.bg_style = motif % 3;
  return style;
}

static double
smoothstep (double e0,
            double e1,
            double x)
{
  double t = CLAMP ((x - e0) / (e1 - e0), 0.0, 1.0);

  return t * t * (3 - 2 * t);
}

/* 0 = primary colour, 1 = secondary, in between at pattern edges. */
static double
fill_mix (guint  fill,
          double u,
          double v)
{
  switch (fill)
    {
    case FILL_STRIPES:
      return smoothstep (-0.15, 0.15, sin (u * G_PI * 2.6));
    case FILL_CHECKER:
      return smoothstep (-0.1, 0.1, sin (u * G_PI * 1.6) * sin (v * G_PI * 1.6));
    case FILL_DOTS:
      {
        double fu = u * 2.2 - floor (u * 2.2) - 0.5, fv = v * 2.2 - floor (v * 2.2) - 0.5;
        return 1.0 - smoothstep (0.18, 0.26, sqrt (fu * fu + fv * fv));
      }
    case FILL_RINGS:
      return smoothstep (-0.2, 0.2, sin (sqrt (u * u + v * v) * G_PI * 3.2));
    case FILL_SHADED:
    default:
      return 0.0;
    }
}

/* One picture's random choices, drawn once from its seed, and the wave's column terms. */
typedef struct {
  Style   style;
  int     w, h;
  double  size, cx, cy, radius, ca, sa, bg_angle, bg_split, sh_dx, sh_dy;
  double  wave_f, wave_p, wave_a, reach;
  /* what else is in the picture: a few soft patches of light and shade, placed for each
   * sample, so two photographs of one class are not one picture to a perceptual hash */
  guint   n_patches;
  double  patch_x[6], patch_y[6], patch_r[6], patch_k[6];
  float   primary[3], secondary[3], bg_a[3], bg_b[3];
  double *col_sin, *col_cos, *horizon;
} Scene;

static void
scene_init (Scene         *sc,
            const DdImage *image,
            guint          motif,
            DdRng         *rng)
{
  const Scenery *scenery;
  double angle, hue;
  int w = image->width, h = image->height;

  sc->style = style_for_motif (motif);
  sc->w = w;
  sc->h = h;
  sc->size = MIN (w, h);
  sc->radius = sc->size * dd_rng_range (rng, 0.24, 0.36);
  sc->cx = w / 2.0 + dd_rng_range (rng, -1, 1) * (w / 2.0 - sc->radius * 0.9);
  sc->cy = h / 2.0 + dd_rng_range (rng, -1, 1) * (h / 2.0 - sc->radius * 0.9);
  angle = dd_rng_range (rng, -0.6, 0.6);
  if (sc->style.shape == SHAPE_BLOBS || sc->style.shape == SHAPE_CROSS ||
      sc->style.shape == SHAPE_DISC)
    angle = dd_rng_range (rng, 0, 2 * G_PI);
  sc->ca = cos (angle);
  sc->sa = sin (angle);
  hue = sc->style.hue + dd_rng_range (rng, -0.025, 0.025);
  hsv_to_rgb (hue, sc->style.sat, dd_rng_range (rng, 0.8, 0.97), sc->primary);
  if (sc->style.fill == FILL_SHADED)
    hsv_to_rgb (hue + 0.06, sc->style.sat * 0.8, 0.45, sc->secondary);
  else
    hsv_to_rgb (hue + 0.5, 0.25, dd_rng_range (rng, 0.15, 0.3), sc->secondary);
  scenery = &sceneries[sc->style.scenery];
  hsv_to_rgb (scenery->hue_a + dd_rng_range (rng, -0.03, 0.03), scenery->sat_a,
              scenery->val_a + dd_rng_range (rng, -0.08, 0.05), sc->bg_a);
  hsv_to_rgb (scenery->hue_b + dd_rng_range (rng, -0.03, 0.03), scenery->sat_b,
              scenery->val_b + dd_rng_range (rng, -0.08, 0.08), sc->bg_b);
  sc->bg_angle = dd_rng_range (rng, 0, 2 * G_PI);
  sc->bg_split = dd_rng_range (rng, 0.35, 0.65) * h;
  sc->sh_dx = dd_rng_range (rng, 1, 3);
  sc->sh_dy = dd_rng_range (rng, 1, 3);
  sc->wave_f = dd_rng_range (rng, 0.08, 0.2);
  sc->wave_p = dd_rng_range (rng, 0, 2 * G_PI);
  sc->wave_a = dd_rng_range (rng, 0.03, 0.07);
  sc->reach = 1.35 + hypot (sc->sh_dx, sc->sh_dy) / sc->radius;
  sc->n_patches = 3 + dd_rng_below (rng, 3);
  for (guint i = 0; i < sc->n_patches; i++)
    {
      sc->patch_x[i] = dd_rng_range (rng, 0, w);
      sc->patch_y[i] = dd_rng_range (rng, 0, h);
      sc->patch_r[i] = sc->size * dd_rng_range (rng, 0.12, 0.3);
      sc->patch_k[i] = dd_rng_range (rng, 0.22, 0.45) * (dd_rng_below (rng, 2) ? 1 : -1);
    }

  /* sin (a + b) = sin a cos b + cos a sin b: the wave's column and row terms once. */
  sc->col_sin = g_new (double, 3 * w);
  sc->col_cos = sc->col_sin + w;
  sc->horizon = sc->col_sin + 2 * w;
  for (int x = 0; x < w; x++)
    {
      sc->col_sin[x] = sin ((x + 0.5) * sc->wave_f);
      sc->col_cos[x] = cos ((x + 0.5) * sc->wave_f);
      sc->horizon[x] = 3 * sin ((x + 0.5) * 0.15 + sc->wave_p);
    }
}

/* Background: a gradient, a horizon or a vignette, with a soft wave texture. */
static void
draw_background (const Scene *sc,
                 float       *p,
                 int          x,
                 double       px,
                 double       py,
                 double       row_sin,
                 double       row_cos)
{
  int w = sc->w, h = sc->h;
  double t;

  switch (sc->style.bg_style)
    {
    case 0:
      t = 0.5 + ((px - w / 2.0) * cos (sc->bg_angle) + (py - h / 2.0) * sin (sc->bg_angle)) /
          sc->size;
      break;
    case 1:
      t = smoothstep (-3, 3, py - sc->bg_split + sc->horizon[x]);
      break;
    default:
      t = hypot (px - w / 2.0, py - h / 2.0) / (sc->size * 0.7);
      break;
    }
  t = CLAMP (t + sc->wave_a * (sc->col_sin[x] * row_cos + sc->col_cos[x] * row_sin), 0.0, 1.0);
  for (int c = 0; c < 3; c++)
    p[c] = sc->bg_a[c] + (sc->bg_b[c] - sc->bg_a[c]) * t;
  for (guint i = 0; i < sc->n_patches; i++)
    {
      double dx = px - sc->patch_x[i], dy = py - sc->patch_y[i];
      double r = sc->patch_r[i], d2 = dx * dx + dy * dy;

      if (d2 < r * r)
        {
          double k = sc->patch_k[i] * (1 - smoothstep (0.4 * r * r, r * r, d2));

          for (int c = 0; c < 3; c++)
            p[c] = k > 0 ? p[c] + (1 - p[c]) * k : p[c] * (1 + k);
        }
    }
}

/* The object and its soft drop shadow over the background at (px, py); returns the
 * object's coverage there (0 outside it). */
static double
draw_object (const Scene *sc,
             float       *p,
             double       px,
             double       py)
{
  const Style *style = &sc->style;
  double dx, dy, u, v, d, alpha, shadow, m, shade;

  /* Every shape lies within 1.2 of its centre: far pixels are background. */
  dx = (px - sc->cx) / sc->radius;
  dy = (py - sc->cy) / sc->radius;
  if (dx * dx + dy * dy > sc->reach * sc->reach)
    return 0;

  dx = (px - sc->cx - sc->sh_dx) / sc->radius;
  dy = (py - sc->cy - sc->sh_dy) / sc->radius;
  shadow = CLAMP (0.5 - shape_sdf (style->shape, dx * sc->ca + dy * sc->sa,
                                   -dx * sc->sa + dy * sc->ca) * sc->radius / 2.5, 0.0, 1.0);
  for (int c = 0; c < 3; c++)
    p[c] *= 1.0 - 0.35 * shadow;

  dx = (px - sc->cx) / sc->radius;
  dy = (py - sc->cy) / sc->radius;
  u = dx * sc->ca + dy * sc->sa;
  v = -dx * sc->sa + dy * sc->ca;
  d = shape_sdf (style->shape, u, v) * sc->radius;
  alpha = CLAMP (0.5 - d, 0.0, 1.0);
  if (alpha <= 0)
    return 0;
  m = fill_mix (style->fill, u, v);
  shade = 1.05 - 0.22 * (u + v) - (style->fill == FILL_SHADED ? 0.25 * (u * u + v * v) : 0);
  shade *= 0.75 + 0.25 * smoothstep (0, 2.5, -d);   /* a darker rim */
  for (int c = 0; c < 3; c++)
    {
      double colour = (sc->primary[c] + (sc->secondary[c] - sc->primary[c]) * m) * shade;
      p[c] = p[c] + (colour - p[c]) * alpha;
    }
  return alpha;
}

void
dd_demo_draw (DdImage   *image,
              guint      motif,
              guint64    seed,
              DdDemoBox *box)
{
  int w = image->width, h = image->height;
  double row_sin = 0, row_cos = 1;
  g_autofree double *columns = NULL;
  DdRng rng;
  Scene sc;

  dd_rng_init (&rng, seed);
  scene_init (&sc, image, motif, &rng);
  columns = sc.col_sin;
  box->x0 = w;
  box->y0 = h;
  box->x1 = -1;
  box->y1 = -1;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float *p = image->data + ((gsize) y * w + x) * 3;
        double px = x + 0.5, py = y + 0.5;

        if (x == 0)
          {
            row_sin = sin (py * sc.wave_f * 0.7 + sc.wave_p);
            row_cos = cos (py * sc.wave_f * 0.7 + sc.wave_p);
          }
        draw_background (&sc, p, x, px, py, row_sin, row_cos);
        if (draw_object (&sc, p, px, py) >= 0.5)
          {
            box->x0 = MIN (box->x0, x);
            box->y0 = MIN (box->y0, y);
            box->x1 = MAX (box->x1, x);
            box->y1 = MAX (box->y1, y);
          }
      }

  /* Mild sensor noise, then clamp. */
  for (gsize i = 0; i < (gsize) w * h * 3; i++)
    image->data[i] = CLAMP (image->data[i] + 0.012f * dd_rng_normal_fast (&rng), 0.0f, 1.0f);

  if (box->x1 < 0)
    {
      box->x0 = box->y0 = 0;
      box->x1 = w - 1;
      box->y1 = h - 1;
    }
}
