/* The test kit's part for widgets: what the UI tests and the UI benchmarks share. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @widget or its first descendant (depth first) of @type; NULL when there is none. */
GtkWidget *dd_test_find_descendant (GtkWidget *widget,
                                    GType      type);

G_END_DECLS

G_BEGIN_DECLS

/* The first GtkButton (or GtkToggleButton) under @widget whose label is @label (as
 * written, mnemonic underscore included); NULL when there is none. */
GtkWidget *dd_test_find_button     (GtkWidget  *widget,
                                    const char *label);
/* The first GtkLabel under @widget whose text holds @needle, or NULL. */
GtkWidget *dd_test_find_label      (GtkWidget  *widget,
                                    const char *needle);
/* Every widget of @type under @widget (depth first), in a new array. */
GPtrArray *dd_test_find_all        (GtkWidget  *widget,
                                    GType       type);
/* Renders @widget (waiting until it is mapped and allocated) to
 * $DD_TEST_SCREENSHOT_DIR/ui-@name.png; nothing when the variable is unset. */
void       dd_test_save_screenshot (GtkWidget  *widget,
                                    const char *name);

G_END_DECLS
