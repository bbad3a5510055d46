/* Drag and drop on the window: a dataset folder or catalog dropped on it opens; the Fine
 * page's "Drag Subset Out" handle delivers the subset to a file manager as an
 * ImageFolder of hard links, built while the pointer travels. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-drag-provider.h"
#include "dd-window-internal.h"

/* The window's own drags (thumbnails, the subset) are for other applications. */
static gboolean
drop_accept (GtkDropTarget *target,
             GdkDrop       *drop,
             gpointer       user_data)
{
  if (gdk_drop_get_drag (drop) != NULL)
    return FALSE;
  return gdk_content_formats_match (gdk_drop_get_formats (drop),
                                    gtk_drop_target_get_formats (target));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
  gboolean handled = files != NULL;

  if (files)
    dd_window_open_file (user_data, files->data);
  g_slist_free (files);
  return handled;
}

static GdkContentProvider *
subset_drag_prepare (GtkDragSource *source,
                     double         x,
                     double         y,
                     DdWindow      *self)
{
  DdDocument *document = dd_session_get_document (self->session);
  DdSelection *selection = document ? dd_document_get_selection (document) : NULL;
  GtkWidget *handle = dd_fine_page_get_drag_handle (self->fine_page);
  g_autoptr(GdkPaintable) icon = NULL;
  GdkContentProvider *provider;

  if (selection == NULL || dd_selection_get_n (selection) == 0)
    return NULL;
  provider = dd_drag_provider_new_subset (dd_document_get_catalog (document), selection,
                                          gtk_window_get_title (GTK_WINDOW (self)), NULL);
  g_object_set_data_full (G_OBJECT (source), "provider", g_object_ref (provider), g_object_unref);
  icon = gtk_widget_paintable_new (handle);
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return provider;
}

static gboolean
subset_drag_cancel (GtkDragSource       *source,
                    GdkDrag             *drag,
                    GdkDragCancelReason  reason,
                    DdWindow            *self)
{
  DdDragProvider *provider = g_object_get_data (G_OBJECT (source), "provider");

  if (provider)
    dd_drag_provider_cancel (provider);
  g_object_set_data (G_OBJECT (source), "provider", NULL);
  return FALSE;
}

void
dd_window_setup_dnd (DdWindow *self)
{
  GtkDropTarget *drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  GtkDragSource *source = gtk_drag_source_new ();

  g_signal_connect (drop_target, "accept", G_CALLBACK (drop_accept), self);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (subset_drag_prepare), self);
  g_signal_connect (source, "drag-cancel", G_CALLBACK (subset_drag_cancel), self);
  gtk_widget_add_controller (dd_fine_page_get_drag_handle (self->fine_page),
                             GTK_EVENT_CONTROLLER (source));
}
