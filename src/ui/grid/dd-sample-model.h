/* DdSampleModel: a GListModel of DdSampleItem over a DdSelection, paged from the catalog. */
#pragma once

#include <gio/gio.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

#define DD_TYPE_SAMPLE_MODEL (dd_sample_model_get_type ())
G_DECLARE_FINAL_TYPE (DdSampleModel, dd_sample_model, DD, SAMPLE_MODEL, GObject)

/* Rows read at once, and pages kept (8,192 rows). A page's items are filled, and their
 * cells updated, in one turn of the main loop between two frames: with 256 rows a page
 * the sweep across the grid (a screen of new samples a frame) had such turns of 5-20 ms
 * that pushed frames past 60 Hz; with 128 its frame p99 was 16.7 ms in 7 of 8 runs at
 * 860k against 3 of 8, and 6 of 8 against 4 of 8 at 5 M (alternating runs). */
#define DD_SAMPLE_MODEL_DEFAULT_PAGE_SIZE 128
#define DD_SAMPLE_MODEL_DEFAULT_MAX_PAGES 64

DdSampleModel *dd_sample_model_new               (DdCatalog     *catalog);
DdSelection   *dd_sample_model_get_selection     (DdSampleModel *self);
/* Replaces the samples shown: the only time "items-changed" is emitted. */
void           dd_sample_model_set_selection     (DdSampleModel *self,
                                                  DdSelection   *selection);
/* Shows @selection in the order of @order (gint64: the same ids, as shown; the Fine
 * grid sorted by a model run's confidence or loss); dd_sample_model_set_selection()
 * returns to id order. */
void           dd_sample_model_set_order         (DdSampleModel *self,
                                                  DdSelection   *selection,
                                                  GArray        *order);
gboolean       dd_sample_model_get_ordered       (DdSampleModel *self);
/* Rows read per catalog request, and how many read pages are kept (least recently
 * used pages are dropped). Changing either drops the pages read so far. */
void           dd_sample_model_set_paging        (DdSampleModel *self,
                                                  guint          page_size,
                                                  guint          max_pages);
guint          dd_sample_model_get_n_loaded_pages  (DdSampleModel *self);
guint          dd_sample_model_get_n_pending_pages (DdSampleModel *self);
/* Page reads started since the model was made. */
guint          dd_sample_model_get_n_page_reads    (DdSampleModel *self);

G_END_DECLS
