/* DdWindow: what it says about the session — the title, the subtitle with the subset's
 * count and its whole description as the tooltip, the bars that show the progress of
 * opening and indexing, and the toasts that say what happened. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-text.h"
#include "dd-ui-text.h"
#include "dd-window-internal.h"

void
dd_window_title_changed (DdWindow *self)
{
  const char *title = dd_session_get_title (self->session);

  gtk_window_set_title (GTK_WINDOW (self), title ? title : _("DataDive"));
  adw_view_switcher_title_set_title (self->switcher_title, title ? title : _("DataDive"));
  /* the explorer's root is the dataset by its name, not its catalog's file name */
  dd_graph_view_set_dataset_label (dd_medium_page_get_graph (self->medium_page), title);
}

/* The subtitle is short ("3,850 of 869,952 samples"), so it never needs cutting at any
 * width the header bar has; the subset's description, whole, is its tooltip and the
 * summary under the header bar. Every sample's count while the document has none. */
void
dd_window_update_subtitle (DdWindow *self)
{
  DdSelection *all = dd_session_get_all_samples (self->session);
  DdSelection *subset = self->document ? dd_document_get_selection (self->document) : NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;

  if (subset)
    {
      guint n = dd_selection_get_n (subset);
      guint total = dd_catalog_get_n_samples (dd_document_get_catalog (self->document));
      g_autofree char *count = dd_format_count (n);
      g_autofree char *of = dd_format_count (total);

      if (n == total)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample", "%s samples", n),
                                    count);
      else
        /* TRANSLATORS: window subtitle, "3,850 of 869,952 samples" */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s sample",
                                                 "%s of %s samples", total), count, of);
      tooltip = dd_ui_describe_line (dd_document_get_recipe (self->document),
                                     dd_document_get_catalog (self->document),
                                     dd_document_get_busy (self->document)
                                     ? NULL : dd_document_get_facets (self->document));
    }
  else if (all && (self->document == NULL || !dd_document_get_busy (self->document)))
    {
      guint n = dd_selection_get_n (all);
      g_autofree char *count = dd_format_count (n);

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample", "%s samples", n),
                                  count);
    }
  else if (dd_session_get_catalog (self->session) != NULL)
    return;   /* the subset is on its way: keep what is shown */
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  dd_ui_set_tooltip (GTK_WIDGET (self->dataset_title), tooltip);
}

/* ---- progress ---------------------------------------------------------------------- */

static gboolean
pulse_cb (gpointer user_data)
{
  DdWindow *self = user_data;

  if (dd_session_get_fraction (self->session) < 0)
    gtk_progress_bar_pulse (dd_session_get_state (self->session) == DD_SESSION_STATE_INDEXING
                            ? self->loading_progress : self->index_progress);
  return G_SOURCE_CONTINUE;
}

static gboolean
fraction_to_bar (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  double fraction = g_value_get_double (from);

  /* unknown: left to pulse_cb() */
  if (fraction < 0)
    return FALSE;
  g_value_set_double (to, MIN (fraction, 1.0));
  return TRUE;
}

static void
reveal_banner (gpointer user_data)
{
  DdWindow *self = user_data;

  self->banner_id = 0;
  gtk_revealer_set_reveal_child (self->index_revealer, TRUE);
}

/* An index in the background shows the bar under the header bar, after a moment: a
 * quick re-index does not flash it. */
void
dd_window_indexing_changed (DdWindow *self)
{
  gboolean indexing = dd_session_get_indexing (self->session);

  g_clear_handle_id (&self->banner_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->index_revealer, FALSE);
  if (!indexing)
    return;
  gtk_progress_bar_set_fraction (self->index_progress, 0);
  gtk_progress_bar_set_fraction (self->loading_progress, 0);
  self->pulse_id = g_timeout_add (150, pulse_cb, self);
  if (dd_session_get_state (self->session) != DD_SESSION_STATE_INDEXING)
    self->banner_id = g_timeout_add_once (600, reveal_banner, self);
}

/* The bars follow the session's progress: its text and its fraction (pulsing while the
 * fraction is unknown). */
void
dd_window_bind_progress (DdWindow *self)
{
  g_object_bind_property (self->session, "text", self->loading_progress, "text",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "text", self->index_label, "label",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->session, "fraction", self->loading_progress, "fraction",
                               G_BINDING_SYNC_CREATE, fraction_to_bar, NULL, NULL, NULL);
  g_object_bind_property_full (self->session, "fraction", self->index_progress, "fraction",
                               G_BINDING_SYNC_CREATE, fraction_to_bar, NULL, NULL, NULL);
}

/* ---- toasts ------------------------------------------------------------------------ */

void
dd_window_toast (DdWindow   *self,
                 const char *text)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
dd_window_toast_action (DdWindow   *self,
                        const char *text,
                        const char *button,
                        const char *action_name,
                        GVariant   *target)
{
  AdwToast *toast = adw_toast_new (text);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_set_button_label (toast, button);
  adw_toast_set_action_name (toast, action_name);
  if (target)
    adw_toast_set_action_target_value (toast, target);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
dd_window_show_message (DdWindow   *self,
              const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  dd_window_toast (self, escaped);
}

/* An edit a page made: said, with Undo. */
void
dd_window_show_undoable (DdWindow   *self,
               const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  dd_window_toast_action (self, escaped, _("_Undo"), "win.undo", NULL);
}
