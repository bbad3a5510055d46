/* A cheap check of untrusted JSON text before json-glib parses it: json-glib's parser
 * recurses once per nesting level, so 100,000 "[" overflow the stack. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Nesting a recipe may have (it has 2: an object of arrays; room left for later
 * versions) and the most a recipe text may hold. */
#define DD_RECIPE_MAX_DEPTH 8
#define DD_RECIPE_MAX_BYTES (256 * 1024 * 1024)

/* An LLM's reply: the chat-completions envelope, and the JSON found in its content. */
#define DD_LLM_REPLY_MAX_DEPTH 64
#define DD_LLM_REPLY_MAX_BYTES (8 * 1024 * 1024)

/* Counts the nesting of [ and { in @data (@len bytes, -1: NUL-terminated) the way
 * json-glib's scanner reads it: outside "…" strings (with \ escapes), '…' strings and
 * comments (/…/). FALSE with G_IO_ERROR_INVALID_DATA when it goes deeper than @max_depth
 * or @data is longer than @max_bytes (0: no size limit). Linear, no allocation. */
gboolean dd_json_guard_check (const char  *data,
                              gssize       len,
                              guint        max_depth,
                              gsize        max_bytes,
                              GError     **error);

G_END_DECLS
