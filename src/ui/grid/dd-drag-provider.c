/* DdDragProvider: files for a drop outside the window. Nothing is looked up or written
 * on the main thread: sample paths come from the catalog on a worker, the subset folder
 * is built by the exporter on a worker, and the uri-list is written asynchronously. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-drag-provider.h"
#include "dd-export.h"
#include "dd-paths.h"

#define URI_LIST "text/uri-list"
#define STALE_SECONDS (60 * 60)

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

  if (g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
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
samples_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DdDragProvider *self = source_object;
  g_autoptr(GPtrArray) samples = NULL;
  GError *error = NULL;
  GString *text = g_string_new (NULL);

  samples = dd_catalog_get_samples (self->catalog, (gint64 *) self->ids->data, self->ids->len,
                                    &error);
  if (samples == NULL)
    {
      g_string_free (text, TRUE);
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < samples->len; i++)
    {
      DdSampleInfo *s = g_ptr_array_index (samples, i);
      g_autofree char *uri = s->path ? g_filename_to_uri (s->path, NULL, NULL) : NULL;

      if (uri)
        g_string_append_printf (text, "%s\r\n", uri);
    }
  g_task_return_pointer (task, g_string_free (text, FALSE), g_free);
}

static void
samples_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  char *text = g_task_propagate_pointer (G_TASK (result), &error);

  if (text == NULL)
    g_task_return_error (outer, error);
  else
    write_uri_list (g_steal_pointer (&outer), text);
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
    {
      g_autoptr(GTask) lookup = g_task_new (self, cancellable, samples_ready, task);

      g_task_run_in_thread (lookup, samples_thread);
    }
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

/* Removes a folder tree without following symbolic links. */
static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  if (g_remove (path) != 0)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
}

/* Folders of earlier drags: a file manager has long copied what it was given. */
static void
remove_stale_folders (const char *parent)
{
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;
  time_t stale_before = time (NULL) - STALE_SECONDS;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (parent, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode) && st.st_mtime < stale_before)
        remove_tree (path);
    }
}

typedef struct {
  DdSelection *selection;
  char        *folder;
} Build;

static void
build_free (Build *b)
{
  dd_selection_unref (b->selection);
  g_free (b->folder);
  g_free (b);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DdDragProvider *self = source_object;
  Build *b = task_data;
  g_autofree char *parent = g_path_get_dirname (b->folder);
  g_autoptr(DdExporter) exporter = dd_exporter_new (self->catalog);
  g_autoptr(DdExportResult) result = NULL;
  DdExportOptions options = { 0 };
  GError *error = NULL;

  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Cannot create “%s”: %s"), parent, g_strerror (saved));
      return;
    }
  remove_stale_folders (parent);
  options.layout = DD_EXPORT_IMAGEFOLDER;
  options.mode = DD_EXPORT_HARDLINK;
  options.target = b->folder;
  result = dd_exporter_run (exporter, b->selection, &options, NULL, NULL, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
build_ready (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  DdDragProvider *self = DD_DRAG_PROVIDER (object);
  g_autoptr(GPtrArray) waiting = NULL;

  self->building = FALSE;
  g_task_propagate_boolean (G_TASK (result), &self->build_error);
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
  DdDragProvider *self;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *cache = NULL;
  g_autofree char *safe = g_strdup (name && *name ? name : "subset");
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = NULL;
  Build *b;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (selection != NULL, NULL);

  g_strdelimit (safe, "/\\:*?\"<>|", '_');
  if (parent_dir == NULL)
    parent_dir = cache = g_build_filename (g_get_user_cache_dir (), "datadive", "drag", NULL);
  base = g_build_filename (parent_dir, safe, NULL);

  self = g_object_new (DD_TYPE_DRAG_PROVIDER, NULL);
  self->catalog = g_object_ref (catalog);
  self->folder = g_strdup_printf ("%s-%s", base, stamp);
  for (guint n = 2; g_file_test (self->folder, G_FILE_TEST_EXISTS); n++)
    {
      g_free (self->folder);
      self->folder = g_strdup_printf ("%s-%s-%u", base, stamp, n);
    }
  self->cancellable = g_cancellable_new ();
  self->building = TRUE;

  b = g_new0 (Build, 1);
  b->selection = dd_selection_ref (selection);
  b->folder = g_strdup (self->folder);
  /* the task holds the provider: it lives until the folder is done or cancelled */
  task = g_task_new (self, self->cancellable, build_ready, NULL);
  g_task_set_source_tag (task, dd_drag_provider_new_subset);
  g_task_set_task_data (task, b, (GDestroyNotify) build_free);
  g_task_run_in_thread (task, build_thread);
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
