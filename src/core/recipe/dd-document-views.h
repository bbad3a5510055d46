/* The other views of a document's samples that the Fine tab offers beside the subset:
 * the samples excluded by hand, and the subset's samples with findings. */
#pragma once

#include "dd-document.h"

G_BEGIN_DECLS

typedef enum {
  DD_DOCUMENT_VIEW_EXCLUDED,   /* the current recipe's "exclude" keys the catalog holds */
  DD_DOCUMENT_VIEW_FLAGGED,    /* the current recipe's samples having any finding */
} DdDocumentView;

/* Selects @view of the document's current recipe on a worker thread (the excluded
 * keys are looked up in SQLite). */
void         dd_document_select_view_async  (DdDocument          *document,
                                             DdDocumentView       view,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
DdSelection *dd_document_select_view_finish (DdDocument          *document,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
