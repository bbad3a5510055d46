/* DdSession's parts: what to open, found off the main thread (dd-session-resolve.c). */
#pragma once

#include "dd-session.h"

G_BEGIN_DECLS

/* What dd_session_open() asked for, made concrete. */
typedef struct {
  char     *target;          /* the folder or catalog file */
  char     *folder;          /* the folder to index, NULL for a catalog file */
  char     *catalog_path;
  char     *name;            /* the title: "Demo Dataset", the folder's or catalog's name */
  gboolean  catalog_exists;  /* else its folder was made */
  gboolean  upgrade;         /* it exists, from an older DataDive: upgraded as it opens */
  /* an existing, current catalog opened in the same step (one hop to a worker thread
   * and back less before the window shows it), or why it could not be */
  DdCatalog *catalog;
  GError    *open_error;
} DdSessionTarget;

void             dd_session_target_free    (DdSessionTarget     *target);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSessionTarget, dd_session_target_free)

/* @target (a folder or catalog file), or when NULL @last_dataset when it still exists,
 * else the demo dataset, generated first with @progress (called on the worker thread;
 * @progress_destroy frees @progress_data once the work is done). Errors name a target
 * that does not exist (DD_SESSION_ERROR_NOT_FOUND) or a folder that cannot be made.
 * A catalog that exists and needs no upgrade is opened too (read-only when it cannot
 * be written), for the caller's thread-default context: the target's catalog, or its
 * open_error. */
void             dd_session_resolve_async  (const char          *target,
                                            const char          *last_dataset,
                                            DdProgressFunc       progress,
                                            gpointer             progress_data,
                                            GDestroyNotify       progress_destroy,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
DdSessionTarget *dd_session_resolve_finish (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
