/* DdSampleItem: one sample of a DdSampleModel; its details arrive with its page. */
#pragma once

#include <glib-object.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

#define DD_TYPE_SAMPLE_ITEM (dd_sample_item_get_type ())
G_DECLARE_FINAL_TYPE (DdSampleItem, dd_sample_item, DD, SAMPLE_ITEM, GObject)

DdSampleItem *dd_sample_item_new            (gint64        id,
                                             guint         position);
gint64        dd_sample_item_get_id         (DdSampleItem *self);
guint         dd_sample_item_get_position   (DdSampleItem *self);
/* Where the sample now is in its model (the model moves items it still has to fill). */
void          dd_sample_item_set_position   (DdSampleItem *self,
                                             guint         position);
/* FALSE until the page holding the item has been read; "notify::loaded" then. */
gboolean      dd_sample_item_get_loaded     (DdSampleItem *self);
const char   *dd_sample_item_get_key        (DdSampleItem *self);
const char   *dd_sample_item_get_path       (DdSampleItem *self);
const char   *dd_sample_item_get_class_name (DdSampleItem *self);
const char   *dd_sample_item_get_corruption (DdSampleItem *self);
const char   *dd_sample_item_get_split      (DdSampleItem *self);
guint         dd_sample_item_get_severity   (DdSampleItem *self);
guint32       dd_sample_item_get_flags      (DdSampleItem *self);

/* Fills the item from its catalog row (used by DdSampleModel) and notifies "loaded",
 * each time, for all its fields: watch "loaded", not the fields. */
void          dd_sample_item_set_info       (DdSampleItem       *self,
                                             const DdSampleInfo *info);

G_END_DECLS
