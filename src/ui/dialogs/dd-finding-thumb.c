/* The thumbnail of a finding in the Health Report: the sample's picture from the shared
 * thumbnailer, or the icon of its kind while it loads, when the finding is about no
 * sample, or when the file cannot be shown. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-finding-thumb.h"
#include "dd-thumbnailer.h"
#include "dd-ui-text.h"

/* A picture of the finding's sample, or of its kind when it is about no sample (or the
 * file cannot be shown). Its request is cancelled when the row scrolls away. */
typedef struct {
  GtkPicture    *picture;
  DdFindingItem *item;
  GCancellable  *cancellable;
  gulong         path_handler;
} Thumb;

static void
thumb_clear (Thumb *thumb)
{
  if (thumb->cancellable)
    g_cancellable_cancel (thumb->cancellable);
  g_clear_object (&thumb->cancellable);
  if (thumb->item)
    g_clear_signal_handler (&thumb->path_handler, thumb->item);
  g_clear_object (&thumb->item);
}

static void
thumb_free (Thumb *thumb)
{
  thumb_clear (thumb);
  g_free (thumb);
}

static void
thumb_show_kind (Thumb *thumb)
{
  GtkWidget *widget = GTK_WIDGET (thumb->picture);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon =
    gtk_icon_theme_lookup_icon (theme, dd_ui_health_icon (dd_finding_item_get_kind (thumb->item)),
                                NULL, 24, gtk_widget_get_scale_factor (widget),
                                GTK_TEXT_DIR_NONE, 0);

  gtk_picture_set_paintable (thumb->picture, GDK_PAINTABLE (icon));
  gtk_picture_set_content_fit (thumb->picture, GTK_CONTENT_FIT_SCALE_DOWN);
  gtk_widget_add_css_class (widget, "dim-label");
}

static void
thumb_loaded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = dd_thumbnailer_load_finish (DD_THUMBNAILER (object), result,
                                                              &error);
  Thumb *thumb = g_object_get_data (G_OBJECT (picture), "dd-thumb");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || thumb == NULL ||
      thumb->item == NULL)
    return;
  if (texture)
    {
      gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
      gtk_picture_set_content_fit (picture, GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_remove_css_class (GTK_WIDGET (picture), "dim-label");
    }
  else
    thumb_show_kind (thumb);
}

static void
thumb_load (Thumb *thumb)
{
  const char *path = dd_finding_item_get_path (thumb->item);
  g_autoptr(GdkTexture) texture = NULL;
  DdThumbnailer *thumbnailer = dd_thumbnailer_get_default ();

  thumb_show_kind (thumb);
  if (path == NULL)
    return;
  if (dd_thumbnailer_lookup (thumbnailer, path, &texture))
    {
      if (texture)
        {
          gtk_picture_set_paintable (thumb->picture, GDK_PAINTABLE (texture));
          gtk_picture_set_content_fit (thumb->picture, GTK_CONTENT_FIT_CONTAIN);
          gtk_widget_remove_css_class (GTK_WIDGET (thumb->picture), "dim-label");
        }
      return;
    }
  if (thumb->cancellable)
    g_cancellable_cancel (thumb->cancellable);
  g_clear_object (&thumb->cancellable);
  thumb->cancellable = g_cancellable_new ();
  dd_thumbnailer_load_async (thumbnailer, path, thumb->cancellable, thumb_loaded,
                             g_object_ref (thumb->picture));
}

GtkWidget *
dd_finding_thumb_new (int size)
{
  GtkWidget *picture = gtk_picture_new ();
  Thumb *thumb = g_new0 (Thumb, 1);

  thumb->picture = GTK_PICTURE (picture);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (picture, size, size);
  gtk_widget_add_css_class (picture, "dd-finding-thumb");
  g_object_set_data_full (G_OBJECT (picture), "dd-thumb", thumb, (GDestroyNotify) thumb_free);
  return picture;
}

void
dd_finding_thumb_bind (GtkWidget     *picture,
                       DdFindingItem *item)
{
  Thumb *thumb = g_object_get_data (G_OBJECT (picture), "dd-thumb");

  thumb_clear (thumb);
  thumb->item = g_object_ref (item);
  /* the file arrives after the report: load then */
  thumb->path_handler = g_signal_connect_swapped (item, "notify::path", G_CALLBACK (thumb_load),
                                                  thumb);
  thumb_load (thumb);
}

void
dd_finding_thumb_unbind (GtkWidget *picture)
{
  thumb_clear (g_object_get_data (G_OBJECT (picture), "dd-thumb"));
}

