/* The GTask steps that every worker-thread call of the core repeats: start the work
 * on a thread with its tag and data, and return what it made or the error. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Tags @task with @source_tag (what its _finish() checks), gives it @data (freed with
 * @data_free; both may be NULL) and runs @func on a worker thread. */
void dd_task_run_in_thread           (GTask           *task,
                                      gpointer         source_tag,
                                      gpointer         data,
                                      GDestroyNotify   data_free,
                                      GTaskThreadFunc  func);

/* Returns @value on @task (freed with @value_free if nobody takes it) when it is not
 * NULL, else @error, which it takes. */
void dd_task_return_pointer_or_error (GTask           *task,
                                      gpointer         value,
                                      GDestroyNotify   value_free,
                                      GError          *error);

/* A blocking call that makes a value from @source: NULL with @error set when it fails
 * (NULL without an error is a value too). */
typedef gpointer (*DdTaskCall) (gpointer   source,
                                GError   **error);

/* The async form of a DdTaskCall: runs @call (@source) on a worker thread in a task of
 * @source tagged @source_tag, which returns the call's error, or else its value (freed
 * with @value_free if nobody takes it); when @cancellable is cancelled before the
 * thread starts, the cancellation without the call. */
void dd_task_run_call                (gpointer             source,
                                      DdTaskCall           call,
                                      GDestroyNotify       value_free,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);

/* Returns TRUE on @task when @ok, else @error, which it takes. */
void dd_task_return_boolean_or_error (GTask           *task,
                                      gboolean         ok,
                                      GError          *error);

G_END_DECLS
