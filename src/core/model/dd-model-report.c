/* The robustness report of a run (Hendrycks & Dietterich, ICLR 2019): the error of each
 * corruption × severity cell, the clean error, Corruption Error per corruption and its
 * mean (mCE), relative CE and relative mCE against a baseline, and the confusions. */
#define G_LOG_DOMAIN "datadive-model"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dd-model.h"
#include "dd-task.h"

#define MAX_CONFUSIONS 20

static void
cell_free (DdModelCell *cell)
{
  g_free (cell->corruption);
  g_free (cell);
}

static void
corruption_free (DdModelCorruption *c)
{
  g_free (c->corruption);
  g_free (c);
}

static void
confusion_free (DdModelConfusion *c)
{
  g_free (c->wnid);
  g_free (c->predicted_wnid);
  g_free (c);
}

void
dd_model_report_free (DdModelReport *report)
{
  if (report == NULL)
    return;
  g_free (report->run);
  g_free (report->baseline);
  g_clear_pointer (&report->cells, g_ptr_array_unref);
  g_clear_pointer (&report->corruptions, g_ptr_array_unref);
  g_clear_pointer (&report->confusions, g_ptr_array_unref);
  g_free (report);
}

/* Errors of one run: cell (corruption id << 8 | severity) → DdModelCell; the clean
 * cell is corruption 0. */
static GHashTable *
count_cells (DdRunRows *rows,
             GPtrArray *corruption_infos)
{
  GHashTable *cells = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cell_free);

  for (guint i = 0; i < rows->rows->len; i++)
    {
      const DdPrediction *p = &g_array_index (rows->rows, DdPrediction, i);
      gpointer key = GUINT_TO_POINTER ((p->corruption_id << 8) | (p->severity & 0xff));
      DdModelCell *cell;

      if (p->class_id == 0)
        continue;
      if (!(cell = g_hash_table_lookup (cells, key)))
        {
          DdCorruptionInfo *info = p->corruption_id < corruption_infos->len
                                   ? g_ptr_array_index (corruption_infos, p->corruption_id)
                                   : NULL;

          cell = g_new0 (DdModelCell, 1);
          cell->corruption_id = p->corruption_id;
          cell->corruption = g_strdup (info ? info->name : "?");
          cell->severity = p->severity;
          g_hash_table_insert (cells, key, cell);
        }
      cell->samples++;
      if (p->predicted != p->class_id)
        cell->errors++;
    }
  return cells;
}

static DdModelCell *
lookup_cell (GHashTable *cells,
             guint       corruption_id,
             guint       severity)
{
  return g_hash_table_lookup (cells, GUINT_TO_POINTER ((corruption_id << 8) | (severity & 0xff)));
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const DdModelCell *x = *(DdModelCell **) a, *y = *(DdModelCell **) b;
  int c = strcmp (x->corruption, y->corruption);

  return c != 0 ? c : (int) x->severity - (int) y->severity;
}

static int
compare_confusions (gconstpointer a,
                    gconstpointer b)
{
  const DdModelConfusion *x = *(DdModelConfusion **) a, *y = *(DdModelConfusion **) b;
  int c;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if ((c = g_strcmp0 (x->wnid, y->wnid)) != 0)
    return c;
  return g_strcmp0 (x->predicted_wnid, y->predicted_wnid);
}

static GPtrArray *
count_confusions (DdRunRows *rows,
                  GPtrArray *classes)
{
  /* (class id << 32 | predicted id) → count */
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) confusion_free);
  GHashTableIter iter;
  gint64 *key;
  guint64 *count;

  for (guint i = 0; i < rows->rows->len; i++)
    {
      const DdPrediction *p = &g_array_index (rows->rows, DdPrediction, i);
      gint64 k = ((gint64) p->class_id << 32) | p->predicted;

      if (p->class_id == 0 || p->class_id == p->predicted)
        continue;
      if (!(count = g_hash_table_lookup (counts, &k)))
        {
          count = g_new0 (guint64, 1);
          g_hash_table_insert (counts, g_memdup2 (&k, sizeof k), count);
        }
      (*count)++;
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &count))
    {
      DdModelConfusion *c = g_new0 (DdModelConfusion, 1);
      DdClassInfo *truth, *predicted;

      c->class_id = (guint) (*key >> 32);
      c->predicted = (guint) (*key & 0xffffffff);
      truth = c->class_id < classes->len ? g_ptr_array_index (classes, c->class_id) : NULL;
      predicted = c->predicted < classes->len ? g_ptr_array_index (classes, c->predicted) : NULL;
      c->wnid = g_strdup (truth ? truth->wnid : "?");
      c->predicted_wnid = g_strdup (predicted ? predicted->wnid : "?");
      c->count = *count;
      g_ptr_array_add (out, c);
    }
  g_ptr_array_sort (out, compare_confusions);
  if (out->len > MAX_CONFUSIONS)
    g_ptr_array_set_size (out, MAX_CONFUSIONS);
  return out;
}

/* Takes @list (as the catalog lists it) and returns its items by id (index = id), with
 * NULL holes; each item's guint id is at @id_offset. */
static GPtrArray *
index_by_id (GPtrArray      *list,
             gsize           id_offset,
             GDestroyNotify  free_item)
{
  g_autoptr(GPtrArray) owned = list;
  GPtrArray *by_id = g_ptr_array_new_with_free_func (free_item);

  for (guint i = 0; i < list->len; i++)
    {
      guint id = G_STRUCT_MEMBER (guint, g_ptr_array_index (list, i), id_offset);

      if (id >= by_id->len)
        g_ptr_array_set_size (by_id, id + 1);
      g_ptr_array_index (by_id, id) = g_ptr_array_steal_index_fast (list, i--);
    }
  return by_id;
}

static double
cell_error (GHashTable *cells,
            guint       corruption_id,
            guint       severity)
{
  DdModelCell *cell = lookup_cell (cells, corruption_id, severity);

  return cell && cell->samples ? cell->error : NAN;
}

/* CE and relative CE per corruption from @report's sorted cells (each corruption one
 * stretch), and their means: mCE, relative mCE. Without @base_cells, CE is the mean
 * error over the corruption's severities. */
static void
corruption_errors (DdModelReport *report,
                   GHashTable    *base_cells,
                   double         clean_base)
{
  double mce_sum = 0, rel_sum = 0;
  guint mce_n = 0, rel_n = 0;

  for (guint i = 0; i < report->cells->len;)
    {
      DdModelCell *first = g_ptr_array_index (report->cells, i);
      DdModelCorruption *c = g_new0 (DdModelCorruption, 1);
      double sum = 0, base_sum = 0, rel = 0, base_rel = 0;
      guint n = 0, shared = 0;

      c->corruption = g_strdup (first->corruption);
      c->ce = c->relative_ce = NAN;
      for (; i < report->cells->len; i++)
        {
          DdModelCell *x = g_ptr_array_index (report->cells, i);
          double base;

          if (x->corruption_id != first->corruption_id)
            break;
          n++;
          if (!base_cells)
            {
              sum += x->error;
              continue;
            }
          base = cell_error (base_cells, x->corruption_id, x->severity);
          if (isnan (base))
            continue;   /* a cell the baseline lacks is left out of both sums */
          shared++;
          sum += x->error;
          base_sum += base;
          rel += x->error - report->clean_error;
          base_rel += base - clean_base;
        }
      if (!base_cells)
        c->ce = sum / n;
      else if (shared > 0)
        {
          if (base_sum > 0)
            c->ce = sum / base_sum;
          if (!isnan (report->clean_error) && !isnan (clean_base) && base_rel != 0)
            c->relative_ce = rel / base_rel;
        }
      if (!isnan (c->ce))
        {
          mce_sum += c->ce;
          mce_n++;
        }
      if (!isnan (c->relative_ce))
        {
          rel_sum += c->relative_ce;
          rel_n++;
        }
      g_ptr_array_add (report->corruptions, c);
    }
  if (mce_n)
    report->mce = mce_sum / mce_n;
  if (rel_n)
    report->relative_mce = rel_sum / rel_n;
}

DdModelReport *
dd_model_report (DdCatalog   *catalog,
                 const char  *run,
                 const char  *baseline,
                 GError     **error)
{
  g_autoptr(DdRunRows) rows = NULL;
  g_autoptr(DdRunRows) base_rows = NULL;
  g_autoptr(GPtrArray) corruption_infos = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GHashTable) base_cells = NULL;
  g_autoptr(DdModelReport) report = NULL;
  GHashTableIter iter;
  DdModelCell *cell;
  double clean_base = NAN;
  guint64 correct = 0;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(rows = dd_model_read_run (catalog, run, FALSE, error)))
    return NULL;
  if (baseline && !(base_rows = dd_model_read_run (catalog, baseline, FALSE, error)))
    return NULL;
  corruption_infos = index_by_id (dd_catalog_list_corruptions (catalog),
                                  G_STRUCT_OFFSET (DdCorruptionInfo, id),
                                  (GDestroyNotify) dd_corruption_info_free);
  classes = index_by_id (dd_catalog_list_classes (catalog), G_STRUCT_OFFSET (DdClassInfo, id),
                         (GDestroyNotify) dd_class_info_free);

  report = g_new0 (DdModelReport, 1);
  report->run = g_strdup (run);
  report->baseline = g_strdup (baseline);
  report->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  report->corruptions = g_ptr_array_new_with_free_func ((GDestroyNotify) corruption_free);
  report->clean_error = report->mce = report->relative_mce = report->accuracy = NAN;

  cells = count_cells (rows, corruption_infos);
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cell))
    {
      cell->error = (double) cell->errors / (double) cell->samples;
      report->samples += cell->samples;
      correct += cell->samples - cell->errors;
    }
  if (report->samples)
    report->accuracy = (double) correct / (double) report->samples;
  if ((cell = lookup_cell (cells, 0, 0)))
    {
      report->clean_samples = cell->samples;
      report->clean_error = cell->error;
    }
  if (base_rows)
    {
      base_cells = count_cells (base_rows, corruption_infos);
      g_hash_table_iter_init (&iter, base_cells);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cell))
        cell->error = (double) cell->errors / (double) cell->samples;
      clean_base = cell_error (base_cells, 0, 0);
    }

  /* The corrupted cells, by corruption name then severity. */
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cell))
    if (cell->corruption_id != 0)
      {
        DdModelCell *copy = g_memdup2 (cell, sizeof *cell);

        copy->corruption = g_strdup (cell->corruption);
        g_ptr_array_add (report->cells, copy);
      }
  g_ptr_array_sort (report->cells, compare_cells);

  corruption_errors (report, base_cells, clean_base);
  report->confusions = count_confusions (rows, classes);
  return g_steal_pointer (&report);
}

const DdModelCell *
dd_model_report_find_cell (DdModelReport *report,
                           guint          corruption_id,
                           guint          severity)
{
  for (guint i = 0; i < report->cells->len; i++)
    {
      DdModelCell *cell = g_ptr_array_index (report->cells, i);

      if (cell->corruption_id == corruption_id && cell->severity == severity)
        return cell;
    }
  return NULL;
}

typedef struct {
  char *run;
  char *baseline;
} ReportData;

static void
report_data_free (ReportData *data)
{
  g_free (data->run);
  g_free (data->baseline);
  g_free (data);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportData *data = task_data;
  GError *error = NULL;
  DdModelReport *report = dd_model_report (source_object, data->run, data->baseline, &error);

  dd_task_return_pointer_or_error (task, report, (GDestroyNotify) dd_model_report_free, error);
}

void
dd_model_report_async (DdCatalog           *catalog,
                       const char          *run,
                       const char          *baseline,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (catalog, cancellable, callback, user_data);
  ReportData *data = g_new0 (ReportData, 1);

  data->run = g_strdup (run);
  data->baseline = g_strdup (baseline);
  dd_task_run_in_thread (task, dd_model_report_async, data, (GDestroyNotify) report_data_free,
                         report_thread);
}

DdModelReport *
dd_model_report_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
