/* The explorer's edges from a model run (the one imported last): a class links to the
 * classes its samples are predicted as ("predicted_as", weighted by how often), a
 * sample to the class it is predicted as. */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include <math.h>

#include "dd-catalog-runs.h"
#include "dd-relations-model.h"

void
dd_relations_add_predicted_classes (DdCatalog  *catalog,
                                    guint       class_id,
                                    guint       limit,
                                    GPtrArray  *out)
{
  g_autofree char *run = dd_catalog_read_latest_run (catalog, NULL);
  g_autoptr(GArray) confusions = NULL;
  g_autoptr(GPtrArray) classes = NULL;

  if (run == NULL || !(confusions = dd_catalog_read_confusions (catalog, run, class_id, limit,
                                                                NULL)))
    return;
  classes = dd_catalog_list_classes (catalog);
  for (guint i = 0; i < confusions->len; i++)
    {
      const DdConfusionCount *c = &g_array_index (confusions, DdConfusionCount, i);

      for (guint k = 0; k < classes->len; k++)
        {
          DdClassInfo *info = g_ptr_array_index (classes, k);

          if (info->id == c->predicted)
            g_ptr_array_add (out, dd_node_new (DD_NODE_CLASS, info->wnid, info->name, c->count,
                                               "predicted_as"));
        }
    }
}

void
dd_relations_add_predicted_class (DdCatalog  *catalog,
                                  gint64      sample_id,
                                  GPtrArray  *out)
{
  g_autofree char *run = dd_catalog_read_latest_run (catalog, NULL);
  g_autofree char *top5 = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  guint predicted = 0;
  double confidence, loss;

  if (run == NULL || !dd_catalog_read_prediction (catalog, run, sample_id, &predicted,
                                                  &confidence, &loss, &top5, NULL))
    return;
  classes = dd_catalog_list_classes (catalog);
  for (guint k = 0; k < classes->len; k++)
    {
      DdClassInfo *info = g_ptr_array_index (classes, k);

      if (info->id == predicted)
        g_ptr_array_add (out, dd_node_new (DD_NODE_CLASS, info->wnid, info->name, 0,
                                           "predicted_as"));
    }
}
