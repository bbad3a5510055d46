/* DataDive's settings: GSettings only, with the API key in the keyring (libsecret's
 * asynchronous calls: no thread of our own). */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "dd-settings.h"
#include "dd-task.h"

static const SecretSchema *
api_key_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".ApiKey", SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

GSettings *
dd_settings_get (void)
{
  static GSettings *settings;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema =
        source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

      if (schema)
        settings = g_settings_new (APP_ID);
      else
        g_warning ("GSettings schema %s is not installed: preferences will not be kept", APP_ID);
      g_once_init_leave (&once, 1);
    }
  return settings;
}

void
dd_prompt_settings_free (DdPromptSettings *settings)
{
  if (settings == NULL)
    return;
  dd_prompt_settings_clear (settings);
  g_free (settings);
}

/* The keyring may be absent (no session bus, no secret service): that is no error, the
 * environment's key is then the only one. */
static void
key_looked_up (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdPromptSettings *s = g_task_get_task_data (task);
  char *key = secret_password_lookup_finish (result, NULL);

  if (key && *key)
    {
      g_free (s->api_key);
      s->api_key = g_strdup (key);
    }
  if (key)
    secret_password_free (key);
  dd_prompt_settings_from_env (s);
  g_task_return_pointer (task, s, NULL);
}

void
dd_settings_load_prompt_async (GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  DdPromptSettings *s = g_new0 (DdPromptSettings, 1);
  GSettings *settings = dd_settings_get ();

  if (settings)
    {
      g_autofree char *endpoint = g_settings_get_string (settings, "llm-endpoint");
      g_autofree char *model = g_settings_get_string (settings, "llm-model");

      if (*endpoint)
        s->endpoint = g_steal_pointer (&endpoint);
      if (*model)
        s->model = g_steal_pointer (&model);
      s->timeout = g_settings_get_uint (settings, "llm-timeout");
      s->offline_only = g_settings_get_boolean (settings, "offline-only");
    }
  g_task_set_source_tag (task, dd_settings_load_prompt_async);
  g_task_set_task_data (task, s, (GDestroyNotify) dd_prompt_settings_free);
  if (s->offline_only || g_getenv ("DATADIVE_NO_KEYRING"))
    {
      dd_prompt_settings_from_env (s);
      g_task_return_pointer (task, s, NULL);
      return;
    }
  secret_password_lookup (api_key_schema (), cancellable, key_looked_up, g_steal_pointer (&task),
                          "service", "llm", NULL);
}

DdPromptSettings *
dd_settings_load_prompt_finish (GAsyncResult  *result,
                                GError       **error)
{
  GTask *task = G_TASK (result);
  DdPromptSettings *s;

  if (!g_task_propagate_pointer (task, error))
    return NULL;
  /* The settings were the task's data: hand them over. */
  s = g_task_get_task_data (task);
  {
    DdPromptSettings *copy = g_new0 (DdPromptSettings, 1);
    *copy = *s;
    memset (s, 0, sizeof *s);
    return copy;
  }
}

static void
secure_free (gpointer data)
{
  char *key = data;

  if (key)
    memset (key, 0, strlen (key));
  g_free (key);
}

static void
key_stored (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean ok = g_task_get_task_data (task) ? secret_password_store_finish (result, &error)
                                            : secret_password_clear_finish (result, &error);

  /* clearing a key that was never stored is no error */
  dd_task_return_boolean_or_error (task, ok || error == NULL, error);
}

void
dd_settings_store_api_key_async (const char          *key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, dd_settings_store_api_key_async);
  if (key == NULL || *key == '\0')
    {
      secret_password_clear (api_key_schema (), cancellable, key_stored, g_steal_pointer (&task),
                             "service", "llm", NULL);
      return;
    }
  g_task_set_task_data (task, g_strdup (key), secure_free);
  secret_password_store (api_key_schema (), SECRET_COLLECTION_DEFAULT, "DataDive LLM API key", key,
                         cancellable, key_stored, g_steal_pointer (&task), "service", "llm", NULL);
}

gboolean
dd_settings_store_api_key_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
