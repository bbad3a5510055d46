/* Internal API of the LLM client: the reply parser, exposed for tests and fuzzing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first choice's message content of a chat-completions reply (@size bytes of
 * @body, not NUL-terminated), or NULL with DD_PROMPT_ERROR_NOT_JSON or
 * DD_PROMPT_ERROR_BAD_REPLY; messages name @url. */
char *dd_llm_reply_content (const char  *body,
                            gsize        size,
                            const char  *url,
                            GError     **error);

G_END_DECLS
