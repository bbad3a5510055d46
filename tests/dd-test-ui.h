/* The test kit's part for widgets: what the UI tests and the UI benchmarks share. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @widget or its first descendant (depth first) of @type; NULL when there is none. */
GtkWidget *dd_test_find_descendant (GtkWidget *widget,
                                    GType      type);

G_END_DECLS
