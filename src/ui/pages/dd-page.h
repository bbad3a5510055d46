/* DdPage: what the window's pages share — the catalog, the document being curated and
 * every sample of the catalog, which the window gives them as properties ("document",
 * "catalog", "all-samples"), and what follows from them: a page is asked to show the
 * document's subset, or every sample while the document has none (not yet evaluated,
 * or not evaluable at all). Signal "message" (const char *): a line for the window;
 * "undoable" (const char *): a line saying what an edit did, which the window offers to
 * undo. */
#pragma once

#include <adwaita.h>

#include "dd-document.h"

G_BEGIN_DECLS

#define DD_TYPE_PAGE (dd_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (DdPage, dd_page, DD, PAGE, GtkWidget)

struct _DdPageClass
{
  GtkWidgetClass parent_class;

  /* another catalog or document (either may be NULL) */
  void (*catalog_changed)  (DdPage      *self);
  void (*document_changed) (DdPage      *self);
  /* the document's new subset (@subset TRUE), or every sample */
  void (*show_samples)     (DdPage      *self,
                            DdSelection *samples,
                            gboolean     subset);
  /* the page's natural first control takes the keyboard focus */
  void (*focus_first)      (DdPage      *self);
};

DdCatalog   *dd_page_get_catalog       (DdPage     *self);
DdDocument  *dd_page_get_document      (DdPage     *self);
void         dd_page_message           (DdPage     *self,
                                        const char *text);
/* Says what an edit of the recipe did ("3 samples excluded"), with Undo. */
void         dd_page_undoable          (DdPage     *self,
                                        const char *text);
/* Puts the keyboard focus where typing on this page starts: the sentence on Coarse, the
 * class search on Medium, the grid on Fine (when the window switches to the page). */
void         dd_page_focus_first       (DdPage     *self);

G_END_DECLS
