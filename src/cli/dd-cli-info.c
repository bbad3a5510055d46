/* datadive-cli info: what a catalog holds, per split, corruption and severity. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "dd-cli.h"

int
dd_cli_info (int    argc,
             char **argv)
{
  g_autofree char *catalog_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &catalog_path, N_("Catalog file"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("— summarise a catalog"));
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdSelection) all = NULL;
  g_autoptr(DdFacets) facets = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GPtrArray) corruptions = NULL;
  g_autoptr(GPtrArray) splits = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_classes = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!dd_cli_parse (context, &argc, &argv))
    return 2;
  if (argc > 1)
    return dd_cli_fail (_("unexpected argument “%s”"), argv[1]);
  if (!(catalog = dd_cli_open_catalog (catalog_path, FALSE, &error)))
    return dd_cli_fail_error (error);
  if (!(all = dd_catalog_select (catalog, NULL, NULL, &error)))
    return dd_cli_fail_error (error);
  facets = dd_catalog_facets (catalog, all);
  sources = dd_catalog_list_sources (catalog);
  classes = dd_catalog_list_classes (catalog);
  corruptions = dd_catalog_list_corruptions (catalog);
  splits = dd_catalog_list_splits (catalog);

  for (guint c = 1; c < facets->n_classes; c++)
    if (facets->classes[c] > 0)
      n_classes++;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "samples");
  json_builder_add_int_value (b, facets->total);
  json_builder_set_member_name (b, "labeled");
  json_builder_add_int_value (b, facets->total - facets->classes[0]);
  json_builder_set_member_name (b, "unlabeled");
  json_builder_add_int_value (b, facets->classes[0]);
  json_builder_set_member_name (b, "classes");
  json_builder_add_int_value (b, n_classes);

  json_builder_set_member_name (b, "splits");
  json_builder_begin_object (b);
  for (guint i = 0; i < splits->len; i++)
    {
      DdSplitInfo *split = g_ptr_array_index (splits, i);
      json_builder_set_member_name (b, split->name);
      json_builder_add_int_value (b, split->id < facets->n_splits ? facets->splits[split->id] : 0);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "corruptions");
  json_builder_begin_object (b);
  for (guint i = 0; i < corruptions->len; i++)
    {
      DdCorruptionInfo *corr = g_ptr_array_index (corruptions, i);
      guint n = corr->id < facets->n_corruptions ? facets->corruptions[corr->id] : 0;

      if (n == 0 && corr->id != 0)
        continue;
      json_builder_set_member_name (b, corr->name);
      json_builder_add_int_value (b, n);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "families");
  json_builder_begin_object (b);
  {
    const char * const *families = dd_corruption_families ();
    for (guint f = 0; families[f]; f++)
      {
        guint n = 0;
        for (guint i = 0; i < corruptions->len; i++)
          {
            DdCorruptionInfo *corr = g_ptr_array_index (corruptions, i);
            if (g_strcmp0 (corr->family, families[f]) == 0 && corr->id < facets->n_corruptions)
              n += facets->corruptions[corr->id];
          }
        if (n > 0 || f == 0)
          {
            json_builder_set_member_name (b, families[f]);
            json_builder_add_int_value (b, n);
          }
      }
  }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "severities");
  json_builder_begin_object (b);
  for (guint v = 0; v < facets->n_severities; v++)
    {
      char name[8];

      if (facets->severities[v] == 0 && v != 0)
        continue;
      g_snprintf (name, sizeof name, "%u", v);
      json_builder_set_member_name (b, name);
      json_builder_add_int_value (b, facets->severities[v]);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "flags");
  json_builder_begin_object (b);
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    if (facets->flags[k] > 0)
      {
        json_builder_set_member_name (b, dd_health_kind_to_string (k));
        json_builder_add_int_value (b, facets->flags[k]);
      }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (sources, i);
      g_autofree char *root_utf8 = g_filename_display_name (src->root);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "root");
      json_builder_add_string_value (b, root_utf8);
      json_builder_set_member_name (b, "layout");
      json_builder_add_string_value (b, src->layout);
      json_builder_set_member_name (b, "samples");
      json_builder_add_int_value (b, src->samples);
      json_builder_set_member_name (b, "junk");
      json_builder_add_int_value (b, src->junk);
      json_builder_set_member_name (b, "unreadable");
      json_builder_add_int_value (b, src->unreadable);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  if (json)
    {
      dd_cli_print_json (root);
      return 0;
    }

  printf (_("Catalog: %s\n"), catalog_path);
  for (guint i = 0; i < sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (sources, i);
      g_autofree char *root_utf8 = g_filename_display_name (src->root);
      printf (_("  source %s (%s): %" PRIu64 " samples\n"),
              root_utf8, src->layout, src->samples);
    }
  printf (_("Samples: %u (%u labeled, %u unlabeled) in %u classes\n"), facets->total,
          facets->total - facets->classes[0], facets->classes[0], n_classes);
  printf (_("Splits:"));
  for (guint i = 0; i < splits->len; i++)
    {
      DdSplitInfo *split = g_ptr_array_index (splits, i);
      printf (" %s %u", split->name,
              split->id < facets->n_splits ? facets->splits[split->id] : 0);
    }
  printf ("\n%s\n", _("Corruptions:"));
  for (guint i = 0; i < corruptions->len; i++)
    {
      DdCorruptionInfo *corr = g_ptr_array_index (corruptions, i);
      guint n = corr->id < facets->n_corruptions ? facets->corruptions[corr->id] : 0;
      if (n > 0)
        printf ("  %-20s %-8s %u\n", corr->name, corr->family, n);
    }
  printf (_("Severities:"));
  for (guint v = 0; v < facets->n_severities; v++)
    printf (" %u:%u", v, facets->severities[v]);
  printf ("\n");
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    if (facets->flags[k] > 0)
      printf (_("Flagged %s: %u\n"), dd_health_kind_to_string (k), facets->flags[k]);
  return 0;
}
