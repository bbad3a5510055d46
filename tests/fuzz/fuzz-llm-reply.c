/* libFuzzer harness: the body of an LLM server's reply, as libsoup hands it over:
 * the chat-completions envelope (dd_llm_reply_content), then the model's message
 * validated into a proposal against the fixture catalog (dd_prompt_parse_reply). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dd-fuzz.h"
#include "dd-llm-client-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  g_autoptr(DdProposal) proposal = NULL;
  DdCatalog *catalog = dd_fuzz_fixture ();

  if (dd_fuzz_too_deep (data, size))
    return -1;   /* issue 10 item 3: fixed on i10-io */
  if (dd_fuzz_skip_known () && dd_fuzz_json_is_empty (data, size))
    return -1;   /* issue 10 item 11: fixed on i11-prompt */

  content = dd_llm_reply_content (size ? (const char *) data : "", size,
                                  "http://127.0.0.1:1/v1/chat/completions", &error);
  if (content == NULL)
    {
      dd_fuzz_check (error != NULL && g_utf8_validate (error->message, -1, NULL),
                     "a reply without content says so");
      return 0;
    }
  if (dd_fuzz_too_deep ((const guint8 *) content, strlen (content)))
    return -1;
  proposal = dd_prompt_parse_reply (catalog, content, NULL, &error);
  dd_fuzz_check_proposal (proposal, error, catalog);
  return 0;
}
