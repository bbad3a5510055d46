/* The window without a mouse: every action has its shortcut, Tab walks through
 * controls a screen reader can name, and a subset can be changed and undone from the
 * keyboard (through the same actions the shortcuts call). */
#include "config.h"

#include <adwaita.h>

#include "dd-application.h"
#include "dd-class-item.h"
#include "dd-demo.h"
#include "dd-recipe-store.h"
#include "dd-scanner.h"
#include "dd-test-ui.h"
#include "dd-test-util.h"
#include "dd-thumbnail-cell.h"
#include "dd-window-private.h"

static DdTestFixture fixture;   /* the demo, indexed; its folder also holds the home */
static const char *catalog_path;
static DdApplication *app;

static void
setup_dataset (void)
{
  dd_test_ui_fixture (&fixture, "demo", 3, 2);
  catalog_path = fixture.catalog_path;
  g_clear_object (&fixture.catalog);   /* each case opens it */
}

/* Each shortcut of the issue reaches its action. */
static void
test_shortcuts (void)
{
  static const struct { const char *accel; const char *action; } expected[] = {
    { "<Control>o", "win.open" },
    { "<Control>z", "win.undo" },
    { "<Control><Shift>z", "win.redo" },
    { "<Control>1", "win.show-page::coarse" },
    { "<Control>2", "win.show-page::medium" },
    { "<Control>3", "win.show-page::fine" },
    { "F11", "win.fullscreen" },
    { "<Control>comma", "app.preferences" },
    { "<Control>q", "app.quit" },
    { "<Control>e", "win.export" },
    { "<Control>s", "win.save-recipe" },
    { "<Control>h", "win.findings" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                                     expected[i].accel);
      if (actions == NULL || !g_strv_contains ((const char * const *) actions, expected[i].action))
        g_error ("%s does not trigger %s", expected[i].accel, expected[i].action);
    }
}

/* Tab walks the window: focus moves through several controls, and every focusable
 * button says what it does (a label or a tooltip, which screen readers announce). */
static void
test_focus_walk (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  DdWindow *window = dd_test_open_window (GTK_APPLICATION (app), catalog_path, 1100, 800);
  guint unnamed = 0;

  /* the Fine tab: the grid of thumbnails must be reachable too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "fine"));
  dd_test_settle (0.8);

  for (guint i = 0; i < 300; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;
      if (g_hash_table_contains (seen, focus))
        continue;
      g_hash_table_add (seen, focus);
      if (GTK_IS_BUTTON (focus) || GTK_IS_MENU_BUTTON (focus))
        {
          GtkWidget *child = GTK_IS_BUTTON (focus) ? gtk_button_get_child (GTK_BUTTON (focus)) : NULL;
          const char *label = GTK_IS_BUTTON (focus) ? gtk_button_get_label (GTK_BUTTON (focus)) : NULL;
          g_autofree char *property_label = NULL;
          gboolean has_text;

          /* AdwViewSwitcherButton and friends keep their text in a "label" property */
          if (g_object_class_find_property (G_OBJECT_GET_CLASS (focus), "label"))
            g_object_get (focus, "label", &property_label, NULL);
          has_text = (label && *label) || (property_label && *property_label) ||
                     (child && (GTK_IS_LABEL (child) || ADW_IS_BUTTON_CONTENT (child))) ||
                     gtk_widget_get_tooltip_text (focus) != NULL ||
                     /* a menu button's own toggle: the menu button carries the text */
                     (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (focus)) &&
                      gtk_widget_get_tooltip_text (gtk_widget_get_parent (focus)) != NULL);
          if (!has_text)
            {
              GtkWidget *parent = gtk_widget_get_parent (focus);
              g_test_message ("focusable %s (in %s, child %s, icon %s) without a label or tooltip",
                              G_OBJECT_TYPE_NAME (focus),
                              parent ? G_OBJECT_TYPE_NAME (parent) : "-",
                              child ? G_OBJECT_TYPE_NAME (child) : "-",
                              GTK_IS_BUTTON (focus) && gtk_button_get_icon_name (GTK_BUTTON (focus))
                                ? gtk_button_get_icon_name (GTK_BUTTON (focus)) : "-");
              unnamed++;
            }
        }
    }
  g_test_message ("Tab reached %u widgets", g_hash_table_size (seen));
  g_assert_cmpuint (g_hash_table_size (seen), >=, 5);
  g_assert_cmpuint (unnamed, ==, 0);
  dd_test_close_window (window);
}

/* A subset change and its undo and redo, through actions only. */
static void
test_undo_redo_by_keyboard (void)
{
  g_autoptr(DdRecipe) fewer = NULL;
  g_autoptr(GError) error = NULL;
  DdWindow *window = dd_test_open_window (GTK_APPLICATION (app), catalog_path, 0, 0);
  DdTestWindowWait w = { window, 0 };
  DdDocument *doc;
  guint all;

  doc = dd_window_get_document (window);
  all = dd_selection_get_n (dd_document_get_selection (doc));
  g_assert_false (dd_document_get_can_undo (doc));

  fewer = dd_recipe_new_from_json ("{\"version\": 1, \"splits\": [\"train\"]}", -1, &error);
  g_assert_no_error (error);
  dd_document_apply (doc, fewer);
  {
    g_autoptr(DdFilter) filter = dd_recipe_to_filter (fewer, dd_window_get_catalog (window), NULL, NULL);
    w.n = dd_catalog_count (dd_window_get_catalog (window), filter, NULL, NULL);
  }
  g_assert_cmpuint (w.n, <, all);
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the smaller subset");
  g_assert_true (dd_document_get_can_undo (doc));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  w.n = all;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the undone subset");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  {
    g_autoptr(DdFilter) filter = dd_recipe_to_filter (fewer, dd_window_get_catalog (window), NULL, NULL);
    w.n = dd_catalog_count (dd_window_get_catalog (window), filter, NULL, NULL);
  }
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the redone subset");

  /* The accepted change is in the catalog: a new window on it comes back with it. */
  {
    g_autoptr(DdCatalog) again = dd_catalog_open (catalog_path, 0, &error);
    g_autoptr(DdRecipe) stored = dd_catalog_load_recipe (again, DD_DOCUMENT_WORKING_RECIPE, &error);
    g_assert_no_error (error);
    g_assert_true (dd_recipe_equal (stored, fewer));
  }
  dd_test_close_window (window);
}

static gboolean
recipe_excludes (gpointer data)
{
  DdTestWindowWait *w = data;
  DdDocument *doc = dd_window_get_document (w->window);

  return dd_recipe_get_n_exclude (dd_document_get_recipe (doc)) == w->n &&
         !dd_document_get_busy (doc);
}

/* The row of the unlabeled samples is in the list (shown once the counts are in);
 * its position goes to w->n. */
static gboolean
row_shown (gpointer data)
{
  DdTestRowsWait *w = data;

  for (guint i = 0; i < g_list_model_get_n_items (w->model); i++)
    {
      g_autoptr(DdClassItem) item = g_list_model_get_item (w->model, i);

      if (dd_class_item_get_id (item) == 0)
        {
          w->n = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* An action row of the overview outside its list of classes (which is rebuilt when the
 * classes of the subset change). */
static DdTestLook
is_action_row (GtkWidget     *widget,
               gconstpointer  data)
{
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), "Classes") == 0)
    return DD_TEST_PASS_OVER;
  return ADW_IS_ACTION_ROW (widget) ? DD_TEST_FOUND : DD_TEST_LOOK_INSIDE;
}

/* The first such row of @window's overview. */
static GtkWidget *
first_action_row (DdWindow *window)
{
  return dd_test_find_widget (GTK_WIDGET (dd_window_get_overview (window)), is_action_row, NULL);
}

static guint
count_excluded_cells (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    n += DD_IS_THUMBNAIL_CELL (child)
      ? g_strcmp0 (dd_thumbnail_cell_get_mark (DD_THUMBNAIL_CELL (child)), "excluded") == 0
      : count_excluded_cells (child);
  return n;
}

static gboolean
cells_excluded (gpointer data)
{
  DdTestWindowWait *w = data;

  return count_excluded_cells (GTK_WIDGET (dd_window_get_grid (w->window))) == w->n;
}

/* The three tabs' edits: a class unchecked in Medium, a sample excluded in Fine, a
 * sentence accepted in Coarse; each shows in the grid and the recipe, each undoes. */
static void
test_tab_edits (void)
{
  DdWindow *window = dd_test_open_window (GTK_APPLICATION (app), catalog_path, 1100, 800);
  DdTestWindowWait w = { window, 0 };
  DdDocument *doc;
  GtkCheckButton *goldfish;
  guint all, goldfish_count, n_classes;
  GtkWidget *overview_row;

  doc = dd_window_get_document (window);
  all = dd_selection_get_n (dd_document_get_selection (doc));

  /* Medium: the class list searches names and synonyms */
  {
    GtkWidget *panel = GTK_WIDGET (dd_window_get_curation_panel (window));
    GtkWidget *view = dd_test_find_descendant (panel, GTK_TYPE_COLUMN_VIEW);
    GtkWidget *search = dd_test_find_descendant (panel, GTK_TYPE_SEARCH_ENTRY);
    DdTestRowsWait rows = { 0, };

    g_assert_nonnull (view);
    g_assert_nonnull (search);
    rows.model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
    dd_test_wait_for (row_shown, &rows, 10, "the row of the unlabeled samples");
    n_classes = g_list_model_get_n_items (rows.model);
    g_assert_cmpuint (n_classes, >, 1);
    gtk_editable_set_text (GTK_EDITABLE (search), "carassius");   /* goldfish's synonym */
    rows.n = 1;
    dd_test_wait_for (dd_test_rows_are, &rows, 5, "the class list to show goldfish alone");
    gtk_editable_set_text (GTK_EDITABLE (search), "");
    rows.n = n_classes;
    dd_test_wait_for (dd_test_rows_are, &rows, 5, "every class again");

    /* Enter on a row toggles its class (one undoable step), as a click on its check:
     * the first row with samples in the subset (the unlabeled row, first, has none in
     * the train split) */
    {
      DdFacets *facets = dd_document_get_facets (dd_window_get_document (window));
      g_autoptr(DdClassItem) first = NULL;
      guint position = 0, in_first = 0;

      for (; in_first == 0; position++)
        {
          g_clear_object (&first);
          first = g_list_model_get_item (rows.model, position);
          g_assert_nonnull (first);
          in_first = facets->classes[dd_class_item_get_id (first)];
        }
      position--;
      g_assert_true (dd_class_item_get_checked (first));
      g_signal_emit_by_name (view, "activate", position);
      g_assert_false (dd_class_item_get_checked (first));
      w.n = dd_selection_get_n (dd_document_get_selection (dd_window_get_document (window))) - in_first;
      dd_test_wait_for (dd_test_selection_is, &w, 10, "the subset without the first class");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      w.n += in_first;
      dd_test_wait_for (dd_test_selection_is, &w, 10, "the first class back");
      g_assert_true (dd_class_item_get_checked (first));
    }
  }

  /* Medium: uncheck goldfish */
  goldfish_count = dd_document_get_facets (doc)->classes[dd_catalog_lookup_class (dd_window_get_catalog (window), "n01443537")];
  g_assert_cmpuint (goldfish_count, >, 0);
  goldfish = dd_curation_panel_get_class_check (dd_window_get_curation_panel (window), "n01443537");
  g_assert_nonnull (goldfish);
  w.n = all;
  dd_test_wait_for (dd_test_overview_counted, &w, 10, "the overview of everything");
  overview_row = first_action_row (window);
  g_assert_nonnull (overview_row);
  gtk_check_button_set_active (goldfish, FALSE);
  w.n = all - goldfish_count;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the subset without goldfish");
  dd_test_wait_for (dd_test_grid_has, &w, 10, "the grid without goldfish");
  /* the overview's rows stay and only change their numbers */
  dd_test_wait_for (dd_test_overview_counted, &w, 10, "the overview without goldfish");
  g_assert_true (first_action_row (window) == overview_row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  w.n = all;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "goldfish back");
  g_assert_true (gtk_check_button_get_active (goldfish));

  /* Fine: select two samples, Space-equivalent action excludes them */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "fine"));
  dd_test_wait_for (dd_test_grid_has, &w, 10, "the full grid");
  gtk_selection_model_select_range (dd_thumbnail_grid_get_selection_model (dd_window_get_grid (window)),
                                    0, 2, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-exclude", NULL));
  w.n = 2;
  dd_test_wait_for (recipe_excludes, &w, 10, "two keys in the recipe's exclude list");
  w.n = all - 2;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the subset without them");
  /* the cells of the samples left out, once shown, carry the excluded badge */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.grid-view", "s", "excluded"));
  w.n = 2;
  dd_test_wait_for (dd_test_grid_has, &w, 10, "the grid of the excluded samples");
  dd_test_wait_for (cells_excluded, &w, 10, "excluded badges on the cells");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.grid-view", "s", "subset"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  w.n = 0;
  dd_test_wait_for (recipe_excludes, &w, 10, "the exclusion undone");

  /* Coarse: a sentence, its proposal, accepted */
  {
    DdCoarsePage *panel = dd_window_get_coarse_page (window);
    const char * const *classes;

    dd_coarse_page_propose (panel, "goldfish at severity 5");
    dd_test_wait_for (dd_test_proposal_shown, panel, 10, "the proposal");
    dd_coarse_page_accept (panel);
    dd_test_settle (0.5);
    classes = dd_recipe_get_classes (dd_document_get_recipe (doc));
    g_assert_nonnull (classes);
    g_assert_cmpstr (classes[0], ==, "n01443537");
    g_assert_null (classes[1]);
    g_assert_cmpint (dd_recipe_get_severity_mask (dd_document_get_recipe (doc)), ==, 1 << 5);
  }
  dd_test_close_window (window);
}

/* Unchecking one class dropped every unlabeled sample (the test split, missing labels)
 * and no row brought them back: they have their own row, and stay until it is
 * unchecked. */
static void
test_unlabeled_row (void)
{
  DdWindow *window = dd_test_open_window (GTK_APPLICATION (app), catalog_path, 1100, 800);
  DdTestWindowWait w = { window, 0 };
  DdCatalog *catalog;
  DdDocument *doc;
  GtkWidget *view;
  DdTestRowsWait rows = { 0, };
  g_autoptr(DdClassItem) unlabeled = NULL;
  GtkCheckButton *goldfish;
  guint all, n_goldfish, n_unlabeled;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "medium"));
  doc = dd_window_get_document (window);
  catalog = dd_window_get_catalog (window);
  /* from every sample (earlier tests left a working recipe in the catalog) */
  w.n = all = dd_test_select_everything (window);
  n_goldfish = dd_document_get_facets (doc)->classes[dd_catalog_lookup_class (catalog, "n01443537")];
  n_unlabeled = dd_document_get_facets (doc)->classes[0];
  g_assert_cmpuint (n_unlabeled, >, 0);   /* the demo's test split */

  view = dd_test_find_descendant (GTK_WIDGET (dd_window_get_curation_panel (window)),
                                  GTK_TYPE_COLUMN_VIEW);
  rows.model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  dd_test_wait_for (row_shown, &rows, 10, "the row of the unlabeled samples");
  unlabeled = g_list_model_get_item (rows.model, rows.n);
  g_assert_cmpstr (dd_class_item_get_wnid (unlabeled), ==, "unlabeled");
  g_assert_true (dd_class_item_get_checked (unlabeled));

  goldfish = dd_curation_panel_get_class_check (dd_window_get_curation_panel (window), "n01443537");
  g_assert_nonnull (goldfish);
  gtk_check_button_set_active (goldfish, FALSE);
  w.n = all - n_goldfish;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the subset without goldfish, the unlabeled kept");
  g_assert_cmpuint (dd_document_get_facets (doc)->classes[0], ==, n_unlabeled);
  g_assert_true (dd_class_item_get_checked (unlabeled));

  /* their own row takes them out, and Enter on it brings them back */
  g_signal_emit_by_name (view, "activate", rows.n);
  w.n = all - n_goldfish - n_unlabeled;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the subset without the unlabeled samples");
  g_signal_emit_by_name (view, "activate", rows.n);
  w.n = all - n_goldfish;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the unlabeled samples back");
  gtk_check_button_set_active (goldfish, TRUE);
  w.n = all;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "every sample again");
  g_assert_null (dd_recipe_get_classes (dd_document_get_recipe (doc)));
  dd_test_close_window (window);
}

/* The catalog's working recipe is @recipe. */
static gboolean
working_recipe_is (gpointer recipe)
{
  g_autoptr(DdCatalog) catalog = dd_catalog_open (catalog_path, 0, NULL);
  g_autoptr(DdRecipe) saved = catalog ? dd_catalog_load_recipe (catalog,
                                                                 DD_DOCUMENT_WORKING_RECIPE,
                                                                 NULL) : NULL;

  return saved && dd_recipe_equal (saved, recipe);
}

static gboolean
no_window (gpointer app)
{
  return gtk_application_get_windows (app) == NULL;
}

/* Quit closes every window (before, it stopped the main loop and left the application
 * no time to save), and the changes made just before it are saved. */
static void
test_quit_saves (void)
{
  DdWindow *window = dd_test_open_window (GTK_APPLICATION (app), catalog_path, 0, 0);
  DdDocument *doc = dd_window_get_document (window);
  g_autoptr(DdRecipe) empty = dd_recipe_new ();
  g_autoptr(DdRecipe) last = NULL;
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (dd_window_get_catalog (window));
  const char *keep[2] = { NULL, NULL };

  for (guint i = 0; i < classes->len; i++)
    {
      keep[0] = ((DdClassInfo *) g_ptr_array_index (classes, i))->wnid;
      g_clear_pointer (&last, dd_recipe_unref);
      last = dd_recipe_with_classes (empty, keep);
      dd_document_apply (doc, last);
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  dd_test_wait_for (no_window, app, 10, "every window closed");
  dd_test_wait_for (working_recipe_is, last, 30, "the last change saved");

  /* the next run of these cases starts from every sample again */
  {
    g_autoptr(DdCatalog) catalog = dd_catalog_open (catalog_path, 0, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (catalog);
    g_assert_true (dd_catalog_save_recipe (catalog, DD_DOCUMENT_WORKING_RECIPE, empty,
                                           DD_RECIPE_SAVE_DEFAULT, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  setup_dataset ();
  app = dd_test_application_new (".KeyboardTest");   /* its startup installs the accelerators */

  g_test_add_func ("/ui/keyboard/shortcuts", test_shortcuts);
  g_test_add_func ("/ui/keyboard/focus-walk", test_focus_walk);
  g_test_add_func ("/ui/keyboard/undo-redo", test_undo_redo_by_keyboard);
  g_test_add_func ("/ui/tabs/edits-and-undo", test_tab_edits);
  g_test_add_func ("/ui/tabs/unlabeled-row", test_unlabeled_row);
  g_test_add_func ("/ui/keyboard/quit-saves", test_quit_saves);
  status = dd_test_run_held (&app);
  dd_test_fixture_clear (&fixture);
  return status;
}
