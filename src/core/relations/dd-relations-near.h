/* The explorer's edges between near duplicates, for dd-relations.c (not for other
 * layers). */
#pragma once

#include "dd-catalog.h"
#include "dd-node.h"

G_BEGIN_DECLS

/* The samples health paired with sample @sample_id as copies of one picture (the
 * catalog's near pairs at its threshold), nearest first, at most @limit: sample nodes
 * whose edge is "near_duplicate" and whose label is the distance ("2 bits").
 * Nothing for a sample without near copies. */
void dd_relations_add_near_duplicates (DdCatalog  *catalog,
                                       gint64      sample_id,
                                       guint       limit,
                                       GPtrArray  *out);

G_END_DECLS
