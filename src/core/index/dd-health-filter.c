/* The samples a finding of the health report stands for, as a filter. */
#define G_LOG_DOMAIN "datadive-health"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-health-filter.h"

static DdFilter *
class_filter (DdCatalog   *catalog,
              const char  *wnid,
              GError     **error)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();
  guint class_id = dd_catalog_lookup_class (catalog, wnid);

  if (class_id == 0)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                   _("The catalog has no class “%s”."), wnid);
      return NULL;
    }
  dd_filter_add_class (filter, class_id);
  return g_steal_pointer (&filter);
}

/* "<source>/<corruption>/<severity>/<wnid>": the class under the corruption. */
static DdFilter *
cell_filter (DdCatalog   *catalog,
             const char  *key,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (key, "/", -1);
  guint n = g_strv_length (parts);
  guint class_id = n >= 3 ? dd_catalog_lookup_class (catalog, parts[n - 1]) : 0;
  guint corruption_id = n >= 3 ? dd_catalog_lookup_corruption (catalog, parts[n - 3])
                               : G_MAXUINT;
  g_autoptr(DdFilter) filter = NULL;

  if (class_id == 0 || corruption_id == G_MAXUINT)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                   _("The catalog has no corruption cell “%s”."), key);
      return NULL;
    }
  filter = dd_filter_new ();
  dd_filter_add_class (filter, class_id);
  dd_filter_add_corruption (filter, corruption_id);
  return g_steal_pointer (&filter);
}

DdFilter *
dd_health_finding_filter (DdCatalog     *catalog,
                          DdHealthKind   kind,
                          const char    *key,
                          GError       **error)
{
  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  switch (kind)
    {
    case DD_HEALTH_UNKNOWN_CLASS:
    case DD_HEALTH_UNNAMED_CLASS:
      return class_filter (catalog, key, error);
    case DD_HEALTH_MISSING_CELL:
      return cell_filter (catalog, key, error);
    case DD_HEALTH_MISSING_LABEL:
    case DD_HEALTH_ORPHAN_ANNOTATION:
    case DD_HEALTH_EMPTY_FILE:
    case DD_HEALTH_UNDECODABLE:
    case DD_HEALTH_TRUNCATED:
    case DD_HEALTH_FORMAT_MISMATCH:
    case DD_HEALTH_GRAYSCALE:
    case DD_HEALTH_UNEXPECTED_SIZE:
    case DD_HEALTH_DUPLICATE_CONFLICT:
    case DD_HEALTH_SUSPECT_LABEL:
    case DD_HEALTH_N_KINDS:
    default:
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                   _("%s: no sample to show — %s"),
                   kind < DD_HEALTH_N_KINDS ? dd_health_kind_title (kind) : "?", key);
      return NULL;
    }
}
