/* The near-duplicate calls of dd-health-near.h as GTasks on a worker thread, each with
 * its GCancellable and its answer on the caller's main context. */
#define G_LOG_DOMAIN "datadive-health"
#include "config.h"

#include "dd-health-near-async.h"

/* ---- resolving a group ---------------------------------------------------------------- */

typedef struct {
  DdRecipe    *recipe;
  DdNearGroup  group;
  char        *kept;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_clear_pointer (&data->recipe, dd_recipe_unref);
  g_strfreev (data->group.keys);
  g_free (data->kept);
  g_free (data);
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ResolveData *data = task_data;
  GError *error = NULL;
  DdRecipe *recipe;

  if (g_task_return_error_if_cancelled (task))
    return;
  recipe = dd_health_resolve_group (source_object, data->recipe, &data->group, &data->kept,
                                    &error);
  if (recipe)
    g_task_return_pointer (task, recipe, (GDestroyNotify) dd_recipe_unref);
  else
    g_task_return_error (task, error);
}

void
dd_health_resolve_group_async (DdCatalog           *catalog,
                               DdRecipe            *recipe,
                               const DdNearGroup   *group,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ResolveData *data;

  g_return_if_fail (DD_IS_CATALOG (catalog));
  g_return_if_fail (recipe != NULL && group != NULL && group->keys != NULL);

  task = g_task_new (catalog, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_health_resolve_group_async);
  data = g_new0 (ResolveData, 1);
  data->recipe = dd_recipe_ref (recipe);
  data->group.kind = group->kind;
  data->group.distance = group->distance;
  data->group.keys = g_strdupv (group->keys);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);
  g_task_run_in_thread (task, resolve_thread);
}

DdRecipe *
dd_health_resolve_group_finish (DdCatalog     *catalog,
                                GAsyncResult  *result,
                                char         **out_kept,
                                GError       **error)
{
  DdRecipe *recipe;

  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  recipe = g_task_propagate_pointer (G_TASK (result), error);
  if (recipe && out_kept)
    {
      ResolveData *data = g_task_get_task_data (G_TASK (result));

      *out_kept = g_steal_pointer (&data->kept);
    }
  return recipe;
}

/* ---- the threshold ---------------------------------------------------------------------- */

static void
threshold_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;

  if (dd_health_set_near_threshold (source_object, GPOINTER_TO_UINT (task_data), cancellable,
                                    &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
dd_health_set_near_threshold_async (DdCatalog           *catalog,
                                    guint                threshold,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DD_IS_CATALOG (catalog));

  task = g_task_new (catalog, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_health_set_near_threshold_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (threshold), NULL);
  g_task_run_in_thread (task, threshold_thread);
}

gboolean
dd_health_set_near_threshold_finish (DdCatalog     *catalog,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
