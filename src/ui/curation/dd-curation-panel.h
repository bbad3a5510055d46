/* DdCurationPanel: the Medium tab's controls over a DdDocument. */
#pragma once

#include <adwaita.h>

#include "dd-document.h"

G_BEGIN_DECLS

#define DD_TYPE_CURATION_PANEL (dd_curation_panel_get_type ())
G_DECLARE_FINAL_TYPE (DdCurationPanel, dd_curation_panel, DD, CURATION_PANEL, GtkWidget)

GtkWidget      *dd_curation_panel_new             (void);
void            dd_curation_panel_set_document    (DdCurationPanel *self,
                                                   DdDocument      *document);
/* The document the panel shows, or NULL before it has one. */
DdDocument     *dd_curation_panel_get_document    (DdCurationPanel *self);
GtkCheckButton *dd_curation_panel_get_class_check (DdCurationPanel *self,
                                                   const char      *wnid);
/* The class search takes the keyboard focus. */
void            dd_curation_panel_focus_search    (DdCurationPanel *self);

G_END_DECLS
