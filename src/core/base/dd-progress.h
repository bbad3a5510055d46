/* DdProgress: the progress of one long job (a scan, the content pass, an export),
 * reported from the job's worker thread and notified as two properties of the job's
 * object — a double "fraction" and a string "text" — on the main context the job was
 * started from, never on the worker.
 *
 * A helper struct the job object embeds (DdCatalogJob does, for its subclasses): the
 * object installs the two properties and hands their GParamSpecs to dd_progress_init().
 * dd_progress_report() stores the values at once (dd_progress_get_fraction() sees them
 * from any thread) and, when a context is set, notifies both properties there; reports
 * that come faster than that context runs fold into one notification carrying the
 * latest values. The fields are private.
 *
 * An object whose jobs come one after another (DdSession) keeps one DdProgress and
 * gives each job's worker a DdProgressReporter: dd_progress_restart() starts the next
 * job's progress and silences the reporters of the ones before, which may still be
 * running after they were cancelled. */
#pragma once

#include <glib-object.h>

#include "dd-types.h"

G_BEGIN_DECLS

typedef struct {
  GMutex        lock;
  double        fraction;
  char         *text;          /* the latest report, under the lock */
  char         *shown_text;    /* the copy the context's thread reads */
  GMainContext *context;       /* under the lock */
  gboolean      pending;       /* a notification is posted and has not run yet */
  GObject      *owner;         /* the object that embeds it (not referenced) */
  GParamSpec   *fraction_pspec;
  GParamSpec   *text_pspec;
  guint         generation;    /* under the lock: the reporters' that still show */
} DdProgress;

/* Starts with fraction -1 and no text, notifying nothing until a context is set. */
void        dd_progress_init         (DdProgress     *self,
                                      GObject        *owner,
                                      GParamSpec     *fraction_pspec,
                                      GParamSpec     *text_pspec);
void        dd_progress_clear        (DdProgress     *self);

/* Where the properties are notified: call it on the thread that runs @context (an
 * _async() call passes g_main_context_ref_thread_default()). NULL, the default,
 * notifies nothing: a synchronous run has only its DdProgressFunc. */
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

/* On the context's thread: shows @fraction and @text at once (notifying what changed),
 * and drops from now on what the reporters made before report. */
void        dd_progress_restart      (DdProgress     *self,
                                      double          fraction,
                                      const char     *text);

/* A job's way to report into a DdProgress until its next dd_progress_restart(): it
 * keeps the owner alive, so a worker may report after the owner was let go. */
typedef struct _DdProgressReporter DdProgressReporter;

DdProgressReporter *dd_progress_reporter_new (DdProgress *self);
/* A DdProgressFunc: @reporter is a DdProgressReporter; from any thread. */
void        dd_progress_reporter_report (double      fraction,
                                         const char *text,
                                         gpointer    reporter);
/* A GDestroyNotify for a DdProgressReporter. */
void        dd_progress_reporter_free   (gpointer    reporter);

G_END_DECLS
