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
