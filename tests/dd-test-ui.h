/* The test kit's part for widgets: what the UI tests and the UI benchmarks share —
 * finding widgets, screenshots, the application under test with a private home, and a
 * window on a catalog with the conditions the cases wait for. */
#pragma once

#include <gtk/gtk.h>

#include "dd-application.h"
#include "dd-findings-window.h"
#include "dd-window-private.h"
#include "dd-test-util.h"

G_BEGIN_DECLS

/* ---- widgets ------------------------------------------------------------------------ */

/* What a DdTestWidgetTest says of a widget. */
typedef enum {
  DD_TEST_LOOK_INSIDE,   /* not this one; one under it may be */
  DD_TEST_FOUND,         /* this one */
  DD_TEST_PASS_OVER,     /* neither this one nor any under it */
} DdTestLook;

typedef DdTestLook (*DdTestWidgetTest) (GtkWidget     *widget,
                                        gconstpointer  data);

/* @widget or its first descendant (depth first) that @test (@data) finds; NULL when there
 * is none. The finders below are made of it. */
GtkWidget *dd_test_find_widget     (GtkWidget        *widget,
                                    DdTestWidgetTest  test,
                                    gconstpointer     data);
/* @widget or its first descendant (depth first) of @type; NULL when there is none. */
GtkWidget *dd_test_find_descendant (GtkWidget *widget,
                                    GType      type);

/* @widget or its first descendant (depth first) that is a @type whose string property
 * @property is @value; NULL when there is none. */
GtkWidget *dd_test_find_with_property (GtkWidget  *widget,
                                       GType       type,
                                       const char *property,
                                       const char *value);
/* The first GtkButton (or GtkToggleButton) under @widget whose label is @label (as
 * written, mnemonic underscore included); NULL when there is none. */
GtkWidget *dd_test_find_button     (GtkWidget  *widget,
                                    const char *label);
/* The first AdwPreferencesRow under @widget titled @title, hidden or not; NULL when there
 * is none. */
GtkWidget *dd_test_find_row        (GtkWidget  *widget,
                                    const char *title);
/* The first GtkLabel under @widget whose text holds @needle, or NULL; none under a
 * widget hidden on purpose (what a user could read). */
GtkWidget *dd_test_find_label      (GtkWidget  *widget,
                                    const char *needle);
/* Every widget of @type under @widget (depth first), in a new array. */
GPtrArray *dd_test_find_all        (GtkWidget  *widget,
                                    GType       type);
/* The model of the first GtkColumnView under @widget (the test fails when there is
 * none). */
GListModel *dd_test_column_view_model (GtkWidget *widget);
/* Renders @widget (waiting until it is mapped and allocated: the test fails after 20 s)
 * to ui-@name.png in $DD_TEST_SCREENSHOT_DIR (the test logs under meson), else in the
 * temporary folder. */
void       dd_test_save_screenshot (GtkWidget  *widget,
                                    const char *name);

/* ---- the application and its windows ----------------------------------------------- */

/* A private home under @dir: HOME is @dir/home (made) and XDG_CONFIG_HOME, XDG_DATA_HOME
 * and XDG_CACHE_HOME point into it, so nothing is read from or written to the user's. Call it before
 * anything asks GLib for these folders (it keeps the first answer). */
void           dd_test_private_home    (const char     *dir);
/* The application under test, registered and not unique: APP_ID followed by @id_suffix
 * (".Test"), so that test programs running at once do not meet. */
DdApplication *dd_test_application_new (const char     *id_suffix);
/* A GUI test program's data: @f in a new temporary folder (dd_test_fixture_init() with
 * @name) that also holds a private home (dd_test_private_home()), and the demo of
 * @classes × @per_class generated and indexed into its catalog, which stays open. */
void           dd_test_ui_fixture      (DdTestFixture  *f,
                                        const char     *name,
                                        guint           classes,
                                        guint           per_class);
/* g_test_run() with *@app held (a window that closes does not end it); then *@app is
 * released and dropped. The run's status. */
int            dd_test_run_held        (DdApplication **app);
/* The first window of @app that is a @type, or NULL. */
gpointer       dd_test_find_window     (GtkApplication *app,
                                        GType           type);

/* Waits until @app has a findings window (the health report) that has loaded its findings
 * (the test fails after 20 s, naming @what): that window. */
DdFindingsWindow *dd_test_wait_findings (GtkApplication *app,
                                         const char     *what);

/* A window and a number of samples, for the conditions below (dd_test_wait_for()). */
typedef struct {
  DdWindow *window;
  guint     n;
} DdTestWindowWait;

/* The window shows its catalog and its document is evaluated. */
gboolean  dd_test_window_ready   (gpointer        wait);
/* The document is evaluated to @n samples. */
gboolean  dd_test_selection_is   (gpointer        wait);
/* The grid shows a selection of @n samples. */
gboolean  dd_test_grid_has       (gpointer        wait);
/* The overview counts @n samples. */
gboolean  dd_test_overview_counted (gpointer      wait);
/* @page (a DdCoarsePage) shows a proposal. */
gboolean  dd_test_proposal_shown (gpointer        page);

/* A list model and a number of items, for dd_test_rows_are(). */
typedef struct {
  GListModel *model;
  guint       n;
} DdTestRowsWait;

/* The model has @n items. */
gboolean  dd_test_rows_are       (gpointer        wait);

/* A new window of @app, @width × @height (0: its own size), presented and opened on the
 * catalog or folder at @path, once it shows it (the test fails after 60 s). */
DdWindow *dd_test_open_window    (GtkApplication *app,
                                  const char     *path,
                                  int             width,
                                  int             height);
/* Destroys @window and lets the main loop run 0.2 s, for what its going away starts. */
void      dd_test_close_window   (DdWindow       *window);
/* Applies a new, empty recipe to @window's document and waits until it is evaluated to
 * every sample of the catalog (the test fails after 10 s); their number. */
guint     dd_test_select_everything (DdWindow    *window);

G_END_DECLS
