/* The prompt engine: one loose sentence → a proposed recipe, by an OpenAI-compatible
 * LLM or, offline, by an interpreter that knows the catalog's vocabulary and WordNet. */
#pragma once

#include <gio/gio.h>

#include "dd-catalog.h"
#include "dd-recipe.h"

G_BEGIN_DECLS

#define DD_PROMPT_ERROR (dd_prompt_error_quark ())
GQuark dd_prompt_error_quark (void);

typedef enum {
  DD_PROMPT_ERROR_HTTP,         /* the endpoint answered with an HTTP error */
  DD_PROMPT_ERROR_UNREACHABLE,  /* connection failure */
  DD_PROMPT_ERROR_TIMEOUT,
  DD_PROMPT_ERROR_NOT_JSON,     /* the reply holds no JSON object */
  DD_PROMPT_ERROR_BAD_REPLY,    /* JSON, but not a recipe */
  DD_PROMPT_ERROR_REFUSED,      /* the model answered in words, not a proposal */
} DdPromptError;

typedef struct {
  DdRecipe  *recipe;        /* the proposal */
  char      *explanation;   /* a short sentence */
  GPtrArray *unplaced;      /* words (or names from the LLM) that could not be placed */
  GPtrArray *corrections;   /* misspellings read as a name: "gausian → gaussian_noise" */
  char      *engine;        /* "offline" or "llm (<model> at <url>)" */
  char      *fallback;      /* why the LLM did not answer, when the offline one did */
  char     **kept;          /* rules of the current recipe the proposal keeps because the
                             * sentence (or the model) did not set them: "classes",
                             * "corruptions", "severities", "splits", "exclude_flags",
                             * "per_class_limit", "exclude" and "include" (the samples left
                             * out or forced in by hand: never set by a sentence);
                             * NULL-terminated, empty when none is */
} DdProposal;

void        dd_proposal_free (DdProposal *proposal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdProposal, dd_proposal_free)

typedef struct _DdLlmClient DdLlmClient;   /* dd-llm-client.h */

typedef struct {
  char    *endpoint;        /* base URL ("http://127.0.0.1:11434/v1"); NULL = none */
  char    *model;
  char    *api_key;         /* never printed */
  guint    timeout;         /* seconds; 0 = 60 */
  gboolean offline_only;
} DdPromptSettings;

/* A recipe's severity mask (dd_recipe_get_severity_mask) for people, in a proposal's
 * diff: "all", or the severities allowed ("0, 4, 5"). */
char       *dd_prompt_severity_text     (int               mask);

/* Settings from the environment: OPENAI_BASE_URL, OPENAI_API_KEY, DATADIVE_LLM_MODEL. */
void        dd_prompt_settings_from_env (DdPromptSettings *settings);
void        dd_prompt_settings_clear    (DdPromptSettings *settings);

/* The offline interpreter: deterministic, instant, no network. @current may be NULL;
 * fields the sentence does not mention keep their current value. */
DdProposal *dd_prompt_interpret         (DdCatalog   *catalog,
                                         const char  *text,
                                         DdRecipe    *current,
                                         GError     **error);

/* The whole engine, off the main thread: the LLM through @client (a DdLlmClient, see
 * dd-llm-client.h; NULL for the interpreter alone), else — or when the LLM fails and
 * @fallback is TRUE — the offline interpreter, with the LLM's failure in "fallback". */
void        dd_prompt_propose_async     (DdCatalog              *catalog,
                                         const char             *text,
                                         DdRecipe               *current,
                                         DdLlmClient            *client,
                                         gboolean                fallback,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
DdProposal *dd_prompt_propose_finish    (GAsyncResult           *result,
                                         GError                **error);
/* Blocking, for the CLI (runs its own main context). */
DdProposal *dd_prompt_propose           (DdCatalog              *catalog,
                                         const char             *text,
                                         DdRecipe               *current,
                                         DdLlmClient            *client,
                                         gboolean                fallback,
                                         GCancellable           *cancellable,
                                         GError                **error);

/* The reply of a model turned into a validated proposal (exposed for tests). */
DdProposal *dd_prompt_parse_reply       (DdCatalog   *catalog,
                                         const char  *content,
                                         DdRecipe    *current,
                                         GError     **error);

G_END_DECLS
