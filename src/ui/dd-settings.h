/* DataDive's settings: GSettings for preferences and window state, libsecret for the
 * LLM API key (never in GSettings or a file). */
#pragma once

#include <gio/gio.h>

#include "dd-prompt.h"

G_BEGIN_DECLS

/* The app's GSettings, or NULL when the schema is not installed (then every setting
 * keeps its default and nothing is remembered). */
GSettings *dd_settings_get                (void);

/* The prompt engine's settings: GSettings first, the environment for what is unset
 * (OPENAI_BASE_URL, DATADIVE_LLM_MODEL), the key from the keyring or OPENAI_API_KEY.
 * The keyring is asked off the main thread. */
void              dd_settings_load_prompt_async  (GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
DdPromptSettings *dd_settings_load_prompt_finish (GAsyncResult         *result,
                                                  GError              **error);
void              dd_prompt_settings_free        (DdPromptSettings     *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdPromptSettings, dd_prompt_settings_free)

/* Stores (or, with NULL or "", removes) the API key in the keyring. */
void              dd_settings_store_api_key_async  (const char          *key,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          dd_settings_store_api_key_finish (GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
