/* What the fuzzers (tests/fuzz) found, minimised, as plain tests: each case failed
 * before its fix. */
#include "config.h"

#include <string.h>

#include "dd-recipe.h"
#include "dd-test-util.h"

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
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID);
  g_assert_true (strstr (error->message, "include") != NULL);
  g_clear_error (&error);

  recipe = dd_recipe_new_from_json ("{\"classes\": [\"gold\\udfffish\"]}", -1, &error);
  g_assert_null (recipe);
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID);
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
  g_assert_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/recipe/lone-surrogate", test_recipe_lone_surrogate);
  g_test_add_func ("/fuzz/recipe/unknown-key-message", test_recipe_unknown_key_message);
  return g_test_run ();
}
