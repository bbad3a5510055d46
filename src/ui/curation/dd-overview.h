/* DdOverview: what a subset holds: its classes with their counts, sources, splits,
 * corruptions, severities, health. */
#pragma once

#include <gtk/gtk.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

#define DD_TYPE_OVERVIEW (dd_overview_get_type ())
G_DECLARE_FINAL_TYPE (DdOverview, dd_overview, DD, OVERVIEW, GtkWidget)

GtkWidget *dd_overview_new           (void);
/* Counts the samples of @selection in @catalog (off the main thread) and shows them.
 * "n-samples" is notified once they are shown; "error" when counting failed. */
void       dd_overview_show          (DdOverview  *self,
                                      DdCatalog   *catalog,
                                      DdSelection *selection);
void       dd_overview_clear         (DdOverview  *self);
/* How many classes the recipe chooses (0: every class), for "11 classes, 12 chosen":
 * a chosen class may have no sample in the chosen cells. Set before dd_overview_show(). */
void       dd_overview_set_chosen_classes (DdOverview *self,
                                           guint       n_chosen);
guint      dd_overview_get_n_samples (DdOverview  *self);

G_END_DECLS
