/* datadive-cli info: what a catalog holds, per split, corruption and severity. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "dd-cli.h"

typedef struct {
  DdFacets  *facets;
  GPtrArray *sources;       /* DdSourceInfo */
  GPtrArray *corruptions;   /* DdCorruptionInfo */
  GPtrArray *splits;        /* DdSplitInfo */
  guint      n_classes;     /* classes with at least one sample */
} Info;

static void
info_clear (Info *info)
{
  g_clear_pointer (&info->facets, dd_facets_free);
  g_clear_pointer (&info->sources, g_ptr_array_unref);
  g_clear_pointer (&info->corruptions, g_ptr_array_unref);
  g_clear_pointer (&info->splits, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Info, info_clear)

static gboolean
info_run (const DdCliReadOptions  *o,
          Info                    *info,
          GError                 **error)
{
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdSelection) all = NULL;

  if (!(catalog = dd_cli_open_catalog (o->catalog_path, FALSE, error)))
    return FALSE;
  if (!(all = dd_catalog_select (catalog, NULL, NULL, error)))
    return FALSE;
  info->facets = dd_catalog_facets (catalog, all);
  info->sources = dd_catalog_list_sources (catalog);
  info->corruptions = dd_catalog_list_corruptions (catalog);
  info->splits = dd_catalog_list_splits (catalog);
  for (guint c = 1; c < info->facets->n_classes; c++)
    if (info->facets->classes[c] > 0)
      info->n_classes++;
  return TRUE;
}

static guint
split_count (const Info        *info,
             const DdSplitInfo *split)
{
  return split->id < info->facets->n_splits ? info->facets->splits[split->id] : 0;
}

static guint
corruption_count (const Info             *info,
                  const DdCorruptionInfo *corruption)
{
  return corruption->id < info->facets->n_corruptions
         ? info->facets->corruptions[corruption->id] : 0;
}

static JsonObject *
corruptions_to_json (const Info *info)
{
  JsonObject *o = json_object_new ();

  for (guint i = 0; i < info->corruptions->len; i++)
    {
      DdCorruptionInfo *corr = g_ptr_array_index (info->corruptions, i);
      guint n = corruption_count (info, corr);

      if (n > 0 || corr->id == 0)
        json_object_set_int_member (o, corr->name, n);
    }
  return o;
}

static JsonObject *
families_to_json (const Info *info)
{
  const char * const *families = dd_corruption_families ();
  JsonObject *o = json_object_new ();

  for (guint f = 0; families[f]; f++)
    {
      guint n = 0;

      for (guint i = 0; i < info->corruptions->len; i++)
        {
          DdCorruptionInfo *corr = g_ptr_array_index (info->corruptions, i);

          if (g_strcmp0 (corr->family, families[f]) == 0)
            n += corruption_count (info, corr);
        }
      if (n > 0 || f == 0)
        json_object_set_int_member (o, families[f], n);
    }
  return o;
}

static JsonObject *
severities_to_json (const Info *info)
{
  JsonObject *o = json_object_new ();

  for (guint v = 0; v < info->facets->n_severities; v++)
    if (info->facets->severities[v] > 0 || v == 0)
      {
        char name[8];

        g_snprintf (name, sizeof name, "%u", v);
        json_object_set_int_member (o, name, info->facets->severities[v]);
      }
  return o;
}

static JsonObject *
flags_to_json (const Info *info)
{
  JsonObject *o = json_object_new ();

  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    if (info->facets->flags[k] > 0)
      json_object_set_int_member (o, dd_health_kind_to_string (k), info->facets->flags[k]);
  return o;
}

static JsonArray *
sources_to_json (const Info *info)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < info->sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (info->sources, i);

      json_array_add_object_element (a, dd_cli_source_to_json (src->root, src->layout,
                                                                src->samples, NULL, src->junk,
                                                                src->unreadable));
    }
  return a;
}

static JsonObject *
info_to_json (const Info *info)
{
  const DdFacets *facets = info->facets;
  JsonObject *o = json_object_new ();
  JsonObject *splits = json_object_new ();

  json_object_set_int_member (o, "samples", facets->total);
  json_object_set_int_member (o, "labeled", facets->total - facets->classes[0]);
  json_object_set_int_member (o, "unlabeled", facets->classes[0]);
  json_object_set_int_member (o, "classes", info->n_classes);
  for (guint i = 0; i < info->splits->len; i++)
    {
      DdSplitInfo *split = g_ptr_array_index (info->splits, i);
      json_object_set_int_member (splits, split->name, split_count (info, split));
    }
  json_object_set_object_member (o, "splits", splits);
  json_object_set_object_member (o, "corruptions", corruptions_to_json (info));
  json_object_set_object_member (o, "families", families_to_json (info));
  json_object_set_object_member (o, "severities", severities_to_json (info));
  json_object_set_object_member (o, "flags", flags_to_json (info));
  json_object_set_array_member (o, "sources", sources_to_json (info));
  return o;
}

static void
info_print (const DdCliReadOptions *o,
            const Info             *info)
{
  const DdFacets *facets = info->facets;

  printf (_("Catalog: %s\n"), o->catalog_path);
  for (guint i = 0; i < info->sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (info->sources, i);
      g_autofree char *root_utf8 = g_filename_display_name (src->root);
      printf (_("  source %s (%s): %" PRIu64 " samples\n"),
              root_utf8, src->layout, src->samples);
    }
  printf (_("Samples: %u (%u labeled, %u unlabeled) in %u classes\n"), facets->total,
          facets->total - facets->classes[0], facets->classes[0], info->n_classes);
  printf (_("Splits:"));
  for (guint i = 0; i < info->splits->len; i++)
    {
      DdSplitInfo *split = g_ptr_array_index (info->splits, i);
      printf (" %s %u", split->name, split_count (info, split));
    }
  printf ("\n%s\n", _("Corruptions:"));
  for (guint i = 0; i < info->corruptions->len; i++)
    {
      DdCorruptionInfo *corr = g_ptr_array_index (info->corruptions, i);
      guint n = corruption_count (info, corr);
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
}

int
dd_cli_info (int    argc,
             char **argv)
{
  g_auto(DdCliReadOptions) options = { 0 };
  g_auto(Info) info = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  status = dd_cli_parse_read_options (&options, argc, argv, N_("— summarise a catalog"));
  if (status)
    return status;
  if (!info_run (&options, &info, &error))
    return dd_cli_fail_error (error);
  if (options.json)
    dd_cli_print_object (info_to_json (&info));
  else
    info_print (&options, &info);
  return 0;
}
