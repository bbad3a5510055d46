/* The Fine tab's other views of a document (excluded by hand, with findings), selected
 * on a worker thread. */
#define G_LOG_DOMAIN "datadive-recipe"
#include "config.h"

#include "dd-document-views.h"
#include "dd-task.h"

typedef struct {
  DdCatalog      *catalog;
  DdRecipe       *recipe;
  DdDocumentView  view;
} ViewRequest;

static void
view_request_free (ViewRequest *request)
{
  g_object_unref (request->catalog);
  dd_recipe_unref (request->recipe);
  g_free (request);
}

/* Nothing by rule, the excluded keys forced in. */
static DdFilter *
excluded_filter (DdCatalog  *catalog,
                 DdRecipe   *recipe,
                 GError    **error)
{
  const char * const *keys = dd_recipe_get_exclude (recipe);
  guint n = keys ? g_strv_length ((char **) keys) : 0;
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autofree gint64 *ids = g_new0 (gint64, MAX (n, 1));

  filter->classes = g_array_new (FALSE, FALSE, sizeof (guint));
  filter->include_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (n > 0 && !dd_catalog_lookup_keys (catalog, keys, n, ids, error))
    return NULL;
  for (guint i = 0; i < n; i++)
    if (ids[i] > 0)
      g_array_append_val (filter->include_ids, ids[i]);
  return g_steal_pointer (&filter);
}

static void
view_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ViewRequest *request = task_data;
  g_autoptr(DdFilter) filter = NULL;
  GError *error = NULL;
  DdSelection *selection = NULL;

  if (request->view == DD_DOCUMENT_VIEW_EXCLUDED)
    filter = excluded_filter (request->catalog, request->recipe, &error);
  else if ((filter = dd_recipe_to_filter (request->recipe, request->catalog, NULL, &error)))
    filter->require_flags = G_MAXUINT32;
  if (filter)
    selection = dd_catalog_select (request->catalog, filter, cancellable, &error);
  dd_task_return_pointer_or_error (task, selection, (GDestroyNotify) dd_selection_unref, error);
}

void
dd_document_select_view_async (DdDocument          *document,
                               DdDocumentView       view,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ViewRequest *request;

  g_return_if_fail (DD_IS_DOCUMENT (document));

  request = g_new0 (ViewRequest, 1);
  request->catalog = g_object_ref (dd_document_get_catalog (document));
  request->recipe = dd_recipe_ref (dd_document_get_recipe (document));
  request->view = view;
  task = g_task_new (document, cancellable, callback, user_data);
  dd_task_run_in_thread (task, dd_document_select_view_async, request,
                         (GDestroyNotify) view_request_free, view_thread);
}

DdSelection *
dd_document_select_view_finish (DdDocument    *document,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, document), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        dd_document_select_view_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
