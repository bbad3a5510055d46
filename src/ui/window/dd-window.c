/* DdWindow: the main window. It shows what its DdSession has open — the loading, empty,
 * error or content page, the progress of opening and indexing, the read-only line — and
 * hands the session's catalog and document to its three pages. What the header bar says
 * (title, subtitle, progress) is in dd-window-status.c, actions in dd-window-actions.c,
 * drag and drop in dd-window-dnd.c, the near-duplicate threshold in dd-window-near.c. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-findings-window.h"
#include "dd-sample-viewer.h"
#include "dd-selection-type.h"
#include "dd-settings.h"
#include "dd-text.h"
#include "dd-ui-text.h"
#include "dd-window-internal.h"
#include "dd-window-private.h"

G_DEFINE_FINAL_TYPE (DdWindow, dd_window, ADW_TYPE_APPLICATION_WINDOW)

/* ---- the page shown ----------------------------------------------------------------- */

static void title_visible_changed (DdWindow *self);

/* The tabs can be switched only while they show a catalog. */
static void
set_page (DdWindow   *self,
          const char *page)
{
  gboolean content = g_str_equal (page, "content");

  /* the content at once: a crossfade paints the whole window twice through
   * translucent groups for 200 ms (cairo: 17–30 ms a frame, as the first thumbnails
   * and the first scroll come) */
  if (content)
    gtk_stack_set_visible_child_full (self->main_stack, page, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->main_stack, page);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, content);
  gtk_widget_set_visible (self->switcher_bar, content);
  title_visible_changed (self);
}

/* The header's title becomes the tabs at the opening (and back when another dataset
 * loads): AdwViewSwitcherTitle's squeezer crossfaded the two for 200 ms, and GTK 4.8's
 * cairo renderer draws a crossfade through two groups the size of what it redraws — the
 * whole window while the first thumbnails come and the first scroll begins: 15–25 ms
 * more in each of those frames at 5 M (traced: page faults of the groups' memory, its
 * clearing). The squeezer, the switcher title's own child, switches at once. */
static void
switch_title_at_once (AdwViewSwitcherTitle *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (title)); child;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_SQUEEZER (child))
      adw_squeezer_set_transition_type (ADW_SQUEEZER (child), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
}

static void
show_loading (DdWindow   *self,
              const char *title,
              gboolean    cancellable)
{
  adw_status_page_set_title (self->loading_page, title);
  gtk_widget_set_visible (self->loading_cancel, cancellable);
  set_page (self, "loading");
}

static void
show_error (DdWindow     *self,
            const GError *error)
{
  const char *title = _("Could Not Open the Dataset");
  const char *icon = "dialog-error-symbolic";
  g_autofree char *description = g_markup_escape_text (error->message, -1);

  if (g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NEWER_VERSION))
    {
      title = _("This Catalog Was Made by a Newer DataDive");
      icon = "software-update-available-symbolic";
    }
  else if (g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG))
    title = _("Not a DataDive Catalog");
  else if (g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_DAMAGED))
    title = _("Damaged Catalog");
  else if (g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND) ||
           g_error_matches (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_NOT_FOUND) ||
           g_error_matches (error, DD_SESSION_ERROR, DD_SESSION_ERROR_NOT_FOUND))
    {
      title = _("No Dataset Found");
      icon = "folder-symbolic";
    }
  else if (g_error_matches (error, DD_SESSION_ERROR, DD_SESSION_ERROR_NO_IMAGES))
    {
      title = _("No Images Found");
      icon = "folder-symbolic";
    }
  else if (g_error_matches (error, DD_SESSION_ERROR, DD_SESSION_ERROR_EMPTY_CATALOG))
    {
      title = _("Empty Catalog");
      icon = "folder-symbolic";
    }
  adw_status_page_set_icon_name (self->error_page, icon);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  set_page (self, "error");
}

static void page_shown (DdWindow *self);

static void
state_changed (DdWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  switch (dd_session_get_state (self->session))
    {
    case DD_SESSION_STATE_EMPTY:
      set_page (self, "empty");
      break;
    case DD_SESSION_STATE_PREPARING:
      show_loading (self, _("Preparing the Demo Dataset"), TRUE);
      break;
    case DD_SESSION_STATE_OPENING:
      show_loading (self, _("Opening Dataset"), FALSE);
      break;
    case DD_SESSION_STATE_INDEXING:
      name = g_path_get_basename (dd_session_get_folder (self->session));
      title = g_strdup_printf (_("Indexing “%s”"), name);
      show_loading (self, title, TRUE);
      break;
    case DD_SESSION_STATE_READY:
      set_page (self, "content");
      page_shown (self);
      break;
    case DD_SESSION_STATE_ERROR:
    default:
      show_error (self, dd_session_get_error (self->session));
      break;
    }
}

/* A tab shown (a shortcut, a click on the switcher, an action) puts the keyboard focus
 * on its first control, so typing goes there and not to the tab's button. */
static void
page_shown (DdWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);

  if (DD_IS_PAGE (page) && dd_session_get_state (self->session) == DD_SESSION_STATE_READY)
    dd_page_focus_first (DD_PAGE (page));
}

/* ---- title ------------------------------------------------------------------------ */

static void
document_error_changed (DdWindow *self)
{
  const char *message = dd_document_get_error (self->document);

  if (message)
    dd_window_toast (self, message);
}

static void
document_changed (DdWindow *self)
{
  DdDocument *document = dd_session_get_document (self->session);

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    {
      g_signal_connect_swapped (document, "notify::selection",
                                G_CALLBACK (dd_window_update_subtitle), self);
      g_signal_connect_swapped (document, "notify::facets",
                                G_CALLBACK (dd_window_update_subtitle), self);
      g_signal_connect_swapped (document, "notify::error", G_CALLBACK (document_error_changed),
                                self);
      g_signal_connect_swapped (document, "notify::can-undo",
                                G_CALLBACK (dd_window_follow_document), self);
      g_signal_connect_swapped (document, "notify::can-redo",
                                G_CALLBACK (dd_window_follow_document), self);
    }
  dd_window_follow_document (self);
}

static gboolean
sync_dataset_title (gpointer data)
{
  DdWindow *self = data;

  self->title_idle = 0;
  /* with no tabs to switch (opening, indexing, an error) the switcher shows the title in
   * the middle: the one at the left would say it twice */
  gtk_widget_set_visible (GTK_WIDGET (self->dataset_title),
                          adw_view_switcher_title_get_view_switcher_enabled (self->switcher_title) &&
                          !adw_view_switcher_title_get_title_visible (self->switcher_title));
  return G_SOURCE_REMOVE;
}

/* The switcher title shows dataset and recipe only when narrow; when wide, the window
 * title beside it does. Decided by the switcher title while it is allocated: follow it
 * after the frame, as hiding a header bar child in the middle of an allocation breaks the
 * snapshot. */
static void
title_visible_changed (DdWindow *self)
{
  if (self->title_idle == 0)
    self->title_idle = g_idle_add_full (G_PRIORITY_DEFAULT, sync_dataset_title, self, NULL);
}

/* ---- recents and errors -------------------------------------------------------------- */

/* "Open Recent" lists the session's recent datasets. */
static void
recent_changed (DdWindow *self)
{
  const char * const *recent = dd_session_get_recent (self->session);

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent && recent[i]; i++)
    {
      g_autofree char *base = g_path_get_basename (recent[i]);
      g_autofree char *label = g_filename_display_name (base);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
    }
}

static void
overview_error (DdWindow     *self,
                const GError *error)
{
  dd_session_fail (self->session, error);
}

/* ---- windows tied to the dataset ------------------------------------------------------ */

static gboolean
is_ours (DdWindow  *self,
         GtkWindow *window)
{
  for (GtkWindow *w = gtk_window_get_transient_for (window); w; w = gtk_window_get_transient_for (w))
    if (w == GTK_WINDOW (self))
      return TRUE;
  return FALSE;
}

/* Another dataset (or none): the health report and the viewers of the one before close,
 * so that nothing of it stays on screen as if it were the new one's. */
static void
close_tied_windows (DdWindow *self)
{
  DdCatalog *catalog = dd_session_get_catalog (self->session);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GPtrArray) closing = g_ptr_array_new ();

  if (app == NULL)
    return;
  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    {
      DdCatalog *theirs = DD_IS_FINDINGS_WINDOW (l->data)
                          ? dd_findings_window_get_catalog (l->data)
                          : DD_IS_SAMPLE_VIEWER (l->data)
                          ? dd_sample_viewer_get_catalog (l->data) : NULL;

      if (theirs == NULL || !is_ours (self, l->data))
        continue;
      if (catalog == NULL || (theirs != catalog &&
                              g_strcmp0 (dd_catalog_get_path (theirs),
                                         dd_catalog_get_path (catalog)) != 0))
        g_ptr_array_add (closing, l->data);
    }
  for (guint i = 0; i < closing->len; i++)
    gtk_window_destroy (closing->pdata[i]);
}

/* ---- the session -------------------------------------------------------------------- */

static void
bind_session (DdWindow *self)
{
  GSettings *settings = dd_settings_get ();
  const char *pages[] = { "coarse_page", "medium_page", "fine_page" };

  if (settings)
    {
      g_settings_bind (settings, "last-dataset", self->session, "last-dataset",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "recent-datasets", self->session, "recent",
                       G_SETTINGS_BIND_DEFAULT);
    }
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (state_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::title",
                           G_CALLBACK (dd_window_title_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::all-samples",
                           G_CALLBACK (dd_window_update_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::catalog",
                           G_CALLBACK (dd_window_update_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::catalog", G_CALLBACK (close_tied_windows),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::document", G_CALLBACK (document_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::indexing",
                           G_CALLBACK (dd_window_indexing_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::recent", G_CALLBACK (recent_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "message", G_CALLBACK (dd_window_show_message), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->session, "read-only", self->read_only_banner, "reveal-child",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "document", self->subset_summary, "document",
                          G_BINDING_SYNC_CREATE);
  dd_window_bind_progress (self);
  /* each page gets the catalog, the document and every sample, and may have a word */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GObject *page = gtk_widget_get_template_child (GTK_WIDGET (self), DD_TYPE_WINDOW, pages[i]);

      g_object_bind_property (self->session, "catalog", page, "catalog", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self->session, "document", page, "document", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self->session, "all-samples", page, "all-samples",
                              G_BINDING_SYNC_CREATE);
      g_signal_connect_object (page, "message", G_CALLBACK (dd_window_show_message), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "undoable", G_CALLBACK (dd_window_show_undoable), self,
                               G_CONNECT_SWAPPED);
    }
  recent_changed (self);
}

void
dd_window_open_file (DdWindow *self,
                     GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new (DD_SESSION_ERROR, DD_SESSION_ERROR_NOT_FOUND,
                                             _("Only local folders can be opened."));

      dd_session_fail (self->session, error);
      return;
    }
  dd_session_open (self->session, path);
}

void
dd_window_open_default (DdWindow *self)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  dd_session_open (self->session, NULL);
}

/* ---- object ------------------------------------------------------------------------ */

static void
dd_window_dispose (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  if (self->session)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      dd_session_close (self->session);
    }
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  if (self->near_cancellable)
    g_cancellable_cancel (self->near_cancellable);
  g_clear_object (&self->near_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_handle_id (&self->banner_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_WINDOW);
  g_clear_object (&self->session);
  /* the template's disposal may have asked for one more title sync */
  g_clear_handle_id (&self->title_idle, g_source_remove);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (dd_window_parent_class)->dispose (object);
}

static void
dd_window_class_init (DdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *children[] = {
    "toast_overlay", "switcher_title", "dataset_title", "index_revealer", "read_only_banner",
    "index_label", "index_progress", "main_stack", "loading_page", "loading_progress",
    "loading_cancel", "error_page", "view_stack", "switcher_bar", "recent_section",
    "index_section",
    "coarse_page", "medium_page", "fine_page", "subset_summary", "menu_button",
  };
  const gssize offsets[] = {
    G_STRUCT_OFFSET (DdWindow, toast_overlay), G_STRUCT_OFFSET (DdWindow, switcher_title),
    G_STRUCT_OFFSET (DdWindow, dataset_title), G_STRUCT_OFFSET (DdWindow, index_revealer),
    G_STRUCT_OFFSET (DdWindow, read_only_banner), G_STRUCT_OFFSET (DdWindow, index_label),
    G_STRUCT_OFFSET (DdWindow, index_progress), G_STRUCT_OFFSET (DdWindow, main_stack),
    G_STRUCT_OFFSET (DdWindow, loading_page), G_STRUCT_OFFSET (DdWindow, loading_progress),
    G_STRUCT_OFFSET (DdWindow, loading_cancel), G_STRUCT_OFFSET (DdWindow, error_page),
    G_STRUCT_OFFSET (DdWindow, view_stack), G_STRUCT_OFFSET (DdWindow, switcher_bar),
    G_STRUCT_OFFSET (DdWindow, recent_section), G_STRUCT_OFFSET (DdWindow, index_section),
    G_STRUCT_OFFSET (DdWindow, coarse_page),
    G_STRUCT_OFFSET (DdWindow, medium_page), G_STRUCT_OFFSET (DdWindow, fine_page),
    G_STRUCT_OFFSET (DdWindow, subset_summary), G_STRUCT_OFFSET (DdWindow, menu_button),
  };

  object_class->dispose = dd_window_dispose;

  g_type_ensure (DD_TYPE_COARSE_PAGE);
  g_type_ensure (DD_TYPE_MEDIUM_PAGE);
  g_type_ensure (DD_TYPE_FINE_PAGE);
  g_type_ensure (DD_TYPE_SUBSET_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-window.ui");
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, children[i], FALSE, offsets[i]);
  gtk_widget_class_bind_template_callback (widget_class, title_visible_changed);
}

/* The main menu button's tooltip ("Main Menu") showed over the first item of the open
 * menu: it is off while the menu is open. */
static void
menu_opened (GtkWidget *button)
{
  gtk_widget_set_has_tooltip (button, FALSE);
}

static void
menu_closed (GtkWidget *button)
{
  gtk_widget_set_has_tooltip (button, TRUE);
}

static void
dd_window_init (DdWindow *self)
{
  GSettings *settings = dd_settings_get ();

  gtk_widget_init_template (GTK_WIDGET (self));
  switch_title_at_once (self->switcher_title);
  g_signal_connect_swapped (gtk_menu_button_get_popover (self->menu_button), "map",
                            G_CALLBACK (menu_opened), self->menu_button);
  g_signal_connect_swapped (gtk_menu_button_get_popover (self->menu_button), "unmap",
                            G_CALLBACK (menu_closed), self->menu_button);
  self->session = dd_session_new ();
  dd_window_install_actions (self);
  dd_window_setup_dnd (self);
  bind_session (self);
  g_signal_connect_object (dd_medium_page_get_overview (self->medium_page), "error",
                           G_CALLBACK (overview_error), self, G_CONNECT_SWAPPED);
  adw_view_stack_set_visible_child_name (self->view_stack, "medium");
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (page_shown),
                           self, G_CONNECT_SWAPPED);

  /* size, maximized state and tab come back as they were left */
  if (settings)
    {
      g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "last-tab", self->view_stack, "visible-child-name",
                       G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (settings, "changed::near-threshold",
                               G_CALLBACK (dd_window_apply_near_threshold), self,
                               G_CONNECT_SWAPPED);
      /* GSettings only says a key changed once it has been read */
      (void) g_settings_get_uint (settings, "near-threshold");
    }
}

DdWindow *
dd_window_new (GtkApplication *application)
{
  return g_object_new (DD_TYPE_WINDOW, "application", application, NULL);
}

/* ---- for tests ---------------------------------------------------------------------- */

DdSession *
dd_window_get_session (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->session;
}

DdCatalog *
dd_window_get_catalog (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return dd_session_get_catalog (self->session);
}

DdDocument *
dd_window_get_document (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return dd_session_get_document (self->session);
}

DdCoarsePage *
dd_window_get_coarse_page (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->coarse_page;
}

DdFinePage *
dd_window_get_fine_page (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->fine_page;
}

DdThumbnailGrid *
dd_window_get_grid (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return dd_fine_page_get_grid (self->fine_page);
}

DdOverview *
dd_window_get_overview (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return dd_medium_page_get_overview (self->medium_page);
}

DdCurationPanel *
dd_window_get_curation_panel (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return dd_medium_page_get_curation_panel (self->medium_page);
}

AdwViewStack *
dd_window_get_view_stack (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->view_stack;
}

gboolean
dd_window_get_read_only_shown (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->read_only_banner);
}

const char *
dd_window_get_last_toast (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->last_toast;
}

DdSubsetSummary *
dd_window_get_subset_summary (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->subset_summary;
}

const char *
dd_window_get_state (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}
