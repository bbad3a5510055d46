/* DdLlmClient: an OpenAI-compatible chat-completions endpoint (OpenAI, Ollama,
 * llama.cpp server, vLLM) asked to turn a sentence into a recipe. One client holds
 * one SoupSession for all its requests (connections are kept between them); its
 * settings — base URL, model, API key, timeout — are fixed when it is made: make a
 * new client when they change.
 *
 * Each request is bounded by one deadline over the whole exchange (connection to the
 * last byte), its reply is refused before parsing when it is too large or too deeply
 * nested, and read through the offline interpreter's vocabulary. The API key only
 * ever goes into the Authorization header; the user information of an endpoint
 * (http://user:KEY@host) never appears in a message. */
#pragma once

#include <gio/gio.h>

#include "dd-prompt.h"

G_BEGIN_DECLS

#define DD_TYPE_LLM_CLIENT (dd_llm_client_get_type ())
G_DECLARE_FINAL_TYPE (DdLlmClient, dd_llm_client, DD, LLM_CLIENT, GObject)

/* @endpoint is the base URL ("http://127.0.0.1:11434/v1"); @model and @api_key may
 * be NULL; @timeout in seconds, 0 for 60. */
DdLlmClient *dd_llm_client_new               (const char             *endpoint,
                                              const char             *model,
                                              const char             *api_key,
                                              guint                   timeout);
/* The client @settings describe, or NULL when they ask for the offline interpreter
 * (offline_only, or no endpoint). */
DdLlmClient *dd_llm_client_new_from_settings (const DdPromptSettings *settings);
/* TRUE when @settings describe this very client (it may be kept). */
gboolean     dd_llm_client_matches           (DdLlmClient            *self,
                                              const DdPromptSettings *settings);

const char  *dd_llm_client_get_endpoint      (DdLlmClient            *self);
guint        dd_llm_client_get_timeout       (DdLlmClient            *self);

/* Asks the model for a proposal for @text over @catalog; @current (may be NULL) is
 * the recipe it changes. Fails with DD_PROMPT_ERROR (or G_IO_ERROR_CANCELLED); the
 * offline fallback is dd_prompt_propose_async()'s, not the client's. Callbacks come
 * on the thread-default main context of the caller. */
void         dd_llm_client_propose_async     (DdLlmClient            *self,
                                              DdCatalog              *catalog,
                                              const char             *text,
                                              DdRecipe               *current,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
DdProposal  *dd_llm_client_propose_finish    (DdLlmClient            *self,
                                              GAsyncResult           *result,
                                              GError                **error);

G_END_DECLS
