/* A plausible model run on the demo: each sample's outcome is drawn from its own seeded
 * generator, with an error rate that rises with severity and a per-corruption
 * difficulty; a few validation images (and their corrupted variants) are predicted,
 * confidently, as another class — the label errors confident learning should find. */
#define G_LOG_DOMAIN "datadive-demo"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dd-demo-run.h"
#include "dd-errors.h"
#include "dd-types.h"

#define CLEAN_ERROR 0.08
/* 1 in this many validation images is "mislabeled": the model sees another class */
#define LABEL_ERROR_EVERY 37

/* How hard a corruption is, from 0.3 (barely) to 1.3 (noise and blur hurt most). */
static double
difficulty (const char *corruption)
{
  static const struct {
    const char *name;
    double      value;
  } known[] = {
    { "gaussian_noise", 1.3 }, { "shot_noise", 1.25 }, { "impulse_noise", 1.3 },
    { "defocus_blur", 1.0 }, { "glass_blur", 1.2 }, { "motion_blur", 0.9 },
    { "zoom_blur", 1.0 }, { "snow", 0.8 }, { "frost", 0.75 }, { "fog", 0.6 },
    { "brightness", 0.3 }, { "contrast", 1.1 }, { "elastic_transform", 0.7 },
    { "pixelate", 0.65 }, { "jpeg_compression", 0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (corruption, known[i].name))
      return known[i].value;
  return 0.3 + (g_str_hash (corruption) % 100) / 100.0;
}

typedef struct {
  FILE       *out;
  char      **wnids;          /* the label order */
  guint       n;
  guint64     seed;
  gsize       root_len;       /* the demo folder's path, with its '/' */
  guint64     rows;
  GString    *line;
} Writer;

static guint
index_of (Writer     *w,
          const char *wnid)
{
  for (guint i = 0; i < w->n; i++)
    if (g_str_equal (w->wnids[i], wnid))
      return i;
  return G_MAXUINT;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *c < 0x20)
        g_string_append_printf (out, "\\u%04x", *c);
      else
        g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static void
append_number (GString *out,
               double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (text, sizeof text, "%.4f", value));
}

/* One prediction for the image @path labeled @truth, in the cell (@corruption, @severity)
 * (NULL, 0 for clean); @image names the validation image, shared by its variants. */
static void
write_prediction (Writer     *w,
                  const char *path,
                  guint       truth,
                  const char *corruption,
                  guint       severity,
                  const char *image)
{
  /* seeded by the path under the demo's folder: the same run wherever it is written */
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) (g_str_hash (path + w->root_len) ^
                                                           w->seed ^ (w->seed >> 32)));
  gboolean label_error = g_str_hash (image) % LABEL_ERROR_EVERY == 0 && w->n > 1;
  double p_error = CLEAN_ERROR;
  guint predicted = truth;
  double confidence;
  g_autofree double *probs = g_new0 (double, w->n);
  double rest;

  if (corruption)
    p_error = MIN (0.92, CLEAN_ERROR + difficulty (corruption) * 0.13 * severity);
  if (label_error && severity <= 3)
    {
      /* the image shows another class: the model says so, confidently */
      predicted = (truth + 1) % w->n;
      confidence = 0.93 + 0.06 * g_rand_double (rand);
    }
  else if (w->n > 1 && g_rand_double (rand) < p_error)
    {
      /* confused mostly with the "neighbouring" class, sometimes with any other */
      guint other = g_rand_double (rand) < 0.6 ? 1 : 1 + g_rand_int_range (rand, 0, w->n - 1);

      predicted = (truth + other) % w->n;
      confidence = 0.25 + 0.45 * g_rand_double (rand);
    }
  else
    confidence = MIN (0.99, 0.55 + 0.44 * g_rand_double (rand) - 0.04 * severity);

  /* probabilities: the prediction its confidence, the truth a share of the rest when
   * wrong, the others what remains, evenly */
  probs[predicted] = confidence;
  rest = 1.0 - confidence;
  if (predicted != truth)
    {
      probs[truth] = label_error ? rest * 0.2 : rest * 0.6;
      rest -= probs[truth];
    }
  for (guint j = 0; j < w->n; j++)
    if (j != predicted && j != truth)
      probs[j] = rest / (w->n - (predicted != truth ? 2 : 1));
  if (w->n == 1)
    probs[0] = 1.0;

  g_string_truncate (w->line, 0);
  g_string_append (w->line, "{\"path\":");
  append_json_string (w->line, path);
  g_string_append (w->line, ",\"prediction\":");
  append_json_string (w->line, w->wnids[predicted]);
  g_string_append (w->line, ",\"confidence\":");
  append_number (w->line, confidence);
  g_string_append (w->line, ",\"loss\":");
  append_number (w->line, -log (MAX (probs[truth], 1e-6)));
  if (w->n <= 20)
    {
      g_string_append (w->line, ",\"probs\":[");
      for (guint j = 0; j < w->n; j++)
        {
          if (j)
            g_string_append_c (w->line, ',');
          append_number (w->line, probs[j]);
        }
      g_string_append_c (w->line, ']');
    }
  g_string_append (w->line, "}\n");
  fputs (w->line->str, w->out);
  w->rows++;
}

static gboolean
read_lines (const char  *path,
            char      ***out,
            GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_IO,
                   _("Cannot read the demo's “%s”: %s"), path, local->message);
      return FALSE;
    }
  g_strchomp (text);
  *out = g_strsplit (text, "\n", -1);
  return TRUE;
}

/* The entries of @dir, sorted (a missing folder has none). */
static GPtrArray *
list_sorted (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, dd_compare_strings);
  return names;
}

gboolean
dd_demo_write_run (const char  *out_dir,
                   guint64      seed,
                   guint64     *out_rows,
                   GError     **error)
{
  g_autofree char *root = g_canonicalize_filename (out_dir, NULL);
  g_autofree char *tiny = g_build_filename (root, "tiny-imagenet-200", NULL);
  g_autofree char *wnids_path = g_build_filename (tiny, "wnids.txt", NULL);
  g_autofree char *annotations = g_build_filename (tiny, "val", "val_annotations.txt", NULL);
  g_autofree char *c_root = g_build_filename (root, "Tiny-ImageNet-C", NULL);
  g_autofree char *target = g_build_filename (root, "predictions.jsonl", NULL);
  g_autofree char *partial = g_strconcat (target, ".part", NULL);
  g_autofree char *classes = g_build_filename (root, "classes.txt", NULL);
  g_autofree char *labels = NULL;
  g_auto(GStrv) rows = NULL;
  g_autoptr(GPtrArray) corruptions = NULL;
  Writer w = { .seed = seed, .root_len = strlen (root) + 1 };
  gboolean ok;

  if (!read_lines (wnids_path, &w.wnids, error) || !read_lines (annotations, &rows, error))
    {
      g_strfreev (w.wnids);
      return FALSE;
    }
  qsort (w.wnids, g_strv_length (w.wnids), sizeof (char *), dd_compare_strings);
  w.n = g_strv_length (w.wnids);
  labels = g_strjoinv ("\n", w.wnids);
  if (!(w.out = fopen (partial, "w")))
    {
      int saved = errno;

      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_IO, _("Cannot write “%s”: %s"),
                   partial, g_strerror (saved));
      g_strfreev (w.wnids);
      return FALSE;
    }
  w.line = g_string_new (NULL);

  /* clean validation images, labeled by val_annotations.txt */
  for (guint i = 0; rows[i]; i++)
    {
      g_auto(GStrv) fields = g_strsplit (rows[i], "\t", 3);
      g_autofree char *path = NULL;
      guint truth;

      if (!fields[0] || !fields[1] || (truth = index_of (&w, fields[1])) == G_MAXUINT)
        continue;
      path = g_build_filename (tiny, "val", "images", fields[0], NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        write_prediction (&w, path, truth, NULL, 0, fields[0]);
    }
  /* every corrupted variant: Tiny-ImageNet-C/<corruption>/<severity>/<wnid>/<image> */
  corruptions = list_sorted (c_root);
  for (guint c = 0; c < corruptions->len; c++)
    for (guint s = 1; s <= 5; s++)
      for (guint k = 0; k < w.n; k++)
        {
          const char *corruption = g_ptr_array_index (corruptions, c);
          g_autofree char *severity = g_strdup_printf ("%u", s);
          g_autofree char *dir = g_build_filename (c_root, corruption, severity, w.wnids[k], NULL);
          g_autoptr(GPtrArray) files = list_sorted (dir);

          for (guint f = 0; f < files->len; f++)
            {
              g_autofree char *path = g_build_filename (dir, g_ptr_array_index (files, f), NULL);

              write_prediction (&w, path, k, corruption, s, g_ptr_array_index (files, f));
            }
        }
  ok = fclose (w.out) == 0;
  ok = ok && g_rename (partial, target) == 0;
  if (!ok)
    {
      int saved = errno;

      g_unlink (partial);
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_IO, _("Cannot write “%s”: %s"), target,
                   g_strerror (saved));
    }
  else
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *text = g_strconcat (labels, "\n", NULL);

      if (!g_file_set_contents (classes, text, -1, &local))
        {
          g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_IO, _("Cannot write “%s”: %s"),
                       classes, local->message);
          ok = FALSE;
        }
    }
  if (out_rows)
    *out_rows = w.rows;
  g_string_free (w.line, TRUE);
  g_strfreev (w.wnids);
  return ok;
}
