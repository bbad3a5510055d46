/* Inside the exporter: the state of one run, the table of formats and the helpers the
 * formats share. A format is one small file (dd-export-<format>.c), as a dataset
 * layout is (dd-layout-*.c): it decides where each sample goes and writes its own
 * index files (a manifest, labels.json, metadata.csv, tar shards) at the end. */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-export.h"
#include "dd-model.h"

G_BEGIN_DECLS

/* One export while it is written. Everything goes into @tmp, renamed at the end. */
typedef struct {
  const DdExportOptions *options;
  DdExportResult        *result;
  char                  *tmp;          /* the temporary folder, absolute */
  GHashTable            *dirs;         /* relative folders made so far */
  GHashTable            *taken;        /* relative paths (or tar member names) used */
  GHashTable            *labels;       /* wnid → label index + 1 */
  GPtrArray             *classes;      /* the subset's wnids, sorted: label i is classes[i] */
  GString               *manifest;     /* manifest.csv, a row per placed file */
  GHashTable            *anchors;      /* symlink mode: source folder → its number in .src/ */
  /* with options->run (dd-export-model.c) */
  DdRunRows             *predictions;
  GPtrArray             *wnids;        /* class id → wnid */
  JsonBuilder           *fiftyone_predictions;
} DdExportRun;

typedef struct {
  DdExportLayout layout;
  /* manifest.csv lists the files placed (every format but the tar shards) */
  gboolean       manifest;
  /* The format's own state for one run (NULL when it needs none). */
  gpointer     (*begin)   (DdExportRun   *run);
  /* Where the sample's file goes (a format of files): its folder and name relative to
   * the export, made unique and placed by the exporter. FALSE: it has no place here
   * (an unlabeled sample in class folders), counted as skipped_unlabeled. */
  gboolean     (*place)   (DdSampleInfo  *s,
                           char         **rel_dir,
                           char         **name);
  /* After a file was placed at @rel: the format's own rows for it. */
  void         (*placed)  (DdExportRun   *run,
                           gpointer       state,
                           DdSampleInfo  *s,
                           int            label,
                           const char    *rel);
  /* Or the format writes the sample itself (tar shards); a sample left out (vanished,
   * refused) is recorded in run->result. */
  gboolean     (*write)   (DdExportRun   *run,
                           gpointer       state,
                           DdSampleInfo  *s,
                           int            label,
                           GError       **error);
  /* After the last sample, only when all went well: the format's own files. */
  gboolean     (*end)     (DdExportRun   *run,
                           gpointer       state,
                           GError       **error);
  GDestroyNotify free_state;
} DdExportFormat;

extern const DdExportFormat dd_export_imagefolder;
extern const DdExportFormat dd_export_original;
extern const DdExportFormat dd_export_csv;
extern const DdExportFormat dd_export_jsonl;
extern const DdExportFormat dd_export_fiftyone;
extern const DdExportFormat dd_export_hf;
extern const DdExportFormat dd_export_webdataset;

const DdExportFormat *dd_export_format_for (DdExportLayout layout);

/* An empty result for an export into @target. */
DdExportResult *dd_export_result_new (const char *target);

/* A failure on @path as a one-line error: "@what “@path”: @detail". */
gboolean  dd_export_error       (GError      **error,
                                 const char   *what,
                                 const char   *path,
                                 const char   *detail);
/* An I/O failure on @path ("the disk is full" for ENOSPC). */
gboolean  dd_export_io_error    (GError      **error,
                                 int           saved_errno,
                                 const char   *what,
                                 const char   *path);

/* "val_7.JPEG" of fog/3 → "val_7__fog_3.JPEG": the same file exists in 75 cells.
 * With @no_dots_in_stem the stem's dots become "_" (tar members group by the first). */
char     *dd_export_name        (DdSampleInfo  *s,
                                 gboolean       no_dots_in_stem);
/* @rel_dir/@name, made unique among the paths of this export. */
char     *dd_export_unique_path (DdExportRun   *run,
                                 const char    *rel_dir,
                                 const char    *name);
/* Puts the sample's file at @rel_dir/@name (made unique) by the run's mode, counts it
 * and adds its manifest row. *@rel is the path used, or NULL when the sample was left
 * out (vanished or refused: recorded in the result). FALSE only on a real failure. */
gboolean  dd_export_place       (DdExportRun   *run,
                                 DdSampleInfo  *s,
                                 const char    *rel_dir,
                                 const char    *name,
                                 int            label,
                                 char         **rel,
                                 GError       **error);
/* data/<split>/<wnid or _unlabeled>/<name>: the place of the CSV and JSONL layouts. */
gboolean  dd_export_place_in_data (DdSampleInfo  *s,
                                   char         **rel_dir,
                                   char         **name);
/* The bytes of a sample's file, read within its bound (dd_safe_file_open: regular
 * files only). TRUE with *@contents NULL when it vanished or was refused (recorded). */
gboolean  dd_export_read_sample (DdExportRun   *run,
                                 DdSampleInfo  *s,
                                 char         **contents,
                                 gsize         *len,
                                 GError       **error);
/* Writes @rel (relative to the temporary folder) with @text. */
gboolean  dd_export_write_text  (DdExportRun   *run,
                                 const char    *rel,
                                 const char    *text,
                                 gssize         len,
                                 GError       **error);

/* ---- a model run's columns (dd-export-model.c) ---------------------------------------- */

/* Takes @predictions (may be NULL) into @run: the manifest gets its columns. */
void      dd_export_model_begin   (DdExportRun   *run,
                                   DdCatalog     *catalog,
                                   DdRunRows     *predictions);
void      dd_export_model_clear   (DdExportRun   *run);
/* One CSV row of @n @fields (at most 13), followed, when @run has predictions, by the
 * sample's prediction (wnid), confidence and loss ("" when unknown). */
void      dd_export_model_csv_row (DdExportRun        *run,
                                   GString            *out,
                                   DdSampleInfo       *s,
                                   guint               n,
                                   const char * const *fields);
/* FiftyOne: predictions.json beside labels.json, in its format ({"classes", "labels":
 * {stem: {"label": wnid, "confidence": x}}}), for a "predictions" field. */
void      dd_export_model_fiftyone     (DdExportRun  *run,
                                        DdSampleInfo *s,
                                        const char   *stem);
gboolean  dd_export_model_fiftyone_end (DdExportRun  *run,
                                        GError      **error);
/* @json (an object's text) with "prediction", "confidence" and "loss" added. */
char     *dd_export_model_json    (DdExportRun   *run,
                                   DdSampleInfo  *s,
                                   char          *json);

/* FiftyOne (dd-export-fiftyone.c): ends @labels (an open object) and writes @name as
 * {"classes": [wnid…], "labels": @labels}. */
gboolean  dd_export_fiftyone_write (DdExportRun  *run,
                                    const char   *name,
                                    JsonBuilder  *labels,
                                    GError      **error);

/* A GDestroyNotify for a GString format state. */
void      dd_export_string_free (gpointer       string);

/* One CSV row of @n fields (quoted where needed; NULL is an empty field). */
void      dd_export_csv_row     (GString            *out,
                                 guint               n,
                                 const char * const *fields);
/* A sample as one JSON object: {"path"?, "key", "wnid", "class_name", "label",
 * "corruption", "severity", "split"} ("path" only when @path is not NULL). */
char     *dd_export_sample_json (DdSampleInfo  *s,
                                 int            label,
                                 const char    *path);

G_END_DECLS
