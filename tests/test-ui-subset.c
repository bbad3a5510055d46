/* The window says what the subset is (issue 13): a tab's shortcut puts the keyboard
 * where typing starts, the subset at a glance under the header bar and in the overview,
 * a proposal says what it keeps, another dataset leaves nothing of the one before, the
 * grid says when it shows picks and returns to the subset, a WordNet group says what it
 * applied, an exclusion is said with Undo; and the smaller things the session found
 * (tooltips over drop-downs, shortcuts, an export that failed, Open Folder, Open Recipe).
 * Each drives the real window under Xvfb. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dd-application.h"
#include "dd-class-item.h"
#include "dd-findings-window.h"
#include "dd-recipe-store.h"
#include "dd-sample-viewer.h"
#include "dd-test-ui.h"
#include "dd-ui-text.h"
#include "dd-text-cell.h"
#include "dd-test-util.h"
#include "dd-window-private.h"

static DdTestFixture fixture;   /* the demo, indexed; its folder also holds the home */
static DdTestFixture other;     /* a second, smaller dataset */
static DdApplication *app;

/* A window on @path, shown, with its document evaluated; from every sample when
 * @everything (earlier cases leave a working recipe in the catalog). */
static DdWindow *
open_window (const char *path,
             gboolean    everything)
{
  DdWindow *window = dd_test_open_window (GTK_APPLICATION (app), path, 1280, 860);

  if (everything)
    dd_test_select_everything (window);
  return window;
}

static guint
count_filter (DdCatalog      *catalog,
              const DdFilter *filter)
{
  return dd_catalog_count (catalog, filter, NULL, NULL);
}

static void
apply_json (DdWindow   *window,
            const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = dd_recipe_new_from_json (json, -1, &error);
  g_autoptr(DdFilter) filter = NULL;
  DdTestWindowWait w = { window, 0 };

  g_assert_no_error (error);
  dd_document_apply (dd_window_get_document (window), recipe);
  filter = dd_recipe_to_filter (recipe, dd_window_get_catalog (window), NULL, &error);
  g_assert_no_error (error);
  w.n = count_filter (dd_window_get_catalog (window), filter);
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the recipe's subset");
}

/* ---- 1. a tab's shortcut: typing goes to the page --------------------------------- */

static gboolean
focus_within (GtkWidget *window,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Ctrl+1 left the focus on the tab's button: typing went nowhere and Space pressed the
 * button again. Each tab's shortcut now focuses its first control: the sentence, the
 * class search, the grid — also when the tab is shown already. */
static void
test_tab_focus (void)
{
  DdWindow *window = open_window (fixture.catalog_path, FALSE);
  GtkWidget *entry = dd_test_find_descendant (GTK_WIDGET (dd_window_get_coarse_page (window)),
                                              GTK_TYPE_ENTRY);
  GtkWidget *search = dd_test_find_descendant (GTK_WIDGET (dd_window_get_curation_panel (window)),
                                               GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *grid = dd_test_find_descendant (GTK_WIDGET (dd_window_get_grid (window)),
                                             GTK_TYPE_GRID_VIEW);
  GtkWidget *tab_button;

  g_assert_nonnull (entry);
  g_assert_nonnull (search);
  g_assert_nonnull (grid);
  dd_test_settle (0.3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "coarse"));
  dd_test_settle (0.2);
  g_assert_true (focus_within (GTK_WIDGET (window), entry));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "medium"));
  dd_test_settle (0.2);
  g_assert_true (focus_within (GTK_WIDGET (window), search));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "fine"));
  dd_test_settle (0.4);
  g_assert_true (focus_within (GTK_WIDGET (window), grid));

  /* the tab's own button has the focus (a click on the switcher), the shortcut of the tab
   * shown: the focus goes to its first control all the same */
  tab_button = dd_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER);
  g_assert_nonnull (tab_button);
  tab_button = dd_test_find_descendant (tab_button, GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (tab_button);
  gtk_widget_grab_focus (tab_button);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "fine"));
  dd_test_settle (0.2);
  g_assert_true (focus_within (GTK_WIDGET (window), grid));
  dd_test_close_window (window);
}

/* ---- 2. the subset at a glance -------------------------------------------------------- */

/* A corruption cell one class lacks (the demo plants a missing cell): @out_class, the
 * classes that have it, @corruption and @severity. */
static gboolean
find_missing_cell (DdCatalog *catalog,
                   guint     *out_class,
                   guint     *out_corruption,
                   guint     *out_severity)
{
  g_autoptr(DdSelection) all = dd_catalog_select (catalog, NULL, NULL, NULL);
  g_autoptr(DdFacets) f = dd_catalog_facets (catalog, all);

  for (guint c = 1; c < f->n_corruptions; c++)
    for (guint s = 1; s < f->n_severities; s++)
      for (guint k = 1; k < f->n_classes; k++)
        if (f->classes[k] > 0 && f->cube[(k * f->n_corruptions + c) * f->n_severities + s] == 0)
          {
            *out_class = k;
            *out_corruption = c;
            *out_severity = s;
            return TRUE;
          }
  return FALSE;
}

typedef struct {
  DdWindow   *window;
  const char *needle;
} TextWait;

static gboolean
summary_says (gpointer data)
{
  TextWait *w = data;
  g_autofree char *text = dd_subset_summary_get_text (dd_window_get_subset_summary (w->window));

  return strstr (text, w->needle) != NULL;
}

static gboolean
overview_says (gpointer data)
{
  TextWait *w = data;

  return dd_test_find_label (GTK_WIDGET (dd_window_get_overview (w->window)), w->needle) != NULL;
}

/* With four classes checked, one of them without samples in the chosen cell: the
 * summary says "4 classes chosen, 3 with samples", every chip has the whole of its text
 * in a tooltip, the header's subtitle is short with the description as its tooltip, the
 * overview lists the classes with their counts and says "3" with "4 chosen", and
 * "Checked First" brings the checked classes to the top of the list. */
static void
test_summary (void)
{
  DdWindow *window = open_window (fixture.catalog_path, TRUE);
  DdCatalog *catalog = dd_window_get_catalog (window);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);
  g_autoptr(GString) json = g_string_new ("{\"version\": 1, \"classes\": [");
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) chips = NULL;
  TextWait tw = { window, NULL };
  guint missing_class = 0, corruption = 0, severity = 0;
  const char *missing_wnid = NULL;

  g_assert_true (find_missing_cell (catalog, &missing_class, &corruption, &severity));
  for (guint i = 0; i < classes->len && chosen->len < 4; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);

      if (c == NULL || c->id == missing_class)
        continue;
      if (chosen->len == 0)
        {
          DdClassInfo *m = g_ptr_array_index (classes, missing_class - 1);

          g_ptr_array_add (chosen, m->wnid);
          missing_wnid = m->wnid;
        }
      g_ptr_array_add (chosen, c->wnid);
    }
  g_assert_cmpuint (chosen->len, ==, 4);
  for (guint i = 0; i < chosen->len; i++)
    g_string_append_printf (json, "%s\"%s\"", i ? ", " : "", (char *) chosen->pdata[i]);
  g_string_append_printf (json, "], \"corruptions\": [\"%s\"], \"severities\": [%u]}",
                          ((DdCorruptionInfo *) corruptions->pdata[corruption])->name, severity);
  g_test_message ("recipe %s (no sample of %s there)", json->str, missing_wnid);
  apply_json (window, json->str);

  /* the summary says both numbers, and each chip has its whole text as a tooltip */
  tw.needle = "4 classes chosen, 3 with samples";
  dd_test_wait_for (summary_says, &tw, 10, "the summary of the classes");
  chips = dd_test_find_all (GTK_WIDGET (dd_window_get_subset_summary (window)), GTK_TYPE_BUTTON);
  g_assert_cmpuint (chips->len, >=, 4);
  for (guint i = 0; i < chips->len; i++)
    {
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (chips->pdata[i]));
      const char *tooltip = dd_ui_get_tooltip (chips->pdata[i]);

      g_assert_nonnull (tooltip);
      /* shortened only with the whole of it in the tooltip */
      g_assert_true (gtk_label_get_ellipsize (GTK_LABEL (label)) == PANGO_ELLIPSIZE_NONE ||
                     strlen (tooltip) >= strlen (gtk_label_get_label (GTK_LABEL (label))) ||
                     strstr (tooltip, gtk_label_get_label (GTK_LABEL (label))));
    }
  {
    GtkWidget *title = dd_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
    const char *subtitle = adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));

    /* short: the count; the rules are its tooltip and the summary's */
    g_assert_nonnull (subtitle);
    g_assert_null (strstr (subtitle, "·"));
    g_assert_nonnull (dd_ui_get_tooltip (title));
    g_assert_nonnull (strstr (dd_ui_get_tooltip (title), "4 classes chosen"));
    /* asked for on hover: not set as tooltip-text, which asks the X server where the
     * pointer is at every change of the subset */
    g_assert_null (gtk_widget_get_tooltip_text (title));
    {
      g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
      gboolean shown = FALSE;

      g_assert_true (gtk_widget_get_has_tooltip (title));
      g_signal_emit_by_name (title, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
      g_assert_true (shown);
    }
  }

  /* the overview: 3 classes with samples out of 4 chosen, each with its count */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "medium"));
  tw.needle = "4 chosen";
  dd_test_wait_for (overview_says, &tw, 10, "the overview's classes");
  for (guint i = 0; i < chosen->len; i++)
    {
      guint id = dd_catalog_lookup_class (catalog, chosen->pdata[i]);
      DdClassInfo *c = g_ptr_array_index (classes, id - 1);

      if (id == missing_class)
        g_assert_null (dd_test_find_row (GTK_WIDGET (dd_window_get_overview (window)), c->name));
      else
        g_assert_nonnull (dd_test_find_row (GTK_WIDGET (dd_window_get_overview (window)), c->name));
    }
  dd_test_settle (0.5);
  dd_test_save_screenshot (GTK_WIDGET (window), "summary");

  /* "Checked First": the four checked classes lead the list */
  {
    GtkWidget *panel = GTK_WIDGET (dd_window_get_curation_panel (window));
    GtkWidget *toggle = dd_test_find_button (panel, "_Checked First");
    GtkWidget *view = dd_test_find_descendant (panel, GTK_TYPE_COLUMN_VIEW);
    GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));

    g_assert_nonnull (toggle);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    dd_test_settle (0.2);
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(DdClassItem) item = g_list_model_get_item (rows, i);

        g_assert_cmpint (dd_class_item_get_checked (item), ==, i < chosen->len);
      }
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);

    /* a cell too narrow for its class ("Yorkshire terr…" at 1,400 pixels) says it whole
     * on hover, asked for on hover: a "tooltip-text" set on each bound cell cost a round
     * trip to the X server per row and held the window's opening (issue 16) */
    {
      guint cells = 0, cut = 0;

      for (guint i = 0; i < classes->len; i++)
        {
          const DdClassInfo *c = g_ptr_array_index (classes, i);
          GtkWidget *cell = NULL;

          if (c && c->name)
            cell = dd_test_find_with_property (view, DD_TYPE_TEXT_CELL, "text", c->name);

          if (cell == NULL || !gtk_widget_get_mapped (cell))
            continue;
          {
            g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
            gboolean ellipsized = dd_text_cell_is_cut (DD_TEXT_CELL (cell));
            gboolean shown = FALSE;

            g_assert_null (gtk_widget_get_tooltip_text (cell));
            g_assert_true (gtk_widget_get_has_tooltip (cell));
            g_signal_emit_by_name (cell, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
            g_assert_cmpint (shown, ==, ellipsized);
            cut += ellipsized;
          }
          cells++;
        }
      g_assert_cmpuint (cells, >, 0);
      g_assert_cmpuint (cut, >, 0);
    }
  }
  dd_test_close_window (window);
}

/* ---- 5. a proposal says what it keeps ------------------------------------------------ */

/* The sentence names no class (its animals are not in the dataset): the proposal keeps
 * the two classes of the current subset and says so, with "Start From Everything" one
 * click away; "max 3 each" is a quota, not a severity. */
static void
test_proposal_kept (void)
{
  DdWindow *window = open_window (fixture.catalog_path, TRUE);
  DdCoarsePage *page = dd_window_get_coarse_page (window);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (dd_window_get_catalog (window));
  g_autofree char *json = g_strdup_printf ("{\"version\": 1, \"classes\": [\"%s\", \"%s\"]}",
                                           ((DdClassInfo *) classes->pdata[0])->wnid,
                                           ((DdClassInfo *) classes->pdata[1])->wnid);
  DdProposal *proposal;
  GtkWidget *kept, *everything;

  apply_json (window, json);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "coarse"));
  dd_coarse_page_propose (page, "sharks and puppies in the fog, max 3 each");
  dd_test_wait_for (dd_test_proposal_shown, page, 10, "the proposal");
  proposal = dd_coarse_page_get_proposal (page);
  g_assert_cmpuint (g_strv_length ((char **) dd_recipe_get_classes (proposal->recipe)), ==, 2);
  g_assert_cmpuint (dd_recipe_get_per_class_limit (proposal->recipe), ==, 3);
  g_assert_cmpint (dd_recipe_get_severity_mask (proposal->recipe), ==, -1);
  kept = dd_test_find_label (GTK_WIDGET (page), "Kept from your current subset");
  g_assert_nonnull (kept);
  g_assert_true (gtk_widget_is_visible (kept));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (kept)), "2 classes"));
  dd_test_settle (0.3);
  dd_test_save_screenshot (GTK_WIDGET (window), "coarse-kept");

  /* one click: the same sentence from every sample */
  everything = dd_test_find_button (GTK_WIDGET (page), "Start From _Everything");
  g_assert_nonnull (everything);
  g_assert_true (gtk_widget_is_visible (everything));
  g_signal_emit_by_name (everything, "clicked");
  dd_test_wait_for (dd_test_proposal_shown, page, 10, "the proposal from everything");
  proposal = dd_coarse_page_get_proposal (page);
  g_assert_null (dd_recipe_get_classes (proposal->recipe));
  g_assert_cmpuint (dd_recipe_get_per_class_limit (proposal->recipe), ==, 3);
  g_assert_false (gtk_widget_is_visible (kept));
  /* no limit is said so, not as "0" */
  g_assert_null (dd_test_find_label (GTK_WIDGET (page), "0 → "));
  dd_test_close_window (window);
}

/* ---- 6. another dataset ----------------------------------------------------------------- */

static DdFindingsWindow *
find_findings_window (void)
{
  return dd_test_find_window (GTK_APPLICATION (app), DD_TYPE_FINDINGS_WINDOW);
}

static DdSampleViewer *
find_viewer_window (void)
{
  return dd_test_find_window (GTK_APPLICATION (app), DD_TYPE_SAMPLE_VIEWER);
}

static gboolean
viewer_open (gpointer data)
{
  return find_viewer_window () != NULL;
}

static gboolean
grid_picked (gpointer data)
{
  DdTestWindowWait *w = data;

  return dd_fine_page_get_view (dd_window_get_fine_page (w->window)) == DD_FINE_VIEW_PICKED &&
         dd_test_grid_has (data);
}

/* The grid shows picks (grid_picked()) whose first sample has the class of wnid @wnid. */
typedef struct {
  DdTestWindowWait  w;
  const char       *wnid;
} ClassPicked;

static gboolean
class_picked (gpointer data)
{
  ClassPicked *c = data;
  DdSelection *shown = dd_thumbnail_grid_get_selection (dd_window_get_grid (c->w.window));
  g_autoptr(DdSampleInfo) first = NULL;

  if (!grid_picked (&c->w) || dd_selection_get_n (shown) == 0)
    return FALSE;
  first = dd_catalog_get_sample (dd_window_get_catalog (c->w.window),
                                 dd_selection_get_id (shown, 0), NULL);
  return first && g_strcmp0 (first->wnid, c->wnid) == 0;
}

/* Opening another dataset left the health report listing the old one's findings and
 * the grid showing picks of the old catalog as blank placeholders: the windows of the
 * old dataset close, the picks go, the grid shows the new subset. */
static void
test_switch_dataset (void)
{
  DdWindow *window = open_window (fixture.catalog_path, TRUE);
  DdCatalog *catalog = dd_window_get_catalog (window);
  g_autoptr(GFile) file = g_file_new_for_path (other.catalog_path);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autofree char *node = g_strdup_printf ("class:%s", ((DdClassInfo *) classes->pdata[0])->wnid);
  DdTestWindowWait w = { window, 0 };
  DdSelection *shown;

  /* the report, a viewer, and picks in the grid */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.findings", NULL));
  dd_test_wait_findings (GTK_APPLICATION (app), "the health report");
  {
    g_autoptr(DdFilter) filter = dd_filter_new ();

    dd_filter_add_class (filter, ((DdClassInfo *) classes->pdata[0])->id);
    w.n = count_filter (catalog, filter);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", node));
  dd_test_wait_for (grid_picked, &w, 10, "the class's samples picked");
  g_signal_emit_by_name (dd_test_find_descendant (GTK_WIDGET (dd_window_get_grid (window)),
                                                  GTK_TYPE_GRID_VIEW), "activate", 0);
  dd_test_wait_for (viewer_open, NULL, 10, "the viewer");

  /* another dataset */
  dd_window_open_file (window, file);
  w.n = 0;
  dd_test_wait_for (dd_test_window_ready, &w, 30, "the other dataset");
  g_assert_cmpstr (dd_catalog_get_path (dd_window_get_catalog (window)), ==, other.catalog_path);
  dd_test_settle (0.5);
  g_assert_null (find_findings_window ());
  g_assert_null (find_viewer_window ());
  g_assert_cmpint (dd_fine_page_get_view (dd_window_get_fine_page (window)), ==,
                   DD_FINE_VIEW_SUBSET);
  w.n = dd_selection_get_n (dd_document_get_selection (dd_window_get_document (window)));
  dd_test_wait_for (dd_test_grid_has, &w, 10, "the new subset in the grid");
  shown = dd_thumbnail_grid_get_selection (dd_window_get_grid (window));
  for (guint i = 0; i < dd_selection_get_n (shown); i++)
    {
      g_autoptr(DdSampleInfo) sample = dd_catalog_get_sample (dd_window_get_catalog (window),
                                                              dd_selection_get_id (shown, i), NULL);

      g_assert_nonnull (sample);
    }
  dd_test_close_window (window);
}

/* ---- 8. picks and a new subset ---------------------------------------------------------- */

/* The grid kept showing samples picked before the subset changed (4,250 goldfish while
 * the header counted dogs and cats): while it shows picks a line says so with the way
 * back, and a new subset returns it to the subset. */
static void
test_picks_return (void)
{
  DdWindow *window = open_window (fixture.catalog_path, TRUE);
  DdCatalog *catalog = dd_window_get_catalog (window);
  DdFinePage *fine = dd_window_get_fine_page (window);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autofree char *node = g_strdup_printf ("class:%s", ((DdClassInfo *) classes->pdata[0])->wnid);
  g_autofree char *json = g_strdup_printf ("{\"version\": 1, \"classes\": [\"%s\", \"%s\"]}",
                                           ((DdClassInfo *) classes->pdata[1])->wnid,
                                           ((DdClassInfo *) classes->pdata[2])->wnid);
  DdTestWindowWait w = { window, 0 };

  {
    g_autoptr(DdFilter) filter = dd_filter_new ();

    dd_filter_add_class (filter, ((DdClassInfo *) classes->pdata[0])->id);
    w.n = count_filter (catalog, filter);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-node", "s", node));
  dd_test_wait_for (grid_picked, &w, 10, "the class's samples picked");
  g_assert_nonnull (dd_fine_page_get_view_note (fine));
  g_assert_nonnull (strstr (dd_fine_page_get_view_note (fine), "not the subset"));
  dd_test_settle (0.3);
  dd_test_save_screenshot (GTK_WIDGET (window), "fine-picked");
  /* a path of the explorer (win.show-path) picks its last node's samples the same way */
  {
    DdClassInfo *second = classes->pdata[1];
    g_autoptr(DdFilter) filter = dd_filter_new ();
    ClassPicked picked = { { window, 0 }, second->wnid };
    GVariantBuilder steps;

    dd_filter_add_class (filter, second->id);
    picked.w.n = count_filter (catalog, filter);
    g_variant_builder_init (&steps, G_VARIANT_TYPE ("a(ssss)"));
    g_variant_builder_add (&steps, "(ssss)", "class", second->wnid, "", second->name);
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-path",
                                                      g_variant_builder_end (&steps)));
    dd_test_wait_for (class_picked, &picked, 10, "the path's samples picked");
  }

  /* a new subset: the grid follows it, the line goes */
  apply_json (window, json);
  w.n = dd_selection_get_n (dd_document_get_selection (dd_window_get_document (window)));
  dd_test_wait_for (dd_test_grid_has, &w, 10, "the grid back on the subset");
  g_assert_cmpint (dd_fine_page_get_view (fine), ==, DD_FINE_VIEW_SUBSET);
  g_assert_null (dd_fine_page_get_view_note (fine));
  dd_test_close_window (window);
}

/* ---- 9. Keep the classes under… --------------------------------------------------------- */

typedef struct {
  GtkDropDown *menu;
} MenuWait;

static gboolean
groups_listed (gpointer data)
{
  MenuWait *w = data;
  GListModel *model = gtk_drop_down_get_model (w->menu);

  return model && g_list_model_get_n_items (model) > 1;
}

static gboolean
classes_are (gpointer data)
{
  DdTestWindowWait *w = data;
  const char * const *classes = dd_recipe_get_classes (dd_document_get_recipe (dd_window_get_document (w->window)));

  return classes && g_strv_length ((char **) classes) == w->n;
}

static gboolean
toast_says (gpointer data)
{
  TextWait *w = data;
  const char *toast = dd_window_get_last_toast (w->window);

  return toast && strstr (toast, w->needle);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Every WordNet group of 2 or more classes, with its count, by name; picking one applies
 * its classes, says so with Undo, and the drop-down goes on showing the group. */
static void
test_groups (void)
{
  DdWindow *window = open_window (fixture.catalog_path, TRUE);
  GtkWidget *panel = GTK_WIDGET (dd_window_get_curation_panel (window));
  MenuWait mw = { GTK_DROP_DOWN (dd_test_find_descendant (panel, GTK_TYPE_DROP_DOWN)) };
  TextWait tw = { window, "Kept the " };
  DdTestWindowWait cw = { 0 };
  GListModel *model;
  guint best = 0, best_n = 0;

  g_assert_nonnull (mw.menu);
  dd_test_wait_for (groups_listed, &mw, 10, "the WordNet groups");
  /* opened, its list is searched by typing: the focus is in its search entry (typing
   * "dog" went nowhere) */
  {
    GtkWidget *popover = NULL, *focus;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (mw.menu)); child;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child))
        popover = child;
    g_assert_nonnull (popover);
    /* on screen: an earlier test may have left the window on another tab */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "medium"));
    dd_test_wait_for (widget_mapped, mw.menu, 10, "the groups' drop-down on screen");
    g_signal_emit_by_name (mw.menu, "activate");
    dd_test_wait_for (widget_mapped, popover, 10, "the groups' list open");
    dd_test_settle (0.3);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_nonnull (focus);
    g_test_message ("focus: %s in %s", G_OBJECT_TYPE_NAME (focus),
                    G_OBJECT_TYPE_NAME (gtk_widget_get_parent (focus)));
    g_assert_true (gtk_widget_is_ancestor (focus, popover));
    g_assert_true (GTK_IS_SEARCH_ENTRY (focus) ||
                   gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL);
    gtk_popover_popdown (GTK_POPOVER (popover));
    dd_test_settle (0.2);
  }
  model = gtk_drop_down_get_model (mw.menu);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (model), i);
      const char *open = strrchr (text, '(');
      guint n = open ? atoi (open + 1) : 0;

      g_assert_nonnull (open);   /* "amphibian (2)": with its count */
      g_assert_cmpuint (n, >=, 2);
      if (i > 1)
        g_assert_cmpint (g_utf8_collate (gtk_string_list_get_string (GTK_STRING_LIST (model), i - 1),
                                         text), <=, 0);
      if (n > best_n)
        best = i, best_n = n;
    }
  gtk_drop_down_set_selected (mw.menu, best);
  dd_test_wait_for (toast_says, &tw, 10, "what the group applied");
  g_test_message ("%s: %s", gtk_string_list_get_string (GTK_STRING_LIST (model), best),
                  dd_window_get_last_toast (window));
  cw.window = window;
  cw.n = best_n;
  dd_test_wait_for (classes_are, &cw, 10, "the group's classes in the recipe");
  dd_test_settle (0.3);
  /* what was applied stays in sight */
  g_assert_cmpuint (gtk_drop_down_get_selected (mw.menu), ==, best);
  dd_test_close_window (window);
}

/* ---- 10. an exclusion, said ------------------------------------------------------------- */

/* Excluded samples just vanished: the window says "2 samples excluded" with Undo, and
 * the count of samples excluded by hand is always in sight (the summary and the grid's
 * footer). */
static void
test_exclude_feedback (void)
{
  DdWindow *window = open_window (fixture.catalog_path, TRUE);
  TextWait tw = { window, "2 samples excluded" };
  DdTestWindowWait w = { window, 0 };
  guint all = dd_selection_get_n (dd_document_get_selection (dd_window_get_document (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "fine"));
  w.n = all;
  dd_test_wait_for (dd_test_grid_has, &w, 10, "the grid");
  gtk_selection_model_select_range (dd_thumbnail_grid_get_selection_model (dd_window_get_grid (window)),
                                    0, 2, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-exclude", NULL));
  dd_test_wait_for (toast_says, &tw, 10, "the exclusion said");
  w.n = all - 2;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the subset without them");
  tw.needle = "2 excluded by hand";
  dd_test_wait_for (summary_says, &tw, 10, "the excluded count in the summary");
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (dd_window_get_fine_page (window)),
                                        "2 excluded by hand"));
  /* Undo, as the toast's button does */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  w.n = all;
  dd_test_wait_for (dd_test_selection_is, &w, 10, "the exclusion undone");
  dd_test_close_window (window);
}

/* ---- the smaller things ---------------------------------------------------------------- */

static gboolean
dropdowns_without_tooltips (GtkWidget *root)
{
  g_autoptr(GPtrArray) all = dd_test_find_all (root, GTK_TYPE_DROP_DOWN);

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_tooltip_text (all->pdata[i]) != NULL)
      {
        g_test_message ("a drop-down with the tooltip “%s”",
                        gtk_widget_get_tooltip_text (all->pdata[i]));
        return FALSE;
      }
  return all->len > 0;
}

/* A dialog shown over the window (they are not the application's windows). */
static GtkWidget *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
error_dialog_shown (gpointer data)
{
  GtkWidget *dialog = find_dialog ();

  return dialog && dd_test_find_label (dialog, "Could not export") != NULL;
}

/* Tooltips of drop-downs covered their first item; Ctrl+R had two meanings and the
 * shortcuts window lacked the grid's, the viewer's and the explorer's keys; a failed
 * export closed its dialog; "Open Folder" did nothing when no file manager answered;
 * Open Recipe listed names only; Preferences cut "ImageFolder (torchvisi…". */
static void
test_smaller (void)
{
  DdWindow *window = open_window (fixture.catalog_path, TRUE);
  TextWait tw = { window, NULL };

  /* no drop-down has a tooltip over its list, here or in the health report */
  g_assert_true (dropdowns_without_tooltips (GTK_WIDGET (window)));
  /* nor the main menu's button over its open menu ("Main Menu" covered "Open Dataset…") */
  {
    g_autoptr(GPtrArray) buttons = dd_test_find_all (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
    GtkMenuButton *menu = NULL;

    for (guint i = 0; i < buttons->len; i++)
      if (gtk_menu_button_get_menu_model (buttons->pdata[i]) != NULL)
        menu = buttons->pdata[i];
    g_assert_nonnull (menu);
    g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (menu)));
    gtk_menu_button_popup (menu);
    dd_test_settle (0.3);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (menu))));
    g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (menu)));
    gtk_menu_button_popdown (menu);
    dd_test_settle (0.3);
    g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (menu)));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.findings", NULL));
  dd_test_wait_findings (GTK_APPLICATION (app), "the health report");
  g_assert_true (dropdowns_without_tooltips (GTK_WIDGET (find_findings_window ())));
  gtk_window_destroy (GTK_WINDOW (find_findings_window ()));

  /* one meaning a key: Ctrl+R is the viewer's Show Relations, F5 re-indexes */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.reindex");

    g_assert_false (g_strv_contains ((const char * const *) accels, "<Control>r"));
    g_assert_true (g_strv_contains ((const char * const *) accels, "F5"));
  }
  /* the shortcuts window lists the grid, the viewer and the explorer, each key once a
   * meaning */
  {
    g_autoptr(GtkBuilder) builder =
      gtk_builder_new_from_resource ("/io/github/datadive/DataDive/gtk/help-overlay.ui");
    GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
    g_autoptr(GPtrArray) shortcuts = dd_test_find_all (overlay, GTK_TYPE_SHORTCUTS_SHORTCUT);
    g_autoptr(GHashTable) meaning = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    gboolean viewer_relations = FALSE, explorer_toggle = FALSE, grid_exclude = FALSE;

    for (guint i = 0; i < shortcuts->len; i++)
      {
        g_autofree char *accel = NULL;
        g_autofree char *title = NULL;
        g_autofree char *action = NULL;

        g_object_get (shortcuts->pdata[i], "accelerator", &accel, "title", &title,
                      "action-name", &action, NULL);
        if (action && !accel)
          {
            g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                          action);
            accel = accels && accels[0] ? g_strjoinv (" ", accels) : NULL;
          }
        if (accel == NULL)
          continue;
        if (g_str_equal (accel, "<Control>r"))
          viewer_relations = TRUE;
        if (g_str_equal (accel, "t"))
          explorer_toggle = TRUE;
        if (strstr (accel, "space") && strstr (accel, "Delete"))
          grid_exclude = TRUE;
        {
          g_auto(GStrv) keys = g_strsplit (accel, " ", -1);

          for (guint k = 0; keys[k]; k++)
            {
              const char *before = g_hash_table_lookup (meaning, keys[k]);

              /* a key listed twice is listed for one action of one place */
              if (before && g_strcmp0 (before, title) != 0 && g_str_equal (keys[k], "<Control>r"))
                g_error ("%s listed as “%s” and as “%s”", keys[k], before, title);
              g_hash_table_insert (meaning, g_strdup (keys[k]), g_strdup (title));
            }
        }
      }
    g_assert_true (viewer_relations);
    g_assert_true (explorer_toggle);
    g_assert_true (grid_exclude);
    gtk_window_destroy (GTK_WINDOW (overlay));
  }

  /* Open Folder with no file manager to answer says so, and where the folder is */
  {
    g_autofree char *uri = g_filename_to_uri (fixture.dir, NULL, NULL);

    tw.needle = "No file manager opened the folder";
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-uri", "s", uri));
    dd_test_wait_for (toast_says, &tw, 10, "Open Folder's failure said");
  }

  /* a failed export keeps its dialog, saying why */
  {
    g_autofree char *target = g_build_filename (g_get_home_dir (), "taken", NULL);
    g_autofree char *inside = g_build_filename (target, "file.txt", NULL);
    GtkWidget *dialog, *entry;

    g_assert_cmpint (g_mkdir_with_parents (target, 0755), ==, 0);
    g_assert_true (g_file_set_contents (inside, "not an export", -1, NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
    dd_test_wait_for (dialog_shown, NULL, 10, "the export dialog");
    dialog = find_dialog ();
    entry = dd_test_find_descendant (dialog, GTK_TYPE_ENTRY);
    gtk_editable_set_text (GTK_EDITABLE (entry), "taken");
    /* the summary in the window's words: no raw health kind names */
    g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "_"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "export");
    dd_test_wait_for (error_dialog_shown, NULL, 30, "the export dialog with the error");
    dialog = find_dialog ();
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dd_test_find_descendant (dialog, GTK_TYPE_ENTRY))),
                     ==, "taken");
    dd_test_settle (0.3);
    dd_test_save_screenshot (dialog, "export-error");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    dd_test_settle (0.3);
    while ((dialog = find_dialog ()))
      gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Open Recipe: each saved recipe with what it selects and its sample count */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdRecipe) recipe = dd_recipe_new_from_json ("{\"version\": 1, \"splits\": [\"val\"]}",
                                                          -1, &error);
    GtkWidget *dialog;
    GtkWidget *row;

    g_assert_true (dd_catalog_save_recipe (dd_window_get_catalog (window), "val only", recipe,
                                           DD_RECIPE_SAVE_DEFAULT, &error));
    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recipe", NULL));
    dd_test_wait_for (dialog_shown, NULL, 10, "the recipes");
    dialog = find_dialog ();
    row = dd_test_find_row (dialog, "val only");
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "samples"));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "val"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Preferences: the chosen layout under its title, where it is not cut */
  {
    g_autoptr(GPtrArray) rows = NULL;

    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
    {
    g_autoptr(GList) toplevels = NULL;

    g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
    dd_test_settle (0.5);
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_PREFERENCES_WINDOW (l->data))
        {
          rows = dd_test_find_all (l->data, ADW_TYPE_COMBO_ROW);
          for (guint i = 0; i < rows->len; i++)
            g_assert_true (adw_combo_row_get_use_subtitle (rows->pdata[i]));
          g_assert_cmpuint (rows->len, >=, 2);
          gtk_window_destroy (l->data);
          break;
        }
    }
    g_assert_nonnull (rows);
  }
  dd_test_close_window (window);
}

/* ---- 11. the Medium tab's lists wait while the window draws ----------------------------- */

static gboolean
keep_drawing (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static gboolean
panel_has_document (gpointer data)
{
  DdWindow *window = data;

  return dd_curation_panel_get_document (dd_window_get_curation_panel (window)) ==
         dd_window_get_document (window);
}

/* Behind another tab the Medium page built its lists 750 ms after the opening, whatever
 * the window was doing: while the grid scrolled, the new rows' styles made two or three
 * of its frames miss 60 Hz. They now wait until the window stops drawing. */
static void
test_lists_wait_for_quiet (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture.catalog_path);
  DdWindow *window = dd_window_new (GTK_APPLICATION (app));
  DdTestWindowWait w = { window, 0 };
  GtkWidget *title = dd_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);
  guint tick;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "fine"));
  /* a small widget redrawn every frame: a paint a frame even on a loaded machine */
  g_assert_nonnull (title);
  tick = gtk_widget_add_tick_callback (title, keep_drawing, NULL, NULL);
  dd_window_open_file (window, file);
  dd_test_wait_for (dd_test_window_ready, &w, 30, "the window to show the catalog");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (dd_window_get_curation_panel (window))));

  /* a frame every 16 ms, as a scrolling grid draws: the lists wait */
  dd_test_settle (1.6);
  g_assert_null (dd_curation_panel_get_document (dd_window_get_curation_panel (window)));

  /* the window quiet: the lists come, still behind the Fine tab */
  gtk_widget_remove_tick_callback (title, tick);
  dd_test_wait_for (panel_has_document, window, 5, "the Medium tab's lists");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (dd_window_get_curation_panel (window))));
  dd_test_close_window (window);
}

/* ---- 12. the tabs in the header at once ----------------------------------------------- */

/* The longest the squeezer was in a transition, in µs. */
typedef struct
{
  gint64 started;
  gint64 longest;
} Transition;

static void
note_transition (GObject    *squeezer,
                 GParamSpec *pspec,
                 gpointer    data)
{
  Transition *t = data;

  if (adw_squeezer_get_transition_running (ADW_SQUEEZER (squeezer)))
    t->started = g_get_monotonic_time ();
  else if (t->started > 0)
    t->longest = MAX (t->longest, g_get_monotonic_time () - t->started);
}

/* The header's title crossfaded into the tabs for 200 ms at the opening: under the cairo
 * renderer each frame of it drew the whole window twice more, as the first thumbnails
 * came. The tabs now replace the title at once. */
static void
test_tabs_at_once (void)
{
  DdWindow *window = open_window (fixture.catalog_path, FALSE);
  GtkWidget *title = dd_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);
  GtkWidget *squeezer = title ? dd_test_find_descendant (title, ADW_TYPE_SQUEEZER) : NULL;
  Transition t = { 0, 0 };

  g_assert_nonnull (squeezer);
  dd_test_settle (0.3);
  g_assert_true (ADW_IS_VIEW_SWITCHER (adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer))));

  /* the tabs off (as while another dataset loads), then on (as it opens), as the window
   * itself does it: each time the squeezer changes what it shows */
  g_signal_connect (squeezer, "notify::transition-running", G_CALLBACK (note_transition), &t);
  adw_view_switcher_title_set_view_switcher_enabled (ADW_VIEW_SWITCHER_TITLE (title), FALSE);
  dd_test_settle (0.4);
  g_assert_false (ADW_IS_VIEW_SWITCHER (adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer))));
  adw_view_switcher_title_set_view_switcher_enabled (ADW_VIEW_SWITCHER_TITLE (title), TRUE);
  dd_test_settle (0.4);
  g_assert_true (ADW_IS_VIEW_SWITCHER (adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer))));
  g_assert_cmpint (t.started, >, 0);             /* it switched … */
  /* … at once: a frame or two (51 ms seen on a loaded machine); crossfading is timed,
   * 200 ms whatever the machine */
  g_assert_cmpint (t.longest, <, 150 * 1000);
  g_signal_handlers_disconnect_by_data (squeezer, &t);
  dd_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dd_test_ui_fixture (&fixture, "demo", 6, 2);
  g_clear_object (&fixture.catalog);   /* each case opens it */
  dd_test_fixture_init (&other, "other");
  dd_test_fixture_demo (&other, 2, 2);
  g_clear_object (&other.catalog);

  app = dd_test_application_new (".SubsetTest");   /* its startup installs the accelerators */

  g_test_add_func ("/ui/subset/tab-focus", test_tab_focus);
  g_test_add_func ("/ui/subset/summary", test_summary);
  g_test_add_func ("/ui/subset/proposal-kept", test_proposal_kept);
  g_test_add_func ("/ui/subset/switch-dataset", test_switch_dataset);
  g_test_add_func ("/ui/subset/picks-return", test_picks_return);
  g_test_add_func ("/ui/subset/groups", test_groups);
  g_test_add_func ("/ui/subset/exclude-feedback", test_exclude_feedback);
  g_test_add_func ("/ui/subset/smaller", test_smaller);
  g_test_add_func ("/ui/subset/lists-wait-for-quiet", test_lists_wait_for_quiet);
  g_test_add_func ("/ui/subset/tabs-at-once", test_tabs_at_once);
  status = dd_test_run_held (&app);
  dd_test_fixture_clear (&other);
  dd_test_fixture_clear (&fixture);
  return status;
}
