/* DdFacets: counts per class, corruption, severity, split, health kind and cube cell
 * over a selection. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include "dd-catalog-db.h"

void
dd_facets_free (DdFacets *facets)
{
  if (facets == NULL)
    return;
  g_free (facets->classes);
  g_free (facets->corruptions);
  g_free (facets->severities);
  g_free (facets->splits);
  g_free (facets->cube);
  g_free (facets);
}

DdFacets *
dd_catalog_facets (DdCatalog   *self,
                   DdSelection *selection)
{
  g_autoptr(DdCatalogState) st = NULL;
  DdSnapshot *s;
  DdFacets *f;
  guint nc, ncor;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_return_val_if_fail (selection != NULL, NULL);

  st = dd_catalog_get_state (self);
  s = selection->snapshot;
  f = g_new0 (DdFacets, 1);
  /* Size by the larger of the current vocabulary and what the snapshot holds. */
  f->n_classes = nc = MAX (st->classes->len, 1);
  f->n_corruptions = ncor = MAX (st->max_corruption + 1, 1);
  f->n_severities = 6;
  f->n_splits = MAX (st->max_split + 1, 1);
  for (guint i = 0; i < selection->n; i++)
    {
      guint r = selection->rows[i];
      f->n_classes = MAX (f->n_classes, s->classes[r] + 1);
      f->n_corruptions = MAX (f->n_corruptions, (guint) s->corruptions[r] + 1);
      f->n_splits = MAX (f->n_splits, (guint) s->splits[r] + 1);
    }
  nc = f->n_classes;
  ncor = f->n_corruptions;
  f->classes = g_new0 (guint, nc);
  f->corruptions = g_new0 (guint, ncor);
  f->severities = g_new0 (guint, 6);
  f->splits = g_new0 (guint, f->n_splits);
  f->cube = g_new0 (guint, (gsize) nc * ncor * 6);
  f->total = selection->n;

  for (guint i = 0; i < selection->n; i++)
    {
      guint r = selection->rows[i];
      guint c = s->classes[r];
      guint k = s->corruptions[r];
      guint v = s->severities[r];
      guint32 fl = s->flags[r];

      f->classes[c]++;
      f->corruptions[k]++;
      f->severities[v]++;
      f->splits[s->splits[r]]++;
      f->cube[((gsize) c * ncor + k) * 6 + v]++;
      while (fl)
        {
          guint bit = g_bit_nth_lsf (fl, -1);
          if (bit < DD_HEALTH_N_KINDS)
            f->flags[bit]++;
          fl &= fl - 1;
        }
    }
  return f;
}

static void
facets_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_task_return_pointer (task, dd_catalog_facets (source_object, task_data),
                         (GDestroyNotify) dd_facets_free);
}

void
dd_catalog_facets_async (DdCatalog           *self,
                         DdSelection         *selection,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dd_catalog_facets_async);
  g_task_set_task_data (task, dd_selection_ref (selection),
                        (GDestroyNotify) dd_selection_unref);
  g_task_run_in_thread (task, facets_thread);
}

DdFacets *
dd_catalog_facets_finish (DdCatalog     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
