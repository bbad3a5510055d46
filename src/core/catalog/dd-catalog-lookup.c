/* Samples by ids and by keys, blocking and on a worker thread (see the header). */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include "dd-catalog-lookup.h"
#include "dd-task.h"

GPtrArray *
dd_catalog_get_samples_by_keys (DdCatalog           *self,
                                const char * const  *keys,
                                int                  n_keys,
                                GError             **error)
{
  g_autofree gint64 *ids = NULL;
  guint n = 0, found = 0;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_return_val_if_fail (keys != NULL || n_keys == 0, NULL);

  if (n_keys < 0)
    n = keys ? g_strv_length ((char **) keys) : 0;
  else
    n = (guint) n_keys;
  if (n == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sample_info_free);

  ids = g_new0 (gint64, n);
  if (!dd_catalog_lookup_keys (self, keys, n, ids, error))
    return NULL;
  for (guint i = 0; i < n; i++)
    if (ids[i] > 0)
      ids[found++] = ids[i];
  return dd_catalog_get_samples (self, ids, found, error);
}

GPtrArray *
dd_catalog_get_samples_at_keys (DdCatalog           *self,
                                const char * const  *keys,
                                guint                n_keys,
                                GError             **error)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  GPtrArray *out;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_return_val_if_fail (keys != NULL || n_keys == 0, NULL);

  for (guint i = 0; i < n_keys; i++)
    if (keys[i])
      g_ptr_array_add (wanted, (gpointer) keys[i]);
  if (!(found = dd_catalog_get_samples_by_keys (self, (const char * const *) wanted->pdata,
                                                (int) wanted->len, error)))
    return NULL;
  /* the details move to the answer; one found twice (it cannot be) is freed here */
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                  (GDestroyNotify) dd_sample_info_free);
  g_ptr_array_set_free_func (found, NULL);
  for (guint i = 0; i < found->len; i++)
    g_hash_table_replace (by_key, ((DdSampleInfo *) found->pdata[i])->key, found->pdata[i]);
  out = g_ptr_array_new_full (n_keys, (GDestroyNotify) dd_sample_info_free);
  for (guint i = 0; i < n_keys; i++)
    {
      gpointer info = NULL;

      if (keys[i])
        g_hash_table_steal_extended (by_key, keys[i], NULL, &info);
      g_ptr_array_add (out, info);
    }
  return out;
}

static void
by_keys_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *samples = NULL;

  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    samples = dd_catalog_get_samples_by_keys (source_object, task_data, -1, &error);
  dd_task_return_pointer_or_error (task, samples, (GDestroyNotify) g_ptr_array_unref, error);
}

void
dd_catalog_get_samples_by_keys_async (DdCatalog           *self,
                                      const char * const  *keys,
                                      int                  n_keys,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GStrvBuilder *builder;
  guint n;

  g_return_if_fail (DD_IS_CATALOG (self));
  g_return_if_fail (keys != NULL || n_keys == 0);

  n = n_keys < 0 ? (keys ? g_strv_length ((char **) keys) : 0) : (guint) n_keys;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  task = g_task_new (self, cancellable, callback, user_data);
  dd_task_run_in_thread (task, dd_catalog_get_samples_by_keys_async, g_strv_builder_end (builder),
                         (GDestroyNotify) g_strfreev, by_keys_thread);
  g_strv_builder_unref (builder);
}

GPtrArray *
dd_catalog_get_samples_by_keys_finish (DdCatalog     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        dd_catalog_get_samples_by_keys_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
by_ids_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GArray *ids = task_data;
  GError *error = NULL;
  GPtrArray *samples = NULL;

  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    samples = dd_catalog_get_samples (source_object, (gint64 *) ids->data, ids->len, &error);
  dd_task_return_pointer_or_error (task, samples, (GDestroyNotify) g_ptr_array_unref, error);
}

void
dd_catalog_get_samples_async (DdCatalog           *self,
                              const gint64        *ids,
                              guint                n_ids,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GArray *copy;

  g_return_if_fail (DD_IS_CATALOG (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (copy, ids, n_ids);
  task = g_task_new (self, cancellable, callback, user_data);
  dd_task_run_in_thread (task, dd_catalog_get_samples_async, copy, (GDestroyNotify) g_array_unref,
                         by_ids_thread);
}

GPtrArray *
dd_catalog_get_samples_finish (DdCatalog     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_catalog_get_samples_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
