/* What the fuzzers (tests/fuzz) found, minimised, as plain tests: each case failed
 * before its fix. */
#include "config.h"

#include <string.h>

#include "dd-health.h"
#include "dd-llm-client-private.h"
#include "dd-prompt.h"
#include "dd-recipe.h"
#include "dd-recipe-store.h"
#include "dd-relations.h"
#include "dd-test-damage.h"
#include "dd-test-util.h"

/* The hand-counted catalog at a file name that is not UTF-8 (Latin-1 "café"). */
static void
setup_latin1 (DdTestFixture *f,
              gconstpointer  data)
{
  dd_test_fixture_init (f, "caf\xe9");
  dd_test_fixture_open (f);
  dd_test_fill_catalog (f->catalog);
}

static void
assert_labels_utf8 (GPtrArray *nodes)
{
  g_assert_nonnull (nodes);
  for (guint i = 0; i < nodes->len; i++)
    g_assert_true (g_utf8_validate (((DdNode *) nodes->pdata[i])->label, -1, NULL));
}

/* fuzz-recipe: json-glib decodes an escaped lone surrogate to bytes that are not UTF-8.
 * Such a recipe was accepted, saved, and then refused as "damaged" on every read. */
static void
test_recipe_lone_surrogate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = NULL;

  recipe = dd_recipe_new_from_json ("{\"include\": [\"tiny/val/images/val_\\ud800.JPEG\"]}",
                                    -1, &error);
  g_assert_null (recipe);
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
  g_assert_true (strstr (error->message, "include") != NULL);
  g_assert_true (strstr (error->message, "Unicode") != NULL);
  g_clear_error (&error);

  recipe = dd_recipe_new_from_json ("{\"classes\": [\"gold\\ud800ish\"]}", -1, &error);
  g_assert_null (recipe);
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
  g_clear_error (&error);

  /* a proper pair is one character, and fine */
  recipe = dd_recipe_new_from_json ("{\"classes\": [\"gold\\ud83d\\udc1f\"]}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_recipe_get_classes (recipe)[0], ==, "gold\xf0\x9f\x90\x9f");
}

/* fuzz-recipe: the message naming an unknown key echoed its bytes, not UTF-8. */
static void
test_recipe_unknown_key_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = NULL;

  recipe = dd_recipe_new_from_json ("{\"vers\\ud800ion\": 1}", -1, &error);
  g_assert_null (recipe);
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* fuzz-recipe: json-glib's parse errors quote the token they stopped at, decoded, so
 * "\ud800" put bytes that are not UTF-8 into the message shown to the user. */
static void
test_recipe_parse_error_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-fuzz-regressions-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "r.json", NULL);
  const char *text = "{\"classes\": [\"gold\\ud800fish\" \"tabby\"]}";

  recipe = dd_recipe_new_from_json (text, -1, &error);
  g_assert_null (recipe);
  g_assert_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  recipe = dd_recipe_new_from_file (path, &error);
  g_assert_null (recipe);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "r.json:1:"));
  dd_test_rm_rf (dir);
}

/* fuzz-llm-reply, fuzz-prompt-reply: the same escape in a model's reply reached the
 * proposal's unplaced names and explanation, and the error messages. */
static void
test_prompt_lone_surrogate (DdTestFixture *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdCatalog *catalog = f->catalog;
  g_autoptr(DdProposal) proposal = NULL;
  g_autoptr(DdProposal) refused = NULL;
  g_autofree char *content = NULL;
  const char *body = "{\"choices\": [{\"message\": {\"content\": \"x\\ud800y\"}}]}";

  content = dd_llm_reply_content (body, strlen (body), "http://127.0.0.1/v1", &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (content, -1, NULL));

  proposal = dd_prompt_parse_reply (catalog, "{\"classes\": [\"goldfish\", \"sc\\ud800hool bus\"],"
                                             " \"splits\": \"v\\ud800al\","
                                             " \"explanation\": \"fish\\ud800!\"}", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (proposal->explanation, -1, NULL));
  g_assert_cmpuint (proposal->unplaced->len, ==, 2);
  for (guint i = 0; i < proposal->unplaced->len; i++)
    g_assert_true (g_utf8_validate (proposal->unplaced->pdata[i], -1, NULL));

  refused = dd_prompt_parse_reply (catalog, "{\"classes\": [\"gold\\ud800fish\" 1]}", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_NOT_JSON);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* fuzz-catalog: node labels were file names in the file system's encoding (the catalog's,
 * a source folder's), so `relations --json` printed bytes that are not UTF-8 for a
 * catalog or dataset folder named in Latin-1. */
static void
test_relations_labels_of_file_names (DdTestFixture *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdCatalog *catalog = f->catalog;
  g_autoptr(DdNode) dataset = NULL;
  g_autoptr(GPtrArray) split = NULL;
  g_autoptr(GPtrArray) sample = NULL;

  /* /data/tiny\xe9 */
  dd_test_damage_sql (dd_catalog_get_path (catalog),
                      "UPDATE sources SET root = CAST (X'2F646174612F74696E79E9' AS TEXT)"
                      " WHERE id = 1");
  g_assert_true (dd_catalog_reload (catalog, &error));

  dataset = dd_relations_describe (catalog, DD_NODE_DATASET, "", &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (dataset->label, -1, NULL));
  split = dd_relations_neighbours (catalog, DD_NODE_SPLIT, "train", 10, &error);
  g_assert_no_error (error);
  assert_labels_utf8 (split);
  sample = dd_relations_neighbours (catalog, DD_NODE_SAMPLE,
                                    "tiny/train/n01443537/images/n01443537_1.JPEG", 10, &error);
  g_assert_no_error (error);
  assert_labels_utf8 (sample);
}

/* fuzz-snapshot: an empty snapshot blob comes from SQLite as NULL, and the reader did
 * pointer arithmetic on it before checking the size (undefined behaviour: fails under
 * UBSan, e.g. in the fuzzing build, -Db_sanitize=undefined). The catalog opens from its
 * rows. */
static void
test_catalog_empty_snapshot_blob (DdTestFixture *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  dd_test_damage_sql (f->catalog_path,
                      "INSERT OR REPLACE INTO snapshot_cache (id, data) VALUES (1, X'')");
  g_clear_object (&f->catalog);

  f->catalog = dd_catalog_open (f->catalog_path, DD_CATALOG_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_catalog_get_n_samples (f->catalog), ==, 111);
}

/* fuzz-catalog: a finding read back with a NULL detail or key (the columns allow NULL)
 * came out as NULL: "(null)" in `health`, an empty string in `health --json`. */
static void
test_health_damaged_finding_rows (DdTestFixture *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdCatalog *catalog = f->catalog;
  g_autoptr(DdHealthReport) report = NULL;
  guint orphans = 0, cells = 0;

  dd_test_damage_sql (dd_catalog_get_path (catalog),
    "INSERT INTO orphan_annotations (source_id, file, wnid, detail)"
    " VALUES (1, 'tiny/val/images/val_99.JPEG', 'n01443537', NULL);"
    "INSERT INTO findings (kind, key, detail) VALUES ('missing_cell', NULL, NULL),"
    " ('missing_cell', 'C/fog/5/n04146614', CAST (X'6F6E65FF' AS TEXT));");

  report = dd_health_report (catalog, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *f = report->findings->pdata[i];

      g_assert_nonnull (f->key);
      g_assert_nonnull (f->detail);
      g_assert_true (g_utf8_validate (f->key, -1, NULL));
      g_assert_true (g_utf8_validate (f->detail, -1, NULL));
      orphans += f->kind == DD_HEALTH_ORPHAN_ANNOTATION;
      cells += f->kind == DD_HEALTH_MISSING_CELL;
    }
  g_assert_cmpuint (orphans, ==, 1);   /* none lost */
  g_assert_cmpuint (cells, ==, 2);
}

/* fuzz-catalog: text read back from a damaged catalog (a key, a class, corruption or
 * split name, a recipe's name holding bytes that are not UTF-8) went as it was into
 * sample details, vocabulary, node ids and labels, error messages and --json output. */
static void
test_catalog_damaged_text (DdTestFixture *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdCatalog *catalog = f->catalog;
  g_autoptr(DdRecipe) recipe = dd_recipe_new ();
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GPtrArray) corruptions = NULL;
  g_autoptr(GPtrArray) splits = NULL;
  g_autoptr(GPtrArray) recipes = NULL;
  g_autoptr(GPtrArray) neighbours = NULL;
  g_autoptr(DdSampleInfo) sample = NULL;
  gint64 id = 13;   /* tiny/val/images/val_0.JPEG, with 15 corrupted variants */
  g_autoptr(DdSampleInfo) variant = NULL;

  g_assert_true (dd_catalog_save_recipe (catalog, "r", recipe, DD_RECIPE_SAVE_DEFAULT, &error));
  dd_test_damage_sql (dd_catalog_get_path (catalog),
    "UPDATE samples SET mode = CAST (X'52FF' AS TEXT), decode_error = CAST (X'6E6FFF' AS TEXT)"
    "  WHERE id = 13;"
    /* its fog variants: C/fog\xff<id> (a damaged folder path, a damaged name) */
    "INSERT INTO folders (path) VALUES ('C/'), (CAST (X'43FF2F' AS TEXT));"
    "UPDATE samples SET folder_id = (SELECT id FROM folders WHERE path = 'C/'),"
    "  name = CAST (X'666F67FF' AS TEXT) || id WHERE clean_id = 13 AND corruption_id = 2;"
    "UPDATE samples SET folder_id = (SELECT id FROM folders WHERE path = CAST (X'43FF2F' AS TEXT))"
    "  WHERE clean_id = 13 AND corruption_id = 2 AND severity = 2;"
    /* the same bytes: its duplicates are listed from SQL */
    "UPDATE samples SET hash = 'same' WHERE clean_id = 13 OR id = 13;"
    "UPDATE classes SET name = CAST (X'676F6C64FF' AS TEXT), names = CAST (X'FF2C20FE' AS TEXT)"
    "  WHERE id = 1;"
    "UPDATE corruptions SET name = CAST (X'666FFF' AS TEXT) WHERE id = 2;"
    "UPDATE splits SET name = CAST (X'7661FF' AS TEXT) WHERE name = 'val';"
    "UPDATE recipes SET name = CAST (X'72FF' AS TEXT);");
  g_assert_true (dd_catalog_reload (catalog, &error));

  classes = dd_catalog_list_classes (catalog);
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = classes->pdata[i];
      g_assert_true (g_utf8_validate (c->name, -1, NULL));
      g_assert_true (g_utf8_validate (c->names, -1, NULL));
    }
  corruptions = dd_catalog_list_corruptions (catalog);
  for (guint i = 0; i < corruptions->len; i++)
    g_assert_true (g_utf8_validate (((DdCorruptionInfo *) corruptions->pdata[i])->name, -1, NULL));
  splits = dd_catalog_list_splits (catalog);
  for (guint i = 0; i < splits->len; i++)
    g_assert_true (g_utf8_validate (((DdSplitInfo *) splits->pdata[i])->name, -1, NULL));

  sample = dd_catalog_get_sample (catalog, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (sample->key, -1, NULL));
  g_assert_true (g_utf8_validate (sample->split, -1, NULL));
  g_assert_true (g_utf8_validate (sample->mode, -1, NULL));
  g_assert_true (g_utf8_validate (sample->decode_error, -1, NULL));

  variant = dd_catalog_get_sample (catalog, id + 6, &error);   /* fog 1 */
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (variant->key, "C/fog"));
  g_assert_true (g_utf8_validate (variant->key, -1, NULL));
  g_clear_pointer (&variant, dd_sample_info_free);
  variant = dd_catalog_get_sample (catalog, id + 7, &error);   /* fog 2: its folder damaged */
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (variant->key, "C"));
  g_assert_true (g_utf8_validate (variant->key, -1, NULL));

  neighbours = dd_relations_neighbours (catalog, DD_NODE_SAMPLE, sample->key, 20, &error);
  g_assert_no_error (error);
  assert_labels_utf8 (neighbours);
  for (guint i = 0; i < neighbours->len; i++)
    g_assert_true (g_utf8_validate (((DdNode *) neighbours->pdata[i])->id, -1, NULL));

  recipes = dd_catalog_list_recipes (catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recipes->len, ==, 1);
  g_assert_true (g_utf8_validate (((DdRecipeInfo *) recipes->pdata[0])->name, -1, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/recipe/lone-surrogate", test_recipe_lone_surrogate);
  g_test_add_func ("/fuzz/recipe/unknown-key-message", test_recipe_unknown_key_message);
  g_test_add_func ("/fuzz/recipe/parse-error-message", test_recipe_parse_error_message);
#define ADD(path, setup, func) \
  g_test_add ("/fuzz/" path, DdTestFixture, NULL, setup, func, dd_test_teardown)
  ADD ("prompt/lone-surrogate", dd_test_setup_counted, test_prompt_lone_surrogate);
  ADD ("catalog/empty-snapshot-blob", dd_test_setup_counted, test_catalog_empty_snapshot_blob);
  ADD ("catalog/damaged-text", dd_test_setup_counted, test_catalog_damaged_text);
  ADD ("health/damaged-finding-rows", dd_test_setup_counted, test_health_damaged_finding_rows);
  ADD ("relations/labels-of-file-names", setup_latin1, test_relations_labels_of_file_names);
  return g_test_run ();
}
