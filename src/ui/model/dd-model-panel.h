/* DdModelPanel: the Model section of the Medium page — pick a run (and a baseline), see
 * its error heatmap, clean error, mCE and relative mCE and its confusions; a cell or a
 * confusion shows its samples in the Fine grid (the window's "win.show-samples"). */
#pragma once

#include <gtk/gtk.h>

#include "dd-catalog.h"
#include "dd-document.h"

G_BEGIN_DECLS

#define DD_TYPE_MODEL_PANEL (dd_model_panel_get_type ())
G_DECLARE_FINAL_TYPE (DdModelPanel, dd_model_panel, DD, MODEL_PANEL, GtkWidget)

GtkWidget *dd_model_panel_new         (void);
/* Lists the runs of @catalog (off the main thread) and shows the first one's report. */
void       dd_model_panel_set_catalog (DdModelPanel *self,
                                       DdCatalog    *catalog);
/* The document whose recipe the "Keep" choice edits (a model clause on the chosen run:
 * its wrong or its correct predictions), one undoable step. */
void       dd_model_panel_set_document (DdModelPanel *self,
                                        DdDocument   *document);
/* Lists the runs again (after an import elsewhere), keeping the chosen ones. */
void       dd_model_panel_reload      (DdModelPanel *self);
/* TRUE once the chosen run's report is shown (for tests). */
gboolean   dd_model_panel_is_ready    (DdModelPanel *self);

G_END_DECLS
