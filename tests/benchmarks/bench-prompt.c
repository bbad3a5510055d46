/* bench-prompt: exact-match accuracy of the offline prompt interpreter, per field and per
 * whole recipe, on the development sentences and on the held-out ones, side by side.
 *
 *   bench-prompt [--misses] [TABLE.tsv…]
 *   bench-prompt --explain "SENTENCE"…
 *   bench-prompt --catalog FILE.ddcat "SENTENCE"…   (times the interpreter on a copy)
 *
 * Defaults to tests/data/prompts-dev.tsv, prompts-heldout.tsv and prompts-fresh.tsv (a
 * second held-out set written after the interpreter's rewrite); --misses lists every
 * sentence whose proposal differs from the expected recipe; --explain prints what the
 * interpreter makes of sentences over the 200-class catalog.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dd-prompt-eval.h"
#include "dd-prompt.h"
#include "dd-test-util.h"

static void
explain (DdCatalog  *catalog,
         const char *text)
{
  g_autoptr(DdProposal) p = dd_prompt_interpret (catalog, text, NULL, NULL);
  g_autofree char *json = dd_recipe_to_json (p->recipe);

  printf ("%s\n  %s\n  %s\n", text, p->explanation, json);
  for (guint i = 0; i < p->unplaced->len; i++)
    printf ("  not placed: %s\n", (char *) p->unplaced->pdata[i]);
}

/* The first sentence builds the vocabulary; the others reuse it. On a copy of @path
 * (opening a catalog may store its snapshot). */
static int
time_catalog (const char  *path,
              char       **sentences,
              int          n,
              const char  *tmpdir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (tmpdir, "copy.ddcat", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(DdCatalog) catalog = NULL;
  double first = 0, rest = 0;
  guint runs = 0;

  if (!g_file_get_contents (path, &contents, &len, &error) ||
      !g_file_set_contents (copy, contents, len, &error) ||
      !(catalog = dd_catalog_open (copy, 0, &error)))
    {
      fprintf (stderr, "bench-prompt: %s\n", error->message);
      return 1;
    }
  g_clear_pointer (&contents, g_free);
  for (int round = 0; round < 101; round++)
    for (int i = 0; i < n; i++)
      {
        gint64 t0 = g_get_monotonic_time ();
        g_autoptr(DdProposal) p = dd_prompt_interpret (catalog, sentences[i], NULL, NULL);
        double ms = (g_get_monotonic_time () - t0) / 1000.0;

        if (round == 0 && i == 0)
          first = ms;
        else
          {
            rest += ms;
            runs++;
          }
        if (round == 0)
          printf ("%s\n  %s\n", sentences[i], p->explanation);
      }
  printf ("first sentence (builds the vocabulary): %.1f ms; each further one: %.3f ms (mean of %u)\n",
          first, rest / MAX (runs, 1), runs);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("dd-bench-prompt-XXXXXX", &error);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  gboolean misses = argc > 1 && g_str_equal (argv[1], "--misses");
  DdEvalScore scores[8] = { 0 };
  DdCatalog *tiny, *demo;

  if (tmpdir == NULL)
    {
      fprintf (stderr, "bench-prompt: %s\n", error->message);
      return 1;
    }
  if (argc > 3 && g_str_equal (argv[1], "--catalog"))
    {
      int status = time_catalog (argv[2], argv + 3, argc - 3, tmpdir);
      dd_test_rm_rf (tmpdir);
      return status;
    }
  tiny = dd_eval_make_tiny_catalog (tmpdir);
  if (argc > 1 && g_str_equal (argv[1], "--explain"))
    {
      for (int i = 2; i < argc; i++)
        explain (tiny, argv[i]);
      g_object_unref (tiny);
      dd_test_rm_rf (tmpdir);
      return 0;
    }
  for (int i = misses ? 2 : 1; i < argc && paths->len < G_N_ELEMENTS (scores); i++)
    g_ptr_array_add (paths, g_strdup (argv[i]));
  if (paths->len == 0)
    {
      g_ptr_array_add (paths, dd_eval_data_path ("prompts-dev.tsv"));
      g_ptr_array_add (paths, dd_eval_data_path ("prompts-heldout.tsv"));
      g_ptr_array_add (paths, dd_eval_data_path ("prompts-fresh.tsv"));
    }
  demo = dd_eval_make_demo_catalog (tmpdir);
  for (guint k = 0; k < paths->len; k++)
    if (!dd_eval_run_file (paths->pdata[k], tiny, demo, &scores[k], &error))
      {
        fprintf (stderr, "bench-prompt: %s\n", error->message);
        return 1;
      }

  printf ("| field |");
  for (guint k = 0; k < paths->len; k++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[k]);
      printf (" %s (%u) |", base, scores[k].n);
    }
  printf ("\n|---|");
  for (guint k = 0; k < paths->len; k++)
    printf ("---|");
  printf ("\n");
  for (guint f = 0; f < DD_EVAL_N_FIELDS; f++)
    {
      printf ("| %s |", dd_eval_field_name (f));
      for (guint k = 0; k < paths->len; k++)
        printf (" %u/%u (%.1f %%) |", scores[k].hits[f], scores[k].n,
                100.0 * scores[k].hits[f] / MAX (scores[k].n, 1));
      printf ("\n");
    }
  for (guint k = 0; k < paths->len; k++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[k]);

      printf ("%s: slowest sentence %.1f ms\n", base, scores[k].max_ms);
      for (guint i = 0; misses && i < scores[k].misses->len; i++)
        printf ("%s miss: %s\n", base, (char *) scores[k].misses->pdata[i]);
      dd_eval_score_clear (&scores[k]);
    }
  g_object_unref (tiny);
  g_object_unref (demo);
  dd_test_rm_rf (tmpdir);
  return 0;
}
