/* DdExporter: writes a subset out in the layouts training code reads. Atomic (a
 * temporary sibling renamed at the end), cancellable, never over a user's files. The
 * temporary is named ".DIR.tmp-PID-XXXXXX" and locked while written: an export into
 * the same folder later removes those of killed exporters (dd_tmpdir_sweep). The
 * result follows the umask (folders 0777, files 0666 before it), like cp. */
#pragma once

#include <gio/gio.h>

#include "dd-catalog-job.h"

G_BEGIN_DECLS

typedef enum {
  DD_EXPORT_IMAGEFOLDER,   /* DIR/<split>/<wnid>/<file>: torchvision ImageFolder */
  DD_EXPORT_ORIGINAL,      /* DIR/<key>: the source layout kept */
  DD_EXPORT_CSV,           /* DIR/data/… + DIR/manifest.csv */
  DD_EXPORT_JSONL,         /* DIR/data/… + DIR/manifest.jsonl */
  DD_EXPORT_FIFTYONE,      /* DIR/data/<name> + DIR/labels.json (FiftyOne's classification) */
  DD_EXPORT_HF,            /* DIR/<split>/<file> + <split>/metadata.csv (HF imagefolder) */
  DD_EXPORT_WEBDATASET,    /* DIR/shard-000000.tar … (image, .cls, .json per sample) */
} DdExportLayout;

typedef enum {
  DD_EXPORT_COPY,
  DD_EXPORT_HARDLINK,      /* falls back to a copy across file systems, and says so */
  DD_EXPORT_SYMLINK,       /* via DIR/.src/N, one absolute link per source folder */
} DdExportMode;

const char *dd_export_layout_to_string   (DdExportLayout  layout);
gboolean    dd_export_layout_from_string (const char     *name,
                                          DdExportLayout *out);
const char *dd_export_mode_to_string     (DdExportMode    mode);
gboolean    dd_export_mode_from_string   (const char     *name,
                                          DdExportMode   *out);

typedef struct {
  DdExportLayout layout;
  DdExportMode   mode;
  char          *target;        /* the folder to create; absent or empty */
  guint          shard_size;    /* webdataset samples per shard; 0 = 10,000 */
  char          *recipe_json;   /* written as recipe.json; NULL: the selection's keys */
  char          *run;           /* a model run whose prediction, confidence and loss go
                                 * with each sample (csv, jsonl, fiftyone, hf); or NULL */
} DdExportOptions;

/* A sample whose file is no longer what the catalog recorded: a FIFO, a device or a
 * folder now, or far larger. It is left out instead of hanging or filling the disk. */
typedef struct {
  char *key;
  char *reason;                        /* translated, one line */
} DdExportRefusal;

typedef struct {
  char      *target;
  guint64    exported;
  guint64    skipped_unlabeled;        /* left out of class-folder layouts */
  guint64    copied_instead_of_linked; /* hard links across file systems */
  GPtrArray *missing;                  /* keys whose file vanished (char *) */
  GPtrArray *refused;                  /* DdExportRefusal */
  double     seconds;
} DdExportResult;

void dd_export_options_clear (DdExportOptions *options);
void dd_export_result_free   (DdExportResult  *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdExportResult, dd_export_result_free)

#define DD_TYPE_EXPORTER (dd_exporter_get_type ())
G_DECLARE_FINAL_TYPE (DdExporter, dd_exporter, DD, EXPORTER, DdCatalogJob)

/* A DdCatalogJob: "catalog", "fraction" and "text", notified on the main context that
 * called dd_exporter_run_async(). Errors are DD_EXPORT_ERROR (a target that is not a new
 * or empty folder, a file that cannot be read or written), DD_CATALOG_ERROR (reading the
 * catalog) or G_IO_ERROR_CANCELLED. */
DdExporter     *dd_exporter_new          (DdCatalog             *catalog);
double          dd_exporter_get_fraction (DdExporter            *self);
const char     *dd_exporter_get_text     (DdExporter            *self);

DdExportResult *dd_exporter_run          (DdExporter            *self,
                                          DdSelection           *selection,
                                          const DdExportOptions *options,
                                          DdProgressFunc         progress,
                                          gpointer               progress_data,
                                          GCancellable          *cancellable,
                                          GError               **error);
void            dd_exporter_run_async    (DdExporter            *self,
                                          DdSelection           *selection,
                                          const DdExportOptions *options,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
DdExportResult *dd_exporter_run_finish   (DdExporter            *self,
                                          GAsyncResult          *result,
                                          GError               **error);

G_END_DECLS
