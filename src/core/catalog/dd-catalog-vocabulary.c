/* The catalog's vocabulary, served from memory: sources, classes, corruptions, splits,
 * look-ups by name and the filter rules named by them. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-db.h"

void
dd_source_info_free (DdSourceInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->root);
  g_free (info->layout);
  g_free (info);
}

void
dd_class_info_free (DdClassInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->wnid);
  g_free (info->name);
  g_free (info->names);
  g_free (info->parent_wnid);
  g_free (info->parent_name);
  g_free (info->name_source);
  g_free (info);
}

void
dd_corruption_info_free (DdCorruptionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->family);
  g_free (info);
}

void
dd_split_info_free (DdSplitInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info);
}

static DdSourceInfo *
source_info_copy (const DdSourceInfo *src)
{
  DdSourceInfo *info = g_memdup2 (src, sizeof *src);
  info->root = g_strdup (src->root);
  info->layout = g_strdup (src->layout);
  return info;
}

static DdClassInfo *
class_info_copy (const DdClassInfo *src)
{
  DdClassInfo *info = g_memdup2 (src, sizeof *src);
  info->wnid = g_strdup (src->wnid);
  info->name = g_strdup (src->name);
  info->names = g_strdup (src->names);
  info->parent_wnid = g_strdup (src->parent_wnid);
  info->parent_name = g_strdup (src->parent_name);
  info->name_source = g_strdup (src->name_source);
  return info;
}

static DdCorruptionInfo *
corruption_info_copy (const DdCorruptionInfo *src)
{
  DdCorruptionInfo *info = g_memdup2 (src, sizeof *src);
  info->name = g_strdup (src->name);
  info->family = g_strdup (src->family);
  return info;
}

static DdSplitInfo *
split_info_copy (const DdSplitInfo *src)
{
  DdSplitInfo *info = g_memdup2 (src, sizeof *src);
  info->name = g_strdup (src->name);
  return info;
}

static GPtrArray *
copy_infos (GPtrArray *src,
            gpointer (*copy) (gconstpointer),
            GDestroyNotify free_func)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (free_func);

  for (guint i = 0; i < src->len; i++)
    if (g_ptr_array_index (src, i))
      g_ptr_array_add (out, copy (g_ptr_array_index (src, i)));
  return out;
}

GPtrArray *
dd_catalog_list_sources (DdCatalog *self)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  return copy_infos (st->sources, (gpointer (*) (gconstpointer)) source_info_copy,
                     (GDestroyNotify) dd_source_info_free);
}

GPtrArray *
dd_catalog_list_classes (DdCatalog *self)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  return copy_infos (st->classes, (gpointer (*) (gconstpointer)) class_info_copy,
                     (GDestroyNotify) dd_class_info_free);
}

GPtrArray *
dd_catalog_list_corruptions (DdCatalog *self)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  return copy_infos (st->corruptions, (gpointer (*) (gconstpointer)) corruption_info_copy,
                     (GDestroyNotify) dd_corruption_info_free);
}

GPtrArray *
dd_catalog_list_splits (DdCatalog *self)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  return copy_infos (st->splits, (gpointer (*) (gconstpointer)) split_info_copy,
                     (GDestroyNotify) dd_split_info_free);
}

guint
dd_catalog_get_n_samples (DdCatalog *self)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  return st->snapshot->n;
}

guint
dd_catalog_lookup_class (DdCatalog  *self,
                         const char *wnid_or_name)
{
  g_autoptr(DdCatalogState) st = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (self), 0);
  if (wnid_or_name == NULL)
    return 0;
  st = dd_catalog_get_state (self);
  folded = g_utf8_strdown (wnid_or_name, -1);
  g_strstrip (folded);
  return GPOINTER_TO_UINT (g_hash_table_lookup (st->class_names, folded));
}

static guint
lookup_named (GPtrArray  *infos,
              gsize       name_offset,
              const char *name)
{
  for (guint i = 0; i < infos->len; i++)
    {
      gpointer info = g_ptr_array_index (infos, i);
      if (info && g_strcmp0 (G_STRUCT_MEMBER (char *, info, name_offset), name) == 0)
        return i;
    }
  return G_MAXUINT;
}

guint
dd_catalog_lookup_corruption (DdCatalog  *self,
                              const char *name)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  return lookup_named (st->corruptions, G_STRUCT_OFFSET (DdCorruptionInfo, name), name);
}

guint
dd_catalog_lookup_split (DdCatalog  *self,
                         const char *name)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  return lookup_named (st->splits, G_STRUCT_OFFSET (DdSplitInfo, name), name);
}

gboolean
dd_catalog_filter_add_class_name (DdCatalog   *self,
                                  DdFilter    *filter,
                                  const char  *wnid_or_name,
                                  GError     **error)
{
  guint id = dd_catalog_lookup_class (self, wnid_or_name);

  if (id == 0)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                   _("Unknown class “%s”: no class has this wnid or name"), wnid_or_name);
      return FALSE;
    }
  dd_filter_add_class (filter, id);
  return TRUE;
}

gboolean
dd_catalog_filter_add_corruption_name (DdCatalog   *self,
                                       DdFilter    *filter,
                                       const char  *name_or_family,
                                       GError     **error)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  gboolean found = FALSE;

  for (guint i = 0; i < st->corruptions->len; i++)
    {
      DdCorruptionInfo *info = g_ptr_array_index (st->corruptions, i);

      if (info == NULL)
        continue;
      if (g_strcmp0 (info->name, name_or_family) == 0 ||
          (dd_is_corruption_family (name_or_family) &&
           g_strcmp0 (info->family, name_or_family) == 0))
        {
          dd_filter_add_corruption (filter, info->id);
          found = TRUE;
        }
    }
  if (found)
    return TRUE;
  /* A known family or standard corruption that this dataset lacks selects nothing. */
  if (dd_is_corruption_family (name_or_family) ||
      g_strv_contains (dd_standard_corruptions (), name_or_family))
    {
      if (filter->corruptions == NULL)
        filter->corruptions = g_array_new (FALSE, FALSE, sizeof (guint));
      return TRUE;
    }
  g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
               _("Unknown corruption “%s”"), name_or_family);
  return FALSE;
}

gboolean
dd_catalog_filter_add_split_name (DdCatalog   *self,
                                  DdFilter    *filter,
                                  const char  *name,
                                  GError     **error)
{
  guint id = dd_catalog_lookup_split (self, name);

  if (id == G_MAXUINT)
    {
      if (g_strcmp0 (name, "train") == 0 || g_strcmp0 (name, "val") == 0 ||
          g_strcmp0 (name, "test") == 0)
        {
          if (filter->splits == NULL)
            filter->splits = g_array_new (FALSE, FALSE, sizeof (guint));
          return TRUE;
        }
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                   _("Unknown split “%s”"), name);
      return FALSE;
    }
  dd_filter_add_split (filter, id);
  return TRUE;
}
