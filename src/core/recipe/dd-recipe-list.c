/* The named recipes with their rules and sample counts (see the header). */
#define G_LOG_DOMAIN "datadive-recipe"
#include "config.h"

#include "dd-document.h"
#include "dd-recipe-list.h"
#include "dd-recipe-store.h"
#include "dd-task.h"

void
dd_recipe_entry_free (DdRecipeEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_clear_pointer (&entry->recipe, dd_recipe_unref);
  g_free (entry);
}

GPtrArray *
dd_recipe_list_entries (DdCatalog  *catalog,
                        GError    **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  GPtrArray *entries;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(infos = dd_catalog_list_recipes (catalog, error)))
    return NULL;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_entry_free);
  for (guint i = 0; i < infos->len; i++)
    {
      DdRecipeInfo *info = g_ptr_array_index (infos, i);
      DdRecipeEntry *entry;
      g_autoptr(DdSelection) selection = NULL;

      if (g_strcmp0 (info->name, DD_DOCUMENT_WORKING_RECIPE) == 0)
        continue;
      entry = g_new0 (DdRecipeEntry, 1);
      entry->name = g_strdup (info->name);
      entry->modified = info->modified;
      entry->samples = -1;
      /* a recipe that does not read or evaluate is still listed, said so by its count */
      if ((entry->recipe = dd_catalog_load_recipe (catalog, info->name, NULL)) &&
          (selection = dd_recipe_evaluate (entry->recipe, catalog, NULL, NULL, NULL)))
        entry->samples = dd_selection_get_n (selection);
      g_ptr_array_add (entries, entry);
    }
  return entries;
}

void
dd_recipe_list_entries_async (DdCatalog           *catalog,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (DD_IS_CATALOG (catalog));

  dd_task_run_call (catalog, (DdTaskCall) dd_recipe_list_entries,
                    (GDestroyNotify) g_ptr_array_unref, dd_recipe_list_entries_async,
                    cancellable, callback, user_data);
}

GPtrArray *
dd_recipe_list_entries_finish (DdCatalog     *catalog,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
