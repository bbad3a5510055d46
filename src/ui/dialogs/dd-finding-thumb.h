/* The thumbnail of a finding in the Health Report (a GtkPicture). */
#pragma once

#include <gtk/gtk.h>

#include "dd-finding-item.h"

G_BEGIN_DECLS

/* A picture @size pixels square, showing nothing until bound. */
GtkWidget *dd_finding_thumb_new    (int            size);
/* Shows @item's sample (loaded when its file is known), else the icon of its kind;
 * a request of an earlier item is cancelled. */
void       dd_finding_thumb_bind   (GtkWidget     *picture,
                                    DdFindingItem *item);
void       dd_finding_thumb_unbind (GtkWidget     *picture);

G_END_DECLS
