/* A dragged subset as an ImageFolder of hard links in the drag cache; folders of
 * earlier drags are swept first. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-drag-folder.h"
#include "dd-export.h"
#include "dd-tmpdir.h"
#include "dd-task.h"

#define STALE_SECONDS (60 * 60)

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
        dd_tmpdir_remove (path);
    }
}

gboolean
dd_drag_folder_build (DdCatalog     *catalog,
                      DdSelection   *selection,
                      const char    *folder,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *parent = NULL;
  g_autoptr(DdExporter) exporter = NULL;
  g_autoptr(DdExportResult) result = NULL;
  DdExportOptions options = { 0 };

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (selection != NULL && folder != NULL, FALSE);

  parent = g_path_get_dirname (folder);
  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create “%s”: %s"), parent, g_strerror (saved));
      return FALSE;
    }
  remove_stale_folders (parent);
  exporter = dd_exporter_new (catalog);
  options.layout = DD_EXPORT_IMAGEFOLDER;
  options.mode = DD_EXPORT_HARDLINK;
  options.target = (char *) folder;
  result = dd_exporter_run (exporter, selection, &options, NULL, NULL, cancellable, error);
  return result != NULL;
}

typedef struct {
  DdSelection *selection;
  char        *folder;
} Build;

static void
build_free (Build *build)
{
  dd_selection_unref (build->selection);
  g_free (build->folder);
  g_free (build);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Build *build = task_data;
  GError *error = NULL;
  gboolean ok = dd_drag_folder_build (source_object, build->selection, build->folder,
                                      cancellable, &error);

  dd_task_return_boolean_or_error (task, ok, error);
}

void
dd_drag_folder_build_async (DdCatalog           *catalog,
                            DdSelection         *selection,
                            const char          *folder,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Build *build;

  g_return_if_fail (DD_IS_CATALOG (catalog));
  g_return_if_fail (selection != NULL && folder != NULL);

  build = g_new0 (Build, 1);
  build->selection = dd_selection_ref (selection);
  build->folder = g_strdup (folder);
  task = g_task_new (catalog, cancellable, callback, user_data);
  dd_task_run_in_thread (task, dd_drag_folder_build_async, build, (GDestroyNotify) build_free,
                         build_thread);
}

gboolean
dd_drag_folder_build_finish (DdCatalog     *catalog,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_drag_folder_build_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
