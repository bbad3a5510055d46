/* DdSampleViewer: one sample at full size, its facts and its corrupted variants. */
#pragma once

#include <adwaita.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

#define DD_TYPE_SAMPLE_VIEWER (dd_sample_viewer_get_type ())
G_DECLARE_FINAL_TYPE (DdSampleViewer, dd_sample_viewer, DD, SAMPLE_VIEWER, AdwWindow)

/* Shows the sample at @position of @selection; Page Up / Page Down walk @selection. */
DdSampleViewer *dd_sample_viewer_new            (GtkWindow      *parent,
                                                 DdCatalog      *catalog,
                                                 DdSelection    *selection,
                                                 guint           position);
/* Shows another sample (loaded off the main thread). */
void            dd_sample_viewer_show_id        (DdSampleViewer *self,
                                                 gint64          id);
/* The catalog it shows samples of. */
DdCatalog      *dd_sample_viewer_get_catalog    (DdSampleViewer *self);
/* The sample shown, NULL until it is loaded. */
DdSampleInfo   *dd_sample_viewer_get_info       (DdSampleViewer *self);
/* Thumbnails in the clean/variants strip (0 when the sample has no variants). */
guint           dd_sample_viewer_get_n_variants (DdSampleViewer *self);
/* Buttons in the "Similar" strip (samples nearest by perceptual hash; a click shows
 * that sample), and whether the strip's look-up for the sample shown has answered. */
guint           dd_sample_viewer_get_n_similar  (DdSampleViewer *self);
gboolean        dd_sample_viewer_get_similar_loaded (DdSampleViewer *self);
/* 0 = fit to the window, else the magnification (1 = actual pixels). */
double          dd_sample_viewer_get_zoom       (DdSampleViewer *self);
void            dd_sample_viewer_set_zoom       (DdSampleViewer *self,
                                                 double          zoom);

G_END_DECLS
