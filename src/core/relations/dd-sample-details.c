/* DdSampleDetails: one sample's facts, picture, WordNet context and variants, gathered
 * blocking or on a worker thread for the viewer. */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-lookup.h"
#include "dd-content.h"
#include "dd-relations.h"
#include "dd-model.h"
#include "dd-sample-details.h"
#include "dd-wordnet.h"
#include "dd-task.h"

/* the clean image's variants: 15 corruptions × 5 severities and room for more */
#define MAX_VARIANTS 100

static void
variant_free (DdSampleVariant *variant)
{
  g_free (variant->key);
  g_free (variant->path);
  g_free (variant->label);
  g_free (variant->corruption);
  g_free (variant);
}

void
dd_sample_details_free (DdSampleDetails *details)
{
  if (details == NULL)
    return;
  g_clear_pointer (&details->info, dd_sample_info_free);
  g_clear_object (&details->pixbuf);
  g_free (details->ancestry);
  g_free (details->gloss);
  g_clear_pointer (&details->variants, g_ptr_array_unref);
  g_free (details->prediction);
  g_free (details->top5);
  g_free (details);
}

/* The clean image and its variants: from a clean sample its neighbours, from a
 * corrupted one those of its clean image; the labels are the relations'. */
static GPtrArray *
load_variants (DdCatalog    *catalog,
               DdSampleInfo *info)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_free);
  const char *clean = info->corruption_id == 0 ? info->key : info->clean_key;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GHashTable) label_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) samples = NULL;

  if (clean == NULL)
    return out;
  nodes = dd_relations_neighbours (catalog, DD_NODE_SAMPLE, clean, MAX_VARIANTS, NULL);
  g_ptr_array_add (keys, (char *) clean);
  g_hash_table_insert (label_of, (char *) clean, _("clean"));
  for (guint i = 0; nodes && i < nodes->len; i++)
    {
      DdNode *node = g_ptr_array_index (nodes, i);

      if (node->kind != DD_NODE_SAMPLE || g_strcmp0 (node->edge, "variant") != 0)
        continue;
      g_ptr_array_add (keys, node->id);
      g_hash_table_insert (label_of, node->id, node->label);
    }
  if (keys->len < 2)
    return out;
  samples = dd_catalog_get_samples_by_keys (catalog, (const char * const *) keys->pdata,
                                            (int) keys->len, NULL);
  /* a clean image the catalog no longer holds has no matrix */
  if (samples == NULL || samples->len < 2 ||
      g_strcmp0 (((DdSampleInfo *) samples->pdata[0])->key, clean) != 0)
    return out;
  for (guint i = 0; i < samples->len; i++)
    {
      DdSampleInfo *s = g_ptr_array_index (samples, i);
      DdSampleVariant *v = g_new0 (DdSampleVariant, 1);
      const char *label = g_hash_table_lookup (label_of, s->key);

      v->id = s->id;
      v->key = g_strdup (s->key);
      v->path = g_strdup (s->path);
      v->label = g_strdup (label ? label : s->corruption);
      v->corruption = g_strdup (s->corruption_id == 0 ? "none" : s->corruption);
      v->severity = s->severity;
      v->current = s->id == info->id;
      g_ptr_array_add (out, v);
    }
  return out;
}

static void
load_wordnet (DdSampleDetails *details)
{
  DdWordnet *wordnet = dd_wordnet_get_default ();
  const char *wnid = details->info->wnid;
  g_autoptr(GPtrArray) up = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (wnid == NULL || wordnet == NULL || !dd_wordnet_has (wordnet, wnid))
    return;
  up = dd_wordnet_get_ancestors (wordnet, wnid);
  for (guint i = 0; i < up->len; i++)
    {
      g_autofree char *name = dd_wordnet_get_name (wordnet, up->pdata[i]);

      g_string_append_printf (text, "%s%s", i ? " › " : "", name ? name : (char *) up->pdata[i]);
    }
  details->ancestry = g_string_free (g_steal_pointer (&text), FALSE);
  details->gloss = dd_wordnet_get_gloss (wordnet, wnid);
}

/* A corruption keeps the geometry: the clean image's box is this one's too. */
static void
load_clean_boxes (DdCatalog       *catalog,
                  DdSampleDetails *details)
{
  const char *clean_key = details->info->clean_key;
  g_autoptr(GPtrArray) clean = NULL;
  DdSampleInfo *c;

  if (details->info->boxes->len > 0 || clean_key == NULL)
    return;
  clean = dd_catalog_get_samples_by_keys (catalog, &clean_key, 1, NULL);
  if (clean == NULL || clean->len == 0)
    return;
  c = g_ptr_array_index (clean, 0);
  if (c->boxes->len == 0)
    return;
  g_array_append_vals (details->info->boxes, c->boxes->data, c->boxes->len);
  details->clean_boxes = TRUE;
}

DdSampleDetails *
dd_sample_details_load (DdCatalog     *catalog,
                        gint64         id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(DdSampleDetails) details = g_new0 (DdSampleDetails, 1);

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(details->info = dd_catalog_get_sample (catalog, id, error)))
    return NULL;
  /* never blocks on a sample swapped for a FIFO since the scan */
  details->pixbuf = dd_content_load_pixbuf (details->info->path, 0, details->info->file_size,
                                            NULL);
  load_wordnet (details);
  load_clean_boxes (catalog, details);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  details->variants = load_variants (catalog, details->info);
  details->prediction = dd_model_describe_prediction (catalog, id, details->info->class_id,
                                                      &details->top5);
  return g_steal_pointer (&details);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  DdSampleDetails *details = dd_sample_details_load (source_object, *(gint64 *) task_data,
                                                     cancellable, &error);

  dd_task_return_pointer_or_error (task, details, (GDestroyNotify) dd_sample_details_free, error);
}

void
dd_sample_details_load_async (DdCatalog           *catalog,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DD_IS_CATALOG (catalog));

  task = g_task_new (catalog, cancellable, callback, user_data);
  dd_task_run_in_thread (task, dd_sample_details_load_async, g_memdup2 (&id, sizeof id), g_free,
                         load_thread);
}

DdSampleDetails *
dd_sample_details_load_finish (DdCatalog     *catalog,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_sample_details_load_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
