/* The catalog side of near duplicates: each decoded sample's perceptual hash (table
 * phashes), the near pairs health found (table near_pairs) and the threshold they were
 * found at, written through DdCatalogWriter and read in one transaction. */
#pragma once

#include "dd-catalog.h"
#include "dd-catalog-writer.h"

G_BEGIN_DECLS

#define DD_NEAR_DEFAULT_THRESHOLD 10
#define DD_NEAR_MAX_THRESHOLD 32

typedef enum {
  DD_NEAR_SPLIT_OTHER,     /* no split, or one of another name */
  DD_NEAR_SPLIT_TRAIN,
  DD_NEAR_SPLIT_HELDOUT,   /* val, valid, validation, test */
} DdNearSplit;

/* A sample with a perceptual hash. */
typedef struct {
  gint64   id;
  guint64  phash;
  guint32  class_id;       /* 0: unlabeled */
  guint32  family;         /* the same for the corruption variants of one clean image
                            * and that image (never 0) */
  guint8   split;          /* DdNearSplit */
  gboolean corrupted;      /* a corruption variant (ImageNet-C and the like) */
  guint64  bytes;          /* the first 64 bits of the content hash (identical files) */
} DdPhashRow;

/* A near pair as stored: the two samples (a < b), the bits they differ in, the kind
 * (near_duplicate, near_duplicate_conflict or split_leakage). */
typedef struct {
  gint64        a, b;
  guint         distance;
  DdHealthKind  kind;
} DdNearPairRow;

/* The perceptual hash of sample @id, or none (@has_phash FALSE: nothing decoded). */
gboolean  dd_catalog_writer_set_phash       (DdCatalogWriter  *writer,
                                             gint64            id,
                                             gboolean          has_phash,
                                             guint64           phash,
                                             GError          **error);
/* GArray of DdPhashRow, by id. */
GArray   *dd_catalog_writer_read_phashes    (DdCatalogWriter  *writer,
                                             GError          **error);
/* Replaces the stored near pairs by @pairs (DdNearPairRow) and the samples' three
 * near-duplicate flags by theirs; @changed counts the samples whose flags changed. */
gboolean  dd_catalog_writer_store_near_pairs (DdCatalogWriter *writer,
                                              GArray          *pairs,
                                              guint64         *changed,
                                              GError         **error);
/* The threshold near pairs are found at (DD_NEAR_DEFAULT_THRESHOLD unless set). */
guint     dd_catalog_writer_get_near_threshold (DdCatalogWriter *writer);
gboolean  dd_catalog_writer_set_near_threshold (DdCatalogWriter *writer,
                                                guint            threshold,
                                                GError         **error);

/* Read side. GArray of DdPhashRow by id (for a search from one sample). */
GArray   *dd_catalog_read_phashes           (DdCatalog        *catalog,
                                             GError          **error);
/* GArray of DdPhashRow of the samples of @ids that have a hash, in that order; their
 * families are comparable with each other (not with another call's). */
GArray   *dd_catalog_read_phashes_of        (DdCatalog        *catalog,
                                             const gint64     *ids,
                                             guint             n_ids,
                                             GError          **error);
/* A sample's perceptual hash alone. */
typedef struct {
  gint64   id;
  guint64  phash;
} DdPhashValue;
/* GArray of DdPhashValue, by id: every hash, read without a join. */
GArray   *dd_catalog_read_phash_values      (DdCatalog        *catalog,
                                             GError          **error);
/* GArray of DdNearPairRow, by a then b. */
GArray   *dd_catalog_read_near_pairs        (DdCatalog        *catalog,
                                             GError          **error);
/* The pairs @sample_id is in (as a or as b), by a then b. */
GArray   *dd_catalog_read_near_pairs_of     (DdCatalog        *catalog,
                                             gint64            sample_id,
                                             GError          **error);
guint     dd_catalog_get_near_threshold     (DdCatalog        *catalog);

/* A sample at a distance (the bits its hash differs by) from another one: what a search
 * from one sample collects. */
typedef struct {
  gint64  id;
  guint   distance;
} DdNearSample;
/* For g_array_sort() of DdNearSample: nearest first, then by id. */
int       dd_near_sample_compare            (gconstpointer     a,
                                             gconstpointer     b);

G_END_DECLS
