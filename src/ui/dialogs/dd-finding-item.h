/* DdFindingItem: one finding of the health report as the report window lists it — its
 * kind, what it is about, one line of detail, its sample and that sample's file (for
 * the thumbnail; "path" is notified when the look-up brings it) and, for a near
 * duplicate, where its group of copies stands in the subset ("resolution"). */
#pragma once

#include <gio/gio.h>

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_FINDING_ITEM (dd_finding_item_get_type ())
G_DECLARE_FINAL_TYPE (DdFindingItem, dd_finding_item, DD, FINDING_ITEM, GObject)

/* Where a near-duplicate finding's group stands in the document's recipe. */
typedef enum {
  DD_FINDING_NOT_IN_GROUP,   /* not a near-duplicate finding */
  DD_FINDING_GROUP_OPEN,     /* its copies are all still in the subset */
  DD_FINDING_GROUP_KEPT,     /* resolved: this is the copy kept */
  DD_FINDING_GROUP_EXCLUDED, /* resolved, or by hand: this copy is out of the subset */
} DdFindingResolution;

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
/* The findings's group ("resolution" is notified on change) and how many other copies
 * it holds. */
DdFindingResolution dd_finding_item_get_resolution (DdFindingItem       *self);
void                dd_finding_item_set_resolution (DdFindingItem       *self,
                                                    DdFindingResolution  resolution);
guint               dd_finding_item_get_n_copies   (DdFindingItem       *self);
void                dd_finding_item_set_n_copies   (DdFindingItem       *self,
                                                    guint                n_copies);

G_END_DECLS
