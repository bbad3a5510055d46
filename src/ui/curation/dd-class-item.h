/* DdClassItem: one class of the catalog as a row of the Medium tab's class list: its
 * names, whether the recipe keeps it, and its counts. */
#pragma once

#include <glib-object.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

#define DD_TYPE_CLASS_ITEM (dd_class_item_get_type ())
G_DECLARE_FINAL_TYPE (DdClassItem, dd_class_item, DD, CLASS_ITEM, GObject)

DdClassItem *dd_class_item_new            (const DdClassInfo *info);
guint        dd_class_item_get_id         (DdClassItem *self);
const char  *dd_class_item_get_wnid       (DdClassItem *self);
const char  *dd_class_item_get_name       (DdClassItem *self);
/* Names, synonyms, wnid and parent, lower case: what the search looks in. */
const char  *dd_class_item_get_search     (DdClassItem *self);
gboolean     dd_class_item_get_checked    (DdClassItem *self);
void         dd_class_item_set_checked    (DdClassItem *self,
                                           gboolean     checked);
/* Samples of the class in the subset, in the catalog, and with a health finding;
 * "count-text" ("84 / 428") and "findings-text" ("" for none) follow them. */
void         dd_class_item_set_counts     (DdClassItem *self,
                                           guint        in_subset,
                                           guint        total,
                                           guint        findings);
guint        dd_class_item_get_total      (DdClassItem *self);

G_END_DECLS
