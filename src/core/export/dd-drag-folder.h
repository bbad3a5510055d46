/* The folder a subset dragged out of the window arrives as: an ImageFolder of hard
 * links (<split>/<wnid>/<file>) built in DataDive's cache while the pointer travels. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

/* Builds @folder (absent) from @selection with the exporter (atomic: a cancelled
 * build leaves nothing), after removing the folders of earlier drags beside it that
 * are older than an hour (a file manager has long copied them). Blocking. */
gboolean dd_drag_folder_build        (DdCatalog            *catalog,
                                      DdSelection          *selection,
                                      const char           *folder,
                                      GCancellable         *cancellable,
                                      GError              **error);
void     dd_drag_folder_build_async  (DdCatalog            *catalog,
                                      DdSelection          *selection,
                                      const char           *folder,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean dd_drag_folder_build_finish (DdCatalog            *catalog,
                                      GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
