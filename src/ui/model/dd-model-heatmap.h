/* DdModelHeatmap: a run's error per corruption × severity cell, coloured on one scale
 * with its legend; values on hover and on keyboard focus, cells reachable with the
 * arrow keys, a click or Enter activates a cell. */
#pragma once

#include <gtk/gtk.h>

#include "dd-model.h"

G_BEGIN_DECLS

#define DD_TYPE_MODEL_HEATMAP (dd_model_heatmap_get_type ())
G_DECLARE_FINAL_TYPE (DdModelHeatmap, dd_model_heatmap, DD, MODEL_HEATMAP, GtkWidget)

GtkWidget *dd_model_heatmap_new           (void);
/* Shows the cells of @report (copied; NULL clears). */
void       dd_model_heatmap_set_report    (DdModelHeatmap *self,
                                           DdModelReport  *report);
guint      dd_model_heatmap_get_n_rows    (DdModelHeatmap *self);
/* The focused cell: FALSE when there is none. */
gboolean   dd_model_heatmap_get_focus     (DdModelHeatmap *self,
                                           guint          *out_corruption_id,
                                           guint          *out_severity);
/* The one line a cell says (its tooltip and accessible description); NULL when the
 * heatmap has no such cell. */
char      *dd_model_heatmap_describe_cell (DdModelHeatmap *self,
                                           guint           row,
                                           guint           severity);

G_END_DECLS
