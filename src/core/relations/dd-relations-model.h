/* The explorer's edges from a model run, for dd-relations.c (not for other layers). */
#pragma once

#include "dd-catalog.h"
#include "dd-node.h"

G_BEGIN_DECLS

/* "predicted_as" class nodes (count: how often) for the samples of @class_id, the most
 * frequent first, at most @limit; nothing without a run. */
void dd_relations_add_predicted_classes (DdCatalog  *catalog,
                                         guint       class_id,
                                         guint       limit,
                                         GPtrArray  *out);
/* The "predicted_as" class node of a sample, when the run imported last has one. */
void dd_relations_add_predicted_class   (DdCatalog  *catalog,
                                         gint64      sample_id,
                                         GPtrArray  *out);

G_END_DECLS
