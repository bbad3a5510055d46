/* The 1,000 ILSVRC-2012 (ImageNet-1k) classes: WordNet ids and names, embedded. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DD_IMAGENET_N_CLASSES 1000

/* Classes are indexed 0..999 in wnid order, the order of LOC_synset_mapping.txt (and of
 * torchvision's ImageFolder labels). */
const char *dd_imagenet_wnid   (guint       index);
/* "tench, Tinca tinca": WordNet 3.0's words of the synset, most common first. */
const char *dd_imagenet_names  (guint       index);
/* The index of @wnid, or -1 when it is not an ILSVRC-2012 class. */
int         dd_imagenet_lookup (const char *wnid);

G_END_DECLS
