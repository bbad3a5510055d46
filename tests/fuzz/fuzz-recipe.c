/* libFuzzer harness: recipe JSON as read from a file or the catalog
 * (dd_recipe_new_from_json), then the accepted recipe's canonical form and its
 * evaluation against the fixture catalog. */
#include "config.h"

#include <stdint.h>

#include "dd-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = NULL;
  DdCatalog *catalog = dd_fuzz_fixture ();

  if (dd_fuzz_too_deep (data, size))
    return -1;   /* issue 10 item 3: fixed on i10-io */

  recipe = dd_recipe_new_from_json (size ? (const char *) data : "", size, &error);
  if (recipe == NULL)
    {
      dd_fuzz_check (error != NULL && error->message[0] != '\0', "a refused recipe says why");
      dd_fuzz_check_utf8 (error->message, "the refusal is UTF-8");
      return 0;
    }
  dd_fuzz_check (error == NULL, "an accepted recipe sets no error");
  dd_fuzz_check_recipe (recipe, catalog);
  return 0;
}
