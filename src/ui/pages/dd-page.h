/* DdPage: what the window's pages share — the catalog, the document being curated and
 * every sample of the catalog, which the window gives them as properties ("document",
 * "catalog", "all-samples"), and what follows from them: a page is asked to show the
 * document's subset, or every sample while the document has none (not yet evaluated,
 * or not evaluable at all). Signal "message" (const char *): a line for the window. */
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
};

DdCatalog   *dd_page_get_catalog       (DdPage     *self);
DdDocument  *dd_page_get_document      (DdPage     *self);
DdSelection *dd_page_get_all_samples   (DdPage     *self);
void         dd_page_message           (DdPage     *self,
                                        const char *text);

G_END_DECLS
