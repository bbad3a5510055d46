/* The export of the window's subset: layout, mode and target folder in a dialog, then
 * the DdExporter in the background with a progress window and Cancel. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-text.h"
#include "dd-export-dialog.h"
#include "dd-export.h"
#include "dd-settings.h"
#include "dd-ui-text.h"

typedef struct {
  GtkWindow       *parent;
  AdwToastOverlay *toasts;
  DdDocument      *document;
  GtkWidget       *dialog;
  GtkDropDown     *layout;
  GtkDropDown     *mode;
  GtkEntry        *name;
  GtkLabel        *folder_label;
  GFile           *folder;
  GtkFileChooserNative *chooser;
  /* what the dialog showed, for showing it again after a failed export */
  guint            layout_index;
  guint            mode_index;
  char            *folder_name;
  char            *failure;
  /* running */
  DdExporter      *exporter;
  GCancellable    *cancellable;
  GtkWidget       *progress_window;
} Export;

static void
export_free (Export *e)
{
  g_clear_object (&e->parent);
  g_clear_object (&e->toasts);
  g_clear_object (&e->document);
  g_clear_object (&e->folder);
  g_clear_object (&e->chooser);
  g_clear_object (&e->exporter);
  g_clear_object (&e->cancellable);
  g_free (e->folder_name);
  g_free (e->failure);
  g_free (e);
}

static void present_dialog (Export *e);

static const char *layouts[] = { "imagefolder", "original", "csv", "jsonl", "fiftyone", "hf", "webdataset" };
static const char *modes[] = { "copy", "hardlink", "symlink" };

static void
exported (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Export *e = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExportResult) r = dd_exporter_run_finish (DD_EXPORTER (object), result, &error);
  AdwToast *t;

  gtk_window_destroy (GTK_WINDOW (e->progress_window));
  e->progress_window = NULL;
  if (r == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* the dialog again, as it was, saying what went wrong: nothing to fill in anew */
      g_clear_object (&e->exporter);
      g_clear_object (&e->cancellable);
      g_free (e->failure);
      e->failure = g_strdup (error->message);
      present_dialog (e);
      return;
    }
  if (r == NULL)
    t = adw_toast_new (_("Export cancelled: nothing was written"));
  else
    {
      g_autofree char *uri = g_filename_to_uri (r->target, NULL, NULL);
      g_autofree char *text = NULL;

      g_autofree char *exported = dd_format_count (r->exported);

      if (r->missing->len || r->refused->len || r->skipped_unlabeled)
        {
          g_autofree char *unlabeled = dd_format_count (r->skipped_unlabeled);
          g_autofree char *missing = dd_format_count (r->missing->len + r->refused->len);

          /* TRANSLATORS: files missing: vanished, or no longer a regular file */
          text = g_strdup_printf (_("Exported %s samples (%s unlabeled left out, %s files missing)"),
                                  exported, unlabeled, missing);
        }
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %s sample", "Exported %s samples",
                                             (gulong) r->exported), exported);
      t = adw_toast_new (text);
      adw_toast_set_timeout (t, 8);
      if (uri)
        {
          adw_toast_set_button_label (t, _("Open Folder"));
          adw_toast_set_action_name (t, "win.open-uri");
          adw_toast_set_action_target_value (t, g_variant_new_string (uri));
        }
    }
  adw_toast_overlay_add_toast (e->toasts, t);
  export_free (e);
}

static void
cancel_clicked (Export *e)
{
  g_cancellable_cancel (e->cancellable);
}

static void
start (Export *e)
{
  DdExportOptions options = { 0 };
  g_autofree char *recipe = dd_recipe_to_json (dd_document_get_recipe (e->document));
  g_autoptr(GFile) target = g_file_get_child (e->folder, gtk_editable_get_text (GTK_EDITABLE (e->name)));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("Exporting the Subset"));
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GSettings *settings = dd_settings_get ();

  options.layout = gtk_drop_down_get_selected (e->layout);
  options.mode = gtk_drop_down_get_selected (e->mode);
  e->layout_index = options.layout;
  e->mode_index = options.mode;
  g_free (e->folder_name);
  e->folder_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (e->name)));
  options.target = g_file_get_path (target);
  options.recipe_json = recipe;
  if (settings)
    {
      g_settings_set_string (settings, "export-layout", layouts[options.layout]);
      g_settings_set_string (settings, "export-mode", modes[options.mode]);
    }

  e->exporter = dd_exporter_new (dd_document_get_catalog (e->document));
  e->cancellable = g_cancellable_new ();
  e->progress_window = adw_window_new ();
  gtk_window_set_modal (GTK_WINDOW (e->progress_window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (e->progress_window), e->parent);
  gtk_window_set_default_size (GTK_WINDOW (e->progress_window), 420, -1);
  gtk_window_set_deletable (GTK_WINDOW (e->progress_window), FALSE);
  gtk_widget_add_css_class (title, "title-3");
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  g_object_bind_property (e->exporter, "fraction", bar, "fraction", G_BINDING_DEFAULT);
  g_object_bind_property (e->exporter, "text", bar, "text", G_BINDING_DEFAULT);
  gtk_widget_set_halign (cancel, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked), e);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), cancel);
  adw_window_set_content (ADW_WINDOW (e->progress_window), box);
  gtk_window_present (GTK_WINDOW (e->progress_window));

  dd_exporter_run_async (e->exporter, dd_document_get_selection (e->document), &options,
                         e->cancellable, exported, e);
  g_free (options.target);
}

static void
response (AdwMessageDialog *dialog,
          const char       *id,
          Export           *e)
{
  if (g_strcmp0 (id, "export") == 0 && e->folder)
    start (e);
  else
    export_free (e);
}

static void
update_sensitivity (Export *e)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (e->name));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (e->dialog), "export",
                                           e->folder != NULL && name && *name && !strchr (name, '/'));
}

static void
chosen (GtkNativeDialog *chooser,
        int              id,
        Export          *e)
{
  if (id == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = NULL;

      g_set_object (&e->folder, gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)));
      g_object_unref (e->folder);   /* get_file returned a new reference */
      path = g_file_get_path (e->folder);
      gtk_label_set_label (e->folder_label, path ? path : "");
    }
  update_sensitivity (e);
}

static void
choose_folder (Export *e)
{
  g_clear_object (&e->chooser);
  e->chooser = gtk_file_chooser_native_new (_("Export Into"), GTK_WINDOW (e->dialog),
                                            GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                            _("_Select"), _("_Cancel"));
  g_signal_connect (e->chooser, "response", G_CALLBACK (chosen), e);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (e->chooser));
}

static guint
index_of (const char * const *names,
          guint               n,
          const char         *name)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return 0;
}

/* The dialog over @e: layout, files, folder and name as chosen last (or the defaults),
 * and why the last export failed, if it did. */
static void
present_dialog (Export *e)
{
  DdSelection *selection = dd_document_get_selection (e->document);
  g_autofree char *body = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *grid, *choose;
  const char *layout_labels[] = { _("ImageFolder (torchvision)"), _("Original layout"), _("CSV manifest"),
                                  _("JSON Lines manifest"), _("FiftyOne"), _("Hugging Face imagefolder"),
                                  _("WebDataset shards"), NULL };
  const char *mode_labels[] = { _("Copy"), _("Hard link"), _("Symbolic link"), NULL };

  /* the subset in the window's words, health kinds by their titles */
  summary = dd_ui_describe_line (dd_document_get_recipe (e->document),
                                 dd_document_get_catalog (e->document),
                                 dd_document_get_facets (e->document));
  if (dd_document_get_facets (e->document) == NULL && selection)
    {
      g_autofree char *count = dd_format_count (dd_selection_get_n (selection));

      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample · %s", "%s samples · %s",
                                           dd_selection_get_n (selection)), count, summary);
    }
  else
    body = g_strdup (summary);
  e->dialog = adw_message_dialog_new (e->parent, _("Export Subset"), body);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  e->layout = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (layout_labels));
  e->mode = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (mode_labels));
  gtk_drop_down_set_selected (e->layout, e->layout_index);
  gtk_drop_down_set_selected (e->mode, e->mode_index);
  e->name = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (e->name), e->folder_name);
  choose = gtk_button_new_with_mnemonic (_("Choose _Folder…"));
  e->folder_label = GTK_LABEL (gtk_label_new (g_file_peek_path (e->folder)));
  gtk_label_set_ellipsize (e->folder_label, PANGO_ELLIPSIZE_START);
  gtk_widget_add_css_class (GTK_WIDGET (e->folder_label), "dim-label");
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_folder), e);
  g_signal_connect_swapped (e->name, "changed", G_CALLBACK (update_sensitivity), e);

  gtk_grid_attach (GTK_GRID (grid), gtk_label_new (_("Layout")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (e->layout), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), gtk_label_new (_("Files")), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (e->mode), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), choose, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (e->folder_label), 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), gtk_label_new (_("New folder")), 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (e->name), 1, 3, 1, 1);
  if (e->failure)
    {
      /* TRANSLATORS: under the export's settings after it failed: "Could not export: …" */
      g_autofree char *text = g_strdup_printf (_("Could not export: %s"), e->failure);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_set_name (label, "export-error");
      gtk_grid_attach (GTK_GRID (grid), label, 0, 4, 2, 1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (e->layout), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Layout"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (e->mode), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Files"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (e->name), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New folder"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (e->dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (e->dialog),
                                    "cancel", _("_Cancel"), "export", _("_Export"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (e->dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  g_signal_connect (e->dialog, "response", G_CALLBACK (response), e);
  update_sensitivity (e);
  gtk_window_present (GTK_WINDOW (e->dialog));
}

void
dd_export_dialog_present (GtkWindow       *parent,
                          AdwToastOverlay *toasts,
                          DdDocument      *document)
{
  DdSelection *selection = document ? dd_document_get_selection (document) : NULL;
  GSettings *settings = dd_settings_get ();
  Export *e;

  if (selection == NULL)
    return;
  e = g_new0 (Export, 1);
  e->parent = g_object_ref (parent);
  e->toasts = g_object_ref (toasts);
  e->document = g_object_ref (document);
  if (settings)
    {
      g_autofree char *l = g_settings_get_string (settings, "export-layout");
      g_autofree char *m = g_settings_get_string (settings, "export-mode");

      e->layout_index = index_of (layouts, G_N_ELEMENTS (layouts), l);
      e->mode_index = index_of (modes, G_N_ELEMENTS (modes), m);
    }
  e->folder_name = g_strdup_printf ("%s-subset", gtk_window_get_title (parent));
  {
    /* the Downloads folder, else home: Export works without a detour */
    const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);
    e->folder = g_file_new_for_path (downloads ? downloads : g_get_home_dir ());
  }
  present_dialog (e);
}
