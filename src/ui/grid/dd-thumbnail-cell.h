/* DdThumbnailCell: one cell of a thumbnail grid: picture, class, corruption, badge. */
#pragma once

#include <gtk/gtk.h>

#include "dd-model.h"
#include "dd-sample-item.h"
#include "dd-thumbnailer.h"

G_BEGIN_DECLS

#define DD_TYPE_THUMBNAIL_CELL (dd_thumbnail_cell_get_type ())
G_DECLARE_FINAL_TYPE (DdThumbnailCell, dd_thumbnail_cell, DD, THUMBNAIL_CELL, GtkWidget)

GtkWidget    *dd_thumbnail_cell_new      (DdThumbnailer   *thumbnailer);
DdSampleItem *dd_thumbnail_cell_get_item (DdThumbnailCell *self);
/* Shows @item (or nothing): sets the labels and starts decoding; a previous item's
 * request is cancelled. */
void          dd_thumbnail_cell_set_item (DdThumbnailCell *self,
                                          DdSampleItem    *item);
/* What the picture area shows: "loading", "picture" or "broken"; the picture (NULL
 * unless "picture") and the icon over the empty frame (NULL with a picture). */
const char   *dd_thumbnail_cell_get_image_state (DdThumbnailCell *self);
GdkPaintable *dd_thumbnail_cell_get_paintable   (DdThumbnailCell *self);
const char   *dd_thumbnail_cell_get_state_icon  (DdThumbnailCell *self);
/* Whether the health badge is shown; its icon names the (first) kind of finding and its
 * tooltip says each problem ("Truncated image: the file ends before the image does"). */
gboolean      dd_thumbnail_cell_get_has_badge   (DdThumbnailCell *self);
const char   *dd_thumbnail_cell_get_badge_icon  (DdThumbnailCell *self);
char         *dd_thumbnail_cell_get_badge_tooltip (DdThumbnailCell *self);
/* The recipe's per-sample overrides, as sets of sample keys (either may be NULL): an
 * excluded sample is dimmed with a badge, a forced-in one gets its own badge. */
void          dd_thumbnail_cell_set_overrides   (DdThumbnailCell *self,
                                                 GHashTable      *include,
                                                 GHashTable      *exclude);
/* What the run imported last predicted (NULL: no run): the caption says the predicted
 * class when wrong, a check when right. */
void          dd_thumbnail_cell_set_predictions (DdThumbnailCell *self,
                                                 DdModelLookup   *predictions);
/* The predicted class of the sample shown (NULL: none) and whether it is right. */
const char   *dd_thumbnail_cell_get_prediction  (DdThumbnailCell *self,
                                                 DdModelOutcome  *out_outcome);
/* "excluded", "included" or NULL. */
const char   *dd_thumbnail_cell_get_mark        (DdThumbnailCell *self);
/* The two lines under the picture: the class, and the corruption and severity (or
 * "Clean · split") after the run's prediction; NULL while loading. */
const char   *dd_thumbnail_cell_get_title       (DdThumbnailCell *self);
const char   *dd_thumbnail_cell_get_caption     (DdThumbnailCell *self);

G_END_DECLS
