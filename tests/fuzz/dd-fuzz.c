/* Shared set-up of the libFuzzer harnesses. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-fuzz.h"
#include "dd-recipe.h"
#include "dd-test-util.h"

static char *fuzz_dir;

/* Warnings and criticals are bugs: print them and abort, so that libFuzzer keeps the
 * input. Everything quieter is dropped (it would only slow the run down). */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static void
remove_fuzz_dir (void)
{
  if (fuzz_dir)
    dd_test_rm_rf (fuzz_dir);
}

const char *
dd_fuzz_init (void)
{
  const char *base;

  if (fuzz_dir)
    return fuzz_dir;
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  base = g_getenv ("TMPDIR");
  if (base == NULL || *base == '\0')
    base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  fuzz_dir = g_build_filename (base, "datadive-fuzz-XXXXXX", NULL);
  if (g_mkdtemp (fuzz_dir) == NULL)
    {
      fprintf (stderr, "cannot create %s\n", fuzz_dir);
      abort ();
    }
  atexit (remove_fuzz_dir);
  return fuzz_dir;
}

char *
dd_fuzz_path (const char *name)
{
  return g_build_filename (dd_fuzz_init (), name, NULL);
}

void
dd_fuzz_write (const char *path,
               const void *data,
               gsize       size)
{
  /* g_file_set_contents() would fsync and rename: a plain write is enough here. */
  FILE *f = fopen (path, "wb");

  if (f == NULL || (size > 0 && fwrite (data, 1, size, f) != size) || fclose (f) != 0)
    {
      fprintf (stderr, "cannot write %s\n", path);
      abort ();
    }
}

DdCatalog *
dd_fuzz_fixture (void)
{
  static DdCatalog *fixture;

  if (fixture == NULL)
    {
      g_autofree char *path = dd_fuzz_path ("fixture.ddcat");
      g_autoptr(GError) error = NULL;

      fixture = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
      g_assert_no_error (error);
      dd_test_fill_catalog (fixture);
    }
  return fixture;
}

gboolean
dd_fuzz_skip_known (void)
{
  static int skip = -1;

  if (skip < 0)
    skip = g_strcmp0 (g_getenv ("DD_FUZZ_TAME"), "1") == 0;
  return skip;
}

/* Bracket nesting of JSON text ([ and { outside strings). */
static guint
json_depth (const guint8 *data,
            gsize         size)
{
  guint depth = 0, max = 0;
  gboolean in_string = FALSE, escaped = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      guint8 c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        max = MAX (max, ++depth);
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return max;
}

gboolean
dd_fuzz_too_deep (const guint8 *data,
                  gsize         size)
{
  return dd_fuzz_skip_known () && json_depth (data, size) > DD_FUZZ_MAX_DEPTH;
}

gboolean
dd_fuzz_json_is_empty (const guint8 *data,
                       gsize         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_parser_load_from_data (parser, size ? (const char *) data : "", size, NULL) &&
         json_parser_get_root (parser) == NULL;
}

static void
check_message (const GError *error);

static void
check_message (const GError *error)
{
  dd_fuzz_check (error != NULL, "a failure sets an error");
  dd_fuzz_check (error->message[0] != '\0', "an error says what is wrong");
  dd_fuzz_check_utf8 (error->message, "an error message is UTF-8");
}

void
dd_fuzz_check_recipe (DdRecipe  *recipe,
                      DdCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dd_recipe_to_json (recipe);
  g_autofree char *text_again = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary_in = NULL;
  g_autoptr(DdRecipe) again = dd_recipe_new_from_json (text, -1, &error);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DdSelection) selection = NULL;

  if (again == NULL)
    fprintf (stderr, "%s\n%s\n", error->message, text);
  dd_fuzz_check (again != NULL, "the canonical text of a recipe reads back");
  dd_fuzz_check (dd_recipe_equal (recipe, again), "a recipe read back is equal");
  dd_fuzz_check (dd_recipe_hash (recipe) == dd_recipe_hash (again), "equal recipes hash alike");
  text_again = dd_recipe_to_json (again);
  dd_fuzz_check (strcmp (text, text_again) == 0, "the canonical text is a fixed point");
  dd_fuzz_check (g_utf8_validate (text, -1, NULL), "the canonical text is UTF-8");

  summary = dd_recipe_describe (recipe);
  dd_fuzz_check (summary && g_utf8_validate (summary, -1, NULL), "the summary is UTF-8");
  if (catalog == NULL)
    return;
  summary_in = dd_recipe_describe_in (recipe, catalog);
  dd_fuzz_check (summary_in && g_utf8_validate (summary_in, -1, NULL), "the summary is UTF-8");

  selection = dd_recipe_evaluate (recipe, catalog, warnings, NULL, &error);
  if (selection == NULL)
    {
      check_message (error);
      return;
    }
  dd_fuzz_check (dd_selection_get_n (selection) <= dd_catalog_get_n_samples (catalog),
                 "a selection is within the catalog");
  for (guint i = 1; i < dd_selection_get_n (selection); i++)
    dd_fuzz_check (dd_selection_get_id (selection, i - 1) < dd_selection_get_id (selection, i),
                   "a selection is in ascending id order");
  for (guint i = 0; i < warnings->len; i++)
    dd_fuzz_check (g_utf8_validate (warnings->pdata[i], -1, NULL), "a warning is UTF-8");
}

void
dd_fuzz_check_proposal (DdProposal   *proposal,
                        const GError *error,
                        DdCatalog    *catalog)
{
  if (proposal == NULL)
    {
      check_message (error);
      dd_fuzz_check (error->domain == DD_PROMPT_ERROR, "a bad reply is a prompt error");
      return;
    }
  dd_fuzz_check (error == NULL, "a proposal sets no error");
  dd_fuzz_check (proposal->recipe != NULL, "a proposal holds a recipe");
  dd_fuzz_check (proposal->explanation && g_utf8_validate (proposal->explanation, -1, NULL),
                 "the explanation is UTF-8");
  for (guint i = 0; proposal->unplaced && i < proposal->unplaced->len; i++)
    dd_fuzz_check_utf8 (proposal->unplaced->pdata[i], "an unplaced word is UTF-8");
  dd_fuzz_check_recipe (proposal->recipe, catalog);
}

void
dd_fuzz_check_utf8 (const char *text,
                    const char *what)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *shown = g_strescape (text, NULL);
      fprintf (stderr, "not UTF-8: \"%s\"\n", shown);
      dd_fuzz_fail (G_STRLOC, what);
    }
}

void
dd_fuzz_fail (const char *where,
              const char *what)
{
  fprintf (stderr, "%s: invariant broken: %s\n", where, what);
  abort ();
}
