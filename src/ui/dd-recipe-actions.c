/* Named recipes from the window: save the current recipe under a name, apply a saved
 * one (an undoable step). The catalog does the work off the main thread. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dd-recipe-actions.h"
#include "dd-recipe-store.h"
#include "dd-window-private.h"

static void
toast (DdWindow   *window,
       const char *text)
{
  GtkWidget *child = GTK_WIDGET (window);
  AdwToastOverlay *overlay = NULL;

  /* the window's toast overlay is the first one below it */
  for (GtkWidget *w = gtk_widget_get_first_child (child); w && !overlay; w = gtk_widget_get_first_child (w))
    if (ADW_IS_TOAST_OVERLAY (w))
      overlay = ADW_TOAST_OVERLAY (w);
  if (overlay)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (text));
}

typedef struct {
  DdWindow *window;
  char     *name;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->window);
  g_free (data->name);
  g_free (data);
}

static void
saved (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (dd_catalog_save_recipe_finish (DD_CATALOG (object), result, &error))
    text = g_strdup_printf (_("Recipe “%s” saved"), data->name);
  else
    text = g_strdup (error->message);
  toast (data->window, text);
  save_data_free (data);
}

static void
save_response (AdwMessageDialog *dialog,
               const char       *response,
               gpointer          user_data)
{
  DdWindow *window = user_data;
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  DdDocument *document = dd_window_get_document (window);
  SaveData *data;

  if (g_strcmp0 (response, "save") != 0 || document == NULL)
    return;
  data = g_new0 (SaveData, 1);
  data->window = g_object_ref (window);
  data->name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  dd_catalog_save_recipe_async (dd_document_get_catalog (document), data->name,
                                dd_document_get_recipe (document), DD_RECIPE_SAVE_DEFAULT, NULL,
                                saved, data);
}

static void
name_changed (GtkEditable      *entry,
              AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
save_recipe_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DdWindow *window = user_data;
  DdDocument *document = dd_window_get_document (window);
  g_autofree char *summary = NULL;
  GtkWidget *dialog, *entry;

  if (document == NULL)
    return;
  summary = dd_recipe_describe_in (dd_document_get_recipe (document), dd_document_get_catalog (document));
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Save Recipe"), summary);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Recipe name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recipe name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- open a saved recipe --------------------------------------------------------- */

static void
loaded (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DdWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = dd_catalog_load_recipe_finish (DD_CATALOG (object), result, &error);
  DdDocument *document = dd_window_get_document (window);

  if (recipe == NULL)
    toast (window, error->message);
  else if (document && dd_document_get_catalog (document) == DD_CATALOG (object))
    dd_document_apply (document, recipe);
}

static void
open_response (AdwMessageDialog *dialog,
               const char       *response,
               gpointer          user_data)
{
  DdWindow *window = user_data;
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "list");
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);
  DdDocument *document = dd_window_get_document (window);

  if (g_strcmp0 (response, "apply") != 0 || row == NULL || document == NULL)
    return;
  dd_catalog_load_recipe_async (dd_document_get_catalog (document),
                                g_object_get_data (G_OBJECT (row), "name"), NULL, loaded,
                                g_object_ref (window));
}

static void
row_activated (GtkListBox       *list,
               GtkListBoxRow    *row,
               AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
listed (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DdWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipes = dd_catalog_list_recipes_finish (DD_CATALOG (object), result, &error);
  GtkWidget *dialog, *list, *scrolled;

  if (recipes == NULL)
    {
      toast (window, error->message);
      return;
    }
  if (recipes->len == 0)
    {
      toast (window, _("No saved recipes yet: use Save Recipe… first"));
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Open Recipe"),
                                   _("Applying a saved recipe replaces the current subset; Undo brings it back."));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < recipes->len; i++)
    {
      DdRecipeInfo *info = g_ptr_array_index (recipes, i);
      GtkWidget *row;

      if (g_strcmp0 (info->name, DD_DOCUMENT_WORKING_RECIPE) == 0)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (info->name), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "list", list);
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_recipe_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DdWindow *window = user_data;
  DdDocument *document = dd_window_get_document (window);

  if (document)
    dd_catalog_list_recipes_async (dd_document_get_catalog (document), NULL, listed,
                                   g_object_ref (window));
}

void
dd_recipe_actions_install (DdWindow *window)
{
  static const GActionEntry entries[] = {
    { "save-recipe", save_recipe_activated },
    { "open-recipe", open_recipe_activated },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (window), entries, G_N_ELEMENTS (entries), window);
}
