/* DdPreferences: the preferences window, bound to GSettings; the API key goes to the
 * keyring and is never shown back. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-preferences.h"
#include "dd-settings.h"

struct _DdPreferences
{
  AdwPreferencesWindow parent_instance;

  GtkSwitch *offline_switch;
  AdwEntryRow *endpoint_row;
  AdwEntryRow *model_row;
  AdwPasswordEntryRow *key_row;
  GtkSpinButton *timeout_spin;
  GtkSpinButton *thumb_spin;
  GtkSpinButton *cache_spin;
  GtkSpinButton *threads_spin;
  GtkSpinButton *near_spin;
  AdwComboRow *layout_row;
  AdwComboRow *mode_row;
};

G_DEFINE_FINAL_TYPE (DdPreferences, dd_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
enum_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_enum (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[index]);
}

static const char *layouts[] = { "imagefolder", "original", "csv", "jsonl", "fiftyone", "hf",
                                 "webdataset", NULL };
static const char *modes[] = { "copy", "hardlink", "symlink", NULL };

static void
key_stored (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DdPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (dd_settings_store_api_key_finish (result, &error))
    toast = adw_toast_new (_("API key saved in the keyring"));
  else
    /* TRANSLATORS: %s is why the keyring refused */
    toast = adw_toast_new_format (_("The API key was not saved: %s"), error->message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
key_applied (DdPreferences *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));

  dd_settings_store_api_key_async (key, NULL, key_stored, g_object_ref (self));
  /* not kept in the widget once handed to the keyring */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
}

static void
dd_preferences_class_init (DdPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, offline_switch);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, model_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, key_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, thumb_spin);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, cache_spin);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, threads_spin);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, near_spin);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, layout_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferences, mode_row);
}

static void
dd_preferences_init (DdPreferences *self)
{
  GSettings *settings = dd_settings_get ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->key_row, "apply", G_CALLBACK (key_applied), self);
  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }
  g_settings_bind (settings, "offline-only", self->offline_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "llm-endpoint", self->endpoint_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "llm-model", self->model_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "offline-only", self->endpoint_row, "sensitive",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
  g_settings_bind (settings, "offline-only", self->model_row, "sensitive",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
  g_settings_bind (settings, "llm-timeout", self->timeout_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "thumbnail-size", self->thumb_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "cache-size-mb", self->cache_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "worker-threads", self->threads_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "near-threshold", self->near_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "export-layout", self->layout_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, enum_to_index, index_to_enum,
                                (gpointer) layouts, NULL);
  g_settings_bind_with_mapping (settings, "export-mode", self->mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, enum_to_index, index_to_enum,
                                (gpointer) modes, NULL);
}

GtkWidget *
dd_preferences_new (GtkWindow *parent)
{
  return g_object_new (DD_TYPE_PREFERENCES, "transient-for", parent, NULL);
}
