/* Model runs: import in every accepted form, bad rows reported, a refused file, the
 * robustness report against a hand computation, outcome filters and sorts. */
#include "config.h"

#include <sys/stat.h>

#include <math.h>
#include <string.h>

#include "dd-health.h"
#include "dd-test-damage.h"
#include "dd-model.h"
#include "dd-prompt.h"
#include "dd-recipe.h"
#include "dd-relations.h"
#include "dd-sample-details.h"
#include "dd-test-util.h"

/* The fixture's samples: a cell, a class, and what runs A and B predict (wrong or
 * right; ' ' no prediction). Classes: 1 n01 cat, 2 n02 dog, 3 n03 fox. A wrong
 * prediction of cat is fox, of dog is cat.
 *
 *   cell     samples  A wrong  B wrong
 *   clean    4        1        0
 *   fog 1    4        2        3
 *   fog 2    4        3        4
 *   blur 1   4        1        2
 *   fog 3    2        (none)   1
 * plus a fox sample without predictions and an unlabeled one that A calls a cat. */
typedef struct {
  const char *key;
  guint       class_id;
  const char *corruption;
  guint       severity;
  char        a;          /* 'w' wrong, 'r' right, ' ' none */
  char        b;
} Planted;

static const Planted planted[] = {
  { "ds/val/n01/c0.JPEG", 1, "none", 0, 'w', 'r' },
  { "ds/val/n02/we,ird\nname \"q\".JPEG", 2, "none", 0, 'r', 'r' },
  { "ds/val/n01/c2.JPEG", 1, "none", 0, 'r', 'r' },
  { "ds/val/n02/c3.JPEG", 2, "none", 0, 'r', 'r' },
  { "ds/fog/1/n01/f0.JPEG", 1, "fog", 1, 'w', 'w' },
  { "ds/fog/1/n02/f1.JPEG", 2, "fog", 1, 'w', 'w' },
  { "ds/fog/1/n01/f2.JPEG", 1, "fog", 1, 'r', 'w' },
  { "ds/fog/1/n02/f3.JPEG", 2, "fog", 1, 'r', 'r' },
  { "ds/fog/2/n01/g0.JPEG", 1, "fog", 2, 'w', 'w' },
  { "ds/fog/2/n02/g1.JPEG", 2, "fog", 2, 'w', 'w' },
  { "ds/fog/2/n01/g2.JPEG", 1, "fog", 2, 'w', 'w' },
  { "ds/fog/2/n02/g3.JPEG", 2, "fog", 2, 'r', 'w' },
  { "ds/blur/1/n01/b0.JPEG", 1, "motion_blur", 1, 'w', 'w' },
  { "ds/blur/1/n02/b1.JPEG", 2, "motion_blur", 1, 'r', 'w' },
  { "ds/blur/1/n01/b2.JPEG", 1, "motion_blur", 1, 'r', 'r' },
  { "ds/blur/1/n02/b3.JPEG", 2, "motion_blur", 1, 'r', 'r' },
  { "ds/fog/3/n01/h0.JPEG", 1, "fog", 3, ' ', 'w' },
  { "ds/fog/3/n02/h1.JPEG", 2, "fog", 3, ' ', 'r' },
  { "ds/val/n03/x0.JPEG", 3, "none", 0, ' ', ' ' },
  { "ds/test/u0.JPEG", 0, "none", 0, 'w', ' ' },
};

static const char * const wnids[] = { NULL, "n01", "n02", "n03" };
static const char * const names[] = { NULL, "cat", "dog", "fox" };

static guint
predicted_class (const Planted *p,
                 char           outcome)
{
  if (p->class_id == 0)
    return 1;
  if (outcome == 'r')
    return p->class_id;
  return p->class_id == 1 ? 3 : 1;
}

static void
setup_planted (DdTestFixture *f,
               gconstpointer  data)
{
  g_autofree char *root = NULL;
  g_autoptr(GError) error = NULL;
  DdCatalogWriter *w;
  guint source, split;

  dd_test_setup_empty (f, data);
  root = g_build_filename (f->dir, "ds", NULL);
  w = dd_test_writer (f->catalog);
  source = dd_test_add_source (w, root, "tiny-imagenet-c");
  for (guint c = 1; c <= 3; c++)
    dd_test_add_class (w, wnids[c], names[c], names[c], NULL, NULL);
  split = dd_catalog_writer_ensure_split (w, "val", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      guint corruption = dd_catalog_writer_ensure_corruption (w, planted[i].corruption, &error);

      g_assert_no_error (error);
      dd_test_add_sample (w, source, planted[i].key, planted[i].class_id, corruption,
                          planted[i].severity, split, 0, NULL);
    }
  dd_test_finish_source (w, source, root, "tiny-imagenet-c");
  dd_test_commit (w);
}

/* A CSV field, quoted the RFC 4180 way. */
static void
append_field (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

/* Run A or B as a CSV in every accepted form: absolute paths, relative paths and keys;
 * wnids, names and label indices (the default order: n01 n02 n03). */
static char *
write_run_csv (DdTestFixture *f,
               gboolean       b,
               const char    *name)
{
  g_autoptr(GString) out = g_string_new ("path,key,prediction,confidence,loss,extra\r\n");
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      const Planted *p = &planted[i];
      char outcome = b ? p->b : p->a;
      guint predicted;
      g_autofree char *abs = NULL;
      g_autofree char *index = NULL;

      if (outcome == ' ')
        continue;
      predicted = predicted_class (p, outcome);
      abs = g_build_filename (f->dir, p->key, NULL);
      switch (i % 3)
        {
        case 0:   /* absolute path, wnid */
          append_field (out, abs);
          g_string_append (out, ",,");
          g_string_append (out, wnids[predicted]);
          break;
        case 1:   /* relative path, name */
          append_field (out, p->key);
          g_string_append (out, ",,");
          append_field (out, names[predicted]);
          break;
        default:  /* key, label index */
          g_string_append_c (out, ',');
          append_field (out, p->key);
          index = g_strdup_printf (",%u", predicted - 1);
          g_string_append (out, index);
          break;
        }
      /* confidence: right 0.9, wrong 0.8 but the first wrong fog one 0.3; loss = i */
      g_string_append_printf (out, ",%s,%u,x\r\n",
                              outcome == 'r' ? "0.9" : i == 4 ? "0.3" : "0.8", i);
    }
  g_file_set_contents (path, out->str, out->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static DdModelImport *
import_ok (DdTestFixture *f,
           const char    *run,
           const char    *file,
           const char    *labels)
{
  g_autoptr(GError) error = NULL;
  DdModelImport *result = dd_model_import (f->catalog, run, file, labels, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The planted run A (with @b, run B) written to a.csv (b.csv) and imported. */
static DdModelImport *
import_planted (DdTestFixture *f,
                gboolean       b)
{
  g_autofree char *file = write_run_csv (f, b, b ? "b.csv" : "a.csv");

  return import_ok (f, b ? "B" : "A", file, NULL);
}

static guint
count_planted (gboolean b)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    n += (b ? planted[i].b : planted[i].a) != ' ';
  return n;
}

static void
test_import_csv (DdTestFixture *f,
                 gconstpointer  data)
{
  g_autofree char *file = write_run_csv (f, FALSE, "a.csv");
  g_autoptr(DdModelImport) result = import_ok (f, "A", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRunRows) rows = NULL;

  g_assert_cmpuint (result->rows, ==, count_planted (FALSE));
  g_assert_cmpuint (result->imported, ==, count_planted (FALSE));
  g_assert_cmpuint (result->unmatched + result->duplicates + result->rejected, ==, 0);
  g_assert_cmpuint (result->problems->len, ==, 0);

  rows = dd_model_read_run (f->catalog, "A", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->rows->len, ==, count_planted (FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      gint64 id = dd_catalog_lookup_key (f->catalog, planted[i].key, &error);
      const DdPrediction *p = dd_run_rows_find (rows, id);

      g_assert_no_error (error);
      if (planted[i].a == ' ')
        {
          g_assert_null (p);
          continue;
        }
      g_assert_nonnull (p);
      g_assert_cmpuint (p->predicted, ==, predicted_class (&planted[i], planted[i].a));
      g_assert_cmpuint (p->class_id, ==, planted[i].class_id);
      g_assert_cmpfloat_with_epsilon (p->loss, i, 1e-12);
      g_assert_cmpfloat_with_epsilon (p->confidence,
                                      planted[i].a == 'r' ? 0.9 : i == 4 ? 0.3 : 0.8, 1e-12);
    }
  g_assert_cmpstrv (rows->labels, ((const char * const[]) { "n01", "n02", "n03", NULL }));
}

static void
test_import_jsonl (DdTestFixture *f,
                   gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "run.jsonl", NULL);
  g_autofree char *labels = g_build_filename (f->dir, "classes.txt", NULL);
  g_autofree char *abs = g_build_filename (f->dir, "ds/val/n01/c2.JPEG", NULL);
  g_autofree char *text = NULL;
  g_autoptr(DdModelImport) result = NULL;
  g_autoptr(DdRunRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  const DdPrediction *p;
  guint predicted = 0;
  double confidence, loss;
  g_autofree char *top5 = NULL;
  gint64 id;

  /* the model's own order: fox, cat, dog */
  dd_test_write_bytes (labels, "n03\nn01\nn02\n\n", -1);
  text = g_strdup_printf (
    "{\"key\": \"ds/val/n01/c0.JPEG\", \"prediction\": 1, \"probs\": [0.1, 0.7, 0.2],"
    " \"top5\": [1, \"n02\", \"fox\"]}\n"
    "\n"
    "{\"path\": \"%s\", \"prediction\": \"dog\", \"confidence\": 0.55, \"loss\": 2.5}\n"
    "{\"key\": \"ds/val/n02/c3.JPEG\", \"prediction\": \"2\", \"confidence\": null}\n",
    abs);
  dd_test_write_bytes (file, text, -1);
  result = import_ok (f, "J", file, labels);
  g_assert_cmpuint (result->rows, ==, 3);
  g_assert_cmpuint (result->imported, ==, 3);

  rows = dd_model_read_run (f->catalog, "J", TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (rows->info->has_probs);
  id = dd_catalog_lookup_key (f->catalog, "ds/val/n01/c0.JPEG", NULL);
  p = dd_run_rows_find (rows, id);
  g_assert_cmpuint (p->predicted, ==, 1);            /* label 1 = n01 in this order */
  g_assert_cmpfloat_with_epsilon (p->confidence, 0.7, 1e-6);   /* from probs */
  g_assert_true (isnan (p->loss));
  g_assert_cmpfloat_with_epsilon (rows->probs[dd_run_rows_find_index (rows, id) * 3 + 2], 0.2,
                                  1e-6);
  g_assert_true (dd_catalog_read_prediction (f->catalog, "J", id, &predicted, &confidence, &loss,
                                             &top5, &error));
  g_assert_cmpstr (top5, ==, "1,2,3");
  /* the viewer's lines */
  {
    g_autoptr(DdSampleDetails) details = dd_sample_details_load (f->catalog, id, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (details->prediction);
    g_assert_true (g_str_has_prefix (details->prediction, "n01 cat — right, confidence 0.70"));
    g_assert_nonnull (strstr (details->prediction, "“J”"));
    g_assert_cmpstr (details->top5, ==, "1. n01 cat\n2. n02 dog\n3. n03 fox");
  }
  p = dd_run_rows_find (rows, dd_catalog_lookup_key (f->catalog, "ds/val/n01/c2.JPEG", NULL));
  g_assert_cmpuint (p->predicted, ==, 2);
  g_assert_cmpfloat (p->loss, ==, 2.5);
  p = dd_run_rows_find (rows, dd_catalog_lookup_key (f->catalog, "ds/val/n02/c3.JPEG", NULL));
  g_assert_cmpuint (p->predicted, ==, 2);            /* "2" = n02 in this order */
  g_assert_true (isnan (p->confidence));
}

static gboolean
has_problem (DdModelImport *result,
             const char    *needle)
{
  for (guint i = 0; i < result->problems->len; i++)
    if (strstr (g_ptr_array_index (result->problems, i), needle))
      return TRUE;
  return FALSE;
}

static void
test_import_bad_rows (DdTestFixture *f,
                      gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "bad.csv", NULL);
  g_autoptr(DdModelImport) result = NULL;
  g_autoptr(GString) csv = g_string_new ("key,prediction,confidence,loss\n");

  /* 8 good rows, so the bad ones are a minority */
  for (guint i = 4; i < 12; i++)
    g_string_append_printf (csv, "%s,n01,0.5,1\n", planted[i].key);
  g_string_append (csv,
                   "ds/val/n01/c0.JPEG,zebra,0.5,1\n"        /* unknown class */
                   "ds/val/n01/c2.JPEG,n01,1.5,1\n"          /* confidence out of range */
                   "ds/val/n02/c3.JPEG,n01,abc,1\n"          /* not a number */
                   "ds/blur/1/n01/b0.JPEG,n01,0.5,nan\n"     /* loss not finite */
                   "ds/blur/1/n02/b1.JPEG,7,0.5,1\n"         /* label out of range */
                   "ds/nowhere/z.JPEG,n01,0.5,1\n"           /* no such sample */
                   "ds/fog/1/n01/f0.JPEG,n02,0.5,1\n"        /* a second row */
                   ",n01,0.5,1\n"                            /* no key */
                   "ds/blur/1/n01/b2.JPEG,,0.5,1\n");        /* no prediction */
  dd_test_write_bytes (file, csv->str, -1);
  result = import_ok (f, "bad", file, NULL);
  g_assert_cmpuint (result->rows, ==, 17);
  g_assert_cmpuint (result->imported, ==, 8);
  g_assert_cmpuint (result->unmatched, ==, 1);
  g_assert_cmpuint (result->duplicates, ==, 1);
  g_assert_cmpuint (result->rejected, ==, 7);
  g_assert_cmpuint (result->problems->len, ==, 9);
  g_assert_true (has_problem (result, "row 10: unknown class “zebra”"));
  g_assert_true (has_problem (result, "row 11: the confidence “1.5”"));
  g_assert_true (has_problem (result, "row 12: the confidence “abc”"));
  g_assert_true (has_problem (result, "row 13: the loss “nan”"));
  g_assert_true (has_problem (result, "row 14: label 7 is outside the label order (0 to 2)"));
  g_assert_true (has_problem (result, "row 15: no sample has the path “ds/nowhere/z.JPEG”"));
  g_assert_true (has_problem (result, "row 16: a second prediction for “ds/fog/1/n01/f0.JPEG”"));
  g_assert_true (has_problem (result, "row 17: no path or key"));
  g_assert_true (has_problem (result, "row 18: no prediction"));
}

static void
test_import_many_problems_listed_first_20 (DdTestFixture *f,
                                           gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "many.jsonl", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(DdModelImport) result = NULL;

  for (guint i = 0; i < 18; i++)
    if (i != 1)   /* (its key would need JSON escapes) */
      g_string_append_printf (text, "{\"key\": \"%s\", \"prediction\": \"n01\"}\n",
                              planted[i].key);
  for (guint i = 0; i < 30; i++)
    g_string_append (text, "{\"key\": \"ds/val/n01/c0.JPEG\", \"prediction\": \"n01\"}\n");
  g_string_append (text, "not json\n");
  dd_test_write_bytes (file, text->str, -1);
  result = import_ok (f, "many", file, NULL);
  g_assert_cmpuint (result->duplicates, ==, 30);
  g_assert_cmpuint (result->rejected, ==, 1);
  g_assert_cmpuint (result->problems->len, ==, DD_MODEL_MAX_PROBLEMS);
}

static void
assert_no_runs (DdTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = dd_model_list_runs (f->catalog, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
}

static void
test_import_refused (DdTestFixture *f,
                     gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "other.csv", NULL);
  g_autoptr(GError) error = NULL;
  DdModelImport *result;

  /* the right file under another root: 3 of 4 rows match nothing */
  dd_test_write_bytes (file, "path,prediction\n"
                             "/elsewhere/ds/val/n01/c0.JPEG,n01\n"
                             "/elsewhere/ds/val/n01/c2.JPEG,n01\n"
                             "/elsewhere/ds/val/n02/c3.JPEG,n01\n"
                             "ds/val/n01/c2.JPEG,n01\n", -1);
  result = dd_model_import (f->catalog, "R", file, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "3 of its 4 rows match no sample"));
  g_assert_null (strchr (error->message, '\n'));
  assert_no_runs (f);
}

static void
test_import_bad_files (DdTestFixture *f,
                       gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *text;
    const char *needle;
  } cases[] = {
    { "q.csv", "key,prediction\n\"ds/val/n01/c0.JPEG,n01\n", "is not valid CSV" },
    { "h.csv", "file,label\nds/val/n01/c0.JPEG,n01\n", "has no “prediction” column" },
    { "k.csv", "name,prediction\nds/val/n01/c0.JPEG,n01\n", "has no “path” column" },
    { "e.csv", "", "is empty" },
    { "e.jsonl", "\n\n", "is empty" },
    { "z.csv", "key,prediction\nds/val/n01/c0.JPEG,zebra\n", "none of its rows could be" },
  };
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *labels = g_build_filename (f->dir, "labels.txt", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = g_build_filename (f->dir, cases[i].name, NULL);
      g_autoptr(GError) local = NULL;

      dd_test_write_bytes (file, cases[i].text, -1);
      g_assert_null (dd_model_import (f->catalog, "X", file, NULL, NULL, &local));
      g_assert_nonnull (local);
      g_test_message ("%s: %s", cases[i].name, local->message);
      g_assert_nonnull (strstr (local->message, cases[i].needle));
      g_assert_nonnull (strstr (local->message, file));
      g_assert_null (strchr (local->message, '\n'));
    }
  g_assert_null (dd_model_import (f->catalog, "X", missing, NULL, NULL, &error));
  g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_IO);
  g_clear_error (&error);
  dd_test_write_bytes (labels, "n09\nn08\n", -1);
  g_assert_null (dd_model_import (f->catalog, "X", missing, labels, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  dd_test_write_bytes (labels, "n01\n\nn02\n", -1);
  {
    g_autofree char *file = write_run_csv (f, FALSE, "a.csv");

    g_assert_null (dd_model_import (f->catalog, "X", file, labels, NULL, &error));
    g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Line 2 of the labels"));
    g_clear_error (&error);
    g_assert_null (dd_model_import (f->catalog, "", file, NULL, NULL, &error));
    g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID);
  }
  assert_no_runs (f);
}

static void
test_runs_list_rename_delete_replace (DdTestFixture *f,
                                      gconstpointer  data)
{
  g_autofree char *b = write_run_csv (f, TRUE, "b.csv");
  g_autoptr(DdModelImport) ra = import_planted (f, FALSE);
  g_autoptr(DdModelImport) rb = import_ok (f, "B", b, NULL);
  g_autoptr(DdModelImport) again = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  DdRunInfo *info;

  runs = dd_model_list_runs (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
  info = g_ptr_array_index (runs, 0);
  g_assert_cmpstr (info->name, ==, "A");
  g_assert_cmpuint (info->samples, ==, 17);
  g_assert_cmpuint (info->labeled, ==, 16);
  g_assert_cmpuint (info->correct, ==, 9);
  g_assert_cmpint (info->imported_at, >, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);

  /* re-importing A's name with B's file replaces A (the run read before, and kept by the
   * catalog, is not what is read after) */
  {
    g_autoptr(DdRunRows) before = dd_model_read_run (f->catalog, "A", FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (before->rows->len, ==, count_planted (FALSE));
  }
  again = import_ok (f, "A", b, NULL);
  {
    g_autoptr(DdRunRows) after = dd_model_read_run (f->catalog, "A", FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (after->rows->len, ==, count_planted (TRUE));
  }
  runs = dd_model_list_runs (f->catalog, NULL);
  info = g_ptr_array_index (runs, 0);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpuint (info->samples, ==, count_planted (TRUE));
  g_clear_pointer (&runs, g_ptr_array_unref);

  g_assert_false (dd_model_rename_run (f->catalog, "A", "B", &error));
  g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dd_model_rename_run (f->catalog, "A", "C", &error));
  g_assert_no_error (error);
  g_assert_false (dd_model_delete_run (f->catalog, "A", &error));
  g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (dd_model_delete_run (f->catalog, "C", &error));
  g_assert_true (dd_model_delete_run (f->catalog, "B", &error));
  g_assert_no_error (error);
  assert_no_runs (f);
}

static double
ce_of (DdModelReport *r,
       const char    *corruption,
       gboolean       relative)
{
  for (guint i = 0; i < r->corruptions->len; i++)
    {
      DdModelCorruption *c = g_ptr_array_index (r->corruptions, i);

      if (g_str_equal (c->corruption, corruption))
        return relative ? c->relative_ce : c->ce;
    }
  g_assert_not_reached ();
}

static void
test_report_hand_computed (DdTestFixture *f,
                           gconstpointer  data)
{
  g_autoptr(DdModelImport) ra = import_planted (f, FALSE);
  g_autoptr(DdModelImport) rb = import_planted (f, TRUE);
  g_autoptr(DdModelReport) plain = NULL;
  g_autoptr(DdModelReport) rel = NULL;
  g_autoptr(GError) error = NULL;
  DdModelConfusion *c;
  const DdModelCell *cell;

  plain = dd_model_report (f->catalog, "A", NULL, &error);
  g_assert_no_error (error);
  /* 16 labeled predictions, 7 wrong (the unlabeled one counts in neither) */
  g_assert_cmpuint (plain->samples, ==, 16);
  g_assert_cmpfloat_with_epsilon (plain->accuracy, 9.0 / 16.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plain->clean_error, 0.25, 1e-9);
  g_assert_cmpuint (plain->cells->len, ==, 3);   /* fog 1, fog 2, motion_blur 1 */
  cell = g_ptr_array_index (plain->cells, 0);
  g_assert_cmpstr (cell->corruption, ==, "fog");
  g_assert_cmpuint (cell->severity, ==, 1);
  g_assert_cmpuint (cell->errors, ==, 2);
  g_assert_cmpfloat_with_epsilon (cell->error, 0.5, 1e-9);
  cell = g_ptr_array_index (plain->cells, 1);
  g_assert_cmpfloat_with_epsilon (cell->error, 0.75, 1e-9);
  cell = g_ptr_array_index (plain->cells, 2);
  g_assert_cmpstr (cell->corruption, ==, "motion_blur");
  g_assert_cmpfloat_with_epsilon (cell->error, 0.25, 1e-9);
  /* unnormalised: CE_fog = (0.5 + 0.75) / 2, CE_blur = 0.25, mCE their mean */
  g_assert_cmpfloat_with_epsilon (ce_of (plain, "fog", FALSE), 0.625, 1e-9);
  g_assert_cmpfloat_with_epsilon (ce_of (plain, "motion_blur", FALSE), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (plain->mce, 0.4375, 1e-9);
  g_assert_true (isnan (plain->relative_mce));
  /* confusions: cat → fox 5 times, dog → cat twice */
  g_assert_cmpuint (plain->confusions->len, ==, 2);
  c = g_ptr_array_index (plain->confusions, 0);
  g_assert_cmpstr (c->wnid, ==, "n01");
  g_assert_cmpstr (c->predicted_wnid, ==, "n03");
  g_assert_cmpuint (c->count, ==, 5);
  c = g_ptr_array_index (plain->confusions, 1);
  g_assert_cmpstr (c->wnid, ==, "n02");
  g_assert_cmpstr (c->predicted_wnid, ==, "n01");
  g_assert_cmpuint (c->count, ==, 2);

  /* against B (clean 0, fog 0.75 / 1.0 / fog 3 0.5, blur 0.5); fog 3 is only B's: left
   * out of both sums */
  rel = dd_model_report (f->catalog, "A", "B", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (ce_of (rel, "fog", FALSE), (0.5 + 0.75) / (0.75 + 1.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (ce_of (rel, "motion_blur", FALSE), 0.25 / 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (rel->mce, (1.25 / 1.75 + 0.5) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (ce_of (rel, "fog", TRUE),
                                  ((0.5 - 0.25) + (0.75 - 0.25)) / ((0.75 - 0) + (1.0 - 0)), 1e-9);
  g_assert_cmpfloat_with_epsilon (ce_of (rel, "motion_blur", TRUE), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rel->relative_mce, (0.75 / 1.75 + 0.0) / 2, 1e-9);

  /* a relabel is seen at once: c0 (cat, predicted fox) becomes a fox */
  {
    DdCatalogWriter *w = dd_test_writer (f->catalog);
    gint64 id = dd_catalog_lookup_key (f->catalog, "ds/val/n01/c0.JPEG", NULL);
    g_autoptr(DdModelReport) after = NULL;

    g_assert_true (dd_catalog_writer_relabel_sample (w, id, 3, 0, &error));
    dd_test_commit (w);
    after = dd_model_report (f->catalog, "A", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (after->clean_error, 0.0, 1e-9);
  }

  g_assert_null (dd_model_report (f->catalog, "nope", NULL, &error));
  g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_NOT_FOUND);
}

static GArray *
clause_ids (DdTestFixture  *f,
            DdModelClause  *clause)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = dd_model_clause_ids (clause, f->catalog, &error);

  g_assert_no_error (error);
  return ids;
}

static void
test_clause_and_sort (DdTestFixture *f,
                      gconstpointer  data)
{
  g_autoptr(DdModelImport) ra = import_planted (f, FALSE);
  g_autoptr(DdModelClause) clause = dd_model_clause_new ("A");
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DdRunRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_wrong_fog;

  clause->outcome = DD_MODEL_OUTCOME_WRONG;
  ids = clause_ids (f, clause);
  g_assert_cmpuint (ids->len, ==, 7);   /* the unlabeled one is neither */
  for (guint i = 1; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i - 1), <, g_array_index (ids, gint64, i));
  g_clear_pointer (&ids, g_array_unref);

  clause->outcome = DD_MODEL_OUTCOME_CORRECT;
  ids = clause_ids (f, clause);
  g_assert_cmpuint (ids->len, ==, 9);
  g_clear_pointer (&ids, g_array_unref);

  /* confident mistakes: wrong with confidence >= 0.5 */
  clause->outcome = DD_MODEL_OUTCOME_WRONG;
  clause->confidence_min = 0.5;
  ids = clause_ids (f, clause);
  g_assert_cmpuint (ids->len, ==, 6);
  g_clear_pointer (&ids, g_array_unref);
  clause->confidence_min = NAN;
  clause->confidence_max = 0.5;
  ids = clause_ids (f, clause);
  first_wrong_fog = dd_catalog_lookup_key (f->catalog, planted[4].key, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first_wrong_fog);
  g_clear_pointer (&ids, g_array_unref);

  clause->confidence_max = NAN;
  clause->outcome = DD_MODEL_OUTCOME_ANY;
  clause->predicted = g_strdupv ((char *[]) { (char *) "fox", NULL });
  ids = clause_ids (f, clause);
  g_assert_cmpuint (ids->len, ==, 5);

  /* by loss, descending: the planted index order reversed */
  rows = dd_model_read_run (f->catalog, "A", FALSE, &error);
  g_assert_no_error (error);
  dd_model_sort_ids (rows, (gint64 *) ids->data, ids->len, DD_MODEL_SORT_LOSS, TRUE);
  for (guint i = 1; i < ids->len; i++)
    g_assert_cmpfloat (dd_run_rows_find (rows, g_array_index (ids, gint64, i - 1))->loss, >,
                       dd_run_rows_find (rows, g_array_index (ids, gint64, i))->loss);
  /* by confidence, ascending: the 0.3 one first */
  dd_model_sort_ids (rows, (gint64 *) ids->data, ids->len, DD_MODEL_SORT_CONFIDENCE, FALSE);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first_wrong_fog);
  g_clear_pointer (&ids, g_array_unref);

  g_strfreev (clause->predicted);
  clause->predicted = g_strdupv ((char *[]) { (char *) "zebra", NULL });
  g_assert_null (dd_model_clause_ids (clause, f->catalog, &error));
  g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID);
}


/* ---- datadive-cli model ---------------------------------------------------------------- */

static void
test_cli_import_list_report (DdTestFixture *f,
                             gconstpointer  data)
{
  g_autofree char *a = write_run_csv (f, FALSE, "a.csv");
  g_autofree char *b = write_run_csv (f, TRUE, "b.csv");
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_auto(DdTestRun) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o, *ce, *cell, *run;
  JsonArray *array;

  if (dd_test_skip_without_cli ())
    return;
  dd_test_run_cli (&r, "model", "import", "--catalog", f->catalog_path, "--run", "A", a,
                   "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  g_assert_cmpstr (json_object_get_string_member (o, "run"), ==, "A");
  g_assert_cmpint (json_object_get_int_member (o, "imported"), ==, 17);
  g_assert_cmpint (json_object_get_int_member (o, "unmatched"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "duplicates"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "rejected"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "problems")), ==, 0);
  dd_test_run_cli (&r, "model", "import", "--catalog", f->catalog_path, "--run", "B", b, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Imported 18 predictions as run “B”"));

  dd_test_run_cli (&r, "model", "list", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  array = json_object_get_array_member (o, "runs");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  run = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (run, "name"), ==, "A");
  g_assert_cmpint (json_object_get_int_member (run, "samples"), ==, 17);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (run, "accuracy"), 9.0 / 16.0,
                                  1e-9);
  g_assert_true (json_object_has_member (run, "imported_at"));

  dd_test_run_cli (&r, "model", "report", "--catalog", f->catalog_path, "--run", "A",
                   "--baseline", "B", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  g_assert_cmpint (json_object_get_int_member (o, "samples"), ==, 16);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "clean_error"), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "mce"),
                                  (1.25 / 1.75 + 0.5) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "relative_mce"),
                                  (0.75 / 1.75) / 2, 1e-9);
  ce = json_object_get_object_member (o, "corruption_errors");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ce, "fog"), 1.25 / 1.75, 1e-9);
  ce = json_object_get_object_member (o, "relative_corruption_errors");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ce, "motion_blur"), 0, 1e-9);
  array = json_object_get_array_member (o, "cells");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  cell = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (cell, "corruption"), ==, "fog");
  g_assert_cmpint (json_object_get_int_member (cell, "severity"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (cell, "samples"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (cell, "errors"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cell, "error"), 0.75, 1e-9);
  array = json_object_get_array_member (o, "confusions");
  cell = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (cell, "class"), ==, "n01");
  g_assert_cmpstr (json_object_get_string_member (cell, "predicted"), ==, "n03");
  g_assert_cmpint (json_object_get_int_member (cell, "count"), ==, 5);

  /* without a baseline: no relative members; the text form names mCE */
  dd_test_run_cli (&r, "model", "report", "--catalog", f->catalog_path, "--run", "A", "--json",
                   NULL);
  o = dd_test_parse_object (parser, r.out);
  g_assert_false (json_object_has_member (o, "relative_mce"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "mce"), 0.4375, 1e-9);
  dd_test_run_cli (&r, "model", "report", "--catalog", f->catalog_path, "--run", "A", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "0.4375"));

  /* bad rows are warnings; a refused file and a missing run one-line errors */
  dd_test_write_bytes (bad, "key,prediction\nds/val/n01/c0.JPEG,n01\nds/val/n01/c2.JPEG,zebra\n"
                            "ds/val/n02/c3.JPEG,n02\n", -1);
  dd_test_run_cli (&r, "model", "import", "--catalog", f->catalog_path, "--run", "C", bad, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "warning: row 3: unknown class “zebra”"));
  dd_test_write_bytes (bad, "key,prediction\nx/1.JPEG,n01\nx/2.JPEG,n01\n", -1);
  dd_test_run_cli (&r, "model", "import", "--catalog", f->catalog_path, "--run", "D", bad, NULL);
  dd_test_assert_one_line_error (&r, "2 of its 2 rows match no sample");
  dd_test_run_cli (&r, "model", "report", "--catalog", f->catalog_path, "--run", "nope", NULL);
  dd_test_assert_one_line_error (&r, "no model run named “nope”");
  dd_test_run_cli (&r, "model", "import", "--catalog", f->catalog_path, "--run", "E", NULL);
  dd_test_assert_one_line_error (&r, "needs a FILE");
  dd_test_run_cli (&r, "model", "report", "--catalog", f->catalog_path, NULL);
  dd_test_assert_one_line_error (&r, "--run NAME");
  dd_test_run_cli (&r, "model", "frob", "--catalog", f->catalog_path, NULL);
  dd_test_assert_one_line_error (&r, "unknown model action “frob”");

  /* a run read here, then imported again by another process: read again, not kept */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdRunRows) before = dd_model_read_run (f->catalog, "A", FALSE, &error);
    g_autoptr(DdRunRows) after = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (before->rows->len, ==, count_planted (FALSE));
    dd_test_run_cli (&r, "model", "import", "--catalog", f->catalog_path, "--run", "A", b, NULL);
    g_assert_cmpint (r.status, ==, 0);
    after = dd_model_read_run (f->catalog, "A", FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (after->rows->len, ==, count_planted (TRUE));
  }
  dd_test_run_cli (&r, "model", "rename", "A", "--to", "A2", "--catalog", f->catalog_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "model", "delete", "A2", "--catalog", f->catalog_path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "model", "list", "--catalog", f->catalog_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "A2"));
  g_assert_nonnull (strstr (r.out, "B\t"));
}

/* demo --with-run: a run that imports whole, with error rising with severity, some
 * corruptions harder than others and a few confident mistakes. */
static void
test_cli_demo_with_run (DdTestFixture *f,
                        gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "demo", NULL);
  g_autofree char *tiny = g_build_filename (out, "tiny-imagenet-200", NULL);
  g_autofree char *c = g_build_filename (out, "Tiny-ImageNet-C", NULL);
  g_autofree char *catalog = g_build_filename (f->dir, "demo.ddcat", NULL);
  g_autofree char *predictions = NULL;
  g_autofree char *labels = NULL;
  g_auto(DdTestRun) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DdCatalog) cat = NULL;
  g_autoptr(DdModelReport) report = NULL;
  g_autoptr(DdModelClause) clause = dd_model_clause_new ("demo");
  g_autoptr(GArray) confident = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *o, *run;
  double by_severity[6] = { 0 }, hardest = 0, easiest = 1;
  guint n_by_severity[6] = { 0 };

  if (dd_test_skip_without_cli ())
    return;
  dd_test_run_cli (&r, "demo", out, "--classes", "4", "--per-class", "6", "--with-run", "--json",
                   NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  run = json_object_get_object_member (o, "run");
  predictions = g_strdup (json_object_get_string_member (run, "predictions"));
  labels = g_strdup (json_object_get_string_member (run, "labels"));
  g_assert_cmpint (json_object_get_int_member (run, "rows"), >, 1000);
  dd_test_run_cli (&r, "index", tiny, c, "--catalog", catalog, NULL);
  g_assert_cmpint (r.status, ==, 0);
  dd_test_run_cli (&r, "model", "import", "--catalog", catalog, "--run", "demo", predictions,
                   "--labels", labels, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  g_assert_cmpint (json_object_get_int_member (o, "unmatched"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "rejected"), ==, 0);

  cat = dd_catalog_open (catalog, DD_CATALOG_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  report = dd_model_report (cat, "demo", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->cells->len; i++)
    {
      DdModelCell *cell = g_ptr_array_index (report->cells, i);

      by_severity[cell->severity] += cell->error;
      n_by_severity[cell->severity]++;
    }
  for (guint s = 2; s <= 5; s++)
    g_assert_cmpfloat (by_severity[s] / n_by_severity[s], >, by_severity[s - 1] / n_by_severity[s - 1] - 0.02);
  g_assert_cmpfloat (by_severity[5] / n_by_severity[5], >, by_severity[1] / n_by_severity[1] + 0.2);
  g_assert_cmpfloat (by_severity[1] / n_by_severity[1], >, report->clean_error - 0.05);
  for (guint i = 0; i < report->corruptions->len; i++)
    {
      DdModelCorruption *x = g_ptr_array_index (report->corruptions, i);

      hardest = MAX (hardest, x->ce);
      easiest = MIN (easiest, x->ce);
    }
  g_assert_cmpfloat (hardest, >, easiest + 0.2);
  clause->outcome = DD_MODEL_OUTCOME_WRONG;
  clause->confidence_min = 0.9;
  confident = dd_model_clause_ids (clause, cat, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (confident->len, >, 0);
}

/* ---- suspect labels ----------------------------------------------------------------- */

/* Probabilities over (n01 cat, n02 dog, n03 fox). t_cat = (0.9 + 0.8 + 0.7 + 0.1) / 4,
 * t_dog = (0.8 + 0.6 + 0.9) / 3, t_fox = 0.8: f2, labeled cat with p_cat 0.1 < t_cat and
 * p_fox 0.8 >= t_fox, is the one suspect; f1 (dog, p_dog 0.6 < t_dog) has no other class
 * above its threshold. */
static const char probs_run[] =
  "{\"key\": \"ds/val/n01/c0.JPEG\", \"prediction\": \"n01\", \"probs\": [0.9, 0.05, 0.05]}\n"
  "{\"key\": \"ds/val/n01/c2.JPEG\", \"prediction\": \"n01\", \"probs\": [0.8, 0.1, 0.1]}\n"
  "{\"key\": \"ds/fog/1/n01/f0.JPEG\", \"prediction\": \"n01\", \"probs\": [0.7, 0.2, 0.1]}\n"
  "{\"key\": \"ds/fog/1/n01/f2.JPEG\", \"prediction\": \"n03\", \"probs\": [0.1, 0.1, 0.8]}\n"
  "{\"key\": \"ds/val/n02/c3.JPEG\", \"prediction\": \"n02\", \"probs\": [0.1, 0.8, 0.1]}\n"
  "{\"key\": \"ds/fog/1/n02/f1.JPEG\", \"prediction\": \"n02\", \"probs\": [0.2, 0.6, 0.2]}\n"
  "{\"key\": \"ds/fog/1/n02/f3.JPEG\", \"prediction\": \"n02\", \"probs\": [0.05, 0.9, 0.05]}\n"
  "{\"key\": \"ds/val/n03/x0.JPEG\", \"prediction\": \"n03\", \"probs\": [0.1, 0.1, 0.8]}\n";

static guint
count_flagged (DdTestFixture *f,
               DdHealthKind   kind)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(GError) error = NULL;
  guint n;

  filter->require_flags = DD_HEALTH_FLAG (kind);
  n = dd_catalog_count (f->catalog, filter, NULL, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_suspect_labels_planted (DdTestFixture *f,
                             gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "probs.jsonl", NULL);
  g_autofree char *plain = write_run_csv (f, FALSE, "a.csv");
  g_autoptr(DdModelImport) result = NULL;
  g_autoptr(DdModelImport) later = NULL;
  g_autoptr(DdRunRows) rows = NULL;
  g_autoptr(GArray) suspects = NULL;
  g_autoptr(DdHealthReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *t = NULL;
  const guint label_class[] = { 1, 2, 3 };
  const DdSuspect *s;
  gboolean found = FALSE;

  dd_test_write_bytes (file, probs_run, -1);
  result = import_ok (f, "P", file, NULL);
  g_assert_cmpuint (result->imported, ==, 8);

  rows = dd_model_read_run (f->catalog, "P", TRUE, &error);
  g_assert_no_error (error);
  suspects = dd_model_confident_learning (rows, label_class, &t);
  g_assert_cmpfloat_with_epsilon (t[0], (0.9 + 0.8 + 0.7 + 0.1) / 4, 1e-6);
  g_assert_cmpfloat_with_epsilon (t[1], (0.8 + 0.6 + 0.9) / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (t[2], 0.8, 1e-6);
  g_assert_cmpuint (suspects->len, ==, 1);
  s = &g_array_index (suspects, DdSuspect, 0);
  g_assert_cmpint (s->sample_id, ==, dd_catalog_lookup_key (f->catalog, "ds/fog/1/n01/f2.JPEG",
                                                            NULL));
  g_assert_cmpuint (s->label, ==, 1);
  g_assert_cmpuint (s->likely, ==, 3);

  /* the import flagged it, and the health report names the likely class */
  g_assert_cmpuint (count_flagged (f, DD_HEALTH_SUSPECT_LABEL), ==, 1);
  report = dd_health_report (f->catalog, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *finding = g_ptr_array_index (report->findings, i);

      if (finding->kind != DD_HEALTH_SUSPECT_LABEL)
        continue;
      g_assert_false (found);
      found = TRUE;
      g_assert_cmpstr (finding->key, ==, "ds/fog/1/n01/f2.JPEG");
      g_assert_nonnull (strstr (finding->detail, "likely n03 fox"));
      g_assert_nonnull (strstr (finding->detail, "labeled n01"));
    }
  g_assert_true (found);
  g_assert_cmpstr (dd_health_kind_to_string (DD_HEALTH_SUSPECT_LABEL), ==, "suspect_label");

  /* a later run without probabilities leaves the finding; deleting P clears it */
  later = import_ok (f, "A", plain, NULL);
  g_assert_cmpuint (count_flagged (f, DD_HEALTH_SUSPECT_LABEL), ==, 1);
  g_assert_true (dd_model_delete_run (f->catalog, "P", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_flagged (f, DD_HEALTH_SUSPECT_LABEL), ==, 0);
}

/* ---- the recipe key and the query options ------------------------------------------- */

static void
test_recipe_model_key (DdTestFixture *f,
                       gconstpointer  data)
{
  g_autoptr(DdModelImport) ra = import_planted (f, FALSE);
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(DdRecipe) again = NULL;
  g_autoptr(DdSelection) sel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  static const struct {
    const char *text;
    const char *needle;
  } bad[] = {
    { "{\"version\": 1, \"model\": \"A\"}", "must be an object" },
    { "{\"version\": 1, \"model\": {\"outcome\": \"wrong\"}}", "model.run" },
    { "{\"version\": 1, \"model\": {\"run\": \"A\", \"outcome\": \"meh\"}}", "model.outcome" },
    { "{\"version\": 1, \"model\": {\"run\": \"A\", \"confidence_min\": 2}}", "0 to 1" },
    { "{\"version\": 1, \"model\": {\"run\": \"A\", \"confidence_min\": 0.8,"
      " \"confidence_max\": 0.2}}", "above" },
    { "{\"version\": 1, \"model\": {\"run\": \"A\", \"colour\": 1}}", "model.colour" },
  };

  recipe = dd_recipe_new_from_json ("{\"version\": 1, \"corruptions\": [\"fog\"],"
                                    " \"model\": {\"run\": \"A\", \"outcome\": \"wrong\","
                                    " \"confidence_min\": 0.5, \"predicted\": [\"n03\", \"n01\"]}}",
                                    -1, &error);
  g_assert_no_error (error);
  json = dd_recipe_to_json (recipe);
  g_assert_nonnull (strstr (json, "\"model\" : {"));
  g_assert_nonnull (strstr (json, "\"outcome\" : \"wrong\""));
  again = dd_recipe_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (dd_recipe_equal (recipe, again));
  g_assert_cmpstr (dd_recipe_get_model (recipe)->predicted[0], ==, "n01");

  /* wrong under fog, confidence >= 0.5, predicted fox or cat: f0 (0.3) is out, g0 and g2
   * (cat → fox 0.8) and g1 (dog → cat 0.8) and f1 (dog → cat 0.8) are in */
  sel = dd_recipe_evaluate (recipe, f->catalog, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 4);
  g_clear_pointer (&sel, dd_selection_unref);

  {
    g_autoptr(DdModelClause) clause = dd_model_clause_new ("A");
    g_autoptr(DdRecipe) correct = NULL;

    clause->outcome = DD_MODEL_OUTCOME_CORRECT;
    correct = dd_recipe_with_model (again, clause);
    sel = dd_recipe_evaluate (correct, f->catalog, NULL, NULL, &error);
    g_assert_no_error (error);
    /* the clause replaced whole: correct under fog are f2, f3 and g3 */
    g_assert_cmpuint (dd_selection_get_n (sel), ==, 3);
    g_clear_pointer (&sel, dd_selection_unref);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DdRecipe) r = dd_recipe_new_from_json (bad[i].text, -1, &error);

      g_assert_null (r);
      g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad[i].needle));
      g_clear_error (&error);
    }

  /* a run the catalog does not have */
  g_clear_pointer (&recipe, dd_recipe_unref);
  recipe = dd_recipe_new_from_json ("{\"version\": 1, \"model\": {\"run\": \"gone\"}}", -1,
                                    &error);
  g_assert_no_error (error);
  g_assert_null (dd_recipe_evaluate (recipe, f->catalog, NULL, NULL, &error));
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone"));
}

static void
test_cli_query_by_outcome (DdTestFixture *f,
                           gconstpointer  data)
{
  g_autoptr(DdModelImport) ra = import_planted (f, FALSE);
  g_auto(DdTestRun) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  JsonObject *o, *s;
  JsonArray *samples;

  if (dd_test_skip_without_cli ())
    return;
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--run", "A", "--outcome",
                   "wrong", "--count", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "7\n");
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--run", "A", "--outcome",
                   "wrong", "--confidence-below", "0.8", "--count", NULL);
  g_assert_cmpstr (r.out, ==, "1\n");
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--run", "A", "--corruption",
                   "fog", "--outcome", "correct", "--count", NULL);
  g_assert_cmpstr (r.out, ==, "3\n");

  /* by loss, descending, as JSON with the predictions */
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--run", "A", "--sort", "loss",
                   "--desc", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  o = dd_test_parse_object (parser, r.out);
  samples = json_object_get_array_member (o, "samples");
  g_assert_cmpuint (json_array_get_length (samples), ==, 17);
  s = json_array_get_object_element (samples, 0);
  g_assert_cmpstr (json_object_get_string_member (s, "key"), ==, "ds/test/u0.JPEG");
  g_assert_cmpfloat (json_object_get_double_member (s, "loss"), ==, 19);
  g_assert_cmpstr (json_object_get_string_member (s, "prediction"), ==, "n01");
  g_assert_false (json_object_has_member (s, "correct"));   /* unlabeled */
  s = json_array_get_object_element (samples, 16);
  g_assert_cmpstr (json_object_get_string_member (s, "key"), ==, "ds/val/n01/c0.JPEG");
  g_assert_false (json_object_get_boolean_member (s, "correct"));
  g_assert_cmpfloat (json_object_get_double_member (s, "confidence"), ==, 0.8);

  /* by confidence ascending, as paths: the 0.3 one first */
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--run", "A", "--sort",
                   "confidence", "--paths", NULL);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], "ds/fog/1/n01/f0.JPEG"));

  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--outcome", "wrong", NULL);
  dd_test_assert_one_line_error (&r, "need --run");
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--run", "A", "--sort", "size",
                   NULL);
  dd_test_assert_one_line_error (&r, "Invalid sort “size”");
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--run", "B", "--count", NULL);
  dd_test_assert_one_line_error (&r, "no model run named “B”");
  dd_test_run_cli (&r, "query", "--catalog", f->catalog_path, "--run", "A", "--outcome", "meh",
                   NULL);
  dd_test_assert_one_line_error (&r, "Invalid outcome");
}

/* ---- the offline interpreter's model clause ------------------------------------------ */

static DdSelection *
interpret (DdTestFixture *f,
           const char    *text,
           char         **out_explanation)
{
  g_autoptr(GError) error = NULL;
  DdProposal *proposal = dd_prompt_interpret (f->catalog, text, NULL, &error);
  DdSelection *sel;

  g_assert_no_error (error);
  g_assert_nonnull (proposal);
  g_test_message ("%s: %s", text, proposal->explanation);
  sel = dd_recipe_evaluate (proposal->recipe, f->catalog, NULL, NULL, &error);
  g_assert_no_error (error);
  if (out_explanation)
    *out_explanation = g_strdup (proposal->explanation);
  dd_proposal_free (proposal);
  return sel;
}

static gboolean
selection_has_key (DdTestFixture *f,
                   DdSelection   *sel,
                   const char    *key)
{
  return dd_selection_find (sel, dd_catalog_lookup_key (f->catalog, key, NULL)) >= 0;
}

static void
test_prompt_model_phrases (DdTestFixture *f,
                           gconstpointer  data)
{
  g_autofree char *explanation = NULL;
  g_autoptr(DdModelImport) ra = NULL;
  g_autoptr(DdSelection) sel = NULL;

  /* no run yet: the sentence says so and the subset stays whole */
  sel = interpret (f, "misclassified cats under fog", &explanation);
  g_assert_nonnull (strstr (explanation, "no model run"));
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 5);   /* the cats under fog */
  g_clear_pointer (&sel, dd_selection_unref);
  g_clear_pointer (&explanation, g_free);

  ra = import_planted (f, FALSE);
  /* cat and wrong under fog: f0, g0, g2 */
  sel = interpret (f, "misclassified cats under fog", NULL);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 3);
  g_assert_true (selection_has_key (f, sel, "ds/fog/1/n01/f0.JPEG"));
  g_assert_true (selection_has_key (f, sel, "ds/fog/2/n01/g2.JPEG"));
  g_clear_pointer (&sel, dd_selection_unref);

  /* the 3 highest losses (the loss is the planted index): u0, b3, b2 */
  sel = interpret (f, "the 3 highest-loss images", NULL);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 3);
  g_assert_true (selection_has_key (f, sel, "ds/test/u0.JPEG"));
  g_assert_true (selection_has_key (f, sel, "ds/blur/1/n02/b3.JPEG"));
  g_assert_true (selection_has_key (f, sel, "ds/blur/1/n01/b2.JPEG"));
  g_clear_pointer (&sel, dd_selection_unref);

  /* confident mistakes: wrong at 0.9 or more: none in A (0.8 and 0.3) */
  sel = interpret (f, "confident mistakes", &explanation);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 0);
  g_assert_nonnull (strstr (explanation, "0.90"));
  g_clear_pointer (&sel, dd_selection_unref);
  g_clear_pointer (&explanation, g_free);

  /* unsure ones: confidence 0.5 or less: the 0.3 one */
  sel = interpret (f, "unsure predictions", NULL);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 1);
  g_clear_pointer (&sel, dd_selection_unref);

  /* correctly classified under motion blur: b1, b2, b3 */
  sel = interpret (f, "correctly classified images under motion blur", NULL);
  g_assert_cmpuint (dd_selection_get_n (sel), ==, 3);
  g_clear_pointer (&sel, dd_selection_unref);

  /* "wrong size" stays a health kind's words, not an outcome */
  sel = interpret (f, "fog without the wrong size", &explanation);
  g_assert_null (strstr (explanation, "misclassified"));
}

/* ---- export ------------------------------------------------------------------------------ */

static void
test_cli_export_carries_run (DdTestFixture *f,
                             gconstpointer  data)
{
  g_autofree char *recipe = g_build_filename (f->dir, "fog1.json", NULL);
  g_autoptr(DdModelImport) ra = import_planted (f, FALSE);
  static const char * const layouts[] = { "csv", "jsonl", "fiftyone", "hf" };
  g_auto(DdTestRun) r = { 0 };

  if (dd_test_skip_without_cli ())
    return;
  for (guint i = 4; i < 8; i++)
    dd_test_put_file (f->dir, planted[i].key, NULL);
  dd_test_write_bytes (recipe, "{\"version\": 1, \"corruptions\": [\"fog\"], \"severities\": [1]}",
                       -1);
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autofree char *out = g_strdup_printf ("%s/out-%s", f->dir, layouts[i]);
      g_autofree char *text = NULL;

      dd_test_run_cli (&r, "export", "--catalog", f->catalog_path, "--recipe", recipe, "--to",
                       out, "--layout", layouts[i], "--run", "A", NULL);
      g_assert_cmpint (r.status, ==, 0);
      /* f0: a cat predicted fox at 0.3, loss 4 */
      if (g_str_equal (layouts[i], "csv"))
        {
          text = dd_test_read_file (out, "manifest.csv", NULL);
          g_assert_true (g_str_has_prefix (text, "path,key,wnid,class_name,label,corruption,"
                                                 "severity,split,prediction,confidence,loss\n"));
          g_assert_nonnull (strstr (text, "ds/fog/1/n01/f0.JPEG,n01,cat,0,fog,1,val,n03,0.3,4\n"));
        }
      else if (g_str_equal (layouts[i], "jsonl"))
        {
          text = dd_test_read_file (out, "manifest.jsonl", NULL);
          g_assert_nonnull (strstr (text, "\"prediction\":\"n03\""));
          g_assert_nonnull (strstr (text, "\"loss\":4"));
        }
      else if (g_str_equal (layouts[i], "fiftyone"))
        {
          text = dd_test_read_file (out, "predictions.json", NULL);
          g_assert_nonnull (strstr (text, "\"f0__fog_1\" : {"));
          g_assert_nonnull (strstr (text, "\"label\" : \"n03\""));
        }
      else
        {
          text = dd_test_read_file (out, "val/metadata.csv", NULL);
          g_assert_true (g_str_has_prefix (text, "file_name,label,wnid,class_name,corruption,"
                                                 "severity,key,prediction,confidence,loss\n"));
          g_assert_nonnull (strstr (text, ",n03,0.3,4\n"));
        }
    }
  /* a run the catalog does not have: one line, no folder */
  dd_test_run_cli (&r, "export", "--catalog", f->catalog_path, "--recipe", recipe, "--to",
                   "/nonexistent-dd-export", "--run", "nope", NULL);
  dd_test_assert_one_line_error (&r, "no model run named “nope”");
}

/* ---- the explorer's edges ------------------------------------------------------------ */

static const DdNode *
find_edge (GPtrArray  *nodes,
           const char *edge,
           const char *id)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      const DdNode *n = g_ptr_array_index (nodes, i);

      if (g_strcmp0 (n->edge, edge) == 0 && g_strcmp0 (n->id, id) == 0)
        return n;
    }
  return NULL;
}

static void
test_relations_predicted_as (DdTestFixture *f,
                             gconstpointer  data)
{
  g_autoptr(DdModelImport) ra = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GError) error = NULL;
  const DdNode *n;

  /* no run: no such edge */
  nodes = dd_relations_neighbours (f->catalog, DD_NODE_CLASS, "n01", 50, &error);
  g_assert_no_error (error);
  g_assert_null (find_edge (nodes, "predicted_as", "n03"));
  g_clear_pointer (&nodes, g_ptr_array_unref);

  ra = import_planted (f, FALSE);
  /* cats were predicted fox 5 times; dogs cat twice */
  nodes = dd_relations_neighbours (f->catalog, DD_NODE_CLASS, "n01", 50, &error);
  g_assert_no_error (error);
  n = find_edge (nodes, "predicted_as", "n03");
  g_assert_nonnull (n);
  g_assert_cmpuint (n->count, ==, 5);
  g_assert_null (find_edge (nodes, "predicted_as", "n01"));
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = dd_relations_neighbours (f->catalog, DD_NODE_CLASS, "n02", 50, &error);
  n = find_edge (nodes, "predicted_as", "n01");
  g_assert_nonnull (n);
  g_assert_cmpuint (n->count, ==, 2);
  g_clear_pointer (&nodes, g_ptr_array_unref);

  /* a sample links to its predicted class: f1, a dog predicted cat */
  nodes = dd_relations_neighbours (f->catalog, DD_NODE_SAMPLE, "ds/fog/1/n02/f1.JPEG", 50,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_edge (nodes, "predicted_as", "n01"));
  g_assert_nonnull (find_edge (nodes, "class", "n02"));
}

/* Hostile rows: a JSONL line nested 100,000 deep (json-glib would overflow its stack),
 * a path that is not UTF-8 and a 100 kB field are reported, as one short valid line. */
static void
test_import_hostile_rows (DdTestFixture *f,
                          gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "hostile.jsonl", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "hostile.csv", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(DdModelImport) result = NULL;
  g_autoptr(DdModelImport) csv_result = NULL;

  for (guint i = 2; i < 12; i++)
    g_string_append_printf (text, "{\"key\": \"%s\", \"prediction\": \"n01\"}\n", planted[i].key);
  g_string_append (text, "{\"key\": \"ds/val/n01/c0.JPEG\", \"prediction\": ");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  g_string_append (text, "}\n");
  dd_test_write_bytes (file, text->str, -1);
  result = import_ok (f, "H", file, NULL);
  g_assert_cmpuint (result->imported, ==, 10);
  g_assert_cmpuint (result->rejected, ==, 1);
  g_assert_true (has_problem (result, "line 11: not a JSON object"));

  g_string_assign (text, "key,prediction\n");
  for (guint i = 2; i < 12; i++)
    g_string_append_printf (text, "%s,n01\n", planted[i].key);
  g_string_append (text, "ds/\xff\xfe/x.JPEG,n01\n");
  g_string_append (text, "ds/val/n01/c0.JPEG,");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, 'z');
  g_string_append_c (text, '\n');
  dd_test_write_bytes (csv, text->str, -1);
  csv_result = import_ok (f, "H2", csv, NULL);
  g_assert_cmpuint (csv_result->unmatched, ==, 1);
  g_assert_cmpuint (csv_result->rejected, ==, 1);
  for (guint i = 0; i < csv_result->problems->len; i++)
    {
      const char *problem = g_ptr_array_index (csv_result->problems, i);

      g_assert_true (g_utf8_validate (problem, -1, NULL));
      g_assert_cmpuint (strlen (problem), <, 300);
    }
}

/* A FIFO where the predictions or the label order were: one line, never a wait (the
 * import blocked in open() on a FIFO nobody wrote to, and no signal ended it). */
static void
test_import_fifo (DdTestFixture *f,
                  gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "predictions.csv", NULL);
  g_autofree char *csv = write_run_csv (f, FALSE, "a.csv");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (dd_model_import (f->catalog, "F", fifo, NULL, NULL, &error));
  g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "FIFO"));
  g_clear_error (&error);
  /* as the label order: read as empty, so no label is a class */
  g_assert_null (dd_model_import (f->catalog, "F", csv, fifo, NULL, &error));
  g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID);
}

/* A catalog of version 2 (before runs) read without writing: it has no runs, no error. */
static void
test_version2_read_only_has_no_runs (DdTestFixture *f,
                                     gconstpointer  data)
{
  g_autoptr(DdCatalog) old = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->catalog);
  dd_test_damage_sql (f->catalog_path, "DROP TABLE predictions; DROP TABLE runs;"
                                       " UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  old = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_READONLY, &error);
  g_assert_no_error (error);
  runs = dd_model_list_runs (old, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_null (dd_model_read_run (old, "A", FALSE, &error));
  g_assert_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_NOT_FOUND);
}

/* An LLM's reply with a "model" key: a named run, or the last one when it names none or
 * one the catalog does not have. */
static void
test_llm_reply_model (DdTestFixture *f,
                      gconstpointer  data)
{
  g_autoptr(DdModelImport) ra = import_planted (f, FALSE);
  g_autoptr(DdModelImport) rb = import_planted (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdProposal) named = NULL;
  g_autoptr(DdProposal) last = NULL;
  const DdModelClause *clause;

  named = dd_prompt_parse_reply (f->catalog, "{\"corruptions\": [\"fog\"], \"model\": {\"run\": "
                                 "\"A\", \"outcome\": \"wrong\", \"confidence_min\": 0.9}}", NULL,
                                 &error);
  g_assert_no_error (error);
  clause = dd_recipe_get_model (named->recipe);
  g_assert_nonnull (clause);
  g_assert_cmpstr (clause->run, ==, "A");
  g_assert_cmpint (clause->outcome, ==, DD_MODEL_OUTCOME_WRONG);
  g_assert_cmpfloat (clause->confidence_min, ==, 0.9);

  last = dd_prompt_parse_reply (f->catalog, "{\"model\": {\"outcome\": \"correct\","
                                " \"highest_loss\": 5}}", NULL, &error);
  g_assert_no_error (error);
  clause = dd_recipe_get_model (last->recipe);
  g_assert_cmpstr (clause->run, ==, "B");   /* imported last */
  g_assert_cmpuint (clause->highest_loss, ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/model/" path, DdTestFixture, NULL, setup_planted, func, dd_test_teardown)
  ADD ("import/csv-every-form", test_import_csv);
  ADD ("import/jsonl-labels-probs-top5", test_import_jsonl);
  ADD ("import/bad-rows-counted-and-listed", test_import_bad_rows);
  ADD ("import/problems-listed-first-20", test_import_many_problems_listed_first_20);
  ADD ("import/refused-when-most-rows-match-nothing", test_import_refused);
  ADD ("import/hostile-rows", test_import_hostile_rows);
  ADD ("runs/version-2-read-only", test_version2_read_only_has_no_runs);
  ADD ("import/bad-files-one-line-errors", test_import_bad_files);
  ADD ("import/fifo-refused", test_import_fifo);
  ADD ("runs/list-rename-delete-replace", test_runs_list_rename_delete_replace);
  ADD ("report/hand-computed", test_report_hand_computed);
  ADD ("filter/outcome-confidence-predicted-sort", test_clause_and_sort);
  ADD ("suspect-labels/planted", test_suspect_labels_planted);
  ADD ("prompt/model-phrases", test_prompt_model_phrases);
  ADD ("prompt/llm-reply-model", test_llm_reply_model);
  ADD ("relations/predicted-as", test_relations_predicted_as);
  ADD ("filter/recipe-model-key", test_recipe_model_key);
  ADD ("cli/query-by-outcome-and-sort", test_cli_query_by_outcome);
  ADD ("cli/import-list-report-rename-delete", test_cli_import_list_report);
  ADD ("cli/export-carries-run", test_cli_export_carries_run);
  ADD ("cli/demo-with-run", test_cli_demo_with_run);
#undef ADD
  return g_test_run ();
}
