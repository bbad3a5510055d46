/* Model runs in the catalog: the rows of runs and predictions, written through
 * DdCatalogWriter and read back for the model module (src/core/model/). What a run
 * means, how a file becomes one and what is computed from it live there. */
#pragma once

#include "dd-catalog-writer.h"

G_BEGIN_DECLS

/* A stored run, with what its predictions say against the labels the samples have
 * now. */
typedef struct {
  gint64   id;
  char    *name;
  gint64   imported_at;   /* unix seconds */
  char    *file;          /* the file it was imported from, or NULL */
  guint64  samples;       /* predictions of samples the catalog still has */
  guint64  labeled;       /* of those, on labeled samples */
  guint64  correct;       /* of those, predicting the sample's label */
  gboolean has_probs;     /* some prediction carries probabilities */
} DdRunInfo;

void       dd_run_info_free            (DdRunInfo   *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdRunInfo, dd_run_info_free)

/* One prediction as the importer writes it. */
typedef struct {
  gint64        sample_id;
  guint         predicted;     /* class id */
  double        confidence;    /* NAN: none */
  double        loss;          /* NAN: none */
  const float  *probs;         /* n_probs values in label order, or NULL */
  guint         n_probs;
  const char   *top5;          /* class ids, comma separated, or NULL */
} DdPredictionRow;

/* The id of the sample of @key, 0 when there is none, -1 on error. */
gint64     dd_catalog_writer_sample_of_key (DdCatalogWriter       *writer,
                                            const char            *key,
                                            GError               **error);
/* A new run named @name (one of that name goes first, with its predictions): its id,
 * 0 on error. @labels: the label order, one wnid a line. */
gint64     dd_catalog_writer_replace_run   (DdCatalogWriter       *writer,
                                            const char            *name,
                                            const char            *file,
                                            const char            *labels,
                                            gint64                 now,
                                            GError               **error);
/* Adds a prediction; FALSE without error (*@out_duplicate TRUE) when the run already
 * has one for that sample. */
gboolean   dd_catalog_writer_add_prediction (DdCatalogWriter      *writer,
                                             gint64                run_id,
                                             const DdPredictionRow *row,
                                             gboolean             *out_duplicate,
                                             GError              **error);
/* The id of the run named @name, 0 when there is none, -1 on error. */
gint64     dd_catalog_writer_find_run      (DdCatalogWriter       *writer,
                                            const char            *name,
                                            GError               **error);
gboolean   dd_catalog_writer_delete_run    (DdCatalogWriter       *writer,
                                            gint64                 run_id,
                                            GError               **error);
gboolean   dd_catalog_writer_rename_run    (DdCatalogWriter       *writer,
                                            gint64                 run_id,
                                            const char            *name,
                                            GError               **error);

/* Sets the flag of @kind on the samples @ids (gint64) and clears it on every other
 * sample; when a row changes, the samples are marked changed for this transaction. */
gboolean   dd_catalog_writer_set_flag_on   (DdCatalogWriter       *writer,
                                            DdHealthKind           kind,
                                            GArray                *ids,
                                            GError               **error);
/* The name of the run with probabilities imported last, NULL when there is none. */
char      *dd_catalog_writer_latest_probs_run (DdCatalogWriter    *writer);

/* The names of the runs, oldest import first, as of the last reload (from memory:
 * cheap on any thread; an import, delete or rename reloads). */
GPtrArray *dd_catalog_list_run_names       (DdCatalog             *self);

/* ---- reading ------------------------------------------------------------------------ */

/* GPtrArray of DdRunInfo, by name. */
GPtrArray *dd_catalog_read_runs            (DdCatalog             *self,
                                            GError               **error);

/* One prediction of a run joined with its sample as it is now. */
typedef struct {
  gint64  sample_id;
  guint   class_id;       /* the sample's label (0: unlabeled) */
  guint   corruption_id;  /* 0: clean */
  guint   severity;
  guint   predicted;      /* class id */
  double  confidence;     /* NAN: unknown */
  double  loss;           /* NAN: unknown */
} DdPrediction;

/* Everything a run holds, in sample id order. */
typedef struct {
  DdRunInfo *info;
  char     **labels;      /* the label order (wnids) */
  GArray    *rows;        /* DdPrediction, ascending sample ids */
  float     *probs;       /* with probs: rows->len × n_labels (NAN where a row has none) */
} DdRunRows;

void       dd_run_rows_free                (DdRunRows             *rows);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdRunRows, dd_run_rows_free)

/* The run named @name (NULL with *@out_found FALSE and no error when there is none),
 * its probabilities too when @with_probs. */
DdRunRows *dd_catalog_read_run             (DdCatalog             *self,
                                            const char            *name,
                                            gboolean               with_probs,
                                            gboolean              *out_found,
                                            GError               **error);

/* What a run says of one sample: FALSE when it has no prediction for it. @out_top5:
 * class ids, comma separated, or NULL. */
gboolean   dd_catalog_read_prediction      (DdCatalog             *self,
                                            const char            *run,
                                            gint64                 sample_id,
                                            guint                 *out_predicted,
                                            double                *out_confidence,
                                            double                *out_loss,
                                            char                 **out_top5,
                                            GError               **error);

/* The name of the run imported last, NULL when there is none (or on error). */
char      *dd_catalog_read_latest_run      (DdCatalog             *self,
                                            GError               **error);

/* How often the samples labeled @class_id were predicted as each other class by run
 * @run: a GArray of DdConfusionCount, most frequent first, at most @limit. */
typedef struct {
  guint   predicted;
  guint64 count;
} DdConfusionCount;

GArray    *dd_catalog_read_confusions      (DdCatalog             *self,
                                            const char            *run,
                                            guint                  class_id,
                                            guint                  limit,
                                            GError               **error);

G_END_DECLS
