/* DdReveal: widgets shown one a frame — the parts of a page below its top, measured and
 * shaped over a few frames instead of all in the first one that shows the page. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _DdReveal DdReveal;

/* Hides @children (@n of them, all visible) and shows them again in order, one each
 * frame of @owner's frame clock (@owner mapped). */
DdReveal *dd_reveal_start  (GtkWidget        *owner,
                            GtkWidget * const *children,
                            guint             n);
/* Shows every child not shown yet, at once, and frees @reveal. */
void      dd_reveal_finish (DdReveal         *reveal);

G_END_DECLS
