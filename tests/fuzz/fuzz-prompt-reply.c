/* libFuzzer harness: a model's message, validated into a proposal against the fixture
 * catalog (dd_prompt_parse_reply). The first byte picks the current recipe the reply
 * amends; the rest is the message. */
#include "config.h"

#include <stdint.h>

#include "dd-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *currents[] = {
  NULL,
  "{\"version\": 1}",
  "{\"classes\": [\"goldfish\", \"n02123045\"], \"corruptions\": [\"none\", \"fog\"],"
  " \"severities\": [0, 3], \"splits\": [\"val\"], \"exclude_flags\": [\"undecodable\"],"
  " \"per_class_limit\": 2, \"seed\": 7, \"include\": [\"tiny/test/images/test_0.JPEG\"],"
  " \"exclude\": [\"tiny/val/images/val_0.JPEG\"]}",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) current = NULL;
  g_autoptr(DdProposal) proposal = NULL;
  g_autofree char *content = NULL;
  DdCatalog *catalog = dd_fuzz_fixture ();
  const char *text;

  if (size < 1)
    return -1;
  if (dd_fuzz_too_deep (data + 1, size - 1))
    return -1;   /* issue 10 item 3: fixed on i10-io */
  /* The message is a JSON string of the reply: UTF-8, without NUL. */
  content = g_strndup ((const char *) data + 1, size - 1);
  if (!g_utf8_validate (content, -1, NULL))
    return -1;

  text = currents[data[0] % G_N_ELEMENTS (currents)];
  if (text)
    {
      current = dd_recipe_new_from_json (text, -1, &error);
      g_assert_no_error (error);
    }
  proposal = dd_prompt_parse_reply (catalog, content, current, &error);
  dd_fuzz_check_proposal (proposal, error, catalog);
  return 0;
}
