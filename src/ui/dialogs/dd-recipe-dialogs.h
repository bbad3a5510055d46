/* Named recipes: "Save Recipe…" and "Open Recipe…" over a document. */
#pragma once

#include <adwaita.h>

#include "dd-document.h"

G_BEGIN_DECLS

/* Asks for a name and stores @document's recipe under it; a toast in @toasts says how
 * it went. */
void dd_recipe_dialog_save (GtkWindow       *parent,
                            AdwToastOverlay *toasts,
                            DdDocument      *document);
/* Lists the catalog's recipes; the one chosen is applied to @document as one undoable
 * step. */
void dd_recipe_dialog_open (GtkWindow       *parent,
                            AdwToastOverlay *toasts,
                            DdDocument      *document);

G_END_DECLS
