/* DdFinePage: the Fine page — the thumbnail grid of the subset (every sample while the
 * document has none), or of the samples excluded by hand, those with findings, or those
 * picked elsewhere (a finding, a node of the explorer); per-sample include / exclude;
 * the viewer on Enter. It asks the window for "win.show-page" and "win.show-relations"
 * by name. */
#pragma once

#include <adwaita.h>

#include "dd-page.h"
#include "dd-relations.h"
#include "dd-thumbnail-grid.h"

G_BEGIN_DECLS

#define DD_TYPE_FINE_PAGE (dd_fine_page_get_type ())
G_DECLARE_FINAL_TYPE (DdFinePage, dd_fine_page, DD, FINE_PAGE, DdPage)

/* What the grid shows. */
typedef enum {
  DD_FINE_VIEW_SUBSET,
  DD_FINE_VIEW_EXCLUDED,   /* excluded by hand */
  DD_FINE_VIEW_FLAGGED,    /* the subset's samples with findings */
  DD_FINE_VIEW_PICKED,     /* what dd_fine_page_show_filter() picked */
} DdFineView;

DdThumbnailGrid *dd_fine_page_get_grid           (DdFinePage   *self);
/* The "Drag Subset Out" handle, for the window's drag source. */
GtkWidget       *dd_fine_page_get_drag_handle    (DdFinePage   *self);
void             dd_fine_page_set_view           (DdFinePage   *self,
                                                  DdFineView    view);
DdFineView       dd_fine_page_get_view           (DdFinePage   *self);
/* The line above the grid when it shows something else than the subset, else NULL. */
const char      *dd_fine_page_get_view_note      (DdFinePage   *self);
/* Leaves the grid's selected samples out of the subset (or brings them back), or with
 * @include forces them in: one undoable step once their keys are looked up. */
void             dd_fine_page_edit_selected      (DdFinePage   *self,
                                                  gboolean      include);
/* Shows the samples @filter selects as the "Picked samples" view, and the page;
 * @description says what they are ("goldfish · Motion blur 4, from the explorer"), in
 * the line above the grid with the way back to the subset. A new subset returns the
 * grid to it. */
void             dd_fine_page_show_filter        (DdFinePage   *self,
                                                  const DdFilter *filter,
                                                  const char   *description);
/* The same for what a node of the explorer reached by @path (DdNode, from the root)
 * stands for: the samples of its path (dd-relations-scope.h). */
void             dd_fine_page_show_path          (DdFinePage   *self,
                                                  GPtrArray    *path);
/* The same for what a node of the explorer stands for. */
void             dd_fine_page_show_node          (DdFinePage   *self,
                                                  DdNodeKind    kind,
                                                  const char   *id);

G_END_DECLS
