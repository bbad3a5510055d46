/* DdSubsetSummary: the subset at a glance, under the header bar on every tab — the
 * sample count, the classes chosen and how many have samples, corruptions, severities,
 * splits, what is left out, the quota and the samples excluded or included by hand, one
 * chip each. A chip shortens its text only with the whole of it in its tooltip, and a
 * click goes where that part is changed (the Medium tab, or the grid of the samples
 * excluded by hand). Property "document": the DdDocument it follows. */
#pragma once

#include <gtk/gtk.h>

#include "dd-document.h"

G_BEGIN_DECLS

#define DD_TYPE_SUBSET_SUMMARY (dd_subset_summary_get_type ())
G_DECLARE_FINAL_TYPE (DdSubsetSummary, dd_subset_summary, DD, SUBSET_SUMMARY, GtkWidget)

void        dd_subset_summary_set_document (DdSubsetSummary *self,
                                            DdDocument      *document);
/* The chips' labels, " · "-joined (for tests and the window's tooltip). */
char       *dd_subset_summary_get_text     (DdSubsetSummary *self);

G_END_DECLS
