/* DdWindow: the main window — one dataset open (a DdSession), its Coarse, Medium and
 * Fine pages, the progress of opening and indexing. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DD_TYPE_WINDOW (dd_window_get_type ())
G_DECLARE_FINAL_TYPE (DdWindow, dd_window, DD, WINDOW, AdwApplicationWindow)

DdWindow *dd_window_new          (GtkApplication *application);
/* Opens a dataset folder (its catalog is shown at once when it exists, then the folder
 * is re-indexed in the background; else it is indexed with progress) or a catalog
 * file. Nothing blocks: the session works off the main thread. */
void      dd_window_open_file    (DdWindow       *self,
                                  GFile          *file);
/* Opens the last dataset, else the demo dataset (generated first when absent). */
void      dd_window_open_default (DdWindow       *self);

G_END_DECLS
