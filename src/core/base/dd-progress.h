/* DdProgress: the progress of one long job (a scan, the content pass, an export),
 * reported from the job's worker thread and read where a main loop runs.
 *
 * The job calls dd_progress_report() from any thread. The values are stored at once
 * (dd_progress_get_fraction() sees them from any thread) and, when a context is set,
 * "fraction" and "text" are notified on that context's thread, never on the
 * worker's; reports that come faster than that context runs are folded into one
 * notification carrying the latest values. A widget binds the properties. */
#pragma once

#include <glib-object.h>

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_PROGRESS (dd_progress_get_type ())
G_DECLARE_FINAL_TYPE (DdProgress, dd_progress, DD, PROGRESS, GObject)

DdProgress *dd_progress_new          (void);

/* Where "fraction" and "text" are notified: call it on the thread that runs
 * @context (an _async() call passes g_main_context_ref_thread_default()). NULL, the
 * default, notifies nothing: a synchronous run has only its DdProgressFunc. */
void        dd_progress_set_context  (DdProgress     *self,
                                      GMainContext   *context);

/* From any thread: @fraction in [0, 1], or negative while there is no measure; @text
 * one translated line. @func, when not NULL, is called with them on this thread
 * (the command line's progress line). */
void        dd_progress_report       (DdProgress     *self,
                                      double          fraction,
                                      const char     *text,
                                      DdProgressFunc  func,
                                      gpointer        func_data);

/* The latest reported fraction, from any thread (-1 before the first report). */
double      dd_progress_get_fraction (DdProgress     *self);
/* The text as last notified: read it on the context's thread. */
const char *dd_progress_get_text     (DdProgress     *self);

/* Re-emits the progress's "notify::fraction" and "notify::text" as notifications of
 * @owner's own properties of those names, for as long as @owner lives: a job object
 * keeps its "fraction" and "text" properties and delegates them here. */
void        dd_progress_forward      (DdProgress     *self,
                                      GObject        *owner);

G_END_DECLS
