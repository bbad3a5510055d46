/* The Export Subset dialog (Ctrl+E) and its progress window. */
#pragma once

#include <adwaita.h>

#include "dd-document.h"

G_BEGIN_DECLS

/* Asks for layout, files and folder, then exports @document's subset in the background
 * with progress and Cancel; the outcome is a toast in @toasts. Nothing when the document
 * has no subset yet. */
void dd_export_dialog_present (GtkWindow       *parent,
                               AdwToastOverlay *toasts,
                               DdDocument      *document);

G_END_DECLS
