/* Named recipes: save the current recipe under a name, apply a saved one (an undoable
 * step). The catalog does the work off the main thread. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dd-recipe-dialogs.h"
#include "dd-recipe-list.h"
#include "dd-text.h"
#include "dd-ui-text.h"
#include "dd-recipe-store.h"

/* What a dialog works on, and where it says how it went. */
typedef struct {
  GtkWindow       *parent;
  AdwToastOverlay *toasts;
  DdDocument      *document;
  char            *name;
} Dialog;

static Dialog *
dialog_new (GtkWindow       *parent,
            AdwToastOverlay *toasts,
            DdDocument      *document)
{
  Dialog *d = g_new0 (Dialog, 1);

  d->parent = g_object_ref (parent);
  d->toasts = g_object_ref (toasts);
  d->document = g_object_ref (document);
  return d;
}

static void
dialog_free (Dialog *d)
{
  g_object_unref (d->parent);
  g_object_unref (d->toasts);
  g_object_unref (d->document);
  g_free (d->name);
  g_free (d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Dialog, dialog_free)

static void
toast (Dialog     *d,
       const char *text)
{
  adw_toast_overlay_add_toast (d->toasts, adw_toast_new (text));
}

static void
saved (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(Dialog) d = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (dd_catalog_save_recipe_finish (DD_CATALOG (object), result, &error))
    text = g_strdup_printf (_("Recipe “%s” saved"), d->name);
  else
    text = g_strdup (error->message);
  toast (d, text);
}

static void
save_response (AdwMessageDialog *dialog,
               const char       *response,
               Dialog           *d)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  Dialog *save;

  if (g_strcmp0 (response, "save") != 0)
    return;
  save = dialog_new (d->parent, d->toasts, d->document);
  save->name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  dd_catalog_save_recipe_async (dd_document_get_catalog (d->document), save->name,
                                dd_document_get_recipe (d->document), DD_RECIPE_SAVE_DEFAULT, NULL,
                                saved, save);
}

static void
name_changed (GtkEditable      *entry,
              AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

void
dd_recipe_dialog_save (GtkWindow       *parent,
                       AdwToastOverlay *toasts,
                       DdDocument      *document)
{
  g_autofree char *summary = NULL;
  GtkWidget *dialog, *entry;

  g_return_if_fail (GTK_IS_WINDOW (parent) && ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (DD_IS_DOCUMENT (document));

  summary = dd_ui_describe_line (dd_document_get_recipe (document),
                                 dd_document_get_catalog (document),
                                 dd_document_get_facets (document));
  dialog = adw_message_dialog_new (parent, _("Save Recipe"), summary);
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
  g_signal_connect_data (dialog, "response", G_CALLBACK (save_response),
                         dialog_new (parent, toasts, document), (GClosureNotify) dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- open a saved recipe --------------------------------------------------------- */

static void
loaded (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(Dialog) d = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = dd_catalog_load_recipe_finish (DD_CATALOG (object), result, &error);

  if (recipe == NULL)
    toast (d, error->message);
  else
    dd_document_apply (d->document, recipe);
}

static void
open_response (AdwMessageDialog *dialog,
               const char       *response,
               Dialog           *d)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "list");
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);

  if (g_strcmp0 (response, "apply") != 0 || row == NULL)
    return;
  dd_catalog_load_recipe_async (dd_document_get_catalog (d->document),
                                g_object_get_data (G_OBJECT (row), "name"), NULL, loaded,
                                dialog_new (d->parent, d->toasts, d->document));
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
  g_autoptr(Dialog) d = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipes = dd_recipe_list_entries_finish (DD_CATALOG (object), result, &error);
  GtkWidget *dialog, *list, *scrolled;

  if (recipes == NULL)
    {
      toast (d, error->message);
      return;
    }
  if (recipes->len == 0)
    {
      toast (d, _("No saved recipes yet: use Save Recipe… first"));
      return;
    }
  dialog = adw_message_dialog_new (d->parent, _("Open Recipe"),
                                   _("Applying a saved recipe replaces the current subset; Undo brings it back."));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < recipes->len; i++)
    {
      DdRecipeEntry *entry = g_ptr_array_index (recipes, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *rules = NULL;
      g_autofree char *count = NULL;
      g_autofree char *subtitle = NULL;

      /* what it selects, and how many samples that is here */
      rules = entry->recipe ? dd_ui_describe_line (entry->recipe, DD_CATALOG (object), NULL)
                            : g_strdup (_("cannot be read"));
      if (entry->samples >= 0)
        {
          count = dd_format_count (entry->samples);
          /* TRANSLATORS: a saved recipe: "3,850 samples · 11 classes chosen · …" */
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample · %s",
                                                   "%s samples · %s",
                                                   (gulong) entry->samples),
                                      count, rules);
        }
      else
        subtitle = g_strdup_printf (_("does not match this dataset · %s"), rules);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_tooltip_text (row, subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (entry->name), g_free);
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
  g_signal_connect_data (dialog, "response", G_CALLBACK (open_response),
                         g_steal_pointer (&d), (GClosureNotify) dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dd_recipe_dialog_open (GtkWindow       *parent,
                       AdwToastOverlay *toasts,
                       DdDocument      *document)
{
  g_return_if_fail (GTK_IS_WINDOW (parent) && ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (DD_IS_DOCUMENT (document));

  dd_recipe_list_entries_async (dd_document_get_catalog (document), NULL, listed,
                                dialog_new (parent, toasts, document));
}
