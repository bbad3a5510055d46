/* The test kit's part for widgets: finding a widget inside another. */
#include "config.h"

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
