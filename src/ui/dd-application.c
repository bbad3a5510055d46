/* DdApplication: the single-instance DataDive application: actions, accelerators,
 * and one window per open request. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-application.h"
#include "dd-preferences.h"
#include "dd-window.h"

struct _DdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (DdApplication, dd_application, ADW_TYPE_APPLICATION)

/* Every accelerator of the application, in one place. */
static const struct {
  const char *action;
  const char *accels[3];
} accelerators[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.save-recipe", { "<Control>s", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.findings", { "<Control>h", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  /* Ctrl+R is the viewer's "Show Relations": one meaning a key */
  { "win.reindex", { "F5", NULL } },
  { "win.cancel-indexing", { NULL } },
  { "win.show-page::coarse", { "<Control>1", "<Alt>1", NULL } },
  { "win.show-page::medium", { "<Control>2", "<Alt>2", NULL } },
  { "win.show-page::fine", { "<Control>3", "<Alt>3", NULL } },
  { "win.fullscreen", { "F11", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static DdWindow *
dd_application_get_main_window (DdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (DD_IS_WINDOW (window))
    return DD_WINDOW (window);
  return NULL;
}

static void
dd_application_activate (GApplication *app)
{
  DdWindow *window = dd_application_get_main_window (DD_APPLICATION (app));

  if (window == NULL)
    {
      window = dd_window_new (GTK_APPLICATION (app));
      dd_window_open_default (window);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
dd_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  DdWindow *window = dd_application_get_main_window (DD_APPLICATION (app));

  if (window == NULL)
    window = dd_window_new (GTK_APPLICATION (app));
  if (n_files > 0)
    dd_window_open_file (window, files[0]);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GList *windows;

  /* Each window closed, not the main loop stopped: the application then ends when the
   * last window is gone and its document has saved what was changed (it holds the
   * application until then). */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (user_data))))
    gtk_window_destroy (windows->data);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "The DataDive developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("DataDive"),
                         "application-icon", APP_ID,
                         "developer-name", _("The DataDive developers"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", _("Carve training and evaluation subsets out of large "
                                       "image datasets, and see what is wrong with them."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (dd_preferences_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
dd_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (dd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accelerators[i].action,
                                           accelerators[i].accels);
}

static void
dd_application_class_init (DdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = dd_application_startup;
  app_class->activate = dd_application_activate;
  app_class->open = dd_application_open;
}

static void
dd_application_init (DdApplication *self)
{
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[DATASET_FOLDER | CATALOG.ddcat]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Opens a dataset folder (Tiny-ImageNet, ImageNet-C, ImageNet, ImageFolder, or a folder "
      "of several), a DataDive catalog, or, without an argument, the last dataset or the "
      "bundled demo. A running DataDive opens it in its window."));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("The same capabilities without a window: datadive-cli --help"));
}

DdApplication *
dd_application_new (void)
{
  return g_object_new (DD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/datadive/DataDive",
                       NULL);
}
