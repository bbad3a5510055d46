/* What DdSession opens: a folder or a catalog file as asked, else the last dataset
 * when it is still there, else the demo (generated when absent); found off the main
 * thread, with the folder of a new catalog made. */
#define G_LOG_DOMAIN "datadive-session"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "dd-demo.h"
#include "dd-demo-run.h"
#include "dd-paths.h"
#include "dd-session-private.h"
#include "dd-task.h"

typedef struct {
  DdSessionTarget *out;
  char            *last_dataset;
  DdProgressFunc   progress;         /* the demo's */
  gpointer         progress_data;
  GDestroyNotify   progress_destroy;
} Resolve;

void
dd_session_target_free (DdSessionTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->target);
  g_free (target->folder);
  g_free (target->catalog_path);
  g_free (target->name);
  g_clear_object (&target->catalog);
  g_clear_error (&target->open_error);
  g_free (target);
}

static void
resolve_free (Resolve *resolve)
{
  dd_session_target_free (resolve->out);
  g_free (resolve->last_dataset);
  if (resolve->progress_destroy)
    resolve->progress_destroy (resolve->progress_data);
  g_free (resolve);
}

static gboolean
make_folder (const char  *path,
             GQuark       domain,
             int          code,
             GError     **error)
{
  int saved_errno;

  if (g_mkdir_with_parents (path, 0755) == 0)
    return TRUE;
  saved_errno = errno;
  g_set_error (error, domain, code == -1 ? (int) g_io_error_from_errno (saved_errno) : code,
               _("Could not create the folder “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* The demo is written under a temporary name and renamed by dd_demo_generate(), so an
 * existing folder is a complete demo. */
static gboolean
ensure_demo (Resolve       *resolve,
             const char    *demo_dir,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *parent = g_path_get_dirname (demo_dir);
  DdDemoOptions options;

  if (g_file_test (demo_dir, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (!make_folder (parent, G_IO_ERROR, -1, error))
    return FALSE;
  dd_demo_options_init (&options);
  /* with a model run beside it (predictions.jsonl, classes.txt), imported after the
   * first index, so the Model section has something to show */
  return dd_demo_generate (demo_dir, &options, resolve->progress, resolve->progress_data,
                           cancellable, error) &&
         dd_demo_write_run (demo_dir, options.seed, NULL, error);
}

/* The last dataset when it is still there, else the demo (generated when absent). */
static gboolean
resolve_default (Resolve       *resolve,
                 const char    *demo_dir,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const char *last = resolve->last_dataset;

  if (last && *last && g_file_test (last, G_FILE_TEST_EXISTS))
    {
      resolve->out->target = g_strdup (last);
      return TRUE;
    }
  if (!ensure_demo (resolve, demo_dir, cancellable, error))
    return FALSE;
  resolve->out->target = g_strdup (demo_dir);
  return TRUE;
}

static gboolean
resolve_target (Resolve       *resolve,
                GMainContext  *context,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *demo_dir = dd_paths_demo_dir ();
  g_autofree char *catalog_dir = NULL;
  DdSessionTarget *out = resolve->out;

  if (out->target == NULL && !resolve_default (resolve, demo_dir, cancellable, error))
    return FALSE;

  if (g_file_test (out->target, G_FILE_TEST_IS_DIR))
    {
      out->folder = g_strdup (out->target);
      out->catalog_path = dd_paths_catalog_for_folder (out->folder);
      out->name = g_strcmp0 (out->target, demo_dir) == 0
                      ? g_strdup (_("Demo Dataset"))
                      : g_path_get_basename (out->folder);
    }
  else if (g_file_test (out->target, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *base = g_path_get_basename (out->target);

      out->catalog_path = g_strdup (out->target);
      if (g_str_has_suffix (base, ".ddcat"))
        base[strlen (base) - strlen (".ddcat")] = '\0';
      out->name = g_steal_pointer (&base);
    }
  else
    {
      g_set_error (error, DD_SESSION_ERROR, DD_SESSION_ERROR_NOT_FOUND,
                   _("“%s” does not exist or is not a folder."), out->target);
      return FALSE;
    }

  out->catalog_exists = g_file_test (out->catalog_path, G_FILE_TEST_EXISTS);
  /* (one it may not write is read as it is) */
  out->upgrade = out->catalog_exists && g_access (out->catalog_path, W_OK) == 0 &&
                 dd_catalog_needs_upgrade (out->catalog_path);
  catalog_dir = g_path_get_dirname (out->catalog_path);
  if (!out->catalog_exists)
    return make_folder (catalog_dir, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO, error);
  /* an upgrade is opened after the loading page has said so */
  if (!out->upgrade && !g_cancellable_is_cancelled (cancellable))
    out->catalog = dd_catalog_open_for_context (out->catalog_path,
                                                DD_CATALOG_OPEN_READONLY_FALLBACK, context,
                                                &out->open_error);
  return TRUE;
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  gboolean ok = resolve_target (task_data, g_task_get_context (task), cancellable, &error);

  dd_task_return_boolean_or_error (task, ok, error);
}

void
dd_session_resolve_async (const char          *target,
                          const char          *last_dataset,
                          DdProgressFunc       progress,
                          gpointer             progress_data,
                          GDestroyNotify       progress_destroy,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Resolve *resolve = g_new0 (Resolve, 1);

  resolve->out = g_new0 (DdSessionTarget, 1);
  resolve->out->target = g_strdup (target);
  resolve->last_dataset = g_strdup (last_dataset);
  resolve->progress = progress;
  resolve->progress_data = progress_data;
  resolve->progress_destroy = progress_destroy;
  dd_task_run_in_thread (task, dd_session_resolve_async, resolve, (GDestroyNotify) resolve_free,
                         resolve_thread);
}

DdSessionTarget *
dd_session_resolve_finish (GAsyncResult  *result,
                           GError       **error)
{
  Resolve *resolve;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  resolve = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&resolve->out);
}
