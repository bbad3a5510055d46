/* The Model section under Xvfb: the panel lists a demo run, shows its report, the
 * heatmap is reachable and walkable from the keyboard, says a cell's value, and Enter
 * on a cell hands exactly that cell's wrong predictions to "win.show-samples". The
 * screenshot (build/meson-logs/ui-model.png) is the one in the README. */
#include "config.h"

#include <adwaita.h>

#include "dd-application.h"
#include "dd-demo-run.h"
#include "dd-document.h"
#include "dd-recipe.h"
#include "dd-model.h"
#include "dd-model-heatmap.h"
#include "dd-model-panel.h"
#include "dd-test-ui.h"
#include "dd-thumbnail-cell.h"
#include "dd-test-util.h"
#include "dd-window-private.h"

static DdTestFixture fixture;
static DdApplication *app;

typedef struct {
  GArray *ids;   /* what win.show-samples got */
} Shown;

static void
show_samples (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  Shown *shown = user_data;
  gsize n = 0;
  const gint64 *ids = g_variant_get_fixed_array (parameter, &n, sizeof (gint64));

  g_clear_pointer (&shown->ids, g_array_unref);
  shown->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (shown->ids, ids, n);
}

static gboolean
panel_ready (gpointer data)
{
  return dd_model_panel_is_ready (data);
}

static gboolean
ids_shown (gpointer data)
{
  return ((Shown *) data)->ids != NULL;
}

/* Sends a key to the heatmap's key controller, as GTK does for a key press. */
static gboolean
press (GtkWidget *widget,
       guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static void
test_panel_heatmap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdModelReport) report = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  const GActionEntry entries[] = { { "show-samples", show_samples, "ax" } };
  Shown shown = { NULL };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  DdModelPanel *panel = DD_MODEL_PANEL (dd_model_panel_new ());
  GtkWidget *heatmap;
  g_autofree char *text = NULL;
  const DdModelCell *cell;
  guint corruption, severity;

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, 1, &shown);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (window, 760, 860);
  gtk_window_set_child (window, GTK_WIDGET (panel));
  dd_model_panel_set_catalog (panel, fixture.catalog);
  gtk_window_present (window);
  dd_test_wait_for (panel_ready, panel, 30, "the run's report");

  report = dd_model_report (fixture.catalog, "demo", NULL, &error);
  g_assert_no_error (error);
  heatmap = dd_test_find_descendant (GTK_WIDGET (panel), DD_TYPE_MODEL_HEATMAP);
  g_assert_nonnull (heatmap);
  g_assert_cmpuint (dd_model_heatmap_get_n_rows (DD_MODEL_HEATMAP (heatmap)), ==,
                    report->corruptions->len);
  g_assert_true (gtk_widget_get_focusable (heatmap));

  /* keyboard: focus puts the first cell under focus; Right, Down, then Enter */
  gtk_widget_grab_focus (heatmap);
  dd_test_settle (0.1);
  g_assert_true (gtk_widget_has_focus (heatmap));
  g_assert_true (press (heatmap, GDK_KEY_Right));
  g_assert_true (press (heatmap, GDK_KEY_Down));
  g_assert_true (dd_model_heatmap_get_focus (DD_MODEL_HEATMAP (heatmap), &corruption,
                                             &severity));
  g_assert_cmpuint (severity, ==, 2);
  dd_test_save_screenshot (GTK_WIDGET (window), "model");   /* with the focused cell's ring */
  cell = dd_model_report_find_cell (report, corruption, severity);
  g_assert_nonnull (cell);
  text = dd_model_heatmap_describe_cell (DD_MODEL_HEATMAP (heatmap), 1, 2);
  g_assert_nonnull (strstr (text, "severity 2"));
  g_assert_nonnull (strstr (text, "wrong"));
  /* in the window's words (issue 13): "Defocus blur", not the folder's "defocus_blur";
   * the confusions by class name, counts grouped */
  for (guint r = 0; r < dd_model_heatmap_get_n_rows (DD_MODEL_HEATMAP (heatmap)); r++)
    {
      g_autofree char *row_text = dd_model_heatmap_describe_cell (DD_MODEL_HEATMAP (heatmap),
                                                                  r, 1);

      g_assert_null (strchr (row_text, '_'));
      g_assert_true (g_unichar_isupper (g_utf8_get_char (row_text)));
    }
  {
    GtkWidget *confusion = dd_test_find_label (GTK_WIDGET (panel), " → ");
    const char *line = confusion ? gtk_label_get_label (GTK_LABEL (confusion)) : "";

    g_assert_nonnull (confusion);
    g_assert_false (line[0] == 'n' && g_ascii_isdigit (line[1]));   /* not a wnid */
  }
  /* Up at the first row leaves the grid (focus moves on), Down at the last too */
  g_assert_true (press (heatmap, GDK_KEY_Up));
  g_assert_false (press (heatmap, GDK_KEY_Up));
  g_assert_true (press (heatmap, GDK_KEY_Down));
  g_assert_true (press (heatmap, GDK_KEY_Return));
  dd_test_wait_for (ids_shown, &shown, 30, "the cell's wrong predictions");
  g_assert_cmpuint (shown.ids->len, ==, cell->errors);

  gtk_window_destroy (window);
  g_clear_pointer (&shown.ids, g_array_unref);
}

static void
test_panel_without_runs (void)
{
  g_autoptr(DdCatalog) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture.dir, "empty.ddcat", NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  DdModelPanel *panel = DD_MODEL_PANEL (dd_model_panel_new ());
  GtkWidget *status;

  empty = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
  g_assert_no_error (error);
  gtk_window_set_child (window, GTK_WIDGET (panel));
  dd_model_panel_set_catalog (panel, empty);
  gtk_window_present (window);
  status = dd_test_find_descendant (GTK_WIDGET (panel), ADW_TYPE_STATUS_PAGE);
  dd_test_settle (0.5);
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_false (dd_model_panel_is_ready (panel));
  gtk_window_destroy (window);
}


static gboolean
document_idle (gpointer data)
{
  return !dd_document_get_busy (data) && dd_document_get_recipe (data) != NULL;
}

static gboolean
recipe_keeps_wrong (gpointer data)
{
  DdRecipe *recipe = dd_document_get_recipe (data);
  const DdModelClause *clause = recipe ? dd_recipe_get_model (recipe) : NULL;

  return clause && clause->outcome == DD_MODEL_OUTCOME_WRONG && !dd_document_get_busy (data);
}

/* "Subset: its wrong predictions" puts the clause in the recipe (one undoable step), and
 * an undo brings the drop-down back. */
static void
test_panel_subset (void)
{
  g_autoptr(DdDocument) document = dd_document_new (fixture.catalog);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  DdModelPanel *panel = DD_MODEL_PANEL (dd_model_panel_new ());
  GtkDropDown *keep;
  DdSelection *sel;

  gtk_window_set_child (window, GTK_WIDGET (panel));
  dd_model_panel_set_catalog (panel, fixture.catalog);
  dd_model_panel_set_document (panel, document);
  gtk_window_present (window);
  dd_test_wait_for (panel_ready, panel, 30, "the run's report");
  dd_test_wait_for (document_idle, document, 30, "the document's recipe");
  keep = GTK_DROP_DOWN (dd_test_find_with_property (GTK_WIDGET (panel), GTK_TYPE_WIDGET, "name",
                                                    "keep"));
  g_assert_nonnull (keep);
  g_assert_cmpuint (gtk_drop_down_get_selected (keep), ==, 0);
  gtk_drop_down_set_selected (keep, 1);
  dd_test_wait_for (recipe_keeps_wrong, document, 30, "the model clause in the recipe");
  dd_test_wait_for (document_idle, document, 30, "the evaluation");
  sel = dd_document_get_selection (document);
  g_assert_nonnull (sel);
  g_assert_cmpstr (dd_model_outcome_to_string (dd_recipe_get_model (
                     dd_document_get_recipe (document))->outcome), ==, "wrong");
  g_assert_true (dd_document_undo (document));
  dd_test_wait_for (document_idle, document, 30, "the undo");
  g_assert_cmpuint (gtk_drop_down_get_selected (keep), ==, 0);
  gtk_window_destroy (window);
}

static gboolean
grid_shows (gpointer data)
{
  DdTestWindowWait *w = data;
  DdSampleModel *model = dd_thumbnail_grid_get_model (dd_window_get_grid (w->window));
  DdSelection *sel = model ? dd_sample_model_get_selection (model) : NULL;

  return sel && dd_selection_get_n (sel) == w->n;
}

/* A thumbnail cell that shows a prediction. */
static DdTestLook
shows_prediction (GtkWidget     *widget,
                  gconstpointer  data)
{
  DdModelOutcome outcome;

  return DD_IS_THUMBNAIL_CELL (widget) &&
         dd_thumbnail_cell_get_prediction (DD_THUMBNAIL_CELL (widget), &outcome)
         ? DD_TEST_FOUND : DD_TEST_LOOK_INSIDE;
}

static gboolean
a_cell_shows_prediction (gpointer data)
{

  return dd_test_find_widget (data, shows_prediction, NULL) != NULL;
}

/* In the window: Medium → Model, Enter on a heatmap cell fills the Fine grid with that
 * cell's wrong predictions (win.show-samples). */
static void
test_window_cell_to_grid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdModelReport) report = NULL;
  DdWindow *window = dd_test_open_window (GTK_APPLICATION (app), fixture.catalog_path, 1200, 900);
  DdTestWindowWait w = { window, 0 };
  DdModelPanel *panel;
  GtkWidget *heatmap;
  guint corruption, severity;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "medium"));
  panel = DD_MODEL_PANEL (dd_test_find_descendant (GTK_WIDGET (window), DD_TYPE_MODEL_PANEL));
  g_assert_nonnull (panel);
  dd_test_wait_for (panel_ready, panel, 30, "the run's report in the window");
  heatmap = dd_test_find_descendant (GTK_WIDGET (panel), DD_TYPE_MODEL_HEATMAP);
  gtk_widget_grab_focus (heatmap);
  dd_test_settle (0.1);
  g_assert_true (press (heatmap, GDK_KEY_Right));
  g_assert_true (dd_model_heatmap_get_focus (DD_MODEL_HEATMAP (heatmap), &corruption,
                                             &severity));
  report = dd_model_report (fixture.catalog, "demo", NULL, &error);
  g_assert_no_error (error);
  w.n = dd_model_report_find_cell (report, corruption, severity)->errors;
  g_assert_cmpuint (w.n, >, 0);
  g_assert_true (press (heatmap, GDK_KEY_Return));
  dd_test_wait_for (grid_shows, &w, 30, "the cell's wrong predictions in the grid");
  /* the grid's cells say what was predicted: every one of these is wrong */
  {
    GtkWidget *grid = GTK_WIDGET (dd_window_get_grid (window));
    DdModelOutcome outcome;
    DdThumbnailCell *cell;

    dd_test_wait_for (a_cell_shows_prediction, grid, 30, "a cell with its prediction");
    cell = DD_THUMBNAIL_CELL (dd_test_find_widget (grid, shows_prediction, NULL));
    g_assert_nonnull (dd_thumbnail_cell_get_prediction (cell, &outcome));
    g_assert_cmpint (outcome, ==, DD_MODEL_OUTCOME_WRONG);
    dd_test_save_screenshot (GTK_WIDGET (window), "model-fine");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
sort_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
grid_ordered (gpointer data)
{
  DdTestWindowWait *w = data;
  DdSampleModel *model = dd_thumbnail_grid_get_model (dd_window_get_grid (w->window));

  return model && dd_sample_model_get_ordered (model);
}

/* The Fine grid sorted by the run's confidence or loss (issue 14): the drop-down shows
 * once the catalog has a run, and the grid's first rows are then the subset's least
 * confident samples, in the order dd_model_sort_ids() gives; "By sample" goes back. */
static void
test_window_grid_sort (void)
{
  g_autoptr(GError) error = NULL;
  DdWindow *window = dd_test_open_window (GTK_APPLICATION (app), fixture.catalog_path, 1200, 900);
  DdTestWindowWait w = { window, 0 };
  DdFinePage *page;
  GtkDropDown *sort = NULL;
  g_autoptr(GPtrArray) drops = NULL;
  DdSampleModel *model;
  DdSelection *subset;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(DdRunRows) rows = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "fine"));
  page = dd_window_get_fine_page (window);
  drops = dd_test_find_all (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN);
  for (guint i = 0; i < drops->len; i++)
    if (g_list_model_get_n_items (gtk_drop_down_get_model (drops->pdata[i])) == 5)
      sort = drops->pdata[i];
  g_assert_nonnull (sort);
  dd_test_wait_for (sort_shown, sort, 30, "the sort drop-down once the run is read");
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (sort)));

  /* least confident first */
  gtk_drop_down_set_selected (sort, 1);
  dd_test_wait_for (grid_ordered, &w, 30, "the grid in the run's order");
  model = dd_thumbnail_grid_get_model (dd_window_get_grid (window));
  subset = dd_sample_model_get_selection (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    dd_selection_get_n (subset));
  expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < dd_selection_get_n (subset); i++)
    {
      gint64 id = dd_selection_get_id (subset, i);

      g_array_append_val (expected, id);
    }
  rows = dd_model_read_run (fixture.catalog, "demo", FALSE, &error);
  g_assert_no_error (error);
  dd_model_sort_ids (rows, (gint64 *) expected->data, expected->len, DD_MODEL_SORT_CONFIDENCE,
                     FALSE);
  for (guint i = 0; i < MIN (expected->len, 50); i++)
    {
      g_autoptr(DdSampleItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (dd_sample_item_get_id (item), ==, g_array_index (expected, gint64, i));
    }
  /* the first is less confident than the last one with a prediction */
  {
    const DdPrediction *first = dd_run_rows_find (rows, g_array_index (expected, gint64, 0));

    g_assert_nonnull (first);
    g_assert_cmpfloat (first->confidence, <=,
                       dd_run_rows_find (rows, g_array_index (expected, gint64, 1))->confidence);
  }

  /* back to the samples' order */
  gtk_drop_down_set_selected (sort, 0);
  dd_test_settle (0.3);
  g_assert_false (dd_sample_model_get_ordered (model));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdModelImport) imported = NULL;
  g_autofree char *predictions = NULL;
  g_autofree char *labels = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  /* the demo with a run: 4 classes, 6 validation images each (and their variants) */
  dd_test_fixture_init (&fixture, "demo");
  dd_test_fixture_demo (&fixture, 4, 6);
  g_assert_true (dd_demo_write_run (fixture.data, 1, NULL, &error));
  g_assert_no_error (error);
  predictions = g_build_filename (fixture.data, "predictions.jsonl", NULL);
  labels = g_build_filename (fixture.data, "classes.txt", NULL);
  imported = dd_model_import (fixture.catalog, "demo", predictions, labels, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/model/panel-heatmap", test_panel_heatmap);
  g_test_add_func ("/ui/model/panel-without-runs", test_panel_without_runs);
  g_test_add_func ("/ui/model/panel-subset", test_panel_subset);
  g_test_add_func ("/ui/model/window-cell-to-grid", test_window_cell_to_grid);
  g_test_add_func ("/ui/model/window-grid-sort", test_window_grid_sort);

  app = dd_test_application_new (".ModelTest");
  status = dd_test_run_held (&app);
  dd_test_fixture_clear (&fixture);
  return status;
}
