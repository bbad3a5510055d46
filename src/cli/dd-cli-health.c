/* datadive-cli health: every finding of a catalog, with counts per kind. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-health.h"

int
dd_cli_health (int    argc,
               char **argv)
{
  g_autofree char *catalog_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &catalog_path, N_("Catalog file"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("— list what is bad or missing"));
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdHealthReport) report = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!dd_cli_parse (context, &argc, &argv))
    return 2;
  if (argc > 1)
    return dd_cli_fail (_("unexpected argument “%s”"), argv[1]);
  if (!(catalog = dd_cli_open_catalog (catalog_path, FALSE, &error)))
    return dd_cli_fail_error (error);
  if (!(report = dd_health_report (catalog, &error)))
    return dd_cli_fail_error (error);

  if (json)
    {
      g_autoptr(GString) out = g_string_sized_new (1 << 16);

      /* every kind, 0 included: a script reads counts["truncated"] without a default */
      g_string_append (out, "{\"counts\":{");
      for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
        g_string_append_printf (out, "%s\"%s\":%u", k ? "," : "",
                                dd_health_kind_to_string (k), report->counts[k]);
      g_string_append (out, "},\"findings\":[");
      for (guint i = 0; i < report->findings->len; i++)
        {
          DdFinding *f = g_ptr_array_index (report->findings, i);

          g_string_append_printf (out, "%s{\"kind\":\"%s\",\"key\":", i ? "," : "",
                                  dd_health_kind_to_string (f->kind));
          dd_cli_json_string (out, f->key);
          g_string_append (out, ",\"detail\":");
          dd_cli_json_string (out, f->detail);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}\n");
      fwrite (out->str, 1, out->len, stdout);
      return 0;
    }

  if (report->findings->len == 0)
    {
      printf ("%s\n", _("No findings: nothing bad or missing was found."));
      return 0;
    }
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    {
      if (report->counts[k] == 0)
        continue;
      printf ("%s (%s): %u\n", dd_health_kind_title (k), dd_health_kind_to_string (k),
              report->counts[k]);
      for (guint i = 0; i < report->findings->len; i++)
        {
          DdFinding *f = g_ptr_array_index (report->findings, i);
          if (f->kind == k)
            printf ("  %s — %s\n", f->key, f->detail);
        }
    }
  return 0;
}
