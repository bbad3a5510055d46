/* Health: what is bad or missing in a catalog. Flags that need the whole dataset
 * (dominant size, duplicates across labels, missing corruption cells) are derived
 * here; the scanner and the content pass set the others. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

typedef struct {
  DdHealthKind kind;
  char        *key;      /* sample key, "<source>/<corruption>/<severity>/<wnid>" for a
                          * cell, the annotation's file for an orphan, the wnid for a class */
  char        *detail;   /* one line */
  gint64       sample_id; /* 0 when the finding is not about one sample */
} DdFinding;

typedef struct {
  guint      counts[DD_HEALTH_N_KINDS];
  GPtrArray *findings;   /* DdFinding, by kind then key */
  GPtrArray *groups;     /* DdNearGroup (dd-health-near.h): copies of one picture */
} DdHealthReport;

void            dd_finding_free        (DdFinding      *finding);
void            dd_health_report_free  (DdHealthReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdHealthReport, dd_health_report_free)

/* Recomputes unexpected_size, duplicate_conflict and missing_cell (stored in the
 * samples' flags and the findings table). Call after a scan or the content pass, then
 * dd_catalog_reload(). */
gboolean        dd_health_update       (DdCatalog      *catalog,
                                        GCancellable   *cancellable,
                                        GError        **error);

/* The same, telling whether any sample's flags changed (then the snapshot needs a
 * reload). */
gboolean        dd_health_update_full  (DdCatalog      *catalog,
                                        gboolean       *out_flags_changed,
                                        GCancellable   *cancellable,
                                        GError        **error);

/* Every finding with a one-line detail. Test-split images are unlabeled by design
 * and never findings. */
DdHealthReport *dd_health_report       (DdCatalog      *catalog,
                                        GError        **error);
void            dd_health_report_async (DdCatalog           *catalog,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
DdHealthReport *dd_health_report_finish (DdCatalog          *catalog,
                                         GAsyncResult       *result,
                                         GError            **error);

G_END_DECLS
