/* DdTaxonomy: the WordNet graph above a catalog's classes, from each class up to
 * `entity` through every hypernym (a synset can have several: *edible fruit* is both
 * *produce* and *fruit*), with the number of samples under every synset. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

typedef struct _DdTaxonomy DdTaxonomy;

/* Built from the catalog's classes and WordNet (when installed; without it, the
 * classes' stored parents are the only level above them). */
DdTaxonomy *dd_taxonomy_new                (DdCatalog  *catalog);
void        dd_taxonomy_free               (DdTaxonomy *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTaxonomy, dd_taxonomy_free)

/* The same, built on a worker thread. */
void        dd_taxonomy_new_async          (DdCatalog           *catalog,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
DdTaxonomy *dd_taxonomy_new_finish         (GAsyncResult        *result,
                                            GError             **error);

/* The common root (usually n00001740 "entity"), or NULL when the graph has several. */
const char *dd_taxonomy_get_root           (DdTaxonomy *self);
/* The first parent (WordNet's first hypernym): the "WordNet parent" shown for a class. */
const char *dd_taxonomy_get_parent         (DdTaxonomy *self, const char *wnid);
/* Every parent, the first one first (const char *, owned by the taxonomy). */
GPtrArray  *dd_taxonomy_get_parents        (DdTaxonomy *self, const char *wnid);
const char *dd_taxonomy_get_label          (DdTaxonomy *self, const char *wnid);
/* Samples under a synset, each class counted once however many paths lead to it. */
guint64     dd_taxonomy_get_count          (DdTaxonomy *self, const char *wnid);
gboolean    dd_taxonomy_is_leaf            (DdTaxonomy *self, const char *wnid);
/* Children on the way to the dataset's classes, most samples first (array of const
 * char *, owned by the taxonomy). */
GPtrArray  *dd_taxonomy_get_children       (DdTaxonomy *self, const char *wnid);
/* Class ids under a synset (or the class itself), each once, ascending; NULL when
 * @wnid is not in the graph. */
GArray     *dd_taxonomy_get_classes_under  (DdTaxonomy *self, const char *wnid);
/* Every ancestor of @wnid through all paths, each once, nearest first: a synset comes
 * after every synset of the closure below it, so the root is last (const char *, owned
 * by the taxonomy). */
GPtrArray  *dd_taxonomy_get_ancestors      (DdTaxonomy *self, const char *wnid);
/* Synsets holding at least @min_classes classes and fewer than all of them, by label
 * (const char *, owned by the taxonomy): the groups a class list can offer. */
GPtrArray  *dd_taxonomy_list_groups        (DdTaxonomy *self, guint min_classes);
/* Synsets of the graph with @name among their WordNet names (case-insensitive). */
GPtrArray  *dd_taxonomy_find_by_name       (DdTaxonomy *self, const char *name);

G_END_DECLS
