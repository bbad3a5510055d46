/* DdFindingsWindow: the catalog's health report as a table; activating a finding
 * emits "finding-activated" so the main window can show its sample, class or cell. */
#pragma once

#include <adwaita.h>

#include "dd-catalog.h"
#include "dd-document.h"

G_BEGIN_DECLS

#define DD_TYPE_FINDINGS_WINDOW (dd_findings_window_get_type ())
G_DECLARE_FINAL_TYPE (DdFindingsWindow, dd_findings_window, DD, FINDINGS_WINDOW, AdwWindow)

/* The report is computed off the main thread; @kind (a health kind name, or NULL for
 * every kind) preselects the kind shown. A group of near duplicates is resolved into
 * @document (one undoable step); without one (NULL) it cannot be. */
DdFindingsWindow *dd_findings_window_new          (GtkWindow        *parent,
                                                   DdCatalog        *catalog,
                                                   DdDocument       *document,
                                                   const char       *kind);
/* Rows shown (after the kind filter); 0 until the report is in. */
guint             dd_findings_window_get_n_shown  (DdFindingsWindow *self);
gboolean          dd_findings_window_get_loaded   (DdFindingsWindow *self);
/* The catalog whose report it shows. */
DdCatalog        *dd_findings_window_get_catalog  (DdFindingsWindow *self);
/* The grid of thumbnails (TRUE) or the table, as the header's buttons choose. */
void              dd_findings_window_set_grid     (DdFindingsWindow *self,
                                                   gboolean          grid);
/* Thumbnails of samples (not kind icons) on screen in the mode shown. */
guint             dd_findings_window_get_n_thumbnails (DdFindingsWindow *self);
/* Activates the row at @position, as a double click or Enter would. */
void              dd_findings_window_activate_row (DdFindingsWindow *self,
                                                   guint             position);

G_END_DECLS
