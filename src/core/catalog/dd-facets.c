/* DdFacets: counts per class, corruption, severity, split, health kind and cube cell
 * over a selection. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <string.h>

#include "dd-catalog-db.h"
#include "dd-task.h"


/* rows a thread counts at least: below two of these, one thread counts them all */
static guint rows_per_part = 500000;

void
dd_facets_set_rows_per_part (guint rows)
{
  rows_per_part = MAX (rows, 1);
}

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

/* One part of the rows of a selection, counted by one thread. */
typedef struct {
  const DdSnapshot *s;
  const guint      *rows;
  guint             n;
  guint             n_classes, n_corruptions, n_splits;   /* the arrays' lengths */
  guint            *classes, *corruptions, *severities, *splits, *cube;
  guint             flags[DD_HEALTH_N_KINDS];
} FacetPart;

static gpointer
count_part (gpointer data)
{
  FacetPart *p = data;
  const DdSnapshot *s = p->s;
  guint ncor = p->n_corruptions;

  p->classes = g_new0 (guint, p->n_classes);
  p->corruptions = g_new0 (guint, ncor);
  p->severities = g_new0 (guint, 6);
  p->splits = g_new0 (guint, p->n_splits);
  p->cube = g_new0 (guint, (gsize) p->n_classes * ncor * 6);
  for (guint i = 0; i < p->n; i++)
    {
      guint r = p->rows[i];
      guint c = s->classes[r];
      guint k = s->corruptions[r];
      guint v = s->severities[r];
      guint32 fl = s->flags[r];

      p->classes[c]++;
      p->corruptions[k]++;
      p->severities[v]++;
      p->splits[s->splits[r]]++;
      p->cube[((gsize) c * ncor + k) * 6 + v]++;
      while (fl)
        {
          guint bit = g_bit_nth_lsf (fl, -1);
          if (bit < DD_HEALTH_N_KINDS)
            p->flags[bit]++;
          fl &= fl - 1;
        }
    }
  return NULL;
}

void
dd_catalog_run_parts (gpointer      parts,
                      gsize         part_size,
                      guint         n_parts,
                      const char   *name,
                      GThreadFunc   func)
{
  GThread *threads[DD_CATALOG_MAX_PARTS] = { NULL, };
  guint8 *part = parts;

  g_return_if_fail (n_parts <= DD_CATALOG_MAX_PARTS);
  for (guint t = 1; t < n_parts; t++)
    threads[t] = g_thread_try_new (name, func, part + t * part_size, NULL);
  for (guint t = 0; t < n_parts; t++)
    if (t == 0 || threads[t] == NULL)   /* a thread that could not start: here */
      func (part + t * part_size);
  for (guint t = 1; t < n_parts; t++)
    if (threads[t])
      g_thread_join (threads[t]);
}

/* The facets' array lengths: by the larger of the current vocabulary and what the
 * snapshot holds (a damaged catalog's rows may name ids its vocabulary lacks). */
static void
facet_sizes (DdCatalog   *self,
             DdSelection *selection,
             guint       *n_classes,
             guint       *n_corruptions,
             guint       *n_splits)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  guint max_class, max_corruption, max_split;

  dd_snapshot_maxima (selection->snapshot, &max_class, &max_corruption, &max_split);
  *n_classes = MAX (MAX (st->classes->len, 1), max_class + 1);
  *n_corruptions = MAX (st->max_corruption, max_corruption) + 1;
  *n_splits = MAX (st->max_split, max_split) + 1;
}

/* The counts are sums over the rows, so parts of the selection are counted apart (one
 * per core and rows_per_part rows: a 5-million-row cube took 30–70 ms on
 * one thread) and added up. */
DdFacets *
dd_catalog_facets (DdCatalog   *self,
                   DdSelection *selection)
{
  FacetPart parts[DD_CATALOG_MAX_PARTS] = { { 0, }, };
  guint n_classes, n_corruptions, n_splits;
  guint n_parts;
  DdFacets *f;
  gsize cells;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_return_val_if_fail (selection != NULL, NULL);

  facet_sizes (self, selection, &n_classes, &n_corruptions, &n_splits);
  n_parts = CLAMP (selection->n / rows_per_part, 1,
                   MIN (DD_CATALOG_MAX_PARTS, (guint) g_get_num_processors ()));
  for (guint t = 0; t < n_parts; t++)
    {
      guint from = (guint) ((guint64) selection->n * t / n_parts);
      guint to = (guint) ((guint64) selection->n * (t + 1) / n_parts);

      parts[t].s = selection->snapshot;
      parts[t].rows = selection->rows + from;
      parts[t].n = to - from;
      parts[t].n_classes = n_classes;
      parts[t].n_corruptions = n_corruptions;
      parts[t].n_splits = n_splits;
    }
  dd_catalog_run_parts (parts, sizeof parts[0], n_parts, "dd-facets", count_part);

  f = g_new0 (DdFacets, 1);
  f->n_classes = parts[0].n_classes;
  f->n_corruptions = parts[0].n_corruptions;
  f->n_severities = 6;
  f->n_splits = parts[0].n_splits;
  f->total = selection->n;
  f->classes = g_steal_pointer (&parts[0].classes);
  f->corruptions = g_steal_pointer (&parts[0].corruptions);
  f->severities = g_steal_pointer (&parts[0].severities);
  f->splits = g_steal_pointer (&parts[0].splits);
  f->cube = g_steal_pointer (&parts[0].cube);
  memcpy (f->flags, parts[0].flags, sizeof parts[0].flags);
  cells = (gsize) f->n_classes * f->n_corruptions * 6;
  for (guint t = 1; t < n_parts; t++)
    {
      FacetPart *p = &parts[t];

      for (guint i = 0; i < f->n_classes; i++)
        f->classes[i] += p->classes[i];
      for (guint i = 0; i < f->n_corruptions; i++)
        f->corruptions[i] += p->corruptions[i];
      for (guint i = 0; i < 6; i++)
        f->severities[i] += p->severities[i];
      for (guint i = 0; i < f->n_splits; i++)
        f->splits[i] += p->splits[i];
      for (gsize i = 0; i < cells; i++)
        f->cube[i] += p->cube[i];
      for (guint i = 0; i < DD_HEALTH_N_KINDS; i++)
        f->flags[i] += p->flags[i];
      g_free (p->classes);
      g_free (p->corruptions);
      g_free (p->severities);
      g_free (p->splits);
      g_free (p->cube);
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

  dd_task_run_in_thread (task, dd_catalog_facets_async, dd_selection_ref (selection),
                         (GDestroyNotify) dd_selection_unref, facets_thread);
}

DdFacets *
dd_catalog_facets_finish (DdCatalog     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Adds (delta 1) or takes away (delta -1) row @r's counts; FALSE where a count would go
 * below zero (facets that were not the old selection's). */
static gboolean
tally (DdFacets         *f,
       const DdSnapshot *s,
       guint             r,
       int               delta)
{
  guint c = s->classes[r], k = s->corruptions[r], v = s->severities[r], sp = s->splits[r];
  guint *counts[] = { &f->classes[c], &f->corruptions[k], &f->severities[v], &f->splits[sp],
                      &f->cube[((gsize) c * f->n_corruptions + k) * f->n_severities + v] };
  guint32 fl = s->flags[r];

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      if (delta < 0 && *counts[i] == 0)
        return FALSE;
      *counts[i] += delta;
    }
  for (; fl; fl &= fl - 1)
    {
      guint bit = g_bit_nth_lsf (fl, -1);

      if (bit >= DD_HEALTH_N_KINDS)
        continue;
      if (delta < 0 && f->flags[bit] == 0)
        return FALSE;
      f->flags[bit] += delta;
    }
  return TRUE;
}

DdFacets *
dd_facets_copy (const DdFacets *f)
{
  DdFacets *copy = g_memdup2 (f, sizeof *f);

  copy->classes = g_memdup2 (f->classes, f->n_classes * sizeof (guint));
  copy->corruptions = g_memdup2 (f->corruptions, f->n_corruptions * sizeof (guint));
  copy->severities = g_memdup2 (f->severities, f->n_severities * sizeof (guint));
  copy->splits = g_memdup2 (f->splits, f->n_splits * sizeof (guint));
  copy->cube = g_memdup2 (f->cube, (gsize) f->n_classes * f->n_corruptions * f->n_severities *
                                   sizeof (guint));
  return copy;
}

/* At most this many stretches between the two selections, and rows in them: past
 * that, counting again is as quick. */
#define UPDATE_MAX_STRETCHES 256
#define UPDATE_MAX_ROWS_PART 4   /* of the new selection's size, in eighths */

DdFacets *
dd_catalog_facets_update (DdCatalog      *self,
                          const DdFacets *old_facets,
                          DdSelection    *old,
                          DdSelection    *new_)
{
  g_autoptr(GArray) changes = NULL;
  g_autoptr(DdFacets) f = NULL;
  guint n_classes, n_corruptions, n_splits;
  guint64 rows = 0;
  const DdSnapshot *s;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_return_val_if_fail (old_facets != NULL && old != NULL && new_ != NULL, NULL);

  /* one snapshot: a row is the same sample with the same values in both */
  if (old->snapshot != new_->snapshot || old_facets->total != old->n ||
      old_facets->n_severities != 6)
    return NULL;
  facet_sizes (self, new_, &n_classes, &n_corruptions, &n_splits);
  if (n_classes != old_facets->n_classes || n_corruptions != old_facets->n_corruptions ||
      n_splits != old_facets->n_splits)
    return NULL;

  changes = g_array_new (FALSE, FALSE, sizeof (DdSelectionChange));
  if (!dd_selection_diff (old, new_, UPDATE_MAX_STRETCHES, changes))
    return NULL;
  for (guint i = 0; i < changes->len; i++)
    {
      DdSelectionChange *change = &g_array_index (changes, DdSelectionChange, i);

      rows += change->removed + change->added;
    }
  if (rows * 8 > (guint64) MAX (new_->n, old->n) * UPDATE_MAX_ROWS_PART)
    return NULL;

  s = new_->snapshot;
  f = dd_facets_copy (old_facets);
  for (guint i = 0; i < changes->len; i++)
    {
      DdSelectionChange *change = &g_array_index (changes, DdSelectionChange, i);

      for (guint k = 0; k < change->removed; k++)
        if (!tally (f, s, old->rows[change->old_position + k], -1))
          return NULL;
      for (guint k = 0; k < change->added; k++)
        tally (f, s, new_->rows[change->new_position + k], 1);
    }
  f->total = new_->n;
  return g_steal_pointer (&f);
}
