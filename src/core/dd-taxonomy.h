/* DdTaxonomy: the WordNet tree above a catalog's classes, from each class up to
 * `entity`, with the number of samples under every synset. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

typedef struct _DdTaxonomy DdTaxonomy;

/* Built from the catalog's classes and WordNet (when installed; without it, the
 * classes' stored parents are the only level above them). */
DdTaxonomy *dd_taxonomy_new                (DdCatalog  *catalog);
void        dd_taxonomy_free               (DdTaxonomy *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTaxonomy, dd_taxonomy_free)

/* The common root (usually n00001740 "entity"), or NULL when the tree has several. */
const char *dd_taxonomy_get_root           (DdTaxonomy *self);
const char *dd_taxonomy_get_parent         (DdTaxonomy *self, const char *wnid);
const char *dd_taxonomy_get_label          (DdTaxonomy *self, const char *wnid);
guint64     dd_taxonomy_get_count          (DdTaxonomy *self, const char *wnid);
gboolean    dd_taxonomy_is_leaf            (DdTaxonomy *self, const char *wnid);
/* Children on the way to the dataset's classes, most samples first (array of const
 * char *, owned by the taxonomy). */
GPtrArray  *dd_taxonomy_get_children       (DdTaxonomy *self, const char *wnid);
/* Class ids under a synset (or the class itself); NULL when @wnid is not in the tree. */
GArray     *dd_taxonomy_get_classes_under  (DdTaxonomy *self, const char *wnid);
/* Ancestors of @wnid, nearest first (const char *, owned by the taxonomy). */
GPtrArray  *dd_taxonomy_get_ancestors      (DdTaxonomy *self, const char *wnid);

G_END_DECLS
