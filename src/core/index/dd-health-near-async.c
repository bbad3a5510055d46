/* The near-duplicate calls of dd-health-near.h as GTasks on a worker thread, each with
 * its GCancellable and its answer on the caller's main context. */
#define G_LOG_DOMAIN "datadive-health"
#include "config.h"

#include "dd-catalog-lookup.h"
#include "dd-health-near-async.h"
#include "dd-task.h"

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
  dd_task_return_pointer_or_error (task, recipe, (GDestroyNotify) dd_recipe_unref, error);
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

  data = g_new0 (ResolveData, 1);
  data->recipe = dd_recipe_ref (recipe);
  data->group.kind = group->kind;
  data->group.distance = group->distance;
  data->group.keys = g_strdupv (group->keys);
  task = g_task_new (catalog, cancellable, callback, user_data);
  dd_task_run_in_thread (task, dd_health_resolve_group_async, data,
                         (GDestroyNotify) resolve_data_free, resolve_thread);
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

/* ---- similar samples --------------------------------------------------------------------- */

typedef struct {
  char      *key;
  guint      limit;
  guint      margin;
  guint      threshold;
  GPtrArray *samples;   /* DdSampleInfo or NULL, parallel to the answer */
} SimilarData;

static void
similar_data_free (SimilarData *data)
{
  g_free (data->key);
  g_clear_pointer (&data->samples, g_ptr_array_unref);
  g_free (data);
}

static void
similar_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SimilarData *data = task_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GPtrArray) keys = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  data->threshold = dd_catalog_get_near_threshold (source_object);
  similar = dd_health_similar (source_object, data->key, data->limit,
                               MIN (data->threshold + data->margin, 64), &error);
  if (similar == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  keys = g_ptr_array_new ();
  for (guint i = 0; i < similar->len; i++)
    g_ptr_array_add (keys, ((DdSimilar *) g_ptr_array_index (similar, i))->key);
  if (!(data->samples = dd_catalog_get_samples_at_keys (source_object,
                                                        (const char * const *) keys->pdata,
                                                        keys->len, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&similar), (GDestroyNotify) g_ptr_array_unref);
}

void
dd_health_similar_async (DdCatalog           *catalog,
                         const char          *key,
                         guint                limit,
                         guint                margin,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SimilarData *data;

  g_return_if_fail (DD_IS_CATALOG (catalog));
  g_return_if_fail (key != NULL);

  data = g_new0 (SimilarData, 1);
  data->key = g_strdup (key);
  data->limit = limit;
  data->margin = margin;
  task = g_task_new (catalog, cancellable, callback, user_data);
  dd_task_run_in_thread (task, dd_health_similar_async, data, (GDestroyNotify) similar_data_free,
                         similar_thread);
}

GPtrArray *
dd_health_similar_finish (DdCatalog     *catalog,
                          GAsyncResult  *result,
                          GPtrArray    **out_samples,
                          guint         *out_threshold,
                          GError       **error)
{
  GPtrArray *similar;

  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  similar = g_task_propagate_pointer (G_TASK (result), error);
  if (similar && out_samples)
    {
      SimilarData *data = g_task_get_task_data (G_TASK (result));

      *out_samples = g_steal_pointer (&data->samples);
    }
  if (similar && out_threshold)
    *out_threshold = ((SimilarData *) g_task_get_task_data (G_TASK (result)))->threshold;
  return similar;
}

/* ---- the threshold ---------------------------------------------------------------------- */

static void
threshold_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  guint threshold = GPOINTER_TO_UINT (task_data);
  gboolean ok = threshold == dd_catalog_get_near_threshold (source_object) ||
                dd_health_set_near_threshold (source_object, threshold, cancellable, &error);

  dd_task_return_boolean_or_error (task, ok, error);
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
  dd_task_run_in_thread (task, dd_health_set_near_threshold_async, GUINT_TO_POINTER (threshold),
                         NULL, threshold_thread);
}

gboolean
dd_health_set_near_threshold_finish (DdCatalog     *catalog,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
