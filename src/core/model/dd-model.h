/* Model in the loop: runs (one model's predictions on a catalog), their import from an
 * eval script's CSV or JSONL, the robustness report (error per corruption × severity
 * cell, Corruption Error, mCE, relative mCE, confusions), curating by outcome and
 * suspect labels by confident learning.
 *
 * Runs are stored in the catalog (dd-catalog-runs.h); everything here is blocking and
 * runs on the caller's thread: the UI calls the _async forms. */
#pragma once

#include <gio/gio.h>

#include "dd-catalog.h"
#include "dd-catalog-runs.h"
#include "dd-errors.h"

G_BEGIN_DECLS

/* At most this many problems are listed by an import. */
#define DD_MODEL_MAX_PROBLEMS 20

/* ---- runs -------------------------------------------------------------------------- */

/* A run name: non-empty, one line, at most 200 bytes. */
gboolean   dd_model_check_run_name (const char    *name,
                                    GError       **error);
/* GPtrArray of DdRunInfo, by name. */
GPtrArray *dd_model_list_runs      (DdCatalog     *catalog,
                                    GError       **error);
gboolean   dd_model_delete_run     (DdCatalog     *catalog,
                                    const char    *name,
                                    GError       **error);
gboolean   dd_model_rename_run     (DdCatalog     *catalog,
                                    const char    *name,
                                    const char    *new_name,
                                    GError       **error);
/* The stored run named @name (DD_MODEL_ERROR_NOT_FOUND when there is none). */
DdRunRows *dd_model_read_run       (DdCatalog     *catalog,
                                    const char    *name,
                                    gboolean       with_probs,
                                    GError       **error);
/* The prediction of @sample_id in @rows, or NULL. O(log n). */
const DdPrediction *dd_run_rows_find (DdRunRows   *rows,
                                      gint64       sample_id);
/* The position of @sample_id in @rows->rows, or -1. */
gint64     dd_run_rows_find_index  (DdRunRows     *rows,
                                    gint64         sample_id);

/* ---- import -------------------------------------------------------------------------- */

typedef struct {
  char      *run;
  guint64    rows;          /* data rows read */
  guint64    imported;
  guint64    unmatched;     /* naming no sample of the catalog */
  guint64    duplicates;    /* a second row for a sample */
  guint64    rejected;      /* unknown class, bad number, missing field */
  GPtrArray *problems;      /* char *: the first DD_MODEL_MAX_PROBLEMS, one line each */
} DdModelImport;

void       dd_model_import_free    (DdModelImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdModelImport, dd_model_import_free)

/* Imports @file (CSV with a header row, or JSONL) as the run @run, replacing one of
 * that name, in one transaction. @labels_file: the label order, one wnid a line (NULL:
 * the sorted wnids of the classes that have samples). A file where most rows match no
 * sample is refused (DD_MODEL_ERROR_REFUSED) and nothing is written. */
DdModelImport *dd_model_import     (DdCatalog     *catalog,
                                    const char    *run,
                                    const char    *file,
                                    const char    *labels_file,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* The default label order: the sorted wnids of the classes that have samples. */
char     **dd_model_default_labels (DdCatalog     *catalog);

/* ---- the robustness report --------------------------------------------------------- */

typedef struct {
  guint    corruption_id;   /* never 0 */
  char    *corruption;
  guint    severity;
  guint64  samples;         /* labeled samples with a prediction */
  guint64  errors;
  double   error;           /* errors / samples */
} DdModelCell;

typedef struct {
  char    *corruption;
  double   ce;              /* NAN: undefined (a zero baseline denominator) */
  double   relative_ce;     /* NAN: no baseline, or undefined */
} DdModelCorruption;

typedef struct {
  guint    class_id;
  char    *wnid;
  guint    predicted;
  char    *predicted_wnid;
  guint64  count;
} DdModelConfusion;

typedef struct {
  char      *run;
  char      *baseline;       /* NULL: none */
  guint64    samples;        /* labeled samples with a prediction */
  double     accuracy;       /* NAN when there is none */
  guint64    clean_samples;
  double     clean_error;    /* NAN: no clean sample */
  GPtrArray *cells;          /* DdModelCell, by corruption name then severity */
  GPtrArray *corruptions;    /* DdModelCorruption, by name */
  double     mce;            /* NAN: no corruption */
  double     relative_mce;   /* NAN: no baseline or undefined */
  GPtrArray *confusions;     /* DdModelConfusion, the 20 most frequent */
} DdModelReport;

void           dd_model_report_free   (DdModelReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdModelReport, dd_model_report_free)

/* The report of run @run, against @baseline when not NULL. */
DdModelReport *dd_model_report        (DdCatalog     *catalog,
                                       const char    *run,
                                       const char    *baseline,
                                       GError       **error);
void           dd_model_report_async  (DdCatalog           *catalog,
                                       const char          *run,
                                       const char          *baseline,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
DdModelReport *dd_model_report_finish (GAsyncResult        *result,
                                       GError             **error);
/* The cell of (@corruption_id, @severity), or NULL. */
const DdModelCell *dd_model_report_find_cell (DdModelReport *report,
                                              guint          corruption_id,
                                              guint          severity);

/* ---- curating by outcome ----------------------------------------------------------- */

typedef enum {
  DD_MODEL_OUTCOME_ANY,
  DD_MODEL_OUTCOME_CORRECT,
  DD_MODEL_OUTCOME_WRONG,
} DdModelOutcome;

const char *dd_model_outcome_to_string   (DdModelOutcome  outcome);
gboolean    dd_model_outcome_from_string (const char     *text,
                                          DdModelOutcome *out);

/* Which predictions of a run a selection keeps. */
typedef struct {
  char           *run;
  DdModelOutcome  outcome;          /* correct / wrong: labeled samples only */
  double          confidence_min;   /* NAN: no bound; a bound drops unknown confidences */
  double          confidence_max;
  char          **predicted;        /* predicted classes (wnids or names), or NULL */
  guint           highest_loss;     /* > 0: of those, only this many with the highest loss */
} DdModelClause;

DdModelClause *dd_model_clause_new  (const char          *run);
DdModelClause *dd_model_clause_copy (const DdModelClause *clause);
void           dd_model_clause_free (DdModelClause       *clause);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdModelClause, dd_model_clause_free)

/* The ids of the samples @clause keeps, ascending (a GArray of gint64). */
GArray        *dd_model_clause_ids  (DdModelClause       *clause,
                                     DdCatalog           *catalog,
                                     GError             **error);

/* What the window picks from a run: a heatmap cell's wrong predictions, a confusion's
 * samples. */
typedef struct {
  DdModelOutcome outcome;
  guint          corruption_id;   /* G_MAXUINT: any (0 is clean) */
  int            severity;        /* -1: any */
  guint          class_id;        /* 0: any label */
  guint          predicted;       /* 0: any prediction */
} DdModelPick;

/* The ids of the samples of run @run that @pick keeps, ascending (GArray of gint64). */
GArray        *dd_model_pick_ids        (DdCatalog           *catalog,
                                         const char          *run,
                                         const DdModelPick   *pick,
                                         GError             **error);
void           dd_model_pick_ids_async  (DdCatalog           *catalog,
                                         const char          *run,
                                         const DdModelPick   *pick,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GArray        *dd_model_pick_ids_finish (GAsyncResult        *result,
                                         GError             **error);
/* dd_model_list_runs() on a worker thread. */
void           dd_model_list_runs_async  (DdCatalog           *catalog,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray     *dd_model_list_runs_finish (GAsyncResult        *result,
                                          GError             **error);

typedef enum {
  DD_MODEL_SORT_NONE,
  DD_MODEL_SORT_CONFIDENCE,
  DD_MODEL_SORT_LOSS,
} DdModelSort;

gboolean   dd_model_sort_from_string (const char   *text,
                                      DdModelSort  *out);
/* Orders @ids (in place) by what @rows says of them: ascending, or descending with
 * @descending; samples without the value go last, ties by id. */
void       dd_model_sort_ids       (DdRunRows     *rows,
                                    gint64        *ids,
                                    guint          n,
                                    DdModelSort    by,
                                    gboolean       descending);

/* What the run imported last says of a sample, in one line ("n02085620 Chihuahua —
 * wrong, confidence 0.93, loss 2.41 (run “resnet50”)"), and its top-5 classes
 * (*@out_top5, or NULL); NULL when no run has a prediction for it. Blocking. */
char      *dd_model_describe_prediction (DdCatalog  *catalog,
                                         gint64      sample_id,
                                         guint       class_id,
                                         char      **out_top5);

/* What the run imported last predicted for each sample, for the grid's cells to read on
 * the main thread: immutable, refcounted, built off it. */
typedef struct _DdModelLookup DdModelLookup;

DdModelLookup *dd_model_lookup_ref        (DdModelLookup       *lookup);
void           dd_model_lookup_unref      (DdModelLookup       *lookup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdModelLookup, dd_model_lookup_unref)
/* NULL (and no error) when the catalog has no run. */
DdModelLookup *dd_model_lookup_new        (DdCatalog           *catalog,
                                           GError             **error);
void           dd_model_lookup_new_async  (DdCatalog           *catalog,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
DdModelLookup *dd_model_lookup_new_finish (GAsyncResult        *result,
                                           GError             **error);
/* @selection's sample ids ordered by what @lookup's run says of them (dd_model_sort_ids():
 * samples without the value last, ties by id), off the caller's thread: the Fine
 * grid's "Least confident first", "Highest loss first"… A GArray of gint64. */
void           dd_model_lookup_order_async  (DdModelLookup       *lookup,
                                             DdSelection         *selection,
                                             DdModelSort          by,
                                             gboolean             descending,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GArray        *dd_model_lookup_order_finish (GAsyncResult        *result,
                                             GError             **error);
/* The predicted class's name of @sample_id (NULL: no prediction); *@out_outcome says
 * whether it is the label (DD_MODEL_OUTCOME_ANY for an unlabeled sample). */
const char    *dd_model_lookup_find       (DdModelLookup       *lookup,
                                           gint64               sample_id,
                                           DdModelOutcome      *out_outcome);

/* ---- suspect labels ------------------------------------------------------------------ */

typedef struct {
  gint64  sample_id;
  guint   label;          /* the sample's class id */
  guint   likely;         /* the class id confident learning suggests */
  double  p_label, t_label;
  double  p_likely, t_likely;
} DdSuspect;

/* Confident learning over @rows (read with their probabilities); @label_class: the
 * class id of each label of @rows->labels (0: not a class here). A GArray of DdSuspect
 * in sample id order; *@out_thresholds (optional): t_j per label, NAN where no sample
 * has that label. */
GArray    *dd_model_confident_learning    (DdRunRows   *rows,
                                           const guint *label_class,
                                           double     **out_thresholds);
/* Flags suspect_label (with a finding naming the likely class) on the samples the run
 * imported last with probabilities suspects, clears it elsewhere; reloads the catalog
 * when flags changed. Runs after every import and delete. */
gboolean   dd_model_update_suspect_labels (DdCatalog   *catalog,
                                           guint       *out_count,
                                           GError     **error);

G_END_DECLS
