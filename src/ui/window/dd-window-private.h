/* DdWindow internals for tests. */
#pragma once

#include "dd-catalog.h"
#include "dd-document.h"
#include "dd-curation-panel.h"
#include "dd-overview.h"
#include "dd-prompt-panel.h"
#include "dd-thumbnail-grid.h"
#include "dd-window.h"

G_BEGIN_DECLS

DdCatalog       *dd_window_get_catalog    (DdWindow *self);
/* The open dataset's recipe, history and evaluated subset (NULL when none is open).
 * Pages change the subset only with dd_document_apply(). */
DdDocument      *dd_window_get_document   (DdWindow *self);
DdOverview      *dd_window_get_overview   (DdWindow *self);
DdPromptPanel   *dd_window_get_prompt_panel (DdWindow *self);
DdCurationPanel *dd_window_get_curation_panel (DdWindow *self);
/* Leaves the grid's selected samples out of the subset (or brings them back). */
void             dd_window_toggle_exclude_selected (DdWindow *self);
DdThumbnailGrid *dd_window_get_grid       (DdWindow *self);
/* Shows the samples @filter selects in the Fine grid ("Picked samples"). */
void             dd_window_show_filter    (DdWindow *self,
                                           DdFilter *filter);
AdwViewStack    *dd_window_get_view_stack (DdWindow *self);
/* Whether the window says the catalog is read-only. */
gboolean         dd_window_get_read_only_shown (DdWindow *self);
/* "loading", "error" or "content". */
const char      *dd_window_get_state      (DdWindow *self);

G_END_DECLS
