/* DdWindow's parts, for tests and benchmarks only: no module of the window's pages or
 * dialogs includes this (they are given what they need). */
#pragma once

#include "dd-coarse-page.h"
#include "dd-curation-panel.h"
#include "dd-document.h"
#include "dd-fine-page.h"
#include "dd-medium-page.h"
#include "dd-overview.h"
#include "dd-session.h"
#include "dd-subset-summary.h"
#include "dd-thumbnail-grid.h"
#include "dd-window.h"

G_BEGIN_DECLS

DdSession       *dd_window_get_session        (DdWindow *self);
/* The session's catalog and document (NULL when nothing is open). */
DdCatalog       *dd_window_get_catalog        (DdWindow *self);
DdDocument      *dd_window_get_document       (DdWindow *self);
DdCoarsePage    *dd_window_get_coarse_page    (DdWindow *self);
DdFinePage      *dd_window_get_fine_page      (DdWindow *self);
/* The Fine page's grid, the Medium page's overview and curation panel. */
DdThumbnailGrid *dd_window_get_grid           (DdWindow *self);
DdOverview      *dd_window_get_overview       (DdWindow *self);
DdCurationPanel *dd_window_get_curation_panel (DdWindow *self);
AdwViewStack    *dd_window_get_view_stack     (DdWindow *self);
/* Whether the window says the catalog is read-only. */
gboolean         dd_window_get_read_only_shown (DdWindow *self);
/* The main menu's Re-index item as it reads now (it says why it cannot run). */
char            *dd_window_get_reindex_label  (DdWindow *self);
/* The text of the last toast the window showed (markup), or NULL. */
const char      *dd_window_get_last_toast     (DdWindow *self);
DdSubsetSummary *dd_window_get_subset_summary (DdWindow *self);
/* The page shown: "loading", "empty", "error" or "content". */
const char      *dd_window_get_state          (DdWindow *self);

G_END_DECLS
