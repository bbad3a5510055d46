/* The Export Subset dialog (Ctrl+E) and its progress window. */
#pragma once

#include "dd-window.h"

G_BEGIN_DECLS

void dd_export_dialog_present (DdWindow *window);

G_END_DECLS
