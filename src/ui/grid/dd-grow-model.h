/* DdGrowModel: a list model that shows all of another, or its first items only while a
 * view grows into it; changes pass through as they come once it shows all. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_GROW_MODEL (dd_grow_model_get_type ())
G_DECLARE_FINAL_TYPE (DdGrowModel, dd_grow_model, DD, GROW_MODEL, GObject)

/* All of @model, and a selection model too: its selection is @model's, all of it
 * (select all selects what is not shown yet). */
DdGrowModel *dd_grow_model_new       (GtkSelectionModel *model);
/* Shows the first @limit items of the model at most; G_MAXUINT: all of them. While
 * limited, a change of the model is announced as a change of everything shown after its
 * position (the model's own changes are exact only once it shows all). */
void         dd_grow_model_set_limit (DdGrowModel       *self,
                                      guint              limit);
guint        dd_grow_model_get_limit (DdGrowModel       *self);

G_END_DECLS
