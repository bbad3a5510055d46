/* DdDragProvider: files for a drop outside the window. Nothing is looked up or written
 * on the main thread: the catalog gives the sample paths and builds the subset folder
 * (dd_catalog_get_samples_async, dd_drag_folder_build_async), and the uri-list is
 * written asynchronously. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-lookup.h"
#include "dd-drag-folder.h"
#include "dd-drag-provider.h"
#include "dd-task.h"

#define URI_LIST "text/uri-list"

struct _DdDragProvider
{
  GdkContentProvider parent_instance;

  DdCatalog    *catalog;
  GArray       *ids;            /* samples: gint64 */

  /* subset */
  char         *folder;
  GCancellable *cancellable;
  gboolean      building;
  GError       *build_error;
  GPtrArray    *waiting;        /* GTask, asked before the folder was ready */
};

G_DEFINE_FINAL_TYPE (DdDragProvider, dd_drag_provider, GDK_TYPE_CONTENT_PROVIDER)

static void
write_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean ok = g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error);

  dd_task_return_boolean_or_error (task, ok, error);
}

/* Writes @text (taken) to the task's stream, then completes the task. */
static void
write_uri_list (GTask *task,
                char  *text)
{
  GOutputStream *stream = g_object_get_data (G_OBJECT (task), "stream");

  g_object_set_data_full (G_OBJECT (task), "text", text, g_free);
  g_output_stream_write_all_async (stream, text, strlen (text), G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), write_done, task);
}

static char *
uri_list_of_folder (const char *folder)
{
  g_autofree char *uri = g_filename_to_uri (folder, NULL, NULL);

  return g_strconcat (uri, "\r\n", NULL);
}

static void
samples_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) samples = dd_catalog_get_samples_finish (DD_CATALOG (object), result,
                                                                &error);
  GString *text;

  if (samples == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  text = g_string_new (NULL);
  for (guint i = 0; i < samples->len; i++)
    {
      DdSampleInfo *s = g_ptr_array_index (samples, i);
      g_autofree char *uri = s->path ? g_filename_to_uri (s->path, NULL, NULL) : NULL;

      if (uri)
        g_string_append_printf (text, "%s\r\n", uri);
    }
  write_uri_list (g_steal_pointer (&outer), g_string_free (text, FALSE));
}

static void
dd_drag_provider_write_mime_type_async (GdkContentProvider  *provider,
                                        const char          *mime_type,
                                        GOutputStream       *stream,
                                        int                  io_priority,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  DdDragProvider *self = DD_DRAG_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dd_drag_provider_write_mime_type_async);
  g_task_set_priority (task, io_priority);
  if (!g_str_equal (mime_type, URI_LIST))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Cannot provide the samples as “%s”"), mime_type);
      g_object_unref (task);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "stream", g_object_ref (stream), g_object_unref);

  if (self->folder == NULL)
    dd_catalog_get_samples_async (self->catalog, (gint64 *) self->ids->data, self->ids->len,
                                  cancellable, samples_ready, task);
  else if (self->building)
    g_ptr_array_add (self->waiting, task);
  else if (self->build_error)
    {
      g_task_return_error (task, g_error_copy (self->build_error));
      g_object_unref (task);
    }
  else
    write_uri_list (task, uri_list_of_folder (self->folder));
}

static gboolean
dd_drag_provider_write_mime_type_finish (GdkContentProvider  *provider,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static GdkContentFormats *
dd_drag_provider_ref_formats (GdkContentProvider *provider)
{
  return gdk_content_formats_new ((const char *[]) { URI_LIST }, 1);
}

/* ---- the subset folder ------------------------------------------------------------ */

static void
build_ready (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DdDragProvider) self = user_data;
  g_autoptr(GPtrArray) waiting = NULL;

  self->building = FALSE;
  dd_drag_folder_build_finish (DD_CATALOG (object), result, &self->build_error);
  if (self->build_error)
    g_warning ("Could not build the dragged subset: %s", self->build_error->message);
  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new ();
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (self->build_error)
        {
          g_task_return_error (task, g_error_copy (self->build_error));
          g_object_unref (task);
        }
      else
        write_uri_list (task, uri_list_of_folder (self->folder));
    }
}

/* ---- object ----------------------------------------------------------------------- */

static void
dd_drag_provider_finalize (GObject *object)
{
  DdDragProvider *self = DD_DRAG_PROVIDER (object);

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->folder, g_free);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->build_error);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  G_OBJECT_CLASS (dd_drag_provider_parent_class)->finalize (object);
}

static void
dd_drag_provider_class_init (DdDragProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GdkContentProviderClass *provider_class = GDK_CONTENT_PROVIDER_CLASS (klass);

  object_class->finalize = dd_drag_provider_finalize;
  provider_class->ref_formats = dd_drag_provider_ref_formats;
  provider_class->write_mime_type_async = dd_drag_provider_write_mime_type_async;
  provider_class->write_mime_type_finish = dd_drag_provider_write_mime_type_finish;
}

static void
dd_drag_provider_init (DdDragProvider *self)
{
  self->waiting = g_ptr_array_new ();
}

GdkContentProvider *
dd_drag_provider_new_samples (DdCatalog    *catalog,
                              const gint64 *ids,
                              guint         n_ids)
{
  DdDragProvider *self;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  self = g_object_new (DD_TYPE_DRAG_PROVIDER, NULL);
  self->catalog = g_object_ref (catalog);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (self->ids, ids, n_ids);
  return GDK_CONTENT_PROVIDER (self);
}

GdkContentProvider *
dd_drag_provider_new_subset (DdCatalog   *catalog,
                             DdSelection *selection,
                             const char  *name,
                             const char  *parent_dir)
{
  static GHashTable *handed_out;   /* folder names given to drags of this process */
  DdDragProvider *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *cache = NULL;
  g_autofree char *safe = g_strdup (name && *name ? name : "subset");
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (selection != NULL, NULL);

  g_strdelimit (safe, "/\\:*?\"<>|", '_');
  if (parent_dir == NULL)
    parent_dir = cache = g_build_filename (g_get_user_cache_dir (), "datadive", "drag", NULL);
  base = g_build_filename (parent_dir, safe, NULL);

  self = g_object_new (DD_TYPE_DRAG_PROVIDER, NULL);
  self->catalog = g_object_ref (catalog);
  /* a name of its own, without asking the file system on the main thread: two drags
   * in one second get "-2", "-3"…; folders of earlier runs are an hour old or gone */
  if (handed_out == NULL)
    handed_out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->folder = g_strdup_printf ("%s-%s", base, stamp);
  for (guint n = 2; g_hash_table_contains (handed_out, self->folder); n++)
    {
      g_free (self->folder);
      self->folder = g_strdup_printf ("%s-%s-%u", base, stamp, n);
    }
  g_hash_table_add (handed_out, g_strdup (self->folder));
  self->cancellable = g_cancellable_new ();
  self->building = TRUE;
  /* the callback holds the provider: it lives until the folder is done or cancelled */
  dd_drag_folder_build_async (catalog, selection, self->folder, self->cancellable, build_ready,
                              g_object_ref (self));
  return GDK_CONTENT_PROVIDER (self);
}

void
dd_drag_provider_cancel (DdDragProvider *self)
{
  g_return_if_fail (DD_IS_DRAG_PROVIDER (self));
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

const char *
dd_drag_provider_get_folder (DdDragProvider *self)
{
  g_return_val_if_fail (DD_IS_DRAG_PROVIDER (self), NULL);
  return self->folder;
}
