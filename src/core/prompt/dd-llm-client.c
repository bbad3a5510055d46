/* The LLM side of the prompt engine: one OpenAI-compatible chat-completions request
 * over libsoup 3 within one deadline, its reply read through the interpreter's
 * vocabulary, the offline interpreter as the fallback. The API key only ever goes into
 * the Authorization header. */
#define G_LOG_DOMAIN "datadive-prompt"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dd-json-guard.h"
#include "dd-llm-client-private.h"
#include "dd-prompt.h"
#include "dd-taxonomy.h"
#include "dd-text.h"

typedef struct {
  DdCatalog        *catalog;
  char             *text;
  DdRecipe         *current;
  DdPromptSettings  settings;
  char             *url;
  char             *shown_url;   /* url without user information, for messages */
  SoupSession      *session;
  SoupMessage      *message;
  GCancellable     *cancellable;   /* ours: the caller's, or the deadline, cancels it */
  GCancellable     *caller;
  gulong            caller_handler;
  GSource          *deadline;
  gboolean          timed_out;
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
  g_free (r->text);
  g_clear_pointer (&r->current, dd_recipe_unref);
  dd_prompt_settings_clear (&r->settings);
  g_free (r->url);
  g_free (r->shown_url);
  g_clear_object (&r->message);
  g_clear_object (&r->session);
  g_free (r);
}

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
  g_autofree char *current_json = current ? dd_recipe_to_json (current) : g_strdup ("{\"version\": 1}");
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
  g_string_append_printf (s, "\nCurrent recipe: %s", current_json);
  return g_string_free (s, FALSE);
}

static gboolean
is_loopback (GUri *uri)
{
  const char *host = g_uri_get_host (uri);

  return host && (g_str_has_prefix (host, "127.") || g_strcmp0 (host, "localhost") == 0 ||
                  g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0);
}

static void
finish_offline (GTask      *task,
                Request    *r,
                const char *why)
{
  g_autoptr(GError) error = NULL;
  DdProposal *proposal = dd_prompt_interpret (r->catalog, r->text, r->current, &error);

  if (proposal == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  proposal->fallback = g_strdup (why);
  g_task_return_pointer (task, proposal, (GDestroyNotify) dd_proposal_free);
}

/* The LLM failed with @error: fall back, or fail when the user insisted on it. */
static void
llm_failed (GTask  *task,
            GError *error)
{
  Request *r = g_task_get_task_data (task);

  if (r->settings.no_fallback || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  finish_offline (task, r, error->message);
  g_error_free (error);
}

char *
dd_llm_reply_content (const char  *body,
                      gsize        size,
                      const char  *url,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *choices;
  const char *content = NULL;

  /* json-glib's parser recurses per nesting level: a hostile reply is refused first; a
   * body of only white space parses to no root at all */
  if (!dd_json_guard_check (body, size, DD_LLM_REPLY_MAX_DEPTH, DD_LLM_REPLY_MAX_BYTES, NULL) ||
      !json_parser_load_from_data (parser, body, size, NULL) ||
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
  Request *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autofree char *content = NULL;
  guint status;
  DdProposal *proposal;

  stop_deadline (r);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
          (r->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
        llm_failed (task, g_error_new (DD_PROMPT_ERROR, DD_PROMPT_ERROR_TIMEOUT,
                                       _("The LLM at %s did not answer within %u s"), r->shown_url,
                                       r->settings.timeout));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        llm_failed (task, g_steal_pointer (&error));
      else
        llm_failed (task, g_error_new (DD_PROMPT_ERROR, DD_PROMPT_ERROR_UNREACHABLE,
                                       _("Cannot reach the LLM at %s: %s"), r->shown_url, error->message));
      return;
    }
  status = soup_message_get_status (r->message);
  if (status != SOUP_STATUS_OK)
    {
      const char *why = status == 401 || status == 403 ? _("it refused the API key")
                      : status == 404 ? _("it has no chat-completions API there")
                      : status == 429 ? _("it is rate limiting; try again later")
                      : status >= 500 ? _("it failed on its side")
                      : _("it rejected the request");
      llm_failed (task, g_error_new (DD_PROMPT_ERROR, DD_PROMPT_ERROR_HTTP,
                                     _("The LLM at %s answered HTTP %u: %s"), r->shown_url, status, why));
      return;
    }
  content = dd_llm_reply_content (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  r->shown_url, &error);
  if (content == NULL)
    {
      llm_failed (task, g_steal_pointer (&error));
      return;
    }
  proposal = dd_prompt_parse_reply (r->catalog, content, r->current, &error);
  if (proposal == NULL)
    {
      llm_failed (task, g_steal_pointer (&error));
      return;
    }
  {
    g_autofree char *shown = dd_uri_redact (r->settings.endpoint);

    proposal->engine = g_strdup_printf ("llm (%s at %s)",
                                        r->settings.model ? r->settings.model : "default", shown);
  }
  g_task_return_pointer (task, proposal, (GDestroyNotify) dd_proposal_free);
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
                GCancellable *caller)
{
  r->cancellable = g_cancellable_new ();
  if (caller)
    {
      r->caller = g_object_ref (caller);
      r->caller_handler = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled),
                                                 g_object_ref (r->cancellable), g_object_unref);
    }
  r->deadline = g_timeout_source_new (MIN (r->settings.timeout, G_MAXUINT / 1000) * 1000);
  g_source_set_callback (r->deadline, deadline_passed, r, NULL);
  g_source_attach (r->deadline, g_main_context_get_thread_default ());
}

void
dd_prompt_propose_async (DdCatalog              *catalog,
                         const char             *text,
                         DdRecipe               *current,
                         const DdPromptSettings *settings,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  GTask *task = g_task_new (catalog, cancellable, callback, user_data);
  Request *r = g_new0 (Request, 1);
  g_autofree char *base = NULL;
  g_autofree char *system = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_task_set_source_tag (task, dd_prompt_propose_async);
  r->catalog = g_object_ref (catalog);
  r->text = g_strdup (text);
  r->current = current ? dd_recipe_ref (current) : NULL;
  if (settings)
    {
      r->settings = *settings;
      r->settings.endpoint = g_strdup (settings->endpoint);
      r->settings.model = g_strdup (settings->model);
      r->settings.api_key = g_strdup (settings->api_key);
    }
  if (r->settings.timeout == 0)
    r->settings.timeout = 60;
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);

  if (r->settings.offline_only || r->settings.endpoint == NULL || *r->settings.endpoint == '\0')
    {
      finish_offline (task, r, NULL);
      g_object_unref (task);
      return;
    }

  base = g_strdup (r->settings.endpoint);
  while (*base && base[strlen (base) - 1] == '/')
    base[strlen (base) - 1] = '\0';
  r->url = g_strconcat (base, "/chat/completions", NULL);
  r->shown_url = dd_uri_redact (r->url);
  uri = g_uri_parse (r->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_autofree char *shown = dd_uri_redact (r->settings.endpoint);

      llm_failed (task, g_error_new (DD_PROMPT_ERROR, DD_PROMPT_ERROR_UNREACHABLE,
                                     _("“%s” is not an http(s) URL"), shown));
      g_object_unref (task);
      return;
    }

  r->session = soup_session_new_with_options ("timeout", r->settings.timeout,
                                              "idle-timeout", r->settings.timeout, NULL);
  /* http_proxy would send even 127.0.0.1 through the proxy */
  if (is_loopback (uri))
    soup_session_set_proxy_resolver (r->session, NULL);
  r->message = soup_message_new_from_uri ("POST", uri);
  if (r->settings.api_key && *r->settings.api_key)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", r->settings.api_key, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (r->message),
                                    "Authorization", auth);
    }

  system = system_prompt (catalog, current);
  b = json_builder_new ();
  json_builder_begin_object (b);
  if (r->settings.model)
    {
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, r->settings.model);
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
  {
    gsize len = strlen (json);
    bytes = g_bytes_new_take (g_steal_pointer (&json), len);
  }
  soup_message_set_request_body_from_bytes (r->message, "application/json", bytes);
  start_deadline (r, cancellable);
  soup_session_send_and_read_async (r->session, r->message, G_PRIORITY_DEFAULT, r->cancellable,
                                    on_reply, task);
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
dd_prompt_propose (DdCatalog              *catalog,
                   const char             *text,
                   DdRecipe               *current,
                   const DdPromptSettings *settings,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Sync sync = { 0 };

  g_main_context_push_thread_default (context);
  sync.loop = g_main_loop_new (context, FALSE);
  dd_prompt_propose_async (catalog, text, current, settings, cancellable, on_sync, &sync);
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
