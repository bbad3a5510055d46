/* DdScanner: the structure pass. Walks dataset folders, recognises their layouts,
 * parses annotation files and writes sources, classes and samples into a catalog.
 * No image is decoded here (that is the content pass). */
#pragma once

#include <gio/gio.h>

#include "dd-catalog-job.h"

G_BEGIN_DECLS

typedef struct {
  char    *root;         /* absolute */
  char    *layout;       /* recogniser name */
  guint64  samples;      /* samples of this source after the scan */
  guint64  added;
  guint64  removed;
  guint64  junk;         /* non-image files skipped */
  guint64  unreadable;   /* entries that could not be read (each recorded as a problem) */
} DdScanSourceReport;

typedef struct {
  guint64    samples;    /* samples in the catalog after the scan */
  double     seconds;
  GPtrArray *sources;    /* of DdScanSourceReport */
  GPtrArray *problems;   /* of char*: one line each, "path: what went wrong" */
} DdScanReport;

void dd_scan_report_free (DdScanReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdScanReport, dd_scan_report_free)

#define DD_TYPE_SCANNER (dd_scanner_get_type ())
G_DECLARE_FINAL_TYPE (DdScanner, dd_scanner, DD, SCANNER, DdCatalogJob)

/* A DdCatalogJob: "catalog", "fraction" and "text", notified on the main context that
 * called dd_scanner_run_async(). */
DdScanner    *dd_scanner_new          (DdCatalog           *catalog);
double        dd_scanner_get_fraction (DdScanner           *self);
const char   *dd_scanner_get_text     (DdScanner           *self);

/* Indexes (or incrementally re-indexes) @roots: each root is a dataset folder or a
 * folder holding several datasets (each becomes a source). A root given again
 * replaces the earlier scan of that source. @progress may be NULL; it is called on
 * the scanning thread. */
DdScanReport *dd_scanner_run          (DdScanner           *self,
                                       const char * const  *roots,
                                       DdProgressFunc       progress,
                                       gpointer             progress_data,
                                       GCancellable        *cancellable,
                                       GError             **error);
void          dd_scanner_run_async    (DdScanner           *self,
                                       const char * const  *roots,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
DdScanReport *dd_scanner_run_finish   (DdScanner           *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
