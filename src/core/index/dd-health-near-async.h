/* The near-duplicate calls the window makes, off the main thread: resolving a group of
 * copies into a recipe, the samples most like one sample, and a new threshold. */
#pragma once

#include "dd-health-near.h"

G_BEGIN_DECLS

/* dd_health_resolve_group() on a worker thread (@recipe and @group are copied). */
void       dd_health_resolve_group_async      (DdCatalog           *catalog,
                                               DdRecipe            *recipe,
                                               const DdNearGroup   *group,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The new recipe and the key kept in @out_kept; NULL with an error. */
DdRecipe  *dd_health_resolve_group_finish     (DdCatalog           *catalog,
                                               GAsyncResult        *result,
                                               char               **out_kept,
                                               GError             **error);

/* dd_health_similar() on a worker thread, within the catalog's near-duplicate
 * threshold plus @margin bits, with each similar sample's facts (its file and class
 * name, for a thumbnail and a caption) looked up there too. Returns the GPtrArray of
 * DdSimilar and, in @out_samples, the parallel GPtrArray of DdSampleInfo (NULL where
 * the sample is gone) and in @out_threshold the threshold (a distance within it is the
 * same picture); NULL with the error of dd_health_similar(). */
void       dd_health_similar_async             (DdCatalog           *catalog,
                                                const char          *key,
                                                guint                limit,
                                                guint                margin,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray *dd_health_similar_finish            (DdCatalog           *catalog,
                                                GAsyncResult        *result,
                                                GPtrArray          **out_samples,
                                                guint               *out_threshold,
                                                GError             **error);

/* dd_health_set_near_threshold() on a worker thread: the pairs found again at
 * @threshold bits (nothing done when the catalog has that threshold already); the
 * catalog's "changed" follows on its main context when any finding changed. */
void       dd_health_set_near_threshold_async  (DdCatalog           *catalog,
                                                guint                threshold,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   dd_health_set_near_threshold_finish (DdCatalog           *catalog,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
