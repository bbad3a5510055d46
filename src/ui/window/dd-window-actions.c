/* The window's win.* actions in one table: opening, indexing, the pages, undo, the
 * dialogs, the health report and the explorer. Their accelerators are set in one place,
 * dd-application.c. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-export-dialog.h"
#include "dd-findings-window.h"
#include "dd-health-filter.h"
#include "dd-relations-scope.h"
#include "dd-recipe-dialogs.h"
#include "dd-sample-viewer.h"
#include "dd-text.h"
#include "dd-window-internal.h"

static DdDocument *
document (DdWindow *self)
{
  return dd_session_get_document (self->session);
}

static void
set_enabled (DdWindow   *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Undo and redo follow the document's history. */
void
dd_window_follow_document (DdWindow *self)
{
  DdDocument *doc = document (self);

  set_enabled (self, "undo", doc && dd_document_get_can_undo (doc));
  set_enabled (self, "redo", doc && dd_document_get_can_redo (doc));
}

/* ---- opening and indexing ------------------------------------------------------------- */

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  DdWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file)
        dd_window_open_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Dataset"), GTK_WINDOW (user_data),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), user_data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  dd_window_open_file (user_data, file);
}

/* Re-index, stop the index, or Cancel on the loading page (the first index, or the
 * opening itself). */
static void
session_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DdSession *session = DD_WINDOW (user_data)->session;
  const char *name = g_action_get_name (G_ACTION (action));

  if (g_str_equal (name, "reindex"))
    dd_session_reindex (session);
  else if (g_str_equal (name, "check-images"))
    dd_session_check_images (session);
  else if (g_str_equal (name, "cancel-indexing"))
    dd_session_stop_indexing (session);
  else
    dd_session_cancel (session);
}

/* ---- pages and edits ------------------------------------------------------------------ */

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DdWindow *self = user_data;
  GtkWidget *page;

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
  /* the tab may be shown already, its switcher button focused: typing goes to the page */
  page = adw_view_stack_get_visible_child (self->view_stack);
  if (DD_IS_PAGE (page))
    dd_page_focus_first (DD_PAGE (page));
}

/* What the Fine grid shows: "subset", "excluded" (by hand) or "flagged". */
static void
grid_view_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DdWindow *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, "fine");
  dd_fine_page_set_view (self->fine_page, g_str_equal (name, "excluded") ? DD_FINE_VIEW_EXCLUDED
                                          : g_str_equal (name, "flagged") ? DD_FINE_VIEW_FLAGGED
                                          : DD_FINE_VIEW_SUBSET);
}

/* Exclude (or bring back) or include the grid's selected samples. */
static void
edit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  dd_fine_page_edit_selected (DD_WINDOW (user_data)->fine_page,
                              g_str_equal (g_action_get_name (G_ACTION (action)), "force-include"));
}

static void
history_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DdDocument *doc = document (user_data);

  if (doc == NULL)
    return;
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "undo"))
    dd_document_undo (doc);
  else
    dd_document_redo (doc);
}

/* ---- dialogs -------------------------------------------------------------------------- */

/* Export, Save Recipe and Open Recipe: dialogs over the document. */
static void
document_dialog_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  DdWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  DdDocument *doc = document (self);

  if (doc == NULL)
    return;
  if (g_str_equal (name, "export"))
    dd_export_dialog_present (GTK_WINDOW (self), self->toast_overlay, doc);
  else if (g_str_equal (name, "save-recipe"))
    dd_recipe_dialog_save (GTK_WINDOW (self), self->toast_overlay, doc);
  else
    dd_recipe_dialog_open (GTK_WINDOW (self), self->toast_overlay, doc);
}

/* No file manager answered: say so, and where the folder is. */
static void
uri_launched (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *uri = g_object_get_data (G_OBJECT (self), "dd-launching-uri");
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) || uri == NULL)
    return;
  path = g_filename_from_uri (uri, NULL, NULL);
  shown = path ? g_filename_display_name (path) : g_strdup (uri);
  /* TRANSLATORS: "Open Folder" found no file manager: where the export is */
  text = g_strdup_printf (_("No file manager opened the folder: it is %s"), shown);
  {
    g_autofree char *escaped = g_markup_escape_text (text, -1);

    dd_window_toast (self, escaped);
  }
}

static void
open_uri_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  const char *uri = g_variant_get_string (parameter, NULL);

  g_object_set_data_full (G_OBJECT (user_data), "dd-launching-uri", g_strdup (uri), g_free);
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, uri_launched,
                                           g_object_ref (user_data));
}

static void
fullscreen_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkWindow *window = user_data;

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

/* ---- the explorer and the health report ---------------------------------------------- */

/* "kind:id": the explorer in the Medium page started from that node (show-relations),
 * or what the node stands for in the Fine grid (show-node). */
static void
node_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DdWindow *self = user_data;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  DdNodeKind kind;

  if (dd_session_get_catalog (self->session) == NULL)
    return;
  if (!dd_node_parse (g_variant_get_string (parameter, NULL), &kind, &id, &error))
    dd_window_toast (self, error->message);
  else if (g_str_equal (g_action_get_name (G_ACTION (action)), "show-node"))
    dd_fine_page_show_node (self->fine_page, kind, id);
  else
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "medium");
      dd_medium_page_show_relations (self->medium_page, kind, id);
      gtk_window_present (GTK_WINDOW (self));
    }
}

/* "a(ssss)": a node of the explorer with its path from the root (kind, id, edge, label
 * each): the samples of the path in the Fine grid. */
static void
show_path_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DdWindow *self = user_data;
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_node_free);
  g_autoptr(GError) error = NULL;
  GVariantIter iter;
  const char *kind_name, *id, *edge, *label;

  if (dd_session_get_catalog (self->session) == NULL)
    return;
  g_variant_iter_init (&iter, parameter);
  while (g_variant_iter_next (&iter, "(&s&s&s&s)", &kind_name, &id, &edge, &label))
    {
      g_autofree char *text = g_strdup_printf ("%s:%s", kind_name, id);
      g_autofree char *parsed = NULL;
      DdNodeKind kind;
      DdNode *step;

      if (!dd_node_parse (text, &kind, &parsed, &error))
        {
          dd_window_toast (self, error->message);
          return;
        }
      step = dd_path_step_new (kind, parsed, *edge ? edge : NULL);
      g_free (step->label);
      step->label = g_strdup (label);
      g_ptr_array_add (path, step);
    }
  if (path->len > 0)
    dd_fine_page_show_path (self->fine_page, path);
}

static void
viewer_show_relations (DdWindow   *self,
                       const char *key)
{
  g_autofree char *node = g_strdup_printf ("sample:%s", key);

  g_action_group_activate_action (G_ACTION_GROUP (self), "show-relations",
                                  g_variant_new_string (node));
}

/* A row of the health report: its sample in the viewer, or the samples of its class or
 * corruption cell in the grid. */
static void
finding_activated (DdFindingsWindow *findings,
                   const char       *kind,
                   const char       *key,
                   gint64            sample_id,
                   DdWindow         *self)
{
  DdCatalog *catalog = dd_session_get_catalog (self->session);
  DdHealthKind k = DD_HEALTH_N_KINDS;
  g_autoptr(DdFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  if (catalog == NULL)
    return;
  if (sample_id > 0)
    {
      DdSampleViewer *viewer = dd_sample_viewer_new (GTK_WINDOW (findings), catalog, NULL, 0);

      g_signal_connect_object (viewer, "show-relations", G_CALLBACK (viewer_show_relations), self,
                               G_CONNECT_SWAPPED);
      dd_sample_viewer_show_id (viewer, sample_id);
      gtk_window_present (GTK_WINDOW (viewer));
      return;
    }
  dd_health_kind_from_string (kind, &k);
  if ((filter = dd_health_finding_filter (catalog, k, key, &error)))
    {
      /* TRANSLATORS: what the grid shows after a finding of the health report:
       * "Missing corruption cell: Tiny-ImageNet-C/fog/3/n01443537" */
      g_autofree char *what = g_strdup_printf (_("%s: %s"), dd_health_kind_title (k), key);

      dd_fine_page_show_filter (self->fine_page, filter, what);
    }
  else if (g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID))
    dd_window_toast (self, error->message);
  else
    return;
  gtk_window_present (GTK_WINDOW (self));
}

/* Samples by id (the Model section's cell or confusion) as the Fine grid's picked view. */
static void
show_samples_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  DdWindow *self = user_data;
  g_autoptr(DdFilter) filter = dd_filter_new ();
  gsize n = 0;
  const gint64 *ids = g_variant_get_fixed_array (parameter, &n, sizeof (gint64));
  /* TRANSLATORS: what the grid shows after a cell or a confusion of the Model section, in
   * "Showing 5 samples picked: a cell or confusion of the Model section — not the subset" */
  const char *what = _("a cell or confusion of the Model section");

  if (dd_session_get_catalog (self->session) == NULL)
    return;
  filter->within_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (filter->within_ids, ids, n);
  dd_fine_page_show_filter (self->fine_page, filter, what);
  gtk_window_present (GTK_WINDOW (self));
}

/* The report, of every kind or of one ("win.health-report::undecodable"). */
static void
health_report_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  DdWindow *self = user_data;
  DdCatalog *catalog = dd_session_get_catalog (self->session);
  const char *kind = parameter ? g_variant_get_string (parameter, NULL) : NULL;
  DdFindingsWindow *findings;

  if (catalog == NULL)
    return;
  findings = dd_findings_window_new (GTK_WINDOW (self), catalog, document (self),
                                     kind && *kind ? kind : NULL);
  g_signal_connect_object (findings, "finding-activated", G_CALLBACK (finding_activated), self, 0);
  gtk_window_present (GTK_WINDOW (findings));
}

static const GActionEntry win_actions[] = {
  { "open", open_activated },
  { "open-recent", open_recent_activated, "s" },
  { "reindex", session_activated },
  { "check-images", session_activated },
  { "cancel-indexing", session_activated },
  { "cancel-loading", session_activated },
  { "show-page", show_page_activated, "s" },
  { "grid-view", grid_view_activated, "s" },
  { "toggle-exclude", edit_activated },
  { "force-include", edit_activated },
  { "undo", history_activated },
  { "redo", history_activated },
  { "export", document_dialog_activated },
  { "save-recipe", document_dialog_activated },
  { "open-recipe", document_dialog_activated },
  { "open-uri", open_uri_activated, "s" },
  { "fullscreen", fullscreen_activated },
  { "show-relations", node_activated, "s" },
  { "show-node", node_activated, "s" },
  { "show-samples", show_samples_activated, "ax" },
  { "show-path", show_path_activated, "a(ssss)" },
  { "health-report", health_report_activated, "s" },
  { "findings", health_report_activated },
};

/* "Re-index Dataset" says why it cannot run when it cannot (a menu does not show an
 * insensitive item's tooltip); "Check Images" runs the content pass. */
static void
update_index_menu (DdWindow *self)
{
  const char *note = dd_session_get_reindex_note (self->session);
  g_autofree char *reindex = note
    /* TRANSLATORS: a menu item that cannot run, and why: "Re-index Dataset (the catalog
     * is read-only)" */
    ? g_strdup_printf (_("Re-index Dataset (%s)"), note) : g_strdup (_("_Re-index Dataset"));

  g_menu_remove_all (self->index_section);
  g_menu_append (self->index_section, reindex, "win.reindex");
  g_menu_append (self->index_section, _("_Check Images"), "win.check-images");
}

char *
dd_window_get_reindex_label (DdWindow *self)
{
  g_autoptr(GVariant) value = NULL;

  value = g_menu_model_get_item_attribute_value (G_MENU_MODEL (self->index_section), 0,
                                                 G_MENU_ATTRIBUTE_LABEL, G_VARIANT_TYPE_STRING);
  return value ? g_variant_dup_string (value, NULL) : NULL;
}

void
dd_window_install_actions (DdWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  g_object_bind_property (self->session, "can-reindex",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "reindex"), "enabled",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "indexing",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-indexing"),
                          "enabled", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "can-check-images",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "check-images"),
                          "enabled", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->session, "notify::can-reindex", G_CALLBACK (update_index_menu),
                           self, G_CONNECT_SWAPPED);
  update_index_menu (self);
  dd_window_follow_document (self);
}
