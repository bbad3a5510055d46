/* The test kit's part for widgets: finding a widget inside another, screenshots, the
 * application under test and a window on a catalog. */
#include "config.h"

#include <string.h>

#include "dd-test-ui.h"
#include "dd-test-util.h"

GtkWidget *
dd_test_find_widget (GtkWidget        *widget,
                     DdTestWidgetTest  test,
                     gconstpointer     data)
{
  switch (test (widget, data))
    {
    case DD_TEST_FOUND:
      return widget;
    case DD_TEST_PASS_OVER:
      return NULL;
    case DD_TEST_LOOK_INSIDE:
      break;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dd_test_find_widget (child, test, data);

      if (found)
        return found;
    }
  return NULL;
}

/* What dd_test_find_with_property() looks for. */
typedef struct {
  const char *property;
  GType       type;
  const char *value;
} PropertyIs;

static DdTestLook
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) type) ? DD_TEST_FOUND
                                                                    : DD_TEST_LOOK_INSIDE;
}

GtkWidget *
dd_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  return dd_test_find_widget (widget, is_of_type, &type);
}

static DdTestLook
has_property (GtkWidget     *widget,
              gconstpointer  data)
{
  const PropertyIs *want = data;
  g_autofree char *value = NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, want->type))
    return DD_TEST_LOOK_INSIDE;
  g_object_get (widget, want->property, &value, NULL);
  return g_strcmp0 (value, want->value) == 0 ? DD_TEST_FOUND : DD_TEST_LOOK_INSIDE;
}

GtkWidget *
dd_test_find_with_property (GtkWidget  *widget,
                            GType       type,
                            const char *property,
                            const char *value)
{
  PropertyIs want = { property, type, value };

  return dd_test_find_widget (widget, has_property, &want);
}

GtkWidget *
dd_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  return dd_test_find_with_property (widget, GTK_TYPE_BUTTON, "label", label);
}

GtkWidget *
dd_test_find_row (GtkWidget  *widget,
                  const char *title)
{
  return dd_test_find_with_property (widget, ADW_TYPE_PREFERENCES_ROW, "title", title);
}

/* what a user could read: not under a widget hidden on purpose */
static DdTestLook
is_label_saying (GtkWidget     *widget,
                 gconstpointer  needle)
{
  if (!gtk_widget_get_visible (widget))
    return DD_TEST_PASS_OVER;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), needle))
    return DD_TEST_FOUND;
  return DD_TEST_LOOK_INSIDE;
}

GtkWidget *
dd_test_find_label (GtkWidget  *widget,
                    const char *needle)
{
  return dd_test_find_widget (widget, is_label_saying, needle);
}

static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    find_all (child, type, out);
}

GPtrArray *
dd_test_find_all (GtkWidget *widget,
                  GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  find_all (widget, type, out);
  return out;
}

GListModel *
dd_test_column_view_model (GtkWidget *widget)
{
  GtkWidget *view = dd_test_find_descendant (widget, GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (view);
  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
}

/* A widget drawn at its size: mapped, allocated, and its paintable gives a render node
 * (it does not until the widget's first frame is painted). */
typedef struct {
  GtkWidget     *widget;
  GdkPaintable  *paintable;
  GskRenderNode *node;
  int            width;
  int            height;
} Shot;

static gboolean
widget_rendered (gpointer data)
{
  Shot *shot = data;
  g_autoptr(GtkSnapshot) snapshot = NULL;

  if (!gtk_widget_get_mapped (shot->widget))
    return FALSE;
  shot->width = gtk_widget_get_width (shot->widget);
  shot->height = gtk_widget_get_height (shot->widget);
  if (shot->width <= 0 || shot->height <= 0)
    return FALSE;
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (shot->paintable, snapshot, shot->width, shot->height);
  g_clear_pointer (&shot->node, gsk_render_node_unref);
  shot->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return shot->node != NULL;
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

void
dd_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("ui-%s.png", name);
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("DD_TEST_SCREENSHOT_DIR");
  Shot shot = { widget, NULL, NULL, 0, 0 };

  /* a new window is mapped, allocated and painted a few frames after it is presented,
   * later still on a loaded machine; and a widget's render nodes are kept from its last
   * frame, so one more frame is painted first (else the picture can be of what the
   * window showed long ago) */
  if (gtk_widget_get_mapped (widget))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
      gboolean painted = FALSE;
      gulong id = clock ? g_signal_connect_swapped (clock, "after-paint",
                                                     G_CALLBACK (set_true), &painted) : 0;

      gtk_widget_queue_draw (widget);
      if (clock)
        {
          gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
          dd_test_wait_for (is_true, &painted, 20, "a frame of the widget");
          g_signal_handler_disconnect (clock, id);
        }
    }
  dd_test_settle (0.2);
  shot.paintable = paintable = gtk_widget_paintable_new (widget);
  dd_test_wait_for (widget_rendered, &shot, 20, "the widget to be drawn");
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)),
                                         shot.node,
                                         &GRAPHENE_RECT_INIT (0, 0, shot.width, shot.height));
  gsk_render_node_unref (shot.node);
  if (dir == NULL || *dir == '\0')
    dir = g_get_tmp_dir ();
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* ---- the application and its windows ----------------------------------------------- */

void
dd_test_private_home (const char *dir)
{
  static const char *vars[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" };
  g_autofree char *home = g_build_filename (dir, "home", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *path = g_build_filename (home, vars[i], NULL);

      g_setenv (vars[i], path, TRUE);
    }
  g_mkdir_with_parents (home, 0755);
  g_setenv ("HOME", home, TRUE);
}

DdApplication *
dd_test_application_new (const char *id_suffix)
{
  g_autofree char *id = g_strconcat (APP_ID, id_suffix, NULL);
  DdApplication *app = g_object_new (DD_TYPE_APPLICATION,
                                     "application-id", id,
                                     "flags", G_APPLICATION_NON_UNIQUE,
                                     "resource-base-path", "/io/github/datadive/DataDive",
                                     NULL);

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  return app;
}

void
dd_test_ui_fixture (DdTestFixture *f,
                    const char    *name,
                    guint          classes,
                    guint          per_class)
{
  dd_test_fixture_init (f, name);
  dd_test_private_home (f->dir);
  dd_test_fixture_demo (f, classes, per_class);
}

void
dd_test_close_window (DdWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  dd_test_settle (0.2);
}

typedef struct {
  GtkApplication   *app;
  DdFindingsWindow *window;
} FindingsWait;

static gboolean
findings_loaded (gpointer data)
{
  FindingsWait *wait = data;

  if (wait->window == NULL)
    wait->window = dd_test_find_window (wait->app, DD_TYPE_FINDINGS_WINDOW);
  return wait->window && dd_findings_window_get_loaded (wait->window);
}

DdFindingsWindow *
dd_test_wait_findings (GtkApplication *app,
                       const char     *what)
{
  FindingsWait wait = { app, NULL };

  dd_test_wait_for (findings_loaded, &wait, 20, what);
  return wait.window;
}

int
dd_test_run_held (DdApplication **app)
{
  int status;

  g_application_hold (G_APPLICATION (*app));
  status = g_test_run ();
  g_application_release (G_APPLICATION (*app));
  g_clear_object (app);
  return status;
}

gpointer
dd_test_find_window (GtkApplication *app,
                     GType           type)
{
  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

gboolean
dd_test_window_ready (gpointer data)
{
  DdTestWindowWait *w = data;
  DdDocument *doc = dd_window_get_document (w->window);

  return g_strcmp0 (dd_window_get_state (w->window), "content") == 0 && doc &&
         dd_document_get_selection (doc) != NULL && !dd_document_get_busy (doc);
}

gboolean
dd_test_selection_is (gpointer data)
{
  DdTestWindowWait *w = data;
  DdDocument *doc = dd_window_get_document (w->window);

  return doc && !dd_document_get_busy (doc) && dd_document_get_selection (doc) &&
         dd_selection_get_n (dd_document_get_selection (doc)) == w->n;
}

gboolean
dd_test_grid_has (gpointer data)
{
  DdTestWindowWait *w = data;
  DdSelection *selection = dd_thumbnail_grid_get_selection (dd_window_get_grid (w->window));

  return selection && dd_selection_get_n (selection) == w->n;
}

gboolean
dd_test_overview_counted (gpointer data)
{
  DdTestWindowWait *w = data;

  return dd_overview_get_n_samples (dd_window_get_overview (w->window)) == w->n;
}

gboolean
dd_test_proposal_shown (gpointer page)
{
  return dd_coarse_page_get_proposal (page) != NULL;
}

gboolean
dd_test_rows_are (gpointer wait)
{
  DdTestRowsWait *w = wait;

  return g_list_model_get_n_items (w->model) == w->n;
}

DdWindow *
dd_test_open_window (GtkApplication *app,
                     const char     *path,
                     int             width,
                     int             height)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DdWindow *window = dd_window_new (app);
  DdTestWindowWait w = { window, 0 };

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  dd_window_open_file (window, file);
  dd_test_wait_for (dd_test_window_ready, &w, 60, "the window to show the catalog");
  return window;
}

guint
dd_test_select_everything (DdWindow *window)
{
  g_autoptr(DdRecipe) everything = dd_recipe_new ();
  DdTestWindowWait w = { window, 0 };

  dd_document_apply (dd_window_get_document (window), everything);
  w.n = dd_catalog_get_n_samples (dd_window_get_catalog (window));
  dd_test_wait_for (dd_test_selection_is, &w, 10, "every sample");
  return w.n;
}
