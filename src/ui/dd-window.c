/* DdWindow: the main window. It resolves what to open off the main thread (the last
 * dataset, a folder, a catalog file, or the demo, generated on first use), opens the
 * catalog, indexes with progress, and shows the catalog in three tabs. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "dd-text.h"
#include "dd-catalog.h"
#include "dd-content.h"
#include "dd-demo.h"
#include "dd-overview.h"
#include "dd-paths.h"
#include "dd-curation-panel.h"
#include "dd-export-dialog.h"
#include "dd-prompt-panel.h"
#include "dd-recipe-actions.h"
#include "dd-scanner.h"
#include "dd-settings.h"
#include "dd-drag-provider.h"
#include "dd-findings-window.h"
#include "dd-graph-view.h"
#include "dd-relations.h"
#include "dd-sample-viewer.h"
#include "dd-thumbnail-grid.h"
#include "dd-window-private.h"

struct _DdWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle *dataset_title;   /* the dataset and recipe beside the tabs when wide */
  guint title_idle;
  GtkRevealer *index_revealer;
  GtkRevealer *read_only_banner;    /* "Read-only: recipes cannot be saved" */
  GtkLabel *index_label;
  GtkProgressBar *index_progress;
  GtkStack *main_stack;
  AdwStatusPage *loading_page;
  GtkProgressBar *loading_progress;
  GtkWidget *loading_cancel;
  AdwStatusPage *error_page;
  AdwViewStack *view_stack;
  GtkWidget *switcher_bar;
  DdOverview *overview;
  DdGraphView *graph;
  GtkStack *medium_stack;
  DdThumbnailGrid *grid;
  GtkWidget *subset_drag;
  DdSelection *picked;              /* the Fine grid's "picked" view: a finding, a node */
  DdSelection *everything;          /* every sample: shown when the document has no subset */
  GCancellable *picked_cancellable;
  GtkLabel *grid_summary;
  GMenu *recent_section;
  DdPromptPanel *prompt_panel;
  DdCurationPanel *curation_panel;
  GtkDropDown *view_dropdown;
  GCancellable *view_cancellable;   /* computing the grid's view */

  GCancellable *cancellable;        /* everything done for the current dataset */
  GCancellable *index_cancellable;  /* the running scan or content pass */
  DdCatalog *catalog;
  DdDocument *document;             /* the recipe being edited and its samples */
  DdScanner *scanner;
  DdContentPass *content;           /* the running content pass (image check) */
  GtkProgressBar *scan_progress;    /* the bar following the scanner */
  char *folder;                     /* the indexed folder, NULL for a catalog file */
  char *target;                     /* what was opened: the folder or the catalog file */
  guint pulse_id;
  guint banner_id;
};

G_DEFINE_FINAL_TYPE (DdWindow, dd_window, ADW_TYPE_APPLICATION_WINDOW)

static void dd_window_refresh_view (DdWindow *self);

/* ---- what to open (worker thread) ------------------------------------------------ */

typedef struct
{
  char *target;          /* folder or catalog; NULL: the last dataset, else the demo */
  char *folder;          /* out: the folder to index, NULL for a catalog file */
  char *catalog_path;    /* out */
  char *name;            /* out: shown as the title */
  gboolean catalog_exists;
  GMainContext *context;
  DdWindow *window;
} Resolve;

static void
resolve_free (Resolve *resolve)
{
  g_free (resolve->target);
  g_free (resolve->folder);
  g_free (resolve->catalog_path);
  g_free (resolve->name);
  g_main_context_unref (resolve->context);
  g_object_unref (resolve->window);
  g_free (resolve);
}

static char *
state_file_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "datadive", "state.ini", NULL);
}

static char *
read_last_dataset (void)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *path = state_file_path ();

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (keyfile, "state", "last-dataset", NULL);
}

static void
write_last_dataset (const char *dataset)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *path = state_file_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_string (keyfile, "state", "last-dataset", dataset);
  if (g_mkdir_with_parents (dir, 0755) != 0 ||
      !g_key_file_save_to_file (keyfile, path, &error))
    g_debug ("Could not save %s: %s", path, error ? error->message : g_strerror (errno));
}

typedef struct
{
  DdWindow *window;
  double fraction;
  char *text;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;
  DdWindow *self = progress->window;

  if (self->cancellable && !g_cancellable_is_cancelled (self->cancellable))
    {
      gtk_progress_bar_set_fraction (self->loading_progress, CLAMP (progress->fraction, 0, 1));
      gtk_progress_bar_set_text (self->loading_progress, progress->text);
    }
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->window);
  g_free (progress->text);
  g_free (progress);
}

static void
demo_progress (double      fraction,
               const char *text,
               gpointer    user_data)
{
  Resolve *resolve = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->window = g_object_ref (resolve->window);
  progress->fraction = fraction;
  progress->text = g_strdup (text);
  dd_post_to_context (resolve->context, show_progress,
                      progress, progress_free);
}

/* The demo is written under a temporary name and renamed by dd_demo_generate(), so
 * an existing folder is a complete demo. */
static gboolean
ensure_demo (Resolve       *resolve,
             const char    *demo_dir,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *parent = g_path_get_dirname (demo_dir);
  DdDemoOptions options;

  if (g_file_test (demo_dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), parent, g_strerror (saved_errno));
      return FALSE;
    }

  dd_demo_options_init (&options);
  return dd_demo_generate (demo_dir, &options, demo_progress, resolve, cancellable, error);
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Resolve *resolve = task_data;
  g_autofree char *demo_dir = dd_paths_demo_dir ();
  g_autofree char *catalog_dir = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_demo = FALSE;

  if (resolve->target == NULL)
    {
      g_autofree char *last = read_last_dataset ();

      if (last && *last && g_file_test (last, G_FILE_TEST_EXISTS))
        resolve->target = g_steal_pointer (&last);
      else
        {
          if (!ensure_demo (resolve, demo_dir, cancellable, &error))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          resolve->target = g_strdup (demo_dir);
        }
    }
  is_demo = g_strcmp0 (resolve->target, demo_dir) == 0;

  if (g_file_test (resolve->target, G_FILE_TEST_IS_DIR))
    {
      resolve->folder = g_strdup (resolve->target);
      resolve->catalog_path = dd_paths_catalog_for_folder (resolve->folder);
      resolve->name = is_demo ? g_strdup (_("Demo Dataset"))
                              : g_path_get_basename (resolve->folder);
    }
  else if (g_file_test (resolve->target, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *base = g_path_get_basename (resolve->target);

      resolve->catalog_path = g_strdup (resolve->target);
      if (g_str_has_suffix (base, ".ddcat"))
        base[strlen (base) - strlen (".ddcat")] = '\0';
      resolve->name = g_steal_pointer (&base);
    }
  else
    {
      g_task_return_new_error (task, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                               _("“%s” does not exist or is not a folder."),
                               resolve->target);
      return;
    }

  resolve->catalog_exists = g_file_test (resolve->catalog_path, G_FILE_TEST_EXISTS);
  catalog_dir = g_path_get_dirname (resolve->catalog_path);
  if (!resolve->catalog_exists && g_mkdir_with_parents (catalog_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                               _("Could not create the folder “%s”: %s"), catalog_dir,
                               g_strerror (saved_errno));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
save_state_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  write_last_dataset (task_data);
}

#define MAX_RECENT 8

/* "Open Recent" lists the datasets of the recent-datasets setting. */
static void
dd_window_update_recent (DdWindow *self)
{
  GSettings *settings = dd_settings_get ();
  GMenu *section = self->recent_section;
  g_auto(GStrv) recent = settings ? g_settings_get_strv (settings, "recent-datasets") : NULL;

  if (section == NULL)
    return;
  g_menu_remove_all (section);
  for (guint i = 0; recent && recent[i]; i++)
    {
      g_autofree char *base = g_path_get_basename (recent[i]);
      g_autofree char *label = g_filename_display_name (base);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (section, item);
    }
}

static void
dd_window_remember_recent (DdWindow   *self,
                           const char *target)
{
  GSettings *settings = dd_settings_get ();
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  if (settings == NULL)
    return;
  old = g_settings_get_strv (settings, "recent-datasets");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, target);
  for (guint i = 0; old[i] && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], target) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-datasets", (const char * const *) recent);
  dd_window_update_recent (self);
}

/* Remembers a dataset that opened well, for the next start without arguments. */
static void
dd_window_save_state (DdWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->target == NULL)
    return;
  dd_window_remember_recent (self, self->target);
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, dd_window_save_state);
  g_task_set_task_data (task, g_strdup (self->target), g_free);
  g_task_run_in_thread (task, save_state_thread);
}

/* ---- states ------------------------------------------------------------------------ */

static void
dd_window_update_actions (DdWindow *self)
{
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "reindex");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               self->folder != NULL && self->catalog != NULL &&
                               self->scanner == NULL && self->content == NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-indexing");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               self->scanner != NULL || self->content != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "undo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               self->document && dd_document_get_can_undo (self->document));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "redo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               self->document && dd_document_get_can_redo (self->document));
}

static void
dd_window_set_title (DdWindow   *self,
                     const char *name)
{
  gtk_window_set_title (GTK_WINDOW (self), name ? name : _("DataDive"));
  adw_view_switcher_title_set_title (self->switcher_title, name ? name : _("DataDive"));
}

/* The tabs can be switched only while they show a catalog. */
static void
dd_window_set_state (DdWindow   *self,
                     const char *state)
{
  gboolean content = g_str_equal (state, "content");

  gtk_stack_set_visible_child_name (self->main_stack, state);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, content);
  gtk_widget_set_visible (self->switcher_bar, content);
}

static void
dd_window_show_error (DdWindow     *self,
                      const GError *error)
{
  const char *title = _("Could Not Open the Dataset");
  const char *icon = "dialog-error-symbolic";
  g_autofree char *description = NULL;

  if (g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NEWER_VERSION))
    {
      title = _("This Catalog Was Made by a Newer DataDive");
      icon = "software-update-available-symbolic";
    }
  else if (g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG))
    {
      title = _("Not a DataDive Catalog");
    }
  else if (g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_DAMAGED))
    {
      title = _("Damaged Catalog");
    }
  else if (g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND) ||
           g_error_matches (error, DD_SCANNER_ERROR, DD_SCANNER_ERROR_NOT_FOUND))
    {
      title = _("No Dataset Found");
      icon = "folder-symbolic";
    }

  adw_status_page_set_icon_name (self->error_page, icon);
  adw_status_page_set_title (self->error_page, title);
  description = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, description);
  dd_window_set_state (self, "error");
}

static void
dd_window_show_loading (DdWindow   *self,
                        const char *title,
                        gboolean    cancellable)
{
  adw_status_page_set_title (self->loading_page, title);
  gtk_progress_bar_set_fraction (self->loading_progress, 0);
  gtk_progress_bar_set_text (self->loading_progress, NULL);
  gtk_widget_set_visible (self->loading_cancel, cancellable);
  dd_window_set_state (self, "loading");
}

/* Every sample of the catalog in the overview and the grid, while the document has no
 * subset to show. */
static void
show_everything (DdWindow *self)
{
  dd_overview_show (self->overview, self->catalog, self->everything);
  dd_thumbnail_grid_set_selection (self->grid, self->everything);
}

static void
selection_ready (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(DdSelection) selection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  guint n;

  selection = dd_catalog_select_finish (DD_CATALOG (object), result, &error);
  if (selection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dd_window_show_error (self, error);
      return;
    }
  if (DD_CATALOG (object) != self->catalog)
    return;

  n = dd_selection_get_n (selection);
  count = dd_format_count (n);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample", "%s samples", n), count);
  g_clear_pointer (&self->everything, dd_selection_unref);
  self->everything = dd_selection_ref (selection);
  dd_thumbnail_grid_set_catalog (self->grid, self->catalog);
  /* Everything is shown only until the document has its subset, and not at all while
   * the document is still evaluating it: filling the grid and the overview twice at
   * opening costs a frame's worth of widgets for nothing. */
  if (self->document == NULL ||
      (dd_document_get_selection (self->document) == NULL && !dd_document_get_busy (self->document)))
    {
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
      show_everything (self);
    }
  dd_window_set_state (self, "content");
  dd_window_save_state (self);
}

/* ---- the Fine tab's views and per-sample edits -------------------------------------- */

enum { VIEW_SUBSET, VIEW_EXCLUDED, VIEW_FLAGGED, VIEW_PICKED };

static void
view_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DdDocument *document = source_object;
  guint view = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "view"));
  DdRecipe *recipe = task_data;
  DdCatalog *catalog = dd_document_get_catalog (document);
  g_autoptr(DdFilter) filter = NULL;
  GError *error = NULL;
  DdSelection *selection;

  if (view == VIEW_EXCLUDED)
    {
      /* nothing by rule, the excluded keys forced in */
      const char * const *keys = dd_recipe_get_exclude (recipe);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      filter = dd_filter_new ();
      filter->classes = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; keys && keys[i]; i++)
        {
          gint64 id = dd_catalog_lookup_key (catalog, keys[i], NULL);
          if (id > 0)
            g_array_append_val (ids, id);
        }
      filter->include_ids = g_steal_pointer (&ids);
    }
  else
    {
      /* the recipe's samples that have any finding */
      if (!(filter = dd_recipe_to_filter (recipe, catalog, NULL, &error)))
        {
          g_task_return_error (task, error);
          return;
        }
      filter->require_flags = G_MAXUINT32;
    }
  selection = dd_catalog_select (catalog, filter, cancellable, &error);
  if (selection)
    g_task_return_pointer (task, selection, (GDestroyNotify) dd_selection_unref);
  else
    g_task_return_error (task, error);
}

static void
view_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) selection = g_task_propagate_pointer (G_TASK (result), &error);

  if (selection == NULL || DD_DOCUMENT (object) != self->document)
    return;
  dd_thumbnail_grid_set_catalog (self->grid, self->catalog);
  dd_thumbnail_grid_set_selection (self->grid, selection);
}

/* The grid shows the subset, the samples excluded by hand, or the subset's flagged
 * samples, as the footer's drop-down says. */
static void
dd_window_refresh_view (DdWindow *self)
{
  guint view = gtk_drop_down_get_selected (self->view_dropdown);
  g_autoptr(GTask) task = NULL;

  if (self->document == NULL || dd_document_get_selection (self->document) == NULL)
    return;
  if (self->view_cancellable)
    g_cancellable_cancel (self->view_cancellable);
  g_clear_object (&self->view_cancellable);
  if (view == VIEW_PICKED && self->picked)
    {
      dd_thumbnail_grid_set_catalog (self->grid, self->catalog);
      dd_thumbnail_grid_set_selection (self->grid, self->picked);
      return;
    }
  if (view == VIEW_SUBSET || view == VIEW_PICKED || view == GTK_INVALID_LIST_POSITION)
    {
      dd_thumbnail_grid_set_catalog (self->grid, self->catalog);
      dd_thumbnail_grid_set_selection (self->grid, dd_document_get_selection (self->document));
      return;
    }
  self->view_cancellable = g_cancellable_new ();
  task = g_task_new (self->document, self->view_cancellable, view_ready, g_object_ref (self));
  g_task_set_source_tag (task, dd_window_refresh_view);
  g_object_set_data (G_OBJECT (task), "view", GUINT_TO_POINTER (view));
  g_task_set_task_data (task, dd_recipe_ref (dd_document_get_recipe (self->document)),
                        (GDestroyNotify) dd_recipe_unref);
  g_task_run_in_thread (task, view_thread);
}

static void
keys_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GArray *ids = task_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) samples = dd_catalog_get_samples (source_object, (gint64 *) ids->data,
                                                         ids->len, &error);
  GPtrArray *keys;

  if (samples == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < samples->len; i++)
    g_ptr_array_add (keys, g_strdup (((DdSampleInfo *) samples->pdata[i])->key));
  g_ptr_array_add (keys, NULL);
  g_task_return_pointer (task, keys, (GDestroyNotify) g_ptr_array_unref);
}

static void
keys_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GPtrArray) keys = g_task_propagate_pointer (G_TASK (result), NULL);
  gboolean include = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "include"));
  g_autoptr(DdRecipe) next = NULL;
  DdRecipe *recipe;

  if (keys == NULL || keys->len <= 1 || self->document == NULL ||
      dd_document_get_catalog (self->document) != DD_CATALOG (object))
    return;
  recipe = dd_document_get_recipe (self->document);
  next = include ? dd_recipe_toggle_include (recipe, (const char * const *) keys->pdata, -1)
                 : dd_recipe_toggle_exclude (recipe, (const char * const *) keys->pdata, -1);
  dd_document_apply (self->document, next);
}

/* The keys of the grid's selected samples, fetched off the main thread, then an edit. */
static void
edit_selected (DdWindow *self,
               gboolean  include)
{
  GtkSelectionModel *model = dd_thumbnail_grid_get_selection_model (self->grid);
  DdSelection *selection = dd_thumbnail_grid_get_selection (self->grid);
  g_autoptr(GtkBitset) set = NULL;
  g_autoptr(GTask) task = NULL;
  GtkBitsetIter iter;
  GArray *ids;
  guint pos;

  if (self->document == NULL || model == NULL || selection == NULL)
    return;
  set = gtk_selection_model_get_selection (model);
  if (gtk_bitset_is_empty (set))
    return;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (gtk_bitset_iter_init_first (&iter, set, &pos))
    do
      {
        gint64 id;
        if (pos >= dd_selection_get_n (selection))
          break;
        id = dd_selection_get_id (selection, pos);
        g_array_append_val (ids, id);
      }
    while (gtk_bitset_iter_next (&iter, &pos));
  task = g_task_new (self->catalog, NULL, keys_ready, g_object_ref (self));
  g_object_set_data (G_OBJECT (task), "include", GINT_TO_POINTER (include));
  g_task_set_task_data (task, ids, (GDestroyNotify) g_array_unref);
  g_task_run_in_thread (task, keys_thread);
}

void
dd_window_toggle_exclude_selected (DdWindow *self)
{
  edit_selected (self, FALSE);
}

static void
toggle_exclude_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  edit_selected (user_data, FALSE);
}

static void
force_include_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  edit_selected (user_data, TRUE);
}

/* The subset changed (an edit, undo, redo, or new facts in the catalog). */
static void
document_selection_changed (DdWindow *self)
{
  DdSelection *selection = dd_document_get_selection (self->document);
  g_autofree char *recipe = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  guint n;

  if (selection == NULL)
    return;
  n = dd_selection_get_n (selection);
  recipe = dd_recipe_describe_in (dd_document_get_recipe (self->document), self->catalog);
  /* TRANSLATORS: window subtitle, "782 samples · goldfish · fog · severities 4, 5" */
  count = dd_format_count (n);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample · %s", "%s samples · %s", n),
                              count, recipe);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  /* the overview beside the Medium tab's controls is the subset's, live */
  dd_overview_show (self->overview, self->catalog, selection);
  dd_thumbnail_grid_set_overrides (self->grid,
                                   dd_recipe_get_include (dd_document_get_recipe (self->document)),
                                   dd_recipe_get_exclude (dd_document_get_recipe (self->document)));
  dd_window_refresh_view (self);
}

static void
document_error_changed (DdWindow *self)
{
  const char *message = dd_document_get_error (self->document);

  if (message)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  /* the working recipe could not be evaluated at all: show every sample meanwhile */
  if (message && dd_document_get_selection (self->document) == NULL && self->everything &&
      dd_thumbnail_grid_get_selection (self->grid) == NULL)
    show_everything (self);
}

DdCurationPanel *
dd_window_get_curation_panel (DdWindow *self)
{
  return self->curation_panel;
}

DdPromptPanel *
dd_window_get_prompt_panel (DdWindow *self)
{
  return self->prompt_panel;
}

DdDocument *
dd_window_get_document (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->document;
}

/* Shows every sample of the catalog in the tabs. */
static void
dd_window_show_catalog (DdWindow *self)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();

  if (self->document && dd_document_get_catalog (self->document) != self->catalog)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_clear_object (&self->document);
    }
  if (self->document == NULL)
    {
      self->document = dd_document_new (self->catalog);
      g_signal_connect_swapped (self->document, "notify::selection",
                                G_CALLBACK (document_selection_changed), self);
      g_signal_connect_swapped (self->document, "notify::error",
                                G_CALLBACK (document_error_changed), self);
      g_signal_connect_swapped (self->document, "notify::can-undo",
                                G_CALLBACK (dd_window_update_actions), self);
      g_signal_connect_swapped (self->document, "notify::can-redo",
                                G_CALLBACK (dd_window_update_actions), self);
      dd_window_update_actions (self);
      dd_prompt_panel_set_document (self->prompt_panel, self->document);
      dd_curation_panel_set_document (self->curation_panel, self->document);
    }
  if (dd_graph_view_get_catalog (self->graph) != self->catalog)
    dd_graph_view_set_catalog (self->graph, self->catalog);

  dd_catalog_select_async (self->catalog, filter, self->cancellable, selection_ready,
                           g_object_ref (self));
}

/* ---- indexing ------------------------------------------------------------------------ */

static gboolean
pulse_cb (gpointer user_data)
{
  DdWindow *self = user_data;

  if ((self->scanner && dd_scanner_get_fraction (self->scanner) < 0) ||
      (self->content && dd_content_pass_get_fraction (self->content) < 0))
    gtk_progress_bar_pulse (self->scan_progress);
  return G_SOURCE_CONTINUE;
}

static gboolean
fraction_to_bar (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  double fraction = g_value_get_double (from);

  /* Unknown: leave the bar to pulse_cb(). */
  if (fraction < 0)
    return FALSE;
  g_value_set_double (to, MIN (fraction, 1.0));
  return TRUE;
}

static void
dd_window_stop_scanner (DdWindow *self)
{
  if (self->view_cancellable)
    g_cancellable_cancel (self->view_cancellable);
  g_clear_object (&self->view_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_handle_id (&self->title_idle, g_source_remove);
  g_clear_handle_id (&self->banner_id, g_source_remove);
  g_clear_object (&self->scanner);
  g_clear_object (&self->content);
  g_clear_object (&self->index_cancellable);
  gtk_revealer_set_reveal_child (self->index_revealer, FALSE);
  dd_window_update_actions (self);
}

static void dd_window_start_checking (DdWindow *self);

static void
scan_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(DdScanReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean foreground;

  report = dd_scanner_run_finish (DD_SCANNER (object), result, &error);
  if (DD_SCANNER (object) != self->scanner)
    return;

  foreground = self->scan_progress == self->loading_progress;
  dd_window_stop_scanner (self);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_toast_overlay_add_toast (self->toast_overlay,
                                       adw_toast_new (_("Indexing stopped")));
          if (foreground && dd_catalog_get_n_samples (self->catalog) == 0)
            {
              dd_window_set_state (self, "empty");
              return;
            }
        }
      else if (foreground)
        {
          dd_window_show_error (self, error);
          return;
        }
      else
        {
          g_autofree char *message = g_markup_escape_text (error->message, -1);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
    }
  else if (report->samples == 0 && foreground)
    {
      g_autoptr(GError) empty = g_error_new (DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                                             _("No images were found in “%s”."),
                                             self->folder);

      dd_window_show_error (self, empty);
      adw_status_page_set_title (self->error_page, _("No Images Found"));
      return;
    }
  else if (!foreground)
    {
      guint64 added = 0, removed = 0;

      for (guint i = 0; i < report->sources->len; i++)
        {
          DdScanSourceReport *source = g_ptr_array_index (report->sources, i);

          added += source->added;
          removed += source->removed;
        }
      if (added == 0 && removed == 0)
        {
          dd_window_start_checking (self);
          return;
        }
      if (added > 0)
        {
          g_autofree char *count = dd_format_count (added);
          g_autofree char *text =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new sample", "%s new samples",
                                          (gulong) added), count);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
        }
    }

  dd_window_show_catalog (self);
  if (report != NULL)
    dd_window_start_checking (self);
}


static void
reveal_banner (gpointer user_data)
{
  DdWindow *self = user_data;

  self->banner_id = 0;
  gtk_revealer_set_reveal_child (self->index_revealer, TRUE);
}

static void
check_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  DdContentReport report = { 0, };

  if (!dd_content_pass_run_finish (DD_CONTENT_PASS (object), result, &report, &error))
    {
      if (DD_CONTENT_PASS (object) != self->content)
        return;
      dd_window_stop_scanner (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_toast_overlay_add_toast (self->toast_overlay,
                                       adw_toast_new (_("Image check stopped")));
        }
      else
        {
          g_autofree char *message = g_markup_escape_text (error->message, -1);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
      return;
    }
  if (DD_CONTENT_PASS (object) != self->content)
    return;

  dd_window_stop_scanner (self);
  /* Newly decoded images may have new health findings: show them. */
  if (report.decoded > 0)
    dd_window_show_catalog (self);
}

/* The content pass: decodes the images not checked yet, in the background, and fills
 * in the health flags. Resumable: what was checked before is skipped. */
static void
dd_window_start_checking (DdWindow *self)
{
  g_return_if_fail (self->catalog != NULL);
  g_return_if_fail (self->scanner == NULL && self->content == NULL);

  self->content = dd_content_pass_new (self->catalog);
  /* Leave a core to the interface. */
  dd_content_pass_set_threads (self->content, MAX (1, g_get_num_processors () - 1));
  self->index_cancellable = g_cancellable_new ();
  self->scan_progress = self->index_progress;
  gtk_progress_bar_set_fraction (self->scan_progress, 0);
  g_object_bind_property (self->content, "text", self->index_label, "label",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->content, "fraction", self->scan_progress, "fraction",
                               G_BINDING_SYNC_CREATE, fraction_to_bar, NULL, NULL, NULL);
  self->banner_id = g_timeout_add_once (600, reveal_banner, self);
  self->pulse_id = g_timeout_add (150, pulse_cb, self);
  dd_window_update_actions (self);

  dd_content_pass_run_async (self->content, self->index_cancellable, check_done,
                             g_object_ref (self));
}

static void
dd_window_start_indexing (DdWindow *self,
                          gboolean  foreground)
{
  const char *roots[] = { self->folder, NULL };

  g_return_if_fail (self->catalog != NULL && self->folder != NULL);
  g_return_if_fail (self->scanner == NULL);

  self->scanner = dd_scanner_new (self->catalog);
  self->index_cancellable = g_cancellable_new ();
  self->scan_progress = foreground ? self->loading_progress : self->index_progress;
  gtk_progress_bar_set_fraction (self->scan_progress, 0);
  if (foreground)
    {
      g_autofree char *name = g_path_get_basename (self->folder);
      g_autofree char *title = g_strdup_printf (_("Indexing “%s”"), name);

      dd_window_show_loading (self, title, TRUE);
      g_object_bind_property (self->scanner, "text", self->loading_progress, "text",
                              G_BINDING_SYNC_CREATE);
    }
  else
    {
      g_object_bind_property (self->scanner, "text", self->index_label, "label",
                              G_BINDING_SYNC_CREATE);
      /* A quick re-index does not flash a banner. */
      self->banner_id = g_timeout_add_once (600, reveal_banner, self);
    }
  g_object_bind_property_full (self->scanner, "fraction", self->scan_progress, "fraction",
                               G_BINDING_SYNC_CREATE, fraction_to_bar, NULL, NULL, NULL);
  self->pulse_id = g_timeout_add (150, pulse_cb, self);
  dd_window_update_actions (self);

  dd_scanner_run_async (self->scanner, roots, self->index_cancellable, scan_done,
                        g_object_ref (self));
}

/* ---- opening ------------------------------------------------------------------------ */

static void
catalog_opened (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdWindow *self = g_task_get_source_object (task);
  Resolve *resolve = g_task_get_task_data (task);
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  catalog = dd_catalog_open_finish (result, &error);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  if (catalog == NULL)
    {
      dd_window_show_error (self, error);
      return;
    }

  self->catalog = g_steal_pointer (&catalog);
  /* A catalog on a read-only place is shown, not updated: no re-index, and the
   * working recipe is not kept. */
  self->folder = dd_catalog_is_read_only (self->catalog) ? NULL : g_strdup (resolve->folder);
  g_free (self->target);
  self->target = g_strdup (resolve->target);
  gtk_revealer_set_reveal_child (self->read_only_banner, dd_catalog_is_read_only (self->catalog));
  dd_window_update_actions (self);

  if (resolve->catalog_exists && dd_catalog_get_n_samples (self->catalog) > 0)
    {
      dd_window_show_catalog (self);
      if (self->folder)
        dd_window_start_indexing (self, FALSE);
    }
  else if (self->folder)
    {
      dd_window_start_indexing (self, TRUE);
    }
  else
    {
      g_autoptr(GError) empty = g_error_new (DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                                             _("The catalog “%s” holds no samples."),
                                             resolve->catalog_path);

      dd_window_show_error (self, empty);
      adw_status_page_set_title (self->error_page, _("Empty Catalog"));
    }
}

static void
resolved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  DdWindow *self = DD_WINDOW (object);
  GTask *task = G_TASK (result);
  Resolve *resolve = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (task, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dd_window_show_error (self, error);
      return;
    }

  dd_window_set_title (self, resolve->name);
  if (!resolve->catalog_exists)
    dd_window_show_loading (self, _("Creating the Catalog"), FALSE);
  dd_catalog_open_async (resolve->catalog_path,
                         resolve->catalog_exists ? DD_CATALOG_OPEN_READONLY_FALLBACK
                                                 : DD_CATALOG_OPEN_CREATE,
                         g_task_get_cancellable (task), catalog_opened,
                         g_object_ref (task));
}

static void
dd_window_reset (DdWindow *self)
{
  if (self->index_cancellable)
    g_cancellable_cancel (self->index_cancellable);
  dd_window_stop_scanner (self);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  dd_prompt_panel_set_document (self->prompt_panel, NULL);
  dd_curation_panel_set_document (self->curation_panel, NULL);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->folder, g_free);
  gtk_revealer_set_reveal_child (self->read_only_banner, FALSE);
  dd_overview_clear (self->overview);
  dd_thumbnail_grid_set_catalog (self->grid, NULL);
  dd_graph_view_set_catalog (self->graph, NULL);
  adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
  dd_window_update_actions (self);
}

static void
dd_window_open_path (DdWindow   *self,
                     const char *path)
{
  g_autoptr(GTask) task = NULL;
  Resolve *resolve;

  dd_window_reset (self);
  self->cancellable = g_cancellable_new ();

  resolve = g_new0 (Resolve, 1);
  resolve->target = g_strdup (path);
  resolve->context = g_main_context_ref_thread_default ();
  resolve->window = g_object_ref (self);

  dd_window_show_loading (self, path ? _("Opening Dataset") : _("Preparing the Demo Dataset"),
                          path == NULL);
  task = g_task_new (self, self->cancellable, resolved, NULL);
  g_task_set_source_tag (task, dd_window_open_path);
  g_task_set_task_data (task, resolve, (GDestroyNotify) resolve_free);
  g_task_run_in_thread (task, resolve_thread);
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
      g_autoptr(GError) error = g_error_new (DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                                             _("Only local folders can be opened."));

      dd_window_show_error (self, error);
      return;
    }
  dd_window_open_path (self, path);
}

void
dd_window_open_default (DdWindow *self)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  dd_window_open_path (self, NULL);
}

/* ---- actions ------------------------------------------------------------------------ */

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
  DdWindow *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Dataset"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
reindex_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DdWindow *self = user_data;

  if (self->catalog && self->folder && self->scanner == NULL && self->content == NULL)
    dd_window_start_indexing (self, FALSE);
}

static void
cancel_indexing_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  DdWindow *self = user_data;

  if (self->index_cancellable)
    g_cancellable_cancel (self->index_cancellable);
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DdWindow *self = user_data;

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
picked_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  DdSelection *selection = dd_catalog_select_finish (DD_CATALOG (object), result, &error);

  if (selection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_clear_pointer (&self->picked, dd_selection_unref);
  self->picked = selection;
  adw_view_stack_set_visible_child_name (self->view_stack, "fine");
  if (gtk_drop_down_get_selected (self->view_dropdown) == VIEW_PICKED)
    dd_window_refresh_view (self);
  else
    gtk_drop_down_set_selected (self->view_dropdown, VIEW_PICKED);
}

/* Shows the samples @filter selects in the Fine grid (the "Picked samples" view). */
void
dd_window_show_filter (DdWindow *self,
                       DdFilter *filter)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  if (self->catalog == NULL)
    return;
  if (self->picked_cancellable)
    g_cancellable_cancel (self->picked_cancellable);
  g_clear_object (&self->picked_cancellable);
  self->picked_cancellable = g_cancellable_new ();
  dd_catalog_select_async (self->catalog, filter, self->picked_cancellable, picked_ready,
                           g_object_ref (self));
}

/* ---- the relationship explorer --------------------------------------------------- */

static void
node_filter_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *name = task_data;
  DdNodeKind kind;
  g_autofree char *id = NULL;
  GError *error = NULL;
  DdFilter *filter = NULL;

  if (dd_node_parse (name, &kind, &id, &error))
    filter = dd_relations_node_filter (source_object, kind, id, &error);
  if (filter)
    g_task_return_pointer (task, filter, (GDestroyNotify) dd_filter_free);
  else
    g_task_return_error (task, error);
}

static void
node_filter_ready (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdFilter) filter = g_task_propagate_pointer (G_TASK (result), &error);

  if (filter == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  if (DD_CATALOG (object) == self->catalog)
    dd_window_show_filter (self, filter);
}

/* Double click or Enter on a node: its samples in the Fine grid. */
static void
graph_node_activated (DdWindow   *self,
                      guint       kind,
                      const char *id)
{
  g_autoptr(GTask) task = NULL;

  if (self->catalog == NULL)
    return;
  task = g_task_new (self->catalog, self->cancellable, node_filter_ready, g_object_ref (self));
  g_task_set_task_data (task, g_strdup_printf ("%s:%s", dd_node_kind_to_string (kind), id), g_free);
  g_task_run_in_thread (task, node_filter_thread);
}

/* @list with @item toggled; NULL @list means every name of @all. */
static GStrv
toggled_list (const char * const *list,
              GPtrArray          *all,
              const char         *item)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean found = FALSE;

  if (list == NULL)
    {
      for (guint i = 0; i < all->len; i++)
        if (g_strcmp0 (all->pdata[i], item) != 0)
          g_strv_builder_add (builder, all->pdata[i]);
      return g_strv_builder_end (builder);
    }
  for (guint i = 0; list[i]; i++)
    {
      if (g_str_equal (list[i], item))
        found = TRUE;
      else
        g_strv_builder_add (builder, list[i]);
    }
  if (!found)
    g_strv_builder_add (builder, item);
  return g_strv_builder_end (builder);
}

/* Ctrl+click or T on a class, corruption or severity node: in or out of the recipe,
 * one undoable step. */
static void
graph_toggle_in_recipe (DdWindow   *self,
                        guint       kind,
                        const char *id)
{
  DdRecipe *recipe;
  g_autoptr(DdRecipe) next = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (self->document == NULL)
    return;
  recipe = dd_document_get_recipe (self->document);
  if (kind == DD_NODE_CLASS)
    /* "all but this class" keeps the unlabeled samples */
    next = dd_recipe_toggle_class (recipe, self->catalog, id);
  else if (kind == DD_NODE_CORRUPTION)
    {
      g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (self->catalog);
      g_auto(GStrv) list = NULL;

      for (guint i = 0; i < corruptions->len; i++)
        g_ptr_array_add (names, g_strdup (((DdCorruptionInfo *) corruptions->pdata[i])->name));
      list = toggled_list (dd_recipe_get_corruptions (recipe), names, id);
      next = dd_recipe_with_corruptions (recipe, (const char * const *) list);
    }
  else if (kind == DD_NODE_SEVERITY)
    {
      /* "3" or "fog/3": the severity either way */
      const char *slash = strrchr (id, '/');
      guint64 severity;
      int mask = dd_recipe_get_severity_mask (recipe);

      if (!g_ascii_string_to_unsigned (slash ? slash + 1 : id, 10, 0, 5, &severity, NULL))
        return;
      if (mask <= 0)
        mask = 0x3f;
      next = dd_recipe_with_severities (recipe, mask ^ (1 << severity));
    }
  if (next)
    dd_document_apply (self->document, next);
}

/* "kind:id": the explorer in the Medium tab, started from that node. */
static void
show_relations_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  DdWindow *self = user_data;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  DdNodeKind kind;

  if (self->catalog == NULL)
    return;
  if (!dd_node_parse (g_variant_get_string (parameter, NULL), &kind, &id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "medium");
  gtk_stack_set_visible_child_name (self->medium_stack, "relations");
  dd_graph_view_set_root (self->graph, kind, id);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->graph));
}

static void
viewer_show_relations (DdWindow   *self,
                       const char *key)
{
  g_autofree char *node = g_strdup_printf ("sample:%s", key);

  g_action_group_activate_action (G_ACTION_GROUP (self), "show-relations", g_variant_new_string (node));
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
  DdHealthKind k = DD_HEALTH_N_KINDS;

  if (self->catalog == NULL)
    return;
  dd_health_kind_from_string (kind, &k);
  if (sample_id > 0)
    {
      DdSampleViewer *viewer = dd_sample_viewer_new (GTK_WINDOW (findings), self->catalog, NULL, 0);

      g_signal_connect_object (viewer, "show-relations", G_CALLBACK (viewer_show_relations), self,
                               G_CONNECT_SWAPPED);
      dd_sample_viewer_show_id (viewer, sample_id);
      gtk_window_present (GTK_WINDOW (viewer));
    }
  else if (k == DD_HEALTH_UNKNOWN_CLASS || k == DD_HEALTH_UNNAMED_CLASS)
    {
      g_autoptr(DdFilter) filter = dd_filter_new ();
      guint id = dd_catalog_lookup_class (self->catalog, key);

      if (id == 0)
        return;
      dd_filter_add_class (filter, id);
      dd_window_show_filter (self, filter);
      gtk_window_present (GTK_WINDOW (self));
    }
  else if (k == DD_HEALTH_MISSING_CELL)
    {
      /* "<source>/<corruption>/<severity>/<wnid>": what the cell has, next to its
       * siblings in the grid */
      g_auto(GStrv) parts = g_strsplit (key, "/", -1);
      guint n = g_strv_length (parts);
      g_autoptr(DdFilter) filter = dd_filter_new ();
      guint class_id = n >= 3 ? dd_catalog_lookup_class (self->catalog, parts[n - 1]) : 0;
      guint corruption_id = n >= 3 ? dd_catalog_lookup_corruption (self->catalog, parts[n - 3]) : G_MAXUINT;

      if (class_id == 0 || corruption_id == G_MAXUINT)
        return;
      dd_filter_add_class (filter, class_id);
      dd_filter_add_corruption (filter, corruption_id);
      dd_window_show_filter (self, filter);
      gtk_window_present (GTK_WINDOW (self));
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("%s: no sample to show — %s"),
                                               dd_health_kind_title (k), key);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      gtk_window_present (GTK_WINDOW (self));
    }
}

static void
open_findings (DdWindow   *self,
               const char *kind)
{
  DdFindingsWindow *findings;

  if (self->catalog == NULL)
    return;
  findings = dd_findings_window_new (GTK_WINDOW (self), self->catalog,
                                     kind && *kind ? kind : NULL);
  g_signal_connect_object (findings, "finding-activated", G_CALLBACK (finding_activated), self, 0);
  gtk_window_present (GTK_WINDOW (findings));
}

static void
health_report_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  open_findings (user_data, parameter ? g_variant_get_string (parameter, NULL) : NULL);
}

/* What the Fine grid shows: "subset", "excluded" (by hand) or "flagged". */
static void
grid_view_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DdWindow *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);
  guint view = g_str_equal (name, "excluded") ? VIEW_EXCLUDED
             : g_str_equal (name, "flagged") ? VIEW_FLAGGED : VIEW_SUBSET;

  adw_view_stack_set_visible_child_name (self->view_stack, "fine");
  gtk_drop_down_set_selected (self->view_dropdown, view);
}

/* The Cancel button of the loading page: stops the scan, or the opening itself. */
static void
cancel_loading_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  DdWindow *self = user_data;

  if (self->scanner)
    {
      g_cancellable_cancel (self->index_cancellable);
      return;
    }
  dd_window_reset (self);
  dd_window_set_title (self, NULL);
  dd_window_set_state (self, "empty");
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DdWindow *self = user_data;

  if (self->document)
    dd_document_undo (self->document);
}

static void
redo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DdWindow *self = user_data;

  if (self->document)
    dd_document_redo (self->document);
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

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DdWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  dd_window_open_file (self, file);
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  dd_export_dialog_present (user_data);
}

static void
open_uri_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), NULL, NULL,
                                           NULL, NULL);
}

static const GActionEntry win_actions[] = {
  { "export", export_activated },
  { "open-uri", open_uri_activated, "s" },
  { "toggle-exclude", toggle_exclude_activated },
  { "force-include", force_include_activated },
  { "open-recent", open_recent_activated, "s" },
  { "fullscreen", fullscreen_activated },
  { "undo", undo_activated },
  { "redo", redo_activated },
  { "open", open_activated },
  { "reindex", reindex_activated },
  { "cancel-indexing", cancel_indexing_activated },
  { "cancel-loading", cancel_loading_activated },
  { "show-page", show_page_activated, "s" },
  { "grid-view", grid_view_activated, "s" },
  { "health-report", health_report_activated, "s" },
  { "show-relations", show_relations_activated, "s" },
  { "findings", health_report_activated },
};

/* The window's own drags (thumbnails, the subset) are for other applications. */
static gboolean
drop_accept (GtkDropTarget *target,
             GdkDrop       *drop,
             gpointer       user_data)
{
  if (gdk_drop_get_drag (drop) != NULL)
    return FALSE;
  return gdk_content_formats_match (gdk_drop_get_formats (drop), gtk_drop_target_get_formats (target));
}

/* Dragging the subset out: an ImageFolder of hard links, built while the pointer moves. */
static GdkContentProvider *
subset_drag_prepare (GtkDragSource *source,
                     double         x,
                     double         y,
                     DdWindow      *self)
{
  DdSelection *selection = self->document ? dd_document_get_selection (self->document) : NULL;
  g_autoptr(GdkPaintable) icon = NULL;
  GdkContentProvider *provider;

  if (self->catalog == NULL || selection == NULL || dd_selection_get_n (selection) == 0)
    return NULL;
  provider = dd_drag_provider_new_subset (self->catalog, selection,
                                          gtk_window_get_title (GTK_WINDOW (self)), NULL);
  g_object_set_data_full (G_OBJECT (source), "provider", g_object_ref (provider), g_object_unref);
  icon = gtk_widget_paintable_new (GTK_WIDGET (self->subset_drag));
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return provider;
}

static gboolean
subset_drag_cancel (GtkDragSource       *source,
                    GdkDrag             *drag,
                    GdkDragCancelReason  reason,
                    DdWindow            *self)
{
  DdDragProvider *provider = g_object_get_data (G_OBJECT (source), "provider");

  if (provider)
    dd_drag_provider_cancel (provider);
  g_object_set_data (G_OBJECT (source), "provider", NULL);
  return FALSE;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  DdWindow *self = user_data;
  GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
  gboolean handled = FALSE;

  if (files)
    {
      dd_window_open_file (self, files->data);
      handled = TRUE;
    }
  g_slist_free (files);
  return handled;
}

static void
update_grid_summary (DdWindow *self)
{
  DdSelection *selection = dd_thumbnail_grid_get_selection (self->grid);
  guint n = selection ? dd_selection_get_n (selection) : 0;
  guint n_selected = dd_thumbnail_grid_get_n_selected (self->grid);
  g_autofree char *count = dd_format_count (n);
  g_autofree char *samples =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample", "%s samples", n), count);
  g_autofree char *selected = dd_format_count (n_selected);
  g_autofree char *text = NULL;

  if (n_selected > 0)
    /* TRANSLATORS: "782 samples · 3 selected" */
    text = g_strdup_printf (_("%s · %s selected"), samples, selected);
  gtk_label_set_label (self->grid_summary, text ? text : samples);
}

static void
overview_error (DdWindow     *self,
                const GError *error)
{
  dd_window_show_error (self, error);
}

/* ---- object ------------------------------------------------------------------------ */

static void
dd_window_dispose (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  if (self->index_cancellable)
    g_cancellable_cancel (self->index_cancellable);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->picked_cancellable)
    g_cancellable_cancel (self->picked_cancellable);
  g_clear_object (&self->picked_cancellable);
  g_clear_pointer (&self->picked, dd_selection_unref);
  g_clear_pointer (&self->everything, dd_selection_unref);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_handle_id (&self->banner_id, g_source_remove);
  g_clear_object (&self->scanner);
  g_clear_object (&self->content);
  g_clear_object (&self->index_cancellable);
  g_clear_object (&self->cancellable);
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->target, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_WINDOW);
  /* the template's disposal may have asked for one more title sync */
  g_clear_handle_id (&self->title_idle, g_source_remove);

  G_OBJECT_CLASS (dd_window_parent_class)->dispose (object);
}

static void
dd_window_class_init (DdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_window_dispose;

  g_type_ensure (DD_TYPE_OVERVIEW);
  g_type_ensure (DD_TYPE_THUMBNAIL_GRID);
  g_type_ensure (DD_TYPE_PROMPT_PANEL);
  g_type_ensure (DD_TYPE_CURATION_PANEL);
  g_type_ensure (DD_TYPE_GRAPH_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, dataset_title);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, index_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, index_label);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, index_progress);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, loading_cancel);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, overview);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, graph);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, medium_stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, grid);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, subset_drag);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, grid_summary);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, prompt_panel);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, curation_panel);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, view_dropdown);
}

/* Enter or a double click on a thumbnail: the viewer, walking the grid's samples. */
static void
sample_activated (DdWindow *self,
                  guint     position)
{
  DdSelection *selection = dd_thumbnail_grid_get_selection (self->grid);
  DdSampleViewer *viewer;

  if (self->catalog == NULL || selection == NULL)
    return;
  viewer = dd_sample_viewer_new (GTK_WINDOW (self), self->catalog, selection, position);
  g_signal_connect_object (viewer, "show-relations", G_CALLBACK (viewer_show_relations), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (viewer));
}

static gboolean
sync_dataset_title (gpointer data)
{
  DdWindow *self = data;

  self->title_idle = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->dataset_title),
                          !adw_view_switcher_title_get_title_visible (self->switcher_title));
  return G_SOURCE_REMOVE;
}

/* Decided by the switcher title while it is allocated: follow it after the frame, as
 * hiding a header bar child in the middle of an allocation breaks the snapshot. */
static void
title_visible_changed (DdWindow *self)
{
  if (self->title_idle == 0)
    self->title_idle = g_idle_add (sync_dataset_title, self);
}

static void
dd_window_init (DdWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    /* Below the header bar, like the indexing bar (libadwaita 1.2 has no AdwBanner). */
    GtkWidget *label = gtk_label_new (_("Read-only: recipes cannot be saved"));

    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_set_margin_top (label, 6);
    gtk_widget_set_margin_bottom (label, 6);
    self->read_only_banner = GTK_REVEALER (gtk_revealer_new ());
    gtk_revealer_set_child (self->read_only_banner, label);
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->index_revealer))),
                                GTK_WIDGET (self->read_only_banner),
                                GTK_WIDGET (self->index_revealer));
  }
  /* the switcher title shows dataset and recipe only when narrow; when wide, here */
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (title_visible_changed), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  dd_recipe_actions_install (self);
  {
    /* Space and Delete leave the grid's selected samples out (or bring them back);
     * scoped to the grid so that typing elsewhere is not affected. */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                                                     gtk_keyval_trigger_new (GDK_KEY_Delete, 0)),
                        gtk_named_action_new ("win.toggle-exclude")));
    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_widget_add_controller (GTK_WIDGET (self->grid), shortcuts);
  }
  g_signal_connect_swapped (self->view_dropdown, "notify::selected",
                            G_CALLBACK (dd_window_refresh_view), self);
  dd_window_update_recent (self);
  dd_window_update_actions (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "accept", G_CALLBACK (drop_accept), self);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  {
    GtkDragSource *source = gtk_drag_source_new ();

    gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
    g_signal_connect (source, "prepare", G_CALLBACK (subset_drag_prepare), self);
    g_signal_connect (source, "drag-cancel", G_CALLBACK (subset_drag_cancel), self);
    gtk_widget_add_controller (GTK_WIDGET (self->subset_drag), GTK_EVENT_CONTROLLER (source));
  }
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  g_signal_connect_swapped (self->overview, "error", G_CALLBACK (overview_error), self);
  g_signal_connect_swapped (self->grid, "notify::selection", G_CALLBACK (update_grid_summary),
                            self);
  g_signal_connect_swapped (self->grid, "sample-activated", G_CALLBACK (sample_activated), self);
  g_signal_connect_swapped (self->graph, "node-activated", G_CALLBACK (graph_node_activated), self);
  g_signal_connect_swapped (self->graph, "toggle-in-recipe", G_CALLBACK (graph_toggle_in_recipe),
                            self);
  g_signal_connect_swapped (self->grid, "notify::n-selected", G_CALLBACK (update_grid_summary),
                            self);
  adw_view_stack_set_visible_child_name (self->view_stack, "medium");

  /* Size, maximized state and tab come back as they were left. */
  if (dd_settings_get ())
    {
      GSettings *settings = dd_settings_get ();

      g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "last-tab", self->view_stack, "visible-child-name",
                       G_SETTINGS_BIND_DEFAULT);
    }
}

DdWindow *
dd_window_new (DdApplication *application)
{
  return g_object_new (DD_TYPE_WINDOW, "application", application, NULL);
}

gboolean
dd_window_get_read_only_shown (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->read_only_banner);
}

DdCatalog *
dd_window_get_catalog (DdWindow *self)
{
  return self->catalog;
}

DdOverview *
dd_window_get_overview (DdWindow *self)
{
  return self->overview;
}

DdThumbnailGrid *
dd_window_get_grid (DdWindow *self)
{
  return self->grid;
}

AdwViewStack *
dd_window_get_view_stack (DdWindow *self)
{
  return self->view_stack;
}

const char *
dd_window_get_state (DdWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}
