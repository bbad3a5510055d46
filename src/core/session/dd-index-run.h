/* One index run of a catalog, as `datadive-cli index` and the window both do it: under
 * the catalog's index lock (dd-lock-file.h), so that two writers never index one
 * catalog at once; a second run waits, then updates what the first one wrote. */
#pragma once

#include "dd-content.h"
#include "dd-lock-file.h"
#include "dd-scanner.h"

G_BEGIN_DECLS

typedef struct {
  gboolean        deep;            /* the content pass follows the scan */
  guint           threads;         /* decoding threads of the content pass, 0: one per core */
  DdProgressFunc  progress;        /* called on the running thread; may be NULL */
  gpointer        progress_data;
  void          (*pass_done) (gpointer progress_data);   /* after each pass; may be NULL */
  DdLockWaitFunc  on_wait;         /* told once when another run holds the lock */
  gpointer        wait_data;
} DdIndexOptions;

/* Indexes @roots into the catalog file @path, blocking. A new catalog is built under a
 * temporary name (".BASE.tmp-PID") and put in place when complete, never over a file
 * that appeared meanwhile: a failed or cancelled first index leaves nothing behind; a
 * cancelled re-index leaves the catalog as it was (what the content pass had checked
 * stays). Temporaries of killed runs are removed first. With @options->deep the content
 * pass fills @content (may be NULL otherwise). */
DdScanReport *dd_index_run_file    (const char            *path,
                                    const char * const    *roots,
                                    const DdIndexOptions  *options,
                                    DdContentReport       *content,
                                    GCancellable          *cancellable,
                                    GError               **error);
/* The same through a catalog already open (the window re-indexing what it shows). */
DdScanReport *dd_index_run_catalog (DdCatalog             *catalog,
                                    const char * const    *roots,
                                    const DdIndexOptions  *options,
                                    DdContentReport       *content,
                                    GCancellable          *cancellable,
                                    GError               **error);
/* The content pass alone (the window's image check), under the same lock. */
gboolean      dd_index_run_check   (DdCatalog             *catalog,
                                    const DdIndexOptions  *options,
                                    DdContentReport       *content,
                                    GCancellable          *cancellable,
                                    GError               **error);

G_END_DECLS
