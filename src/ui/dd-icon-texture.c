/* dd_icon_texture(): symbolic icons drawn once into textures, by what they were drawn
 * from (theme, name, size, scale, direction, colour, opacity). */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-icon-texture.h"

/* A cairo image's pixels as GDK_MEMORY_R8G8B8A8 (straight alpha): the cairo renderer
 * of GTK 4.8 turns that into its own format with integers at each draw, while its own
 * format, premultiplied, it converts through floats. */
static GBytes *
straight_rgba (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guchar *rgba = g_malloc ((gsize) width * height * 4);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4);
        guint a = p >> 24;
        guchar *out = rgba + ((gsize) y * width + x) * 4;

        for (guint c = 0; c < 3; c++)
          {
            guint v = (p >> (16 - 8 * c)) & 0xff;   /* red, green, blue */

            out[c] = a ? (guchar) MIN (255u, (v * 255 + a / 2) / a) : 0;
          }
        out[3] = (guchar) a;
      }
  return g_bytes_new_take (rgba, (gsize) width * height * 4);
}

static GdkTexture *
draw_icon (GtkIconPaintable *icon,
           int               size,
           int               scale,
           const GdkRGBA    *color,
           double            opacity)
{
  GdkRGBA colors[4] = { *color, *color, *color, *color };
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int side = size * scale;
  cairo_surface_t *surface;
  cairo_t *cr;

  gtk_snapshot_push_opacity (snapshot, opacity);
  if (GTK_IS_SYMBOLIC_PAINTABLE (icon))
    gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                              size, size, colors, G_N_ELEMENTS (colors));
  else
    gdk_paintable_snapshot (GDK_PAINTABLE (icon), snapshot, size, size);
  gtk_snapshot_pop (snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  if (node)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = straight_rgba (surface);
  cairo_surface_destroy (surface);
  return gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8A8, bytes, (gsize) side * 4);
}

GdkTexture *
dd_icon_texture (GtkWidget     *widget,
                 const char    *name,
                 int            size,
                 const GdkRGBA *color,
                 double         opacity)
{
  static GHashTable *made;   /* what they were drawn from → GdkTexture */
  GtkIconTheme *theme;
  int scale;
  GtkTextDirection direction;
  g_autofree char *theme_name = NULL;
  g_autofree char *color_text = NULL;
  g_autofree char *key = NULL;
  GdkTexture *texture;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (name != NULL && size > 0 && color != NULL, NULL);

  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  scale = gtk_widget_get_scale_factor (widget);
  direction = gtk_widget_get_direction (widget);
  theme_name = gtk_icon_theme_get_theme_name (theme);
  color_text = gdk_rgba_to_string (color);
  key = g_strdup_printf ("%s %s %d %d %d %s %g", theme_name, name, size, scale, direction,
                         color_text, opacity);
  if (made == NULL)
    made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  texture = g_hash_table_lookup (made, key);
  if (texture == NULL)
    {
      g_autoptr(GtkIconPaintable) icon =
        gtk_icon_theme_lookup_icon (theme, name, NULL, size, scale, direction, 0);

      texture = draw_icon (icon, size, scale, color, opacity);
      if (g_hash_table_size (made) >= 32)   /* themes, colours and scales come and go */
        g_hash_table_remove_all (made);
      g_hash_table_insert (made, g_steal_pointer (&key), texture);
    }
  return g_object_ref (texture);
}
