/* The test kit's part for widgets: finding a widget inside another. */
#include "config.h"

#include <string.h>

#include "dd-test-ui.h"

GtkWidget *
dd_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dd_test_find_descendant (child, type);

      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
dd_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dd_test_find_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
dd_test_find_label (GtkWidget  *widget,
                    const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), needle))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dd_test_find_label (child, needle);

      if (found)
        return found;
    }
  return NULL;
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

static gboolean
widget_drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

void
dd_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("ui-%s.png", name);
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("DD_TEST_SCREENSHOT_DIR");
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  int width, height;

  while (!widget_drawn (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  /* a window not drawn yet (a loaded machine) gives no picture: a few frames more; the
   * screenshot is a record for people, not a check */
  for (int attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      gint64 until = g_get_monotonic_time () + (attempt > 0 ? 100 * 1000 : 0);

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      g_clear_object (&snapshot);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    {
      g_test_message ("screenshot %s: the widget drew nothing", name);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (dir == NULL || *dir == '\0')
    return;
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}
