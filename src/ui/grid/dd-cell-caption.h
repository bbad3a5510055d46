/* DdCellCaption: the two lines under a thumbnail (the class, then corruption and
 * severity or split), drawn rather than laid out by labels. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_CELL_CAPTION (dd_cell_caption_get_type ())
G_DECLARE_FINAL_TYPE (DdCellCaption, dd_cell_caption, DD, CELL_CAPTION, GtkWidget)

GtkWidget  *dd_cell_caption_new         (void);
/* Either may be NULL (an empty line: its height stays). */
void        dd_cell_caption_set_text    (DdCellCaption *self,
                                         const char    *title,
                                         const char    *caption);
const char *dd_cell_caption_get_title   (DdCellCaption *self);
const char *dd_cell_caption_get_caption (DdCellCaption *self);
/* Whether the line (0 the title, 1 the caption) is cut to the width it was last drawn
 * at; FALSE before it is drawn. */
gboolean    dd_cell_caption_is_cut      (DdCellCaption *self,
                                         guint          line);

G_END_DECLS
