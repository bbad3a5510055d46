/* DdWindow: the main window: one dataset, its three tabs, indexing progress. */
#pragma once

#include <adwaita.h>

#include "dd-application.h"

G_BEGIN_DECLS

#define DD_TYPE_WINDOW (dd_window_get_type ())
G_DECLARE_FINAL_TYPE (DdWindow, dd_window, DD, WINDOW, AdwApplicationWindow)

DdWindow *dd_window_new          (DdApplication *application);
/* Opens a dataset folder (its catalog is opened at once when it exists, then the
 * folder is re-indexed in the background; else it is indexed with progress) or a
 * catalog file. Nothing blocks: the work runs off the main thread. */
void      dd_window_open_file    (DdWindow      *self,
                                  GFile         *file);
/* Opens the last dataset, else the demo dataset (generated first when absent). */
void      dd_window_open_default (DdWindow      *self);

G_END_DECLS
