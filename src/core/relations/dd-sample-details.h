/* DdSampleDetails: everything the viewer shows of one sample, gathered off the main
 * thread: the catalog's facts, the decoded picture, the WordNet ancestry and definition
 * of its class, the box of its clean image, and the clean image with its corrupted
 * variants (the corruption × severity matrix). */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

/* One cell of the matrix: the clean image ("none", severity 0) or a variant. */
typedef struct {
  gint64    id;
  char     *key;
  char     *path;
  char     *label;        /* the relation's label ("fog 3"), "clean" for the clean image */
  char     *corruption;   /* "none" for the clean image */
  guint     severity;
  gboolean  current;      /* the sample shown */
} DdSampleVariant;

typedef struct {
  DdSampleInfo *info;
  GdkPixbuf    *pixbuf;       /* as stored; NULL when the file cannot be decoded */
  char         *ancestry;     /* "fish › aquatic vertebrate › …", NULL without WordNet */
  char         *gloss;        /* the class's WordNet definition, or NULL */
  gboolean      clean_boxes;  /* info->boxes are the clean image's (a corruption keeps
                               * the geometry) */
  GPtrArray    *variants;     /* DdSampleVariant; fewer than 2 when there is no matrix */
  char         *prediction;   /* what the run imported last says of it, or NULL */
  char         *top5;         /* its top-5 classes, one a line, or NULL */
} DdSampleDetails;

void             dd_sample_details_free        (DdSampleDetails     *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSampleDetails, dd_sample_details_free)

/* Blocking: reads the catalog, decodes the file (never hanging on a FIFO or a device)
 * and reads WordNet. An error names a sample the catalog does not hold. */
DdSampleDetails *dd_sample_details_load        (DdCatalog           *catalog,
                                                gint64               id,
                                                GCancellable        *cancellable,
                                                GError             **error);
void             dd_sample_details_load_async  (DdCatalog           *catalog,
                                                gint64               id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
DdSampleDetails *dd_sample_details_load_finish (DdCatalog           *catalog,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
