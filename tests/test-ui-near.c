/* The window's parts of near duplicates under Xvfb (issue 15): the health report
 * resolves a group of copies in one undoable step, the viewer's "Similar" strip leads
 * with a sample's copies, the explorer links them, the threshold preference re-pairs
 * the open catalog. On the demo with a photo planted twice (re-encoded in its class,
 * halved under another label), deep-indexed. Screenshots go to
 * build/meson-logs/ui-near-*.png. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "dd-application.h"
#include "dd-document.h"
#include "dd-catalog-near.h"
#include "dd-findings-window.h"
#include "dd-graph-view.h"
#include "dd-health-near.h"
#include "dd-preferences.h"
#include "dd-settings.h"
#include "dd-catalog-lookup.h"
#include "dd-recipe.h"
#include "dd-sample-viewer.h"
#include "dd-test-ui.h"
#include "dd-ui-text.h"
#include "dd-test-util.h"
#include "dd-window-private.h"

static DdTestFixture fixture;
static DdApplication *app;
static char *orig_key;        /* the photo planted twice */
static char *copy_keys[2];    /* its copies */
static char *leak_keys[2];    /* a training photo, and its copy (twice as large) in val */

/* ---- the fixture ------------------------------------------------------------------------ */

/* The first training photo of the first class, copied re-encoded at quality 40 into its
 * class and halved into the second class's folder; the catalog indexed and decoded. */
static void
plant_copies (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autoptr(GdkPixbuf) half = NULL;
  const char *a, *b;
  g_autofree char *rel = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *halved = NULL;

  classes = dd_catalog_list_classes (fixture.catalog);
  g_assert_cmpuint (classes->len, >=, 2);
  a = ((DdClassInfo *) classes->pdata[0])->wnid;
  b = ((DdClassInfo *) classes->pdata[1])->wnid;
  rel = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_0.JPEG", a, a);
  path = g_build_filename (fixture.data, rel, NULL);
  photo = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  /* keys are paths under the dataset's folder */
  orig_key = g_strdup (rel);
  copy_keys[0] = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_copy.JPEG", a, a);
  copy_keys[1] = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_half.JPEG", b, b);
  copy = g_build_filename (fixture.data, copy_keys[0], NULL);
  dd_test_save_jpeg (photo, copy, 40);
  half = gdk_pixbuf_scale_simple (photo, gdk_pixbuf_get_width (photo) / 2,
                                  gdk_pixbuf_get_height (photo) / 2, GDK_INTERP_BILINEAR);
  halved = g_build_filename (fixture.data, copy_keys[1], NULL);
  dd_test_save_jpeg (half, halved, 90);
  /* leakage: a photo of the third class, doubled, in val with its annotation row */
  {
    const char *c = ((DdClassInfo *) classes->pdata[2])->wnid;
    g_autofree char *train = NULL;
    g_autofree char *val = g_build_filename (fixture.data, "tiny-imagenet-200", "val", "images",
                                             "val_leak.JPEG", NULL);
    g_autofree char *rows = g_build_filename (fixture.data, "tiny-imagenet-200", "val",
                                              "val_annotations.txt", NULL);
    g_autofree char *row = g_strdup_printf ("val_leak.JPEG\t%s\t0\t0\t63\t63\n", c);
    g_autoptr(GdkPixbuf) leak = NULL;
    g_autoptr(GdkPixbuf) twice = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (rows);
    g_autoptr(GFileOutputStream) out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error);

    leak_keys[0] = g_strdup_printf ("tiny-imagenet-200/train/%s/images/%s_0.JPEG", c, c);
    leak_keys[1] = g_strdup ("tiny-imagenet-200/val/images/val_leak.JPEG");
    train = g_build_filename (fixture.data, leak_keys[0], NULL);
    leak = gdk_pixbuf_new_from_file (train, &error);
    g_assert_no_error (error);
    twice = gdk_pixbuf_scale_simple (leak, gdk_pixbuf_get_width (leak) * 2,
                                     gdk_pixbuf_get_height (leak) * 2, GDK_INTERP_BILINEAR);
    dd_test_save_jpeg (twice, val, 95);
    g_assert_no_error (error);
    g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), row, strlen (row), NULL, NULL,
                                              &error));
    g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  }
  dd_test_fixture_index (&fixture);
  dd_test_content_pass (fixture.catalog);
}

/* ---- the window ------------------------------------------------------------------------- */

static DdWindow *
open_window (void)
{
  DdWindow *window = dd_test_open_window (GTK_APPLICATION (app), fixture.catalog_path, 1100, 800);

  dd_test_select_everything (window);
  return window;
}

typedef struct {
  DdDocument *document;
  DdRecipe   *recipe;
} RecipeWait;

static gboolean
recipe_is (gpointer data)
{
  RecipeWait *w = data;

  return !dd_document_get_busy (w->document) &&
         dd_recipe_equal (dd_document_get_recipe (w->document), w->recipe);
}

/* A button labelled @label shown under @widget, or NULL. */
static GtkWidget *
shown_button (GtkWidget  *widget,
              const char *label)
{
  g_autoptr(GPtrArray) buttons = dd_test_find_all (widget, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *child = gtk_button_get_child (buttons->pdata[i]);

      if (gtk_widget_get_mapped (buttons->pdata[i]) && GTK_IS_LABEL (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), label) == 0)
        return buttons->pdata[i];
    }
  return NULL;
}

/* How many labels under @widget shown read @text exactly. */
static guint
n_labels_shown (GtkWidget  *widget,
                const char *text)
{
  g_autoptr(GPtrArray) labels = dd_test_find_all (widget, GTK_TYPE_LABEL);
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    n += gtk_widget_get_mapped (labels->pdata[i]) &&
         g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0;
  return n;
}

static gboolean
label_shown (gpointer data)
{
  return n_labels_shown (data, "Excluded") > 0;
}

/* The report lists the group; its button keeps one copy and excludes the other two as
 * one recipe change (the same as dd_health_resolve_group's), the rows then say which
 * copy stayed, a toast offers Undo, and one undo brings the recipe back. */
static void
test_findings_resolve (void)
{
  DdWindow *window = open_window ();
  DdDocument *doc = dd_window_get_document (window);
  DdCatalog *catalog = dd_window_get_catalog (window);
  g_autoptr(DdRecipe) before = dd_recipe_ref (dd_document_get_recipe (doc));
  g_autoptr(DdHealthReport) report = dd_health_report (catalog, NULL);
  g_autoptr(DdRecipe) expected = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  DdFindingsWindow *findings = NULL;
  DdNearGroup *group;
  GtkWidget *button;
  RecipeWait w = { doc, NULL };

  g_assert_nonnull (report);
  group = dd_test_near_group (report, orig_key);
  g_assert_nonnull (group);
  g_assert_cmpuint (g_strv_length (group->keys), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) group->keys, copy_keys[0]));
  g_assert_true (g_strv_contains ((const char * const *) group->keys, copy_keys[1]));
  expected = dd_health_resolve_group (catalog, before, group, &kept, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_recipe_get_n_exclude (expected), ==, dd_recipe_get_n_exclude (before) + 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.health-report", "s",
                                             dd_health_kind_to_string (group->kind)));
  findings = dd_test_wait_findings (GTK_APPLICATION (app), "the near duplicates");
  g_assert_cmpuint (dd_findings_window_get_n_shown (findings), ==, 3);
  dd_test_settle (0.3);
  /* each of the three rows offers it */
  button = shown_button (GTK_WIDGET (findings), "Keep One, Exclude 2 Copies");
  g_assert_nonnull (button);
  dd_test_save_screenshot (GTK_WIDGET (findings), "near-findings");
  dd_findings_window_set_grid (findings, TRUE);
  dd_test_settle (0.3);
  g_assert_nonnull (shown_button (GTK_WIDGET (findings), "Keep One, Exclude 2 Copies"));
  dd_test_save_screenshot (GTK_WIDGET (findings), "near-findings-grid");
  dd_findings_window_set_grid (findings, FALSE);
  dd_test_settle (0.2);
  g_signal_emit_by_name (button, "clicked");

  w.recipe = expected;
  dd_test_wait_for (recipe_is, &w, 10, "the group resolved");
  g_assert_true (dd_document_get_can_undo (doc));
  /* the rows say it: two copies out, one kept, no button left */
  dd_test_wait_for (label_shown, findings, 10, "the rows to say the copies are out");
  g_assert_cmpuint (n_labels_shown (GTK_WIDGET (findings), "Kept"), ==, 1);
  g_assert_cmpuint (n_labels_shown (GTK_WIDGET (findings), "Excluded"), ==, 2);
  g_assert_null (shown_button (GTK_WIDGET (findings), "Keep One, Exclude 2 Copies"));
  /* the toast names the copy kept, with Undo */
  {
    g_autofree char *name = g_path_get_basename (kept);
    g_autofree char *text = g_strdup_printf ("Kept %s, excluded 2 copies", name);

    g_assert_nonnull (dd_test_find_label (GTK_WIDGET (findings), text));
    g_assert_nonnull (dd_test_find_button (GTK_WIDGET (findings), "_Undo"));
  }
  dd_test_save_screenshot (GTK_WIDGET (findings), "near-resolved");
  /* the cards of the grid say it too */
  dd_findings_window_set_grid (findings, TRUE);
  dd_test_wait_for (label_shown, findings, 10, "the cards to say the copies are out");
  g_assert_cmpuint (n_labels_shown (GTK_WIDGET (findings), "Kept"), ==, 1);
  dd_test_save_screenshot (GTK_WIDGET (findings), "near-resolved-grid");
  dd_findings_window_set_grid (findings, FALSE);

  /* one step: one undo is the recipe before */
  g_assert_true (dd_document_undo (doc));
  w.recipe = before;
  dd_test_wait_for (recipe_is, &w, 10, "the undo");
  dd_test_settle (0.2);
  g_assert_nonnull (shown_button (GTK_WIDGET (findings), "Keep One, Exclude 2 Copies"));

  gtk_window_destroy (GTK_WINDOW (findings));
  dd_test_close_window (window);
}

typedef struct {
  DdSampleViewer *viewer;
  const char     *key;
} ShownWait;

static gboolean
viewer_shows (gpointer data)
{
  ShownWait *w = data;
  DdSampleInfo *info = dd_sample_viewer_get_info (w->viewer);

  return info && g_str_equal (info->key, w->key) && dd_sample_viewer_get_similar_loaded (w->viewer);
}

/* The "Similar" strip's buttons, nearest first. */
static GPtrArray *
similar_buttons (DdSampleViewer *viewer)
{
  g_autoptr(GPtrArray) all = dd_test_find_all (GTK_WIDGET (viewer), GTK_TYPE_BUTTON);
  GPtrArray *buttons = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_has_css_class (all->pdata[i], "dd-similar"))
      g_ptr_array_add (buttons, all->pdata[i]);
  return buttons;
}

/* A viewer of the planted photo, over the window's subset. */
static DdSampleViewer *
open_viewer (DdWindow *window)
{
  DdCatalog *catalog = dd_window_get_catalog (window);
  DdSelection *selection = dd_document_get_selection (dd_window_get_document (window));
  const char *keys[] = { orig_key, NULL };
  g_autoptr(GPtrArray) found = dd_catalog_get_samples_by_keys (catalog, keys, 1, NULL);
  DdSampleViewer *viewer;
  gint64 position;

  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 1);
  position = dd_selection_find (selection, ((DdSampleInfo *) found->pdata[0])->id);
  g_assert_cmpint (position, >=, 0);
  viewer = dd_sample_viewer_new (GTK_WINDOW (window), catalog, selection, position);
  gtk_window_present (GTK_WINDOW (viewer));
  return viewer;
}

/* The strip no longer says "2 near duplicates" (and has answered). */
static gboolean
strip_changed (gpointer viewer)
{
  return dd_sample_viewer_get_similar_loaded (viewer) &&
         dd_test_find_label (GTK_WIDGET (viewer), "near duplicates") &&
         !dd_test_find_label (GTK_WIDGET (viewer), "2 near duplicates");
}

/* The viewer of the planted photo shows its two copies first in the "Similar" strip,
 * each with its distance and class; a click shows that copy, whose strip then leads
 * with the photo and the other copy. */
static void
test_viewer_similar (void)
{
  DdWindow *window = open_window ();
  g_autoptr(GPtrArray) buttons = NULL;
  DdSampleViewer *viewer = open_viewer (window);
  ShownWait shown = { viewer, orig_key };
  const char *first_key;

  dd_test_wait_for (viewer_shows, &shown, 20, "the similar samples");
  g_assert_cmpuint (dd_sample_viewer_get_n_similar (viewer), >=, 2);
  g_assert_cmpuint (dd_sample_viewer_get_n_similar (viewer), <=, 8);
  buttons = similar_buttons (viewer);
  g_assert_cmpuint (buttons->len, ==, dd_sample_viewer_get_n_similar (viewer));
  /* the copies lead, in either order; each says its distance and its class */
  for (guint i = 0; i < 2; i++)
    {
      const char *tip = gtk_widget_get_tooltip_text (buttons->pdata[i]);

      g_assert_nonnull (tip);
      g_assert_true (strstr (tip, copy_keys[0]) || strstr (tip, copy_keys[1]));
      g_assert_nonnull (strstr (tip, "the same picture"));
      g_assert_true (gtk_widget_get_mapped (buttons->pdata[i]));
    }
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (viewer), "2 near duplicates"));
  dd_test_settle (0.3);
  dd_test_save_screenshot (GTK_WIDGET (viewer), "near-similar");

  /* a click shows that sample */
  first_key = strstr (gtk_widget_get_tooltip_text (buttons->pdata[0]), copy_keys[0])
              ? copy_keys[0] : copy_keys[1];
  g_signal_emit_by_name (buttons->pdata[0], "clicked");
  shown.key = first_key;
  dd_test_wait_for (viewer_shows, &shown, 20, "the similar sample clicked");
  g_clear_pointer (&buttons, g_ptr_array_unref);
  buttons = similar_buttons (viewer);
  g_assert_cmpuint (buttons->len, >=, 2);
  g_assert_true (strstr (gtk_widget_get_tooltip_text (buttons->pdata[0]), orig_key) ||
                 strstr (gtk_widget_get_tooltip_text (buttons->pdata[1]), orig_key));

  gtk_window_destroy (GTK_WINDOW (viewer));
  dd_test_close_window (window);
}

/* Leakage: the group's button keeps the copy in train although the one in val is the
 * larger picture (the rule for other groups would keep that one). */
static void
test_findings_leakage (void)
{
  DdWindow *window = open_window ();
  DdDocument *doc = dd_window_get_document (window);
  g_autoptr(DdRecipe) before = dd_recipe_ref (dd_document_get_recipe (doc));
  DdFindingsWindow *findings = NULL;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.health-report", "s",
                                             "split_leakage"));
  findings = dd_test_wait_findings (GTK_APPLICATION (app), "the leaked samples");
  g_assert_cmpuint (dd_findings_window_get_n_shown (findings), ==, 2);
  dd_test_settle (0.3);
  button = shown_button (GTK_WIDGET (findings), "Keep One, Exclude 1 Copy");
  g_assert_nonnull (button);
  g_assert_nonnull (strstr (dd_ui_get_tooltip (button), "training split"));
  g_signal_emit_by_name (button, "clicked");
  dd_test_wait_for (label_shown, findings, 10, "the val copy out");
  g_assert_cmpint (dd_recipe_get_override (dd_document_get_recipe (doc), leak_keys[1]), ==,
                   DD_RECIPE_OVERRIDE_EXCLUDE);
  g_assert_cmpint (dd_recipe_get_override (dd_document_get_recipe (doc), leak_keys[0]), !=,
                   DD_RECIPE_OVERRIDE_EXCLUDE);
  g_assert_cmpuint (dd_recipe_get_n_exclude (dd_document_get_recipe (doc)), ==,
                    dd_recipe_get_n_exclude (before) + 1);
  gtk_window_destroy (GTK_WINDOW (findings));
  dd_test_close_window (window);
}

typedef struct {
  DdGraphView *graph;
  const char  *root;
} GraphWait;

static gboolean
graph_expanded (gpointer data)
{
  GraphWait *w = data;
  int root = dd_graph_view_find_node (w->graph, DD_NODE_SAMPLE, w->root);

  return root >= 0 && !dd_graph_view_get_busy (w->graph) &&
         dd_graph_view_get_expanded (w->graph, root) &&
         dd_graph_view_get_n_nodes (w->graph) > 1;
}

/* Show Relations on the planted photo: the explorer links it to both copies with
 * near-duplicate edges (dashed, orange, with a legend), each copy labelled with its
 * distance; the photo's class is linked by an ordinary edge. */
static void
test_explorer_links (void)
{
  DdWindow *window = open_window ();
  g_autofree char *node = g_strdup_printf ("sample:%s", orig_key);
  GraphWait w = { NULL, orig_key };
  int root;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-relations", "s",
                                             node));
  w.graph = DD_GRAPH_VIEW (dd_test_find_descendant (GTK_WIDGET (window), DD_TYPE_GRAPH_VIEW));
  g_assert_nonnull (w.graph);
  dd_test_wait_for (graph_expanded, &w, 20, "the photo's relations");
  root = dd_graph_view_find_node (w.graph, DD_NODE_SAMPLE, orig_key);
  for (guint i = 0; i < 2; i++)
    {
      int copy = dd_graph_view_find_node (w.graph, DD_NODE_SAMPLE, copy_keys[i]);

      g_assert_cmpint (copy, >=, 0);
      g_assert_true (dd_graph_view_get_near_edge (w.graph, root, copy));
      g_assert_nonnull (strstr (dd_graph_view_get_node_label (w.graph, copy), "bit"));
    }
  {
    int klass = -1;

    for (guint i = 0; i < dd_graph_view_get_n_nodes (w.graph) && klass < 0; i++)
      {
        DdNodeKind kind;
        const char *id;

        if (dd_graph_view_get_node (w.graph, i, &kind, &id) && kind == DD_NODE_CLASS)
          klass = i;
      }
    g_assert_cmpint (klass, >=, 0);
    g_assert_false (dd_graph_view_get_near_edge (w.graph, root, klass));
  }
  dd_graph_view_settle (w.graph, 2000);
  dd_test_settle (0.3);
  dd_test_save_screenshot (GTK_WIDGET (window), "near-explorer");
  dd_test_close_window (window);
}

typedef struct {
  DdCatalog        *catalog;
  DdFindingsWindow *findings;
  guint             threshold;
  guint             n;          /* findings shown, or 0: any other number than @before */
  guint             before;
} ThresholdWait;

static gboolean
rethresholded (gpointer data)
{
  ThresholdWait *w = data;
  guint shown = dd_findings_window_get_n_shown (w->findings);

  return dd_catalog_get_near_threshold (w->catalog) == w->threshold &&
         (w->n ? shown == w->n : shown != w->before);
}

/* The preference "near-threshold" applies to the open catalog off the main thread and
 * the open report follows: at 32 bits many different pictures pair, back at 10 the
 * report is as it was. The Preferences window shows the value. */
static void
test_preference_threshold (void)
{
  DdWindow *window = open_window ();
  DdCatalog *catalog = dd_window_get_catalog (window);
  GSettings *settings = dd_settings_get ();
  DdFindingsWindow *findings = NULL;
  GtkWidget *prefs;
  ThresholdWait w = { catalog, NULL, 32, 0, 0 };
  GtkWidget *spin = NULL;
  DdSampleViewer *viewer;
  ShownWait shown = { NULL, orig_key };

  g_assert_nonnull (settings);
  g_assert_cmpuint (g_settings_get_uint (settings, "near-threshold"), ==, 10);
  g_assert_cmpuint (dd_catalog_get_near_threshold (catalog), ==, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.findings", NULL));
  findings = dd_test_wait_findings (GTK_APPLICATION (app), "the report");
  w.findings = findings;
  w.before = dd_findings_window_get_n_shown (findings);
  g_assert_cmpuint (w.before, >=, 3);
  viewer = open_viewer (window);
  shown.viewer = viewer;
  dd_test_wait_for (viewer_shows, &shown, 20, "the similar samples");
  g_assert_nonnull (dd_test_find_label (GTK_WIDGET (viewer), "2 near duplicates"));

  prefs = dd_preferences_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  {
    /* the threshold's spin button, by its range */
    g_autoptr(GPtrArray) spins = dd_test_find_all (prefs, GTK_TYPE_SPIN_BUTTON);

    for (guint i = 0; i < spins->len; i++)
      {
        GtkAdjustment *adj = gtk_spin_button_get_adjustment (spins->pdata[i]);

        if (gtk_adjustment_get_upper (adj) == 32)
          spin = spins->pdata[i];
      }
  }
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 32);
  g_assert_cmpuint (g_settings_get_uint (settings, "near-threshold"), ==, 32);
  dd_test_wait_for (rethresholded, &w, 30, "the pairs at 32 bits in the report");
  g_assert_cmpuint (dd_findings_window_get_n_shown (findings), >, w.before);
  /* an open viewer's strip asks again: more near duplicates within 32 bits */
  dd_test_wait_for (strip_changed, viewer, 20, "the viewer's strip at 32 bits");
  {
    GtkWidget *page = dd_test_find_label (prefs, "Near-Duplicate Threshold");

    g_assert_nonnull (page);
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                             ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (
                                               page, ADW_TYPE_PREFERENCES_PAGE)));
    dd_test_save_screenshot (prefs, "near-preference");
  }

  g_settings_set_uint (settings, "near-threshold", 10);
  w.threshold = 10;
  w.n = w.before;
  dd_test_wait_for (rethresholded, &w, 30, "the report at 10 bits again");
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (viewer));
  gtk_window_destroy (GTK_WINDOW (findings));
  dd_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dd_test_ui_fixture (&fixture, "near", 4, 3);
  plant_copies ();
  g_clear_object (&fixture.catalog);   /* each case opens it */

  app = dd_test_application_new (".NearTest");

  g_test_add_func ("/ui/near/findings-resolve", test_findings_resolve);
  g_test_add_func ("/ui/near/findings-leakage", test_findings_leakage);
  g_test_add_func ("/ui/near/viewer-similar", test_viewer_similar);
  g_test_add_func ("/ui/near/explorer-links", test_explorer_links);
  g_test_add_func ("/ui/near/preference-threshold", test_preference_threshold);
  status = dd_test_run_held (&app);
  g_free (orig_key);
  g_free (copy_keys[0]);
  g_free (copy_keys[1]);
  g_free (leak_keys[0]);
  g_free (leak_keys[1]);
  dd_test_fixture_clear (&fixture);
  return status;
}
