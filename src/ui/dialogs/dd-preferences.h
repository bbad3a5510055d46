/* DdPreferences: the preferences window (GSettings; the API key in the keyring). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DD_TYPE_PREFERENCES (dd_preferences_get_type ())
G_DECLARE_FINAL_TYPE (DdPreferences, dd_preferences, DD, PREFERENCES, AdwPreferencesWindow)

GtkWidget *dd_preferences_new (GtkWindow *parent);

G_END_DECLS
