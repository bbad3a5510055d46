/* WordNet 3.0 nouns (Debian's wordnet-base): names, hypernyms and glosses of ImageNet
 * wnids, where wnid = 'n' + the 8-digit byte offset of the synset in data.noun. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DdWordnet DdWordnet;

/* The shared instance reading WORDNET_DIR/data.noun (or $DATADIVE_WORDNET_DIR), loaded
 * once and thread-safe; NULL when WordNet is not installed. */
DdWordnet  *dd_wordnet_get_default   (void);

gboolean    dd_wordnet_has           (DdWordnet  *self,
                                      const char *wnid);
/* First name, underscores as spaces ("goldfish"); NULL when unknown. */
char       *dd_wordnet_get_name      (DdWordnet  *self,
                                      const char *wnid);
/* Every name of the synset; NULL when unknown. */
char      **dd_wordnet_get_names     (DdWordnet  *self,
                                      const char *wnid);
/* The first hypernym (or instance hypernym) wnid; NULL at the root or when unknown. */
char       *dd_wordnet_get_parent    (DdWordnet  *self,
                                      const char *wnid);
/* Every direct hypernym: the "@" pointers in file order, then the "@i" (instance)
 * ones; the first is dd_wordnet_get_parent(). Empty at the root or when unknown. */
GPtrArray  *dd_wordnet_get_hypernyms (DdWordnet  *self,
                                      const char *wnid);
/* The first-hypernym chain from the parent up to the root (n00001740 "entity"),
 * nearest first; an array of strings (freed with it). Empty when @wnid is the root or
 * unknown. Membership in a category needs every path: see DdTaxonomy. */
GPtrArray  *dd_wordnet_get_ancestors (DdWordnet  *self,
                                      const char *wnid);
/* The definition ("small golden or orange-red freshwater fishes …"). */
char       *dd_wordnet_get_gloss     (DdWordnet  *self,
                                      const char *wnid);
/* Whether @word (lower case, one word) is an English noun, verb, adjective or adverb in
 * WordNet's index files, as written or through a regular inflection ("tigers",
 * "wanted"); a binary search, no index is built. */
gboolean    dd_wordnet_is_word       (DdWordnet  *self,
                                      const char *word);

G_END_DECLS
