/* The 200 Tiny-ImageNet classes (WordNet ids and names), embedded: usable without any file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DD_TINY_IMAGENET_N_CLASSES 200

/* Classes are indexed 0..199 in wnid order (which is WordNet order: fish, amphibians,
 * …, artefacts, food, landscapes), the order of the real words.txt subset. */
const char *dd_tiny_imagenet_wnid            (guint       index);
/* "goldfish, Carassius auratus": comma-separated synonyms, most common first. */
const char *dd_tiny_imagenet_names           (guint       index);
/* The index of the class at @position (0..199) of the official wnids.txt. */
guint       dd_tiny_imagenet_official_index  (guint       position);
/* The index of @wnid, or -1 when it is not a Tiny-ImageNet class. */
int         dd_tiny_imagenet_lookup          (const char *wnid);

G_END_DECLS
