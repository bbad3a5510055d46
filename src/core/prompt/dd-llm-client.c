/* DdLlmClient: one OpenAI-compatible chat-completions endpoint over one SoupSession,
 * each request within one deadline and its reply read through the interpreter's
 * vocabulary; and the prompt engine on top of it, with the offline interpreter as the
 * fallback. The API key only ever goes into the Authorization header. */
#define G_LOG_DOMAIN "datadive-prompt"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dd-json-guard.h"
#include "dd-llm-client.h"
#include "dd-llm-client-private.h"
#include "dd-prompt-private.h"
#include "dd-taxonomy.h"
#include "dd-text.h"

struct _DdLlmClient
{
  GObject      parent_instance;

  char        *endpoint;
  char        *model;
  char        *api_key;
  guint        timeout;      /* seconds */
  char        *url;          /* endpoint + /chat/completions */
  char        *shown_url;    /* url without user information, for messages */
  GUri        *uri;          /* NULL when url is not http(s) */
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (DdLlmClient, dd_llm_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_MODEL,
  PROP_API_KEY,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One exchange with the endpoint. */
typedef struct {
  DdCatalog    *catalog;
  DdRecipe     *current;
  SoupMessage  *message;
  GCancellable *cancellable;   /* ours: the caller's, or the deadline, cancels it */
  GCancellable *caller;
  gulong        caller_handler;
  GSource      *deadline;
  gboolean      timed_out;
} Request;

static void
stop_deadline (Request *r)
{
  if (r->deadline)
    {
      g_source_destroy (r->deadline);
      g_clear_pointer (&r->deadline, g_source_unref);
    }
}

static void
request_free (Request *r)
{
  stop_deadline (r);
  if (r->caller)
    g_cancellable_disconnect (r->caller, r->caller_handler);
  g_clear_object (&r->caller);
  g_clear_object (&r->cancellable);
  g_clear_object (&r->catalog);
  g_clear_pointer (&r->current, dd_recipe_unref);
  g_clear_object (&r->message);
  g_free (r);
}

/* ---- the request ----------------------------------------------------------------- */

/* The WordNet categories above the classes (more than one class, not all of them), so
 * the model may answer "dog" as the offline interpreter would. */
static void
append_categories (GString   *s,
                   DdCatalog *catalog)
{
  g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (catalog);
  g_autoptr(GPtrArray) groups = dd_taxonomy_list_groups (tax, 2);

  g_string_append (s, "\nCategories (wnid:name:number of classes under it): ");
  for (guint i = 0; i < groups->len; i++)
    {
      g_autoptr(GArray) ids = dd_taxonomy_get_classes_under (tax, groups->pdata[i]);
      g_string_append_printf (s, "%s%s:%s:%u", i ? "; " : "", (char *) groups->pdata[i],
                              dd_taxonomy_get_label (tax, groups->pdata[i]), ids->len);
    }
}

/* The vocabulary, compactly, the rules the offline interpreter follows, and what to
 * answer. */
static char *
system_prompt (DdCatalog *catalog,
               DdRecipe  *current)
{
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);
  g_autoptr(GPtrArray) splits = dd_catalog_list_splits (catalog);
  g_autofree char *current_json = current ? dd_recipe_to_json (current)
                                           : g_strdup ("{\"version\": 1}");
  GString *s = g_string_new (NULL);

  g_string_append (s,
    "You turn a request for a subset of an image-classification dataset into a JSON recipe. "
    "Answer with one JSON object only, no prose, with these optional keys (absent = all): "
    "\"classes\" (list of wnids or class names from the list below, or category wnids), "
    "\"corruptions\" (names below, families noise/blur/weather/digital, or \"none\" for "
    "clean images), \"severities\" (integers, 0 = clean, 1-5), \"splits\", "
    "\"exclude_flags\" (health kinds), \"per_class_limit\" (integer), \"seed\" (integer), "
    "\"explanation\" (one short sentence). Keys not mentioned by the request keep the "
    "current recipe's values.\n"
    "Rules: a category (\"dogs\", \"fruit\", \"structures\") means every class under it "
    "through all of its WordNet hypernyms (a class may have several: edible fruit is both "
    "produce and fruit). \"No corruption\", \"uncorrupted\", \"original\" or \"clean\" "
    "mean corruptions [\"none\"] and severities [0]. \"Any corruption\", \"corrupted\" "
    "or \"all corruptions but X\" mean the corruptions without \"none\" and severities "
    "[1,2,3,4,5]; \"everything except fog\" keeps the clean images. \"Up to N\", \"at "
    "most N\", \"below N\", \"N or less\" are ranges from 1; \"above N\", \"at least "
    "N\" go up to 5; mildest/lightest = 1, harshest/strongest/worst = 5, \"the two mildest\" "
    "= [1,2]; mild = [1,2], moderate = [3], severe/heavy = [4,5]; s3, sev 3, lvl 3 mean "
    "severity 3. \"A but B\", \"A except B\", \"A other than B\" remove B from A. "
    "\"Gaussian and shot noise\" names two corruptions. \"Max N each\" or \"at most N "
    "per class\" is per_class_limit N, not a severity. Words you cannot place: leave them "
    "out and say so in the explanation.\n");
  g_string_append (s, "Classes (wnid:name): ");
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);
      g_string_append_printf (s, "%s%s:%s", i ? "; " : "", c->wnid, c->name);
    }
  append_categories (s, catalog);
  g_string_append (s, "\nCorruptions (name/family): ");
  for (guint i = 0; i < corruptions->len; i++)
    {
      DdCorruptionInfo *c = g_ptr_array_index (corruptions, i);
      g_string_append_printf (s, "%s%s/%s", i ? ", " : "", c->name, c->family);
    }
  g_string_append (s, "\nSplits: ");
  for (guint i = 0; i < splits->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", ((DdSplitInfo *) splits->pdata[i])->name);
  g_string_append (s, "\nHealth kinds: ");
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    g_string_append_printf (s, "%s%s", k ? ", " : "", dd_health_kind_to_string (k));
  dd_prompt_describe_model (catalog, s);
  g_string_append_printf (s, "\nCurrent recipe: %s", current_json);
  return g_string_free (s, FALSE);
}

/* The chat-completions request: the system prompt, the sentence, JSON wanted back. */
static GBytes *
request_body (DdLlmClient *self,
              DdCatalog   *catalog,
              DdRecipe    *current,
              const char  *text)
{
  g_autofree char *system = system_prompt (catalog, current);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  char *json;

  json_builder_begin_object (b);
  if (self->model)
    {
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, self->model);
    }
  json_builder_set_member_name (b, "temperature");
  json_builder_add_double_value (b, 0);
  json_builder_set_member_name (b, "response_format");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "json_object");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "messages");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "system");
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, system);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "user");
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  json = json_to_string (body, FALSE);
  return g_bytes_new_take (json, strlen (json));
}

static gboolean
deadline_passed (gpointer data)
{
  Request *r = data;

  r->timed_out = TRUE;
  g_cancellable_cancel (r->cancellable);
  g_clear_pointer (&r->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled (GCancellable *caller,
                  gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

/* The timeout bounds the whole exchange, from connecting to the last byte of the
 * reply (libsoup's own timeout restarts with every byte that arrives). */
static void
start_deadline (Request      *r,
                guint         timeout,
                GCancellable *caller)
{
  r->cancellable = g_cancellable_new ();
  if (caller)
    {
      r->caller = g_object_ref (caller);
      r->caller_handler = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled),
                                                 g_object_ref (r->cancellable), g_object_unref);
    }
  r->deadline = g_timeout_source_new (MIN (timeout, G_MAXUINT / 1000) * 1000);
  g_source_set_callback (r->deadline, deadline_passed, r, NULL);
  g_source_attach (r->deadline, g_main_context_get_thread_default ());
}

/* ---- the reply ------------------------------------------------------------------- */

/* The transport failed: a timeout (ours or libsoup's), a cancellation, or no answer. */
static GError *
transport_error (DdLlmClient *self,
                 Request     *r,
                 GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      (r->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    return g_error_new (DD_PROMPT_ERROR, DD_PROMPT_ERROR_TIMEOUT,
                        _("The LLM at %s did not answer within %u s"), self->shown_url,
                        self->timeout);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  return g_error_new (DD_PROMPT_ERROR, DD_PROMPT_ERROR_UNREACHABLE,
                      _("Cannot reach the LLM at %s: %s"), self->shown_url, error->message);
}

static GError *
status_error (DdLlmClient *self,
              guint        status)
{
  const char *why = status == 401 || status == 403 ? _("it refused the API key")
                  : status == 404 ? _("it has no chat-completions API there")
                  : status == 429 ? _("it is rate limiting; try again later")
                  : status >= 500 ? _("it failed on its side")
                  : _("it rejected the request");

  return g_error_new (DD_PROMPT_ERROR, DD_PROMPT_ERROR_HTTP,
                      _("The LLM at %s answered HTTP %u: %s"), self->shown_url, status, why);
}

char *
dd_llm_reply_content (const char  *data,
                      gsize        len,
                      const char  *url,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *choices;
  const char *content = NULL;

  /* json-glib's parser recurses per nesting level: a hostile reply is refused first; a
   * body of only white space parses to no root at all */
  if (!dd_json_guard_check (data, len, DD_LLM_REPLY_MAX_DEPTH, DD_LLM_REPLY_MAX_BYTES, NULL) ||
      !json_parser_load_from_data (parser, data, len, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_NOT_JSON,
                   _("The LLM at %s did not answer in the chat-completions format"), url);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  choices = json_object_has_member (root, "choices") &&
            JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "choices"))
            ? json_object_get_array_member (root, "choices") : NULL;
  if (choices && json_array_get_length (choices) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (choices, 0)))
    {
      JsonObject *choice = json_array_get_object_element (choices, 0);
      JsonObject *message = json_object_has_member (choice, "message") &&
                            JSON_NODE_HOLDS_OBJECT (json_object_get_member (choice, "message"))
                            ? json_object_get_object_member (choice, "message") : NULL;
      if (message && json_object_has_member (message, "content") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (message, "content")))
        content = json_object_get_string_member (message, "content");
    }
  if (content == NULL)
    {
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
                   _("The LLM at %s sent no message content"), url);
      return NULL;
    }
  /* an escaped lone surrogate ("\ud800") decodes to bytes that are not UTF-8 */
  return g_utf8_make_valid (content, -1);
}

static void
on_reply (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdLlmClient *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &error);
  g_autofree char *shown = NULL;
  g_autofree char *content = NULL;
  DdProposal *proposal;
  const char *data;
  gsize len;

  stop_deadline (r);
  if (bytes == NULL)
    {
      g_task_return_error (task, transport_error (self, r, error));
      return;
    }
  if (soup_message_get_status (r->message) != SOUP_STATUS_OK)
    {
      g_task_return_error (task, status_error (self, soup_message_get_status (r->message)));
      return;
    }
  data = g_bytes_get_data (bytes, &len);
  content = dd_llm_reply_content (data, len, self->shown_url, &error);
  if (content == NULL ||
      !(proposal = dd_prompt_parse_reply (r->catalog, content, r->current, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  shown = dd_uri_redact (self->endpoint);
  proposal->engine = g_strdup_printf ("llm (%s at %s)", self->model ? self->model : "default",
                                      shown);
  g_task_return_pointer (task, proposal, (GDestroyNotify) dd_proposal_free);
}

void
dd_llm_client_propose_async (DdLlmClient         *self,
                             DdCatalog           *catalog,
                             const char          *text,
                             DdRecipe            *current,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Request *r;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (DD_IS_LLM_CLIENT (self));
  g_return_if_fail (DD_IS_CATALOG (catalog));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_llm_client_propose_async);
  if (self->uri == NULL)
    {
      g_autofree char *shown = dd_uri_redact (self->endpoint);

      g_task_return_new_error (task, DD_PROMPT_ERROR, DD_PROMPT_ERROR_UNREACHABLE,
                               _("“%s” is not an http(s) URL"), shown);
      g_object_unref (task);
      return;
    }
  r = g_new0 (Request, 1);
  r->catalog = g_object_ref (catalog);
  r->current = current ? dd_recipe_ref (current) : NULL;
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);

  r->message = soup_message_new_from_uri ("POST", self->uri);
  /* Asking changes nothing on the server: the request may go on a kept-alive connection
   * (libsoup opens a new one for every POST that is not marked so). */
  soup_message_add_flags (r->message, SOUP_MESSAGE_IDEMPOTENT);
  if (self->api_key && *self->api_key)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->api_key, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (r->message),
                                    "Authorization", auth);
    }
  body = request_body (self, catalog, current, text);
  soup_message_set_request_body_from_bytes (r->message, "application/json", body);
  start_deadline (r, self->timeout, cancellable);
  soup_session_send_and_read_async (self->session, r->message, G_PRIORITY_DEFAULT,
                                    r->cancellable, on_reply, task);
}

DdProposal *
dd_llm_client_propose_finish (DdLlmClient   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the engine: the LLM, or the interpreter ------------------------------------- */

typedef struct {
  DdCatalog *catalog;
  char      *text;
  DdRecipe  *current;
  gboolean   fallback;
} Engine;

static void
engine_free (Engine *e)
{
  g_clear_object (&e->catalog);
  g_free (e->text);
  g_clear_pointer (&e->current, dd_recipe_unref);
  g_free (e);
}

static void
finish_offline (GTask      *task,
                const char *why)
{
  Engine *e = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  DdProposal *proposal = dd_prompt_interpret (e->catalog, e->text, e->current, &error);

  if (proposal == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  proposal->fallback = g_strdup (why);
  g_task_return_pointer (task, proposal, (GDestroyNotify) dd_proposal_free);
}

static void
on_llm_proposal (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Engine *e = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  DdProposal *proposal = dd_llm_client_propose_finish (DD_LLM_CLIENT (object), result, &error);

  if (proposal)
    g_task_return_pointer (task, proposal, (GDestroyNotify) dd_proposal_free);
  /* asked for by name, the LLM's failure is the answer, not a silent fallback */
  else if (!e->fallback || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    finish_offline (task, error->message);
}

void
dd_prompt_propose_async (DdCatalog           *catalog,
                         const char          *text,
                         DdRecipe            *current,
                         DdLlmClient         *client,
                         gboolean             fallback,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (catalog, cancellable, callback, user_data);
  Engine *e = g_new0 (Engine, 1);

  g_task_set_source_tag (task, dd_prompt_propose_async);
  e->catalog = g_object_ref (catalog);
  e->text = g_strdup (text);
  e->current = current ? dd_recipe_ref (current) : NULL;
  e->fallback = fallback;
  g_task_set_task_data (task, e, (GDestroyNotify) engine_free);
  if (client == NULL)
    {
      finish_offline (task, NULL);
      g_object_unref (task);
      return;
    }
  dd_llm_client_propose_async (client, catalog, text, current, cancellable, on_llm_proposal,
                               task);
}

DdProposal *
dd_prompt_propose_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  GMainLoop  *loop;
  DdProposal *proposal;
  GError     *error;
} Sync;

static void
on_sync (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sync *sync = user_data;

  sync->proposal = dd_prompt_propose_finish (result, &sync->error);
  g_main_loop_quit (sync->loop);
}

DdProposal *
dd_prompt_propose (DdCatalog     *catalog,
                   const char    *text,
                   DdRecipe      *current,
                   DdLlmClient   *client,
                   gboolean       fallback,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Sync sync = { 0 };

  g_main_context_push_thread_default (context);
  sync.loop = g_main_loop_new (context, FALSE);
  dd_prompt_propose_async (catalog, text, current, client, fallback, cancellable, on_sync, &sync);
  if (sync.proposal == NULL && sync.error == NULL)
    g_main_loop_run (sync.loop);
  /* let the session finish its cleanup on this context */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_loop_unref (sync.loop);
  g_main_context_pop_thread_default (context);
  if (sync.error)
    {
      g_propagate_error (error, sync.error);
      return NULL;
    }
  return sync.proposal;
}

/* ---- the object ------------------------------------------------------------------ */

static gboolean
is_loopback (GUri *uri)
{
  const char *host = g_uri_get_host (uri);

  return host && (g_str_has_prefix (host, "127.") || g_strcmp0 (host, "localhost") == 0 ||
                  g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0);
}

static void
dd_llm_client_constructed (GObject *object)
{
  DdLlmClient *self = DD_LLM_CLIENT (object);
  g_autofree char *base = g_strdup (self->endpoint ? self->endpoint : "");

  G_OBJECT_CLASS (dd_llm_client_parent_class)->constructed (object);
  if (self->timeout == 0)
    self->timeout = 60;
  while (*base && base[strlen (base) - 1] == '/')
    base[strlen (base) - 1] = '\0';
  self->url = g_strconcat (base, "/chat/completions", NULL);
  self->shown_url = dd_uri_redact (self->url);
  self->uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (self->uri && g_strcmp0 (g_uri_get_scheme (self->uri), "http") != 0 &&
      g_strcmp0 (g_uri_get_scheme (self->uri), "https") != 0)
    g_clear_pointer (&self->uri, g_uri_unref);
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "idle-timeout", self->timeout, NULL);
  /* http_proxy would send even 127.0.0.1 through the proxy */
  if (self->uri && is_loopback (self->uri))
    soup_session_set_proxy_resolver (self->session, NULL);
}

static void
dd_llm_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdLlmClient *self = DD_LLM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_llm_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdLlmClient *self = DD_LLM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      self->endpoint = g_value_dup_string (value);
      break;
    case PROP_MODEL:
      self->model = g_value_dup_string (value);
      break;
    case PROP_API_KEY:
      self->api_key = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT:
      self->timeout = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_llm_client_dispose (GObject *object)
{
  DdLlmClient *self = DD_LLM_CLIENT (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (dd_llm_client_parent_class)->dispose (object);
}

static void
dd_llm_client_finalize (GObject *object)
{
  DdLlmClient *self = DD_LLM_CLIENT (object);

  g_free (self->endpoint);
  g_free (self->model);
  g_free (self->api_key);
  g_free (self->url);
  g_free (self->shown_url);
  g_clear_pointer (&self->uri, g_uri_unref);
  G_OBJECT_CLASS (dd_llm_client_parent_class)->finalize (object);
}

static void
dd_llm_client_class_init (DdLlmClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = dd_llm_client_constructed;
  object_class->get_property = dd_llm_client_get_property;
  object_class->set_property = dd_llm_client_set_property;
  object_class->dispose = dd_llm_client_dispose;
  object_class->finalize = dd_llm_client_finalize;

  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL, flags | G_PARAM_READWRITE);
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL, flags | G_PARAM_READWRITE);
  /* never read back: it only goes into the Authorization header */
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL, flags | G_PARAM_WRITABLE);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, 60, flags | G_PARAM_READWRITE);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_llm_client_init (DdLlmClient *self)
{
}

DdLlmClient *
dd_llm_client_new (const char *endpoint,
                   const char *model,
                   const char *api_key,
                   guint       timeout)
{
  return g_object_new (DD_TYPE_LLM_CLIENT, "endpoint", endpoint, "model", model,
                       "api-key", api_key, "timeout", timeout, NULL);
}

DdLlmClient *
dd_llm_client_new_from_settings (const DdPromptSettings *settings)
{
  if (settings == NULL || settings->offline_only || settings->endpoint == NULL ||
      *settings->endpoint == '\0')
    return NULL;
  return dd_llm_client_new (settings->endpoint, settings->model, settings->api_key,
                            settings->timeout);
}

gboolean
dd_llm_client_matches (DdLlmClient            *self,
                       const DdPromptSettings *settings)
{
  g_return_val_if_fail (DD_IS_LLM_CLIENT (self), FALSE);

  return settings && !settings->offline_only &&
         g_strcmp0 (self->endpoint, settings->endpoint) == 0 &&
         g_strcmp0 (self->model, settings->model) == 0 &&
         g_strcmp0 (self->api_key, settings->api_key) == 0 &&
         self->timeout == (settings->timeout ? settings->timeout : 60);
}

const char *
dd_llm_client_get_endpoint (DdLlmClient *self)
{
  g_return_val_if_fail (DD_IS_LLM_CLIENT (self), NULL);
  return self->endpoint;
}

guint
dd_llm_client_get_timeout (DdLlmClient *self)
{
  g_return_val_if_fail (DD_IS_LLM_CLIENT (self), 0);
  return self->timeout;
}
