/* DdWindow: the preference's near-duplicate threshold applied to the open catalog. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-health-near-async.h"
#include "dd-settings.h"
#include "dd-window-internal.h"

static void
near_threshold_applied (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GSettings *settings = dd_settings_get ();

  if (!dd_health_set_near_threshold_finish (DD_CATALOG (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->near_cancellable);
  if (error)
    {
      /* TRANSLATORS: %s says why, e.g. the catalog is read-only */
      g_autofree char *text =
        g_strdup_printf (_("The near-duplicate threshold was not applied: %s"), error->message);

      dd_window_toast (self, text);
      return;
    }
  if (settings && g_settings_get_uint (settings, "near-threshold") != self->near_applied)
    dd_window_apply_near_threshold (self);   /* changed again meanwhile */
}

/* The preference's threshold for the open catalog, off the main thread (where the
 * catalog's own is read: nothing is done when they agree): its pairs are found again,
 * and the catalog's "changed" refreshes the subset and the reports. One at a time: a
 * spin button held down ends at its last value. */
void
dd_window_apply_near_threshold (DdWindow *self)
{
  GSettings *settings = dd_settings_get ();
  DdCatalog *catalog = dd_session_get_catalog (self->session);
  if (settings == NULL || catalog == NULL || self->near_cancellable)
    return;
  self->near_applied = g_settings_get_uint (settings, "near-threshold");
  self->near_cancellable = g_cancellable_new ();
  dd_health_set_near_threshold_async (catalog, self->near_applied, self->near_cancellable,
                                      near_threshold_applied, g_object_ref (self));
}
