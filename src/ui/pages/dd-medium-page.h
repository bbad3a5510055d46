/* DdMediumPage: the Medium page — the curation panel (classes, corruptions, severities,
 * splits, health, quota) beside the live overview of the subset or the relationship
 * explorer. A node's samples are asked of the window as "win.show-node"; a class,
 * corruption or severity node toggles in the recipe as one undoable step. The overview
 * shows every sample while the document has no subset. */
#pragma once

#include <adwaita.h>

#include "dd-curation-panel.h"
#include "dd-graph-view.h"
#include "dd-overview.h"
#include "dd-page.h"

G_BEGIN_DECLS

#define DD_TYPE_MEDIUM_PAGE (dd_medium_page_get_type ())
G_DECLARE_FINAL_TYPE (DdMediumPage, dd_medium_page, DD, MEDIUM_PAGE, DdPage)

DdCurationPanel *dd_medium_page_get_curation_panel (DdMediumPage *self);
DdOverview      *dd_medium_page_get_overview       (DdMediumPage *self);
DdGraphView     *dd_medium_page_get_graph          (DdMediumPage *self);
/* The explorer in front, started from @kind:@id, with the keyboard focus. */
void             dd_medium_page_show_relations     (DdMediumPage *self,
                                                    DdNodeKind    kind,
                                                    const char   *id);

G_END_DECLS
