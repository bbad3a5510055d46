/* datadive-cli health: every finding of a catalog, with counts per kind. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-health-near.h"

static DdHealthReport *
health_run (const DdCliReadOptions  *o,
            int                      near_threshold,
            GError                 **error)
{
  /* a new threshold finds the near pairs again: the only time health writes */
  g_autoptr(DdCatalog) catalog = dd_cli_open_catalog (o->catalog_path, near_threshold >= 0,
                                                      error);

  if (catalog && near_threshold >= 0 &&
      !dd_health_set_near_threshold (catalog, near_threshold, NULL, error))
    return NULL;
  return catalog ? dd_health_report (catalog, error) : NULL;
}

/* Written by hand: a damaged dataset has hundreds of thousands of findings. */
static GString *
health_to_json (const DdHealthReport *report)
{
  GString *out = g_string_sized_new (1 << 16);

  /* every kind, 0 included: a script reads counts["truncated"] without a default */
  g_string_append (out, "{\"counts\":{");
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    g_string_append_printf (out, "%s\"%s\":%u", k ? "," : "",
                            dd_health_kind_to_string (k), report->counts[k]);
  g_string_append (out, "},\"findings\":[");
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *f = g_ptr_array_index (report->findings, i);

      g_string_append (out, i ? ",{" : "{");
      dd_cli_json_members (out, "kind", dd_health_kind_to_string (f->kind), "key", f->key,
                           "detail", f->detail, NULL);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"groups\":[");
  for (guint i = 0; report->groups && i < report->groups->len; i++)
    {
      DdNearGroup *g = g_ptr_array_index (report->groups, i);

      g_string_append (out, i ? ",{" : "{");
      dd_cli_json_members (out, "kind", dd_health_kind_to_string (g->kind), NULL);
      g_string_append (out, ",\"keys\":[");
      for (guint k = 0; g->keys[k]; k++)
        {
          if (k)
            g_string_append_c (out, ',');
          dd_cli_json_string (out, g->keys[k]);
        }
      g_string_append_printf (out, "],\"distance\":%u}", g->distance);
    }
  g_string_append (out, "]}\n");
  return out;
}

static void
health_print (const DdHealthReport *report)
{
  if (report->findings->len == 0)
    {
      printf ("%s\n", _("No findings: nothing bad or missing was found."));
      return;
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
}

int
dd_cli_health (int    argc,
               char **argv)
{
  g_auto(DdCliReadOptions) options = { 0 };
  g_autoptr(DdHealthReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int near_threshold = -1;
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&options.catalog_path, N_("Catalog file")),
    DD_CLI_OPTION_JSON (&options.json),
    { "near-threshold", 0, 0, G_OPTION_ARG_INT, &near_threshold,
      N_("Find near duplicates within N bits of the perceptual hash from now on "
         "(0–32, default 10)"), N_("N") },
    { NULL }
  };
  int status;

  if (!dd_cli_parse_options (&argc, &argv, N_("— list what is bad or missing"), entries))
    return 2;
  if ((status = dd_cli_check_extra (argc, argv, 1)))
    return status;
  if (near_threshold < -1 || near_threshold > DD_NEAR_MAX_THRESHOLD)
    return dd_cli_fail (_("--near-threshold is %d; it can be 0 to %d"), near_threshold,
                        DD_NEAR_MAX_THRESHOLD);
  if (!(report = health_run (&options, near_threshold, &error)))
    return dd_cli_fail_error (error);
  if (options.json)
    {
      g_autoptr(GString) out = health_to_json (report);
      fwrite (out->str, 1, out->len, stdout);
    }
  else
    health_print (report);
  return 0;
}
