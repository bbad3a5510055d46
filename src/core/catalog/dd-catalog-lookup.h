/* Samples by ids and by keys, off the caller's thread: the look-ups the window, the
 * relationship explorer, the viewer and drags make ("keys → ids → DdSampleInfo"),
 * written once here instead of once per widget. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

/* Details of the samples named by @keys (@n_keys of them, or up to a NULL when @n_keys
 * is -1), in the order of @keys; keys the catalog does not hold are skipped. The ids
 * come from one statement in one read transaction (dd_catalog_lookup_keys). Returns a
 * GPtrArray of DdSampleInfo, empty when no key is found. */
GPtrArray *dd_catalog_get_samples_by_keys        (DdCatalog           *self,
                                                  const char * const  *keys,
                                                  int                  n_keys,
                                                  GError             **error);
void       dd_catalog_get_samples_by_keys_async  (DdCatalog           *self,
                                                  const char * const  *keys,
                                                  int                  n_keys,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray *dd_catalog_get_samples_by_keys_finish (DdCatalog           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* dd_catalog_get_samples_by_keys(), parallel to @keys: element i holds the details of
 * @keys[i], or NULL where that key is NULL, the catalog does not hold it, or it came
 * earlier in @keys (the first has it). */
GPtrArray *dd_catalog_get_samples_at_keys        (DdCatalog           *self,
                                                  const char * const  *keys,
                                                  guint                n_keys,
                                                  GError             **error);

/* dd_catalog_get_samples() on a worker thread: details of @ids in the given order
 * (ids the catalog does not hold are skipped). */
void       dd_catalog_get_samples_async          (DdCatalog           *self,
                                                  const gint64        *ids,
                                                  guint                n_ids,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray *dd_catalog_get_samples_finish         (DdCatalog           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
