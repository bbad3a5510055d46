/* DdDragProvider: what a drag out of the window delivers to a file manager, as a
 * text/uri-list: the files of some samples, or a whole subset as an ImageFolder of
 * hard links materialised in the cache directory while the pointer travels. */
#pragma once

#include <gtk/gtk.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

#define DD_TYPE_DRAG_PROVIDER (dd_drag_provider_get_type ())
G_DECLARE_FINAL_TYPE (DdDragProvider, dd_drag_provider, DD, DRAG_PROVIDER, GdkContentProvider)

/* The files of the samples @ids (looked up off the main thread when asked for). */
GdkContentProvider *dd_drag_provider_new_samples (DdCatalog    *catalog,
                                                  const gint64 *ids,
                                                  guint         n_ids);
/* A folder named after @name under @parent_dir (NULL: DataDive's cache), holding
 * @selection as <split>/<wnid>/<file> hard links; building starts at once. Folders
 * of earlier drags there older than an hour are removed first. */
GdkContentProvider *dd_drag_provider_new_subset  (DdCatalog    *catalog,
                                                  DdSelection  *selection,
                                                  const char   *name,
                                                  const char   *parent_dir);
/* A drag given up: stop building the folder (the exporter removes its partial work). */
void                dd_drag_provider_cancel      (DdDragProvider *self);
/* The subset folder (NULL for samples). */
const char         *dd_drag_provider_get_folder  (DdDragProvider *self);

G_END_DECLS
