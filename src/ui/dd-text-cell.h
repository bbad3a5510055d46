/* DdTextCell: one line of text in a cell of a list or table, drawn rather than laid out
 * by a GtkLabel. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_TEXT_CELL (dd_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (DdTextCell, dd_text_cell, DD, TEXT_CELL, GtkWidget)

GtkWidget  *dd_text_cell_new        (void);
const char *dd_text_cell_get_text   (DdTextCell *self);
void        dd_text_cell_set_text   (DdTextCell *self,
                                     const char *text);
/* The same without "notify::text", for a widget whose cell is its own internal child
 * that no one else can watch: a thumbnail's lines, set at every bind while scrolling
 * (GLib 2.74 emits "notify" whether or not anyone listens: 3 % of the main thread in a
 * fast sweep). */
void        dd_text_cell_set_text_silently (DdTextCell *self,
                                            const char *text);
/* 0 starts the text at the start of the cell, 1 ends it at the end (numbers), 0.5
 * centres it. */
void        dd_text_cell_set_xalign (DdTextCell *self,
                                     float       xalign);
/* Whether the text was cut ("Yorkshire terr…") when last drawn; FALSE before. */
gboolean    dd_text_cell_is_cut     (DdTextCell *self);

G_END_DECLS
