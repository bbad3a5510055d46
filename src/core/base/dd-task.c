/* The GTask steps every worker-thread call of the core repeats, written once. */
#define G_LOG_DOMAIN "datadive-task"
#include "config.h"

#include "dd-task.h"

void
dd_task_run_in_thread (GTask           *task,
                       gpointer         source_tag,
                       gpointer         data,
                       GDestroyNotify   data_free,
                       GTaskThreadFunc  func)
{
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, data_free);
  g_task_run_in_thread (task, func);
}

void
dd_task_return_pointer_or_error (GTask          *task,
                                 gpointer        value,
                                 GDestroyNotify  value_free,
                                 GError         *error)
{
  if (value != NULL)
    g_task_return_pointer (task, value, value_free);
  else
    g_task_return_error (task, error);
}

void
dd_task_return_boolean_or_error (GTask    *task,
                                 gboolean  ok,
                                 GError   *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

typedef struct {
  DdTaskCall      call;
  GDestroyNotify  value_free;
} Call;

static void
call_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gpointer value = NULL;

  /* cancelled before it began: the task returns the cancellation, not a value */
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    value = call->call (source_object, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, call->value_free);
}

void
dd_task_run_call (gpointer             source,
                  DdTaskCall           call,
                  GDestroyNotify       value_free,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  Call c = { call, value_free };
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  dd_task_run_in_thread (task, source_tag, g_memdup2 (&c, sizeof c), g_free, call_thread);
}
