/* The explorer's edges between near duplicates: a sample links to the samples health
 * found to be the same picture (near_pairs, at the catalog's threshold), nearest first. */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-lookup.h"
#include "dd-catalog-near.h"
#include "dd-relations-near.h"

void
dd_relations_add_near_duplicates (DdCatalog  *catalog,
                                  gint64      sample_id,
                                  guint       limit,
                                  GPtrArray  *out)
{
  g_autoptr(GArray) pairs = dd_catalog_read_near_pairs_of (catalog, sample_id, NULL);
  g_autoptr(GArray) partners = g_array_new (FALSE, FALSE, sizeof (DdNearSample));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) infos = NULL;

  if (pairs == NULL)
    return;
  for (guint i = 0; i < pairs->len; i++)
    {
      const DdNearPairRow *p = &g_array_index (pairs, DdNearPairRow, i);

      if (p->a == sample_id || p->b == sample_id)
        g_array_append_val (partners, ((DdNearSample) { p->a == sample_id ? p->b : p->a,
                                                        p->distance }));
    }
  if (partners->len == 0)
    return;
  g_array_sort (partners, dd_near_sample_compare);
  g_array_set_size (partners, MIN (partners->len, MAX (limit, 1)));
  for (guint i = 0; i < partners->len; i++)
    g_array_append_val (ids, g_array_index (partners, DdNearSample, i).id);
  if (!(infos = dd_catalog_get_samples (catalog, (gint64 *) ids->data, ids->len, NULL)))
    return;
  for (guint i = 0; i < partners->len; i++)
    {
      const DdNearSample *p = &g_array_index (partners, DdNearSample, i);

      for (guint k = 0; k < infos->len; k++)
        {
          DdSampleInfo *info = g_ptr_array_index (infos, k);

          if (info->id == p->id)
            {
              /* TRANSLATORS: a near duplicate in the explorer: how many bits its
               * perceptual hash differs by from the sample's */
              g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%u bit",
                                                                     "%u bits",
                                                                     p->distance),
                                                        p->distance);

              g_ptr_array_add (out, dd_node_new (DD_NODE_SAMPLE, info->key, label, 1,
                                                 "near_duplicate"));
              break;
            }
        }
    }
}
