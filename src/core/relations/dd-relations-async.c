/* The explorer's questions to the relations, blocking and on a worker thread: a node's
 * expansion with its sample files, and the filter a node stands for; on a worker thread
 * also the questions within a path (dd-relations-scope.h). */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include "dd-catalog-lookup.h"
#include "dd-relations-async.h"
#include "dd-relations-scope.h"
#include "dd-task.h"

/* A question about a node (@kind, @id), or within a path (@path set). */
typedef struct {
  DdNodeKind kind;
  char      *id;
  GPtrArray *path;
  gboolean   filter;    /* the node's or the path's filter, else the expansion */
  gboolean   itself;
  guint      limit;
} Request;

static void
request_free (Request *request)
{
  g_free (request->id);
  g_clear_pointer (&request->path, g_ptr_array_unref);
  g_free (request);
}

/* The path copied: the caller's nodes may change while the worker reads them. */
static GPtrArray *
copy_path (GPtrArray *path)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_node_free);

  for (guint i = 0; i < path->len; i++)
    {
      const DdNode *node = g_ptr_array_index (path, i);

      g_ptr_array_add (copy, dd_path_step_new (node->kind, node->id, node->edge));
    }
  return copy;
}

void
dd_expansion_free (DdExpansion *expansion)
{
  if (expansion == NULL)
    return;
  g_clear_pointer (&expansion->nodes, g_ptr_array_unref);
  g_clear_pointer (&expansion->paths, g_ptr_array_unref);
  g_clear_pointer (&expansion->samples, g_ptr_array_unref);
  g_free (expansion);
}

/* The files and facts of the sample nodes, by key: one look-up for all of them. */
void
dd_expansion_find_samples (DdCatalog   *catalog,
                           DdExpansion *expansion)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  guint n;

  g_return_if_fail (DD_IS_CATALOG (catalog) && expansion != NULL);

  n = expansion->nodes->len;
  g_clear_pointer (&expansion->paths, g_ptr_array_unref);
  g_clear_pointer (&expansion->samples, g_ptr_array_unref);
  expansion->paths = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (expansion->paths, n);
  for (guint i = 0; i < n; i++)
    {
      DdNode *node = g_ptr_array_index (expansion->nodes, i);

      g_ptr_array_add (keys, node->kind == DD_NODE_SAMPLE ? node->id : NULL);
    }
  /* a failed look-up costs the thumbnails, not the expansion */
  expansion->samples = dd_catalog_get_samples_at_keys (catalog, (const char * const *) keys->pdata,
                                                       n, NULL);
  if (expansion->samples == NULL)
    {
      expansion->samples = g_ptr_array_new_full (n, (GDestroyNotify) dd_sample_info_free);
      g_ptr_array_set_size (expansion->samples, n);
    }
  for (guint i = 0; i < n; i++)
    {
      DdSampleInfo *sample = g_ptr_array_index (expansion->samples, i);

      if (sample)
        expansion->paths->pdata[i] = g_strdup (sample->path);
    }
}

DdExpansion *
dd_relations_expand (DdCatalog   *catalog,
                     DdNodeKind   kind,
                     const char  *id,
                     gboolean     itself,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(DdExpansion) expansion = g_new0 (DdExpansion, 1);

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (itself)
    {
      DdNode *node = dd_relations_describe (catalog, kind, id, error);

      if (node == NULL)
        return NULL;
      expansion->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_node_free);
      g_ptr_array_add (expansion->nodes, node);
    }
  else if (!(expansion->nodes = dd_relations_neighbours (catalog, kind, id, limit, error)))
    return NULL;
  dd_expansion_find_samples (catalog, expansion);
  return g_steal_pointer (&expansion);
}

/* On the worker: the answer to @r, a DdFilter or a DdExpansion. */
static gpointer
answer (DdCatalog  *catalog,
        Request    *r,
        GError    **error)
{
  if (r->path)
    return r->filter ? (gpointer) dd_relations_path_filter (catalog, r->path, NULL, error)
                     : (gpointer) dd_relations_expand_path (catalog, r->path, r->limit, error);
  return r->filter ? (gpointer) dd_relations_node_filter (catalog, r->kind, r->id, error)
                   : (gpointer) dd_relations_expand (catalog, r->kind, r->id, r->itself, r->limit,
                                                     error);
}

static void
request_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *r = task_data;
  GError *error = NULL;
  gpointer result = NULL;

  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    result = answer (source_object, r, &error);
  dd_task_return_pointer_or_error (task, result,
                                   r->filter ? (GDestroyNotify) dd_filter_free
                                             : (GDestroyNotify) dd_expansion_free,
                                   error);
}

static Request *
request_new (DdNodeKind  kind,
             const char *id)
{
  Request *request = g_new0 (Request, 1);

  request->kind = kind;
  request->id = g_strdup (id);
  return request;
}

static Request *
request_new_path (GPtrArray *path)
{
  Request *request = g_new0 (Request, 1);

  request->path = copy_path (path);
  return request;
}

static void
run_request (DdCatalog           *catalog,
             Request             *request,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (catalog, cancellable, callback, user_data);

  dd_task_run_in_thread (task, source_tag, request, (GDestroyNotify) request_free, request_thread);
}

/* What the request that @source_tag began answered (a _finish()). */
static gpointer
finish_request (DdCatalog     *catalog,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_relations_expand_async (DdCatalog           *catalog,
                           DdNodeKind           kind,
                           const char          *id,
                           gboolean             itself,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Request *request;

  g_return_if_fail (DD_IS_CATALOG (catalog) && id != NULL);

  request = request_new (kind, id);
  request->itself = itself;
  request->limit = limit;
  run_request (catalog, request, dd_relations_expand_async, cancellable, callback, user_data);
}

DdExpansion *
dd_relations_expand_finish (DdCatalog     *catalog,
                            GAsyncResult  *result,
                            GError       **error)
{
  return finish_request (catalog, result, dd_relations_expand_async, error);
}

void
dd_relations_node_filter_async (DdCatalog           *catalog,
                                DdNodeKind           kind,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Request *request;

  g_return_if_fail (DD_IS_CATALOG (catalog) && id != NULL);

  request = request_new (kind, id);
  request->filter = TRUE;
  run_request (catalog, request, dd_relations_node_filter_async, cancellable, callback,
               user_data);
}

DdFilter *
dd_relations_node_filter_finish (DdCatalog     *catalog,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_request (catalog, result, dd_relations_node_filter_async, error);
}

/* ---- within a path ---------------------------------------------------------------- */

void
dd_relations_expand_path_async (DdCatalog           *catalog,
                                GPtrArray           *path,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Request *request;

  g_return_if_fail (DD_IS_CATALOG (catalog));
  g_return_if_fail (path != NULL && path->len > 0);

  request = request_new_path (path);
  request->limit = limit;
  run_request (catalog, request, dd_relations_expand_path_async, cancellable, callback,
               user_data);
}

DdExpansion *
dd_relations_expand_path_finish (DdCatalog     *catalog,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_request (catalog, result, dd_relations_expand_path_async, error);
}

void
dd_relations_path_filter_async (DdCatalog           *catalog,
                                GPtrArray           *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Request *request;

  g_return_if_fail (DD_IS_CATALOG (catalog));
  g_return_if_fail (path != NULL && path->len > 0);

  request = request_new_path (path);
  request->filter = TRUE;
  run_request (catalog, request, dd_relations_path_filter_async, cancellable, callback,
               user_data);
}

DdFilter *
dd_relations_path_filter_finish (DdCatalog     *catalog,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_request (catalog, result, dd_relations_path_filter_async, error);
}
