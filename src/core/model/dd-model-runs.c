/* Stored runs (list, delete, rename, read), the outcome clause a selection filters by,
 * and ordering samples by confidence or loss. */
#define G_LOG_DOMAIN "datadive-model"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dd-model.h"
#include "dd-task.h"

gboolean
dd_model_check_run_name (const char  *name,
                         GError     **error)
{
  if (name == NULL || *name == '\0' || strlen (name) > 200 || strpbrk (name, "\n\r") ||
      !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                   _("A run name must be one line of 1 to 200 bytes"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
dd_model_list_runs (DdCatalog  *catalog,
                    GError    **error)
{
  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  return dd_catalog_read_runs (catalog, error);
}

static void
set_no_run (GError     **error,
            const char  *name)
{
  g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_NOT_FOUND,
               _("The catalog has no model run named “%s”"), name);
}

gboolean
dd_model_delete_run (DdCatalog   *catalog,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(DdCatalogWriter) w = NULL;
  gint64 id;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  if (!(w = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_METADATA, error)))
    return FALSE;
  id = dd_catalog_writer_find_run (w, name, error);
  if (id < 0)
    return FALSE;
  if (id == 0)
    {
      set_no_run (error, name);
      return FALSE;
    }
  return dd_catalog_writer_delete_run (w, id, error) &&
         dd_catalog_writer_commit (g_steal_pointer (&w), error) &&
         dd_model_update_suspect_labels (catalog, NULL, error);
}

gboolean
dd_model_rename_run (DdCatalog   *catalog,
                     const char  *name,
                     const char  *new_name,
                     GError     **error)
{
  g_autoptr(DdCatalogWriter) w = NULL;
  gint64 id, other;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  if (!dd_model_check_run_name (new_name, error) ||
      !(w = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_METADATA, error)))
    return FALSE;
  if ((id = dd_catalog_writer_find_run (w, name, error)) < 0 ||
      (other = dd_catalog_writer_find_run (w, new_name, error)) < 0)
    return FALSE;
  if (id == 0)
    {
      set_no_run (error, name);
      return FALSE;
    }
  if (other != 0 && other != id)
    {
      g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                   _("The catalog already has a model run named “%s”"), new_name);
      return FALSE;
    }
  return dd_catalog_writer_rename_run (w, id, new_name, error) &&
         dd_catalog_writer_commit (g_steal_pointer (&w), error) &&
         dd_model_update_suspect_labels (catalog, NULL, error);
}

DdRunRows *
dd_model_read_run (DdCatalog   *catalog,
                   const char  *name,
                   gboolean     with_probs,
                   GError     **error)
{
  gboolean found = FALSE;
  DdRunRows *rows;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  rows = dd_catalog_read_run (catalog, name, with_probs, &found, error);
  if (rows == NULL && !found && (error == NULL || *error == NULL))
    set_no_run (error, name);
  return rows;
}

gint64
dd_run_rows_find_index (DdRunRows *rows,
                        gint64     sample_id)
{
  const DdPrediction *p = (const DdPrediction *) rows->rows->data;
  gint64 lo = 0, hi = (gint64) rows->rows->len - 1;

  while (lo <= hi)
    {
      gint64 mid = (lo + hi) / 2;

      if (p[mid].sample_id == sample_id)
        return mid;
      if (p[mid].sample_id < sample_id)
        lo = mid + 1;
      else
        hi = mid - 1;
    }
  return -1;
}

const DdPrediction *
dd_run_rows_find (DdRunRows *rows,
                  gint64     sample_id)
{
  gint64 i = dd_run_rows_find_index (rows, sample_id);

  return i < 0 ? NULL : &g_array_index (rows->rows, DdPrediction, i);
}

/* ---- the outcome clause ------------------------------------------------------------ */

const char *
dd_model_outcome_to_string (DdModelOutcome outcome)
{
  switch (outcome)
    {
    case DD_MODEL_OUTCOME_CORRECT:
      return "correct";
    case DD_MODEL_OUTCOME_WRONG:
      return "wrong";
    case DD_MODEL_OUTCOME_ANY:
    default:
      return "any";
    }
}

gboolean
dd_model_outcome_from_string (const char     *text,
                              DdModelOutcome *out)
{
  static const char * const names[] = { "any", "correct", "wrong" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (DdModelOutcome) i;
        return TRUE;
      }
  return FALSE;
}

DdModelClause *
dd_model_clause_new (const char *run)
{
  DdModelClause *clause = g_new0 (DdModelClause, 1);

  clause->run = g_strdup (run);
  clause->confidence_min = NAN;
  clause->confidence_max = NAN;
  return clause;
}

DdModelClause *
dd_model_clause_copy (const DdModelClause *clause)
{
  DdModelClause *copy = g_memdup2 (clause, sizeof *clause);

  copy->run = g_strdup (clause->run);
  copy->predicted = g_strdupv (clause->predicted);
  return copy;
}

void
dd_model_clause_free (DdModelClause *clause)
{
  if (clause == NULL)
    return;
  g_free (clause->run);
  g_strfreev (clause->predicted);
  g_free (clause);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

GArray *
dd_model_clause_ids (DdModelClause  *clause,
                     DdCatalog      *catalog,
                     GError        **error)
{
  g_autoptr(DdRunRows) rows = NULL;
  g_autoptr(GHashTable) predicted = NULL;
  GArray *ids;

  g_return_val_if_fail (clause != NULL, NULL);
  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(rows = dd_model_read_run (catalog, clause->run, FALSE, error)))
    return NULL;
  if (clause->predicted)
    {
      predicted = g_hash_table_new (NULL, NULL);
      for (guint i = 0; clause->predicted[i]; i++)
        {
          guint id = dd_catalog_lookup_class (catalog, clause->predicted[i]);

          if (id == 0)
            {
              g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                           _("Unknown predicted class “%s”"), clause->predicted[i]);
              return NULL;
            }
          g_hash_table_add (predicted, GUINT_TO_POINTER (id));
        }
    }
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < rows->rows->len; i++)
    {
      const DdPrediction *p = &g_array_index (rows->rows, DdPrediction, i);

      if (clause->outcome != DD_MODEL_OUTCOME_ANY &&
          (p->class_id == 0 ||
           (p->class_id == p->predicted) != (clause->outcome == DD_MODEL_OUTCOME_CORRECT)))
        continue;
      if (!isnan (clause->confidence_min) &&
          (isnan (p->confidence) || p->confidence < clause->confidence_min))
        continue;
      if (!isnan (clause->confidence_max) &&
          (isnan (p->confidence) || p->confidence > clause->confidence_max))
        continue;
      if (predicted && !g_hash_table_contains (predicted, GUINT_TO_POINTER (p->predicted)))
        continue;
      if (clause->highest_loss > 0 && isnan (p->loss))
        continue;
      g_array_append_val (ids, p->sample_id);
    }
  if (clause->highest_loss > 0 && ids->len > clause->highest_loss)
    {
      dd_model_sort_ids (rows, (gint64 *) ids->data, ids->len, DD_MODEL_SORT_LOSS, TRUE);
      g_array_set_size (ids, clause->highest_loss);
      g_array_sort (ids, compare_ids);
    }
  return ids;
}

/* ---- ordering ---------------------------------------------------------------------- */

gboolean
dd_model_sort_from_string (const char  *text,
                           DdModelSort *out)
{
  if (g_strcmp0 (text, "confidence") == 0)
    *out = DD_MODEL_SORT_CONFIDENCE;
  else if (g_strcmp0 (text, "loss") == 0)
    *out = DD_MODEL_SORT_LOSS;
  else
    return FALSE;
  return TRUE;
}

typedef struct {
  gint64 id;
  double value;   /* NAN: none */
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Keyed *x = a, *y = b;
  gboolean descending = GPOINTER_TO_INT (user_data);

  if (isnan (x->value) != isnan (y->value))
    return isnan (x->value) ? 1 : -1;
  if (!isnan (x->value) && x->value != y->value)
    return ((x->value < y->value) != descending) ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

void
dd_model_sort_ids (DdRunRows   *rows,
                   gint64      *ids,
                   guint        n,
                   DdModelSort  by,
                   gboolean     descending)
{
  g_autofree Keyed *keyed = NULL;

  if (by == DD_MODEL_SORT_NONE || n == 0)
    return;
  keyed = g_new (Keyed, n);
  for (guint i = 0; i < n; i++)
    {
      const DdPrediction *p = dd_run_rows_find (rows, ids[i]);

      keyed[i].id = ids[i];
      keyed[i].value = p == NULL ? NAN
                       : by == DD_MODEL_SORT_CONFIDENCE ? p->confidence : p->loss;
    }
  g_qsort_with_data (keyed, n, sizeof (Keyed), compare_keyed, GINT_TO_POINTER (descending));
  for (guint i = 0; i < n; i++)
    ids[i] = keyed[i].id;
}

/* ---- what the window picks, off its thread ------------------------------------------ */

GArray *
dd_model_pick_ids (DdCatalog          *catalog,
                   const char         *run,
                   const DdModelPick  *pick,
                   GError            **error)
{
  g_autoptr(DdRunRows) rows = NULL;
  GArray *ids;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(rows = dd_model_read_run (catalog, run, FALSE, error)))
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < rows->rows->len; i++)
    {
      const DdPrediction *p = &g_array_index (rows->rows, DdPrediction, i);

      if (pick->outcome != DD_MODEL_OUTCOME_ANY &&
          (p->class_id == 0 ||
           (p->class_id == p->predicted) != (pick->outcome == DD_MODEL_OUTCOME_CORRECT)))
        continue;
      if ((pick->corruption_id != G_MAXUINT && p->corruption_id != pick->corruption_id) ||
          (pick->severity >= 0 && p->severity != (guint) pick->severity) ||
          (pick->class_id && p->class_id != pick->class_id) ||
          (pick->predicted && p->predicted != pick->predicted))
        continue;
      g_array_append_val (ids, p->sample_id);
    }
  return ids;
}

typedef struct {
  char        *run;
  DdModelPick  pick;
} PickData;

static void
pick_data_free (PickData *data)
{
  g_free (data->run);
  g_free (data);
}

static void
pick_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PickData *data = task_data;
  GError *error = NULL;
  GArray *ids = dd_model_pick_ids (source_object, data->run, &data->pick, &error);

  dd_task_return_pointer_or_error (task, ids, (GDestroyNotify) g_array_unref, error);
}

void
dd_model_pick_ids_async (DdCatalog           *catalog,
                         const char          *run,
                         const DdModelPick   *pick,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (catalog, cancellable, callback, user_data);
  PickData *data = g_new0 (PickData, 1);

  data->run = g_strdup (run);
  data->pick = *pick;
  dd_task_run_in_thread (task, dd_model_pick_ids_async, data, (GDestroyNotify) pick_data_free,
                         pick_thread);
}

GArray *
dd_model_pick_ids_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_model_list_runs_async (DdCatalog           *catalog,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  dd_task_run_call (catalog, (DdTaskCall) dd_model_list_runs,
                    (GDestroyNotify) g_ptr_array_unref, dd_model_list_runs_async,
                    cancellable, callback, user_data);
}

GPtrArray *
dd_model_list_runs_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- one sample, for the viewer -------------------------------------------------------- */

static char *
class_text (GPtrArray *classes,
            guint      id)
{
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);

      if (c->id == id)
        return g_strdup_printf ("%s %s", c->wnid, c->name ? c->name : "");
    }
  return g_strdup ("?");
}

char *
dd_model_describe_prediction (DdCatalog  *catalog,
                              gint64      sample_id,
                              guint       class_id,
                              char      **out_top5)
{
  g_autofree char *run = dd_catalog_read_latest_run (catalog, NULL);
  g_autofree char *top5 = NULL;
  g_autofree char *predicted_text = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint predicted = 0;
  double confidence = NAN, loss = NAN;

  *out_top5 = NULL;
  if (run == NULL || !dd_catalog_read_prediction (catalog, run, sample_id, &predicted,
                                                  &confidence, &loss, &top5, NULL))
    return NULL;
  classes = dd_catalog_list_classes (catalog);
  predicted_text = class_text (classes, predicted);
  g_string_append (text, predicted_text);
  if (class_id != 0)
    g_string_append_printf (text, " — %s", predicted == class_id ? _("right") : _("wrong"));
  if (!isnan (confidence))
    g_string_append_printf (text, _(", confidence %.2f"), confidence);
  if (!isnan (loss))
    g_string_append_printf (text, _(", loss %.2f"), loss);
  g_string_append_printf (text, _(" (run “%s”)"), run);
  if (top5)
    {
      g_auto(GStrv) ids = g_strsplit (top5, ",", -1);
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; ids[i]; i++)
        {
          g_autofree char *c = class_text (classes, (guint) g_ascii_strtoull (ids[i], NULL, 10));

          g_string_append_printf (list, "%s%u. %s", i ? "\n" : "", i + 1, c);
        }
      *out_top5 = g_string_free (g_steal_pointer (&list), FALSE);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- the grid's look-up ------------------------------------------------------------------ */

struct _DdModelLookup {
  gatomicrefcount ref;
  DdRunRows      *rows;
  GPtrArray      *names;    /* class id → its name (or wnid) */
};

DdModelLookup *
dd_model_lookup_ref (DdModelLookup *lookup)
{
  g_atomic_ref_count_inc (&lookup->ref);
  return lookup;
}

void
dd_model_lookup_unref (DdModelLookup *lookup)
{
  if (lookup == NULL || !g_atomic_ref_count_dec (&lookup->ref))
    return;
  dd_run_rows_free (lookup->rows);
  g_ptr_array_unref (lookup->names);
  g_free (lookup);
}

DdModelLookup *
dd_model_lookup_new (DdCatalog  *catalog,
                     GError    **error)
{
  g_autofree char *run = dd_catalog_read_latest_run (catalog, error);
  g_autoptr(GPtrArray) classes = NULL;
  DdModelLookup *lookup;
  DdRunRows *rows;

  if (run == NULL || !(rows = dd_model_read_run (catalog, run, FALSE, error)))
    return NULL;
  lookup = g_new0 (DdModelLookup, 1);
  g_atomic_ref_count_init (&lookup->ref);
  lookup->rows = rows;
  lookup->names = g_ptr_array_new_with_free_func (g_free);
  classes = dd_catalog_list_classes (catalog);
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);

      if (c->id >= lookup->names->len)
        g_ptr_array_set_size (lookup->names, c->id + 1);
      g_ptr_array_index (lookup->names, c->id) = g_strdup (c->name ? c->name : c->wnid);
    }
  return lookup;
}

void
dd_model_lookup_new_async (DdCatalog           *catalog,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  /* no run imported: no lookup, and no error */
  dd_task_run_call (catalog, (DdTaskCall) dd_model_lookup_new,
                    (GDestroyNotify) dd_model_lookup_unref, dd_model_lookup_new_async,
                    cancellable, callback, user_data);
}

DdModelLookup *
dd_model_lookup_new_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
dd_model_lookup_find (DdModelLookup  *lookup,
                      gint64          sample_id,
                      DdModelOutcome *out_outcome)
{
  const DdPrediction *p = dd_run_rows_find (lookup->rows, sample_id);

  *out_outcome = DD_MODEL_OUTCOME_ANY;
  if (p == NULL)
    return NULL;
  if (p->class_id != 0)
    *out_outcome = p->class_id == p->predicted ? DD_MODEL_OUTCOME_CORRECT
                                               : DD_MODEL_OUTCOME_WRONG;
  return p->predicted < lookup->names->len && g_ptr_array_index (lookup->names, p->predicted)
         ? g_ptr_array_index (lookup->names, p->predicted) : "?";
}

/* ---- the grid's order ------------------------------------------------------------------ */

typedef struct {
  DdModelLookup *lookup;
  DdSelection   *selection;
  DdModelSort    by;
  gboolean       descending;
} OrderJob;

static void
order_job_free (OrderJob *job)
{
  dd_model_lookup_unref (job->lookup);
  dd_selection_unref (job->selection);
  g_free (job);
}

static void
order_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  OrderJob *job = task_data;
  guint n = dd_selection_get_n (job->selection);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  GError *error = NULL;

  for (guint i = 0; i < n; i++)
    {
      gint64 id = dd_selection_get_id (job->selection, i);

      g_array_append_val (ids, id);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_array_unref (ids);
      g_task_return_error (task, error);
      return;
    }
  dd_model_sort_ids (job->lookup->rows, (gint64 *) ids->data, ids->len, job->by,
                     job->descending);
  g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

void
dd_model_lookup_order_async (DdModelLookup       *lookup,
                             DdSelection         *selection,
                             DdModelSort          by,
                             gboolean             descending,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OrderJob *job;

  g_return_if_fail (lookup != NULL && selection != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  job = g_new0 (OrderJob, 1);
  job->lookup = dd_model_lookup_ref (lookup);
  job->selection = dd_selection_ref (selection);
  job->by = by;
  job->descending = descending;
  dd_task_run_in_thread (task, dd_model_lookup_order_async, job, (GDestroyNotify) order_job_free,
                         order_thread);
}

GArray *
dd_model_lookup_order_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
