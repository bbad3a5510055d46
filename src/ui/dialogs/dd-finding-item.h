/* DdFindingItem: one finding of the health report as the report window lists it — its
 * kind, what it is about, one line of detail, its sample and that sample's file (for
 * the thumbnail; "path" is notified when the look-up brings it). More kinds of item
 * (a group of findings to resolve at once) can sit beside it in the same list. */
#pragma once

#include <gio/gio.h>

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_FINDING_ITEM (dd_finding_item_get_type ())
G_DECLARE_FINAL_TYPE (DdFindingItem, dd_finding_item, DD, FINDING_ITEM, GObject)

DdFindingItem *dd_finding_item_new           (DdHealthKind   kind,
                                              const char    *key,
                                              const char    *detail,
                                              gint64         sample_id);
DdHealthKind   dd_finding_item_get_kind      (DdFindingItem *self);
const char    *dd_finding_item_get_key       (DdFindingItem *self);
const char    *dd_finding_item_get_detail    (DdFindingItem *self);
/* 0 when the finding is not about one sample (a missing cell, an annotation row). */
gint64         dd_finding_item_get_sample_id (DdFindingItem *self);
/* The sample's file, NULL until looked up (or for a finding without a sample). */
const char    *dd_finding_item_get_path      (DdFindingItem *self);
void           dd_finding_item_set_path      (DdFindingItem *self,
                                              const char    *path);

G_END_DECLS
