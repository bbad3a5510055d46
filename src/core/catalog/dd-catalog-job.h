/* DdCatalogJob: the base of the long jobs on a catalog (the scan, the content pass, an
 * export): the catalog it works on, its DdProgress, and running on a worker thread.
 *
 * Properties: "catalog" (construct-only), "fraction" (double, -1 while there is no
 * measure) and "text" (what is being done), both notified on the main context that
 * started the job with dd_catalog_job_run_in_thread(), never on the worker. */
#pragma once

#include <gio/gio.h>

#include "dd-catalog.h"
#include "dd-progress.h"

G_BEGIN_DECLS

#define DD_TYPE_CATALOG_JOB (dd_catalog_job_get_type ())
G_DECLARE_DERIVABLE_TYPE (DdCatalogJob, dd_catalog_job, DD, CATALOG_JOB, GObject)

struct _DdCatalogJobClass
{
  GObjectClass parent_class;
};

DdCatalog  *dd_catalog_job_get_catalog   (DdCatalogJob    *self);
/* The progress behind "fraction" and "text" (owned by the job). */
DdProgress *dd_catalog_job_get_progress  (DdCatalogJob    *self);
double      dd_catalog_job_get_fraction  (DdCatalogJob    *self);
/* The text as last notified on the starting context. */
const char *dd_catalog_job_get_text      (DdCatalogJob    *self);
/* Reports progress from the job's thread (see dd_progress_report()). */
void        dd_catalog_job_report        (DdCatalogJob    *self,
                                          double           fraction,
                                          const char      *text,
                                          DdProgressFunc   func,
                                          gpointer         func_data);
/* Runs @func for @task (whose source object is @self) on a worker thread; progress is
 * notified on the caller's thread-default main context from now on. */
void        dd_catalog_job_run_in_thread (DdCatalogJob    *self,
                                          GTask           *task,
                                          GTaskThreadFunc  func);

G_END_DECLS
