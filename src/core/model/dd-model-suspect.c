/* Suspect labels by confident learning (Northcutt, Jiang & Chuang, JAIR 2021): with a
 * run's probabilities, the threshold of class j is the mean p_j over the samples
 * labeled j; a sample labeled i is suspect when p_i < t_i while some other class j has
 * p_j >= t_j — the likely class is the most probable such j. The run imported last
 * with probabilities decides, and the samples carry the suspect_label health flag. */
#define G_LOG_DOMAIN "datadive-model"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dd-model.h"

GArray *
dd_model_confident_learning (DdRunRows   *rows,
                             const guint *label_class,
                             double     **out_thresholds)
{
  guint n_labels = g_strv_length (rows->labels);
  g_autofree double *sum = g_new0 (double, MAX (n_labels, 1));
  g_autofree guint64 *count = g_new0 (guint64, MAX (n_labels, 1));
  g_autofree double *t = g_new (double, MAX (n_labels, 1));
  g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);   /* class id → label + 1 */
  GArray *suspects = g_array_new (FALSE, FALSE, sizeof (DdSuspect));

  if (rows->probs == NULL)
    return suspects;
  for (guint j = 0; j < n_labels; j++)
    if (label_class[j] && !g_hash_table_contains (index_of, GUINT_TO_POINTER (label_class[j])))
      g_hash_table_insert (index_of, GUINT_TO_POINTER (label_class[j]), GUINT_TO_POINTER (j + 1));

  /* per-class thresholds: the mean self-confidence of each class */
  for (guint r = 0; r < rows->rows->len; r++)
    {
      const DdPrediction *p = &g_array_index (rows->rows, DdPrediction, r);
      const float *probs = rows->probs + (gsize) r * n_labels;
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, GUINT_TO_POINTER (p->class_id)));

      if (p->class_id == 0 || i == 0 || isnan (probs[0]))
        continue;
      sum[i - 1] += probs[i - 1];
      count[i - 1]++;
    }
  for (guint j = 0; j < n_labels; j++)
    t[j] = count[j] ? sum[j] / count[j] : NAN;

  for (guint r = 0; r < rows->rows->len; r++)
    {
      const DdPrediction *p = &g_array_index (rows->rows, DdPrediction, r);
      const float *probs = rows->probs + (gsize) r * n_labels;
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, GUINT_TO_POINTER (p->class_id)));
      gint likely = -1;

      if (p->class_id == 0 || i == 0 || isnan (probs[0]) || !(probs[i - 1] < t[i - 1]))
        continue;
      for (guint j = 0; j < n_labels; j++)
        if (j != i - 1 && label_class[j] && !isnan (t[j]) && probs[j] >= t[j] &&
            (likely < 0 || probs[j] > probs[likely]))
          likely = j;
      if (likely >= 0)
        {
          DdSuspect s = {
            .sample_id = p->sample_id, .label = p->class_id, .likely = label_class[likely],
            .p_label = probs[i - 1], .t_label = t[i - 1],
            .p_likely = probs[likely], .t_likely = t[likely],
          };

          g_array_append_val (suspects, s);
        }
    }
  if (out_thresholds)
    *out_thresholds = g_steal_pointer (&t);
  return suspects;
}

static const char *
wnid_of (GPtrArray *classes,
         guint      id)
{
  for (guint i = 0; i < classes->len; i++)
    if (((DdClassInfo *) g_ptr_array_index (classes, i))->id == id)
      return ((DdClassInfo *) g_ptr_array_index (classes, i))->wnid;
  return "?";
}

static const char *
name_of (GPtrArray *classes,
         guint      id)
{
  for (guint i = 0; i < classes->len; i++)
    if (((DdClassInfo *) g_ptr_array_index (classes, i))->id == id)
      {
        const char *name = ((DdClassInfo *) g_ptr_array_index (classes, i))->name;

        return name ? name : "?";
      }
  return "?";
}

gboolean
dd_model_update_suspect_labels (DdCatalog  *catalog,
                                guint      *out_count,
                                GError    **error)
{
  g_autoptr(DdCatalogWriter) w = NULL;
  g_autofree char *run = NULL;
  g_autoptr(DdRunRows) rows = NULL;
  g_autoptr(GArray) suspects = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autofree guint *label_class = NULL;
  guint n_labels;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  if (out_count)
    *out_count = 0;
  if (!(w = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_METADATA, error)))
    return FALSE;
  run = dd_catalog_writer_latest_probs_run (w);
  if (run)
    {
      if (!(rows = dd_model_read_run (catalog, run, TRUE, error)))
        return FALSE;
      n_labels = g_strv_length (rows->labels);
      label_class = g_new0 (guint, MAX (n_labels, 1));
      for (guint j = 0; j < n_labels; j++)
        label_class[j] = dd_catalog_lookup_class (catalog, rows->labels[j]);
      suspects = dd_model_confident_learning (rows, label_class, NULL);
      for (guint i = 0; i < suspects->len; i++)
        g_array_append_val (ids, g_array_index (suspects, DdSuspect, i).sample_id);
    }
  if (!dd_catalog_writer_set_flag_on (w, DD_HEALTH_SUSPECT_LABEL, ids, error) ||
      !dd_catalog_writer_clear_findings (w, DD_HEALTH_SUSPECT_LABEL, error))
    return FALSE;
  for (guint i = 0; suspects && i < suspects->len; i++)
    {
      const DdSuspect *s = &g_array_index (suspects, DdSuspect, i);
      g_autoptr(DdSampleInfo) info = dd_catalog_get_sample (catalog, s->sample_id, NULL);
      g_autofree char *detail = NULL;

      if (info == NULL)
        continue;
      detail = g_strdup_printf (_("labeled %s (p %.2f, below its class's %.2f); likely %s %s "
                                  "(p %.2f ≥ %.2f) by run “%s”"),
                                wnid_of (classes, s->label), s->p_label, s->t_label,
                                wnid_of (classes, s->likely), name_of (classes, s->likely),
                                s->p_likely, s->t_likely, run);
      if (!dd_catalog_writer_add_finding (w, DD_HEALTH_SUSPECT_LABEL, info->key, detail, error))
        return FALSE;
    }
  if (!dd_catalog_writer_commit (g_steal_pointer (&w), error) || !dd_catalog_reload (catalog, error))
    return FALSE;
  if (out_count)
    *out_count = ids->len;
  return TRUE;
}
