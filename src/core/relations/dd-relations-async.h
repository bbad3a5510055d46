/* What the relationship explorer asks of the relations, off the main thread: a node
 * with its neighbours and the files of the samples among them (for thumbnails), and the
 * filter a node stands for ("show its samples"). */
#pragma once

#include "dd-relations.h"

G_BEGIN_DECLS

/* One expansion of the graph: @nodes (DdNode) and, parallel to them, @paths (char *):
 * the file of each sample node the catalog holds, NULL for other nodes, and @samples
 * (DdSampleInfo): the facts of each such sample (its cell, for a title that tells it
 * from its 75 variants), NULL for other nodes. */
typedef struct {
  GPtrArray *nodes;
  GPtrArray *paths;
  GPtrArray *samples;
} DdExpansion;

void         dd_expansion_free               (DdExpansion         *expansion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdExpansion, dd_expansion_free)

/* Fills @expansion's @paths and @samples for its @nodes: one look-up of every sample
 * node's key. Blocking. */
void         dd_expansion_find_samples       (DdCatalog           *catalog,
                                              DdExpansion         *expansion);

/* The node @kind:@id itself (@itself: the root of a new graph, described with its label
 * and count) or its neighbours, at most @limit per relation (dd_relations_neighbours),
 * with the files of the sample nodes looked up in one statement. Blocking. */
DdExpansion *dd_relations_expand             (DdCatalog           *catalog,
                                              DdNodeKind           kind,
                                              const char          *id,
                                              gboolean             itself,
                                              guint                limit,
                                              GError             **error);
void         dd_relations_expand_async       (DdCatalog           *catalog,
                                              DdNodeKind           kind,
                                              const char          *id,
                                              gboolean             itself,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
DdExpansion *dd_relations_expand_finish      (DdCatalog           *catalog,
                                              GAsyncResult        *result,
                                              GError             **error);

/* dd_relations_node_filter() on a worker thread (a synset or a sample asks SQLite). */
void         dd_relations_node_filter_async  (DdCatalog           *catalog,
                                              DdNodeKind           kind,
                                              const char          *id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
DdFilter    *dd_relations_node_filter_finish (DdCatalog           *catalog,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
