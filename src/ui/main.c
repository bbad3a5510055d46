/* The entry point of the DataDive GUI. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DdApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = dd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
