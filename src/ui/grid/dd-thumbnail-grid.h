/* DdThumbnailGrid: the thumbnail grid of a selection of samples, used by every tab. */
#pragma once

#include <gtk/gtk.h>

#include "dd-catalog.h"
#include "dd-sample-model.h"

G_BEGIN_DECLS

#define DD_TYPE_THUMBNAIL_GRID (dd_thumbnail_grid_get_type ())
G_DECLARE_FINAL_TYPE (DdThumbnailGrid, dd_thumbnail_grid, DD, THUMBNAIL_GRID, GtkWidget)

/* Setting another catalog empties the grid until a selection is set. */
void                dd_thumbnail_grid_set_catalog    (DdThumbnailGrid *self,
                                                      DdCatalog       *catalog);
DdSelection        *dd_thumbnail_grid_get_selection  (DdThumbnailGrid *self);
void                dd_thumbnail_grid_set_selection  (DdThumbnailGrid *self,
                                                      DdSelection     *selection);
/* @selection in the order of @order (gint64 ids, as shown): dd_sample_model_set_order();
 * dd_thumbnail_grid_set_selection() returns to id order. */
void                dd_thumbnail_grid_set_order      (DdThumbnailGrid *self,
                                                      DdSelection     *selection,
                                                      GArray          *order);
/* The samples shown (NULL without a catalog) and which of them the user selected. */
DdSampleModel      *dd_thumbnail_grid_get_model      (DdThumbnailGrid *self);
GtkSelectionModel  *dd_thumbnail_grid_get_selection_model (DdThumbnailGrid *self);
/* The grid of thumbnails takes the keyboard focus (its focused cell). */
void                dd_thumbnail_grid_focus          (DdThumbnailGrid *self);
/* How many samples the user selected ("n-selected"). */
guint               dd_thumbnail_grid_get_n_selected (DdThumbnailGrid *self);
/* The recipe's per-sample overrides (sample keys, NULL-terminated, either may be NULL),
 * shown as badges on the cells. */
void                dd_thumbnail_grid_set_overrides  (DdThumbnailGrid    *self,
                                                      const char * const *include,
                                                      const char * const *exclude);
/* What the grid says when it has no sample ("No sample of the subset has findings."). */
void                dd_thumbnail_grid_set_empty_text (DdThumbnailGrid *self,
                                                      const char      *description);
const char         *dd_thumbnail_grid_get_empty_text (DdThumbnailGrid *self);

/* The run imported last, its prediction on each cell (NULL: none). */
void                dd_thumbnail_grid_set_predictions (DdThumbnailGrid *self,
                                                       DdModelLookup   *predictions);

G_END_DECLS
