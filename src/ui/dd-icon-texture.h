/* dd_icon_texture(): a symbolic icon in one colour, at one opacity, drawn once into a
 * texture shared by every widget that asks for the same. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The icon @name of @widget's icon theme, @size px square at @widget's scale and
 * direction, recoloured in @color and at @opacity: what gtk_symbolic_paintable_
 * snapshot_symbolic() inside gtk_snapshot_push_opacity() draws, as a texture. Drawing
 * those two each frame, GTK 4.8's cairo renderer makes a group for the opacity and
 * another to recolour the icon: for the ~250 thumbnails still loading in a fast sweep,
 * a tenth of the main thread. Returns a new reference. */
GdkTexture *dd_icon_texture (GtkWidget     *widget,
                             const char    *name,
                             int            size,
                             const GdkRGBA *color,
                             double         opacity);

G_END_DECLS
