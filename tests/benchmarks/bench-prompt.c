/* bench-prompt: exact-match accuracy of the offline prompt interpreter, per field and per
 * whole recipe, on the development sentences and on the held-out ones, side by side.
 *
 *   bench-prompt [--misses] [DEV.tsv HELDOUT.tsv]
 *   bench-prompt --explain "SENTENCE"…
 *
 * Defaults to tests/data/prompts-dev.tsv and prompts-heldout.tsv; --misses lists every
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

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("dd-bench-prompt-XXXXXX", &error);
  g_autofree char *dev_path = NULL, *heldout_path = NULL;
  gboolean misses = argc > 1 && g_str_equal (argv[1], "--misses");
  DdEvalScore dev = { 0 }, heldout = { 0 };
  DdCatalog *tiny, *demo;
  int first = misses ? 2 : 1;

  if (tmpdir == NULL)
    {
      fprintf (stderr, "bench-prompt: %s\n", error->message);
      return 1;
    }
  dev_path = argc > first + 1 ? g_strdup (argv[first]) : dd_eval_data_path ("prompts-dev.tsv");
  heldout_path = argc > first + 1 ? g_strdup (argv[first + 1])
                                  : dd_eval_data_path ("prompts-heldout.tsv");
  tiny = dd_eval_make_tiny_catalog (tmpdir);
  if (argc > 1 && g_str_equal (argv[1], "--explain"))
    {
      for (int i = 2; i < argc; i++)
        explain (tiny, argv[i]);
      g_object_unref (tiny);
      dd_test_rm_rf (tmpdir);
      return 0;
    }
  demo = dd_eval_make_demo_catalog (tmpdir);
  if (!dd_eval_run_file (dev_path, tiny, demo, &dev, &error) ||
      !dd_eval_run_file (heldout_path, tiny, demo, &heldout, &error))
    {
      fprintf (stderr, "bench-prompt: %s\n", error->message);
      return 1;
    }

  printf ("| field | development (%u sentences) | held-out (%u sentences) |\n", dev.n, heldout.n);
  printf ("|---|---|---|\n");
  for (guint k = 0; k < DD_EVAL_N_FIELDS; k++)
    printf ("| %s | %u/%u (%.1f %%) | %u/%u (%.1f %%) |\n", dd_eval_field_name (k),
            dev.hits[k], dev.n, 100.0 * dev.hits[k] / MAX (dev.n, 1),
            heldout.hits[k], heldout.n, 100.0 * heldout.hits[k] / MAX (heldout.n, 1));
  printf ("slowest sentence: %.1f ms (development), %.1f ms (held-out)\n", dev.max_ms,
          heldout.max_ms);
  for (guint i = 0; misses && i < dev.misses->len; i++)
    printf ("development miss: %s\n", (char *) dev.misses->pdata[i]);
  for (guint i = 0; misses && i < heldout.misses->len; i++)
    printf ("held-out miss: %s\n", (char *) heldout.misses->pdata[i]);

  dd_eval_score_clear (&dev);
  dd_eval_score_clear (&heldout);
  g_object_unref (tiny);
  g_object_unref (demo);
  dd_test_rm_rf (tmpdir);
  return 0;
}
