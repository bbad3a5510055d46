/* Near duplicates in health: the pairs of perceptual hashes within the threshold,
 * judged (same class, another label, train against val/test) and stored as flags and
 * pairs; their groups and details in the report; the samples most like one sample. */
#pragma once

#include "dd-catalog-near.h"
#include "dd-health.h"
#include "dd-recipe.h"

G_BEGIN_DECLS

/* A group of copies of one picture: listed once in a report. */
typedef struct {
  DdHealthKind  kind;       /* split_leakage when any pair of it leaks, else
                             * near_duplicate_conflict when any pair has two labels,
                             * else near_duplicate */
  GStrv         keys;       /* sorted */
  guint         distance;   /* the largest distance of a pair of it */
} DdNearGroup;

void      dd_near_group_free           (DdNearGroup     *group);

/* Finds the near pairs among the clean images at the catalog's threshold (corruption
 * variants are never paired) and stores them with the flags. */
gboolean  dd_health_update_near        (DdCatalogWriter *writer,
                                        guint64         *changed,
                                        GCancellable    *cancellable,
                                        GError         **error);

/* Sets the threshold (0–32 bits) and finds the pairs again; reloads the catalog. */
gboolean  dd_health_set_near_threshold (DdCatalog       *catalog,
                                        guint            threshold,
                                        GCancellable    *cancellable,
                                        GError         **error);

/* The details of @report's near-duplicate findings (the other files and the distance)
 * and its groups (report->groups). */
gboolean  dd_health_add_near_groups    (DdCatalog       *catalog,
                                        DdHealthReport  *report,
                                        GError         **error);

/* Resolving a group: one copy stays — for leakage the one in the training split, else
 * (and among several there) the largest picture, then the largest file, then the first
 * key — and the others are forced out of @recipe. Returns the new recipe (one change,
 * undone as one by DdDocument) and the key kept in @out_kept; NULL with an error when
 * no key of the group is in the catalog any more. */
DdRecipe  *dd_health_resolve_group     (DdCatalog         *catalog,
                                        DdRecipe          *recipe,
                                        const DdNearGroup *group,
                                        char             **out_kept,
                                        GError           **error);

/* A sample like another one. */
typedef struct {
  char    *key;
  char    *wnid;        /* the class, NULL when unlabeled */
  char    *split;
  guint    distance;
} DdSimilar;

void      dd_similar_free              (DdSimilar       *similar);
/* Up to @limit samples nearest to the one of @key by perceptual hash, nearest first
 * (ties by key), within @max_distance bits; its own corruption variants (or clean
 * image) are left out. GPtrArray of DdSimilar; NULL with an error when the key is not
 * a sample or has no hash yet (the content pass has not decoded it). */
GPtrArray *dd_health_similar           (DdCatalog       *catalog,
                                        const char      *key,
                                        guint            limit,
                                        guint            max_distance,
                                        GError         **error);

G_END_DECLS
