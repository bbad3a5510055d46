/* The relationship explorer's nodes as reached by a path: a node stands for the samples
 * of its path, so that "dataset › Blur › Motion blur › severity 4 › goldfish 50" means
 * those 50 goldfish, not all 4,250: its expansion counts and lists its neighbours
 * within them, and "show its samples" shows them. */
#pragma once

#include "dd-relations-async.h"

G_BEGIN_DECLS

/* The samples the last node of @path stands for. @path (DdNode: kind, id and the edge
 * it was reached by) runs from the explorer's root to the node. Each node on the way
 * narrows the samples, except where the path climbs — a class or synset to its WordNet
 * parent, a corruption to its family, a cell to its corruption, a source to the dataset
 * — or leaves a sample (its class, split, variants…): there it starts again from that
 * node alone. A "more" node continues its parent. @narrowed (may be NULL) says whether
 * the path narrows the node's own samples. NULL with @error naming an unknown node. */
DdFilter    *dd_relations_path_filter        (DdCatalog           *catalog,
                                              GPtrArray           *path,
                                              gboolean            *narrowed,
                                              GError             **error);

/* The neighbours of the last node of @path within the samples of the path, at most
 * @limit per paged relation (classes, samples, WordNet children): their counts are
 * within those samples, a neighbour with none of them is left out, and a "more" node
 * continues the page of its parent's relation. A node whose path does not narrow it
 * expands as dd_relations_expand() does. Sample nodes come with their files and facts.
 * Blocking. */
DdExpansion *dd_relations_expand_path        (DdCatalog           *catalog,
                                              GPtrArray           *path,
                                              guint                limit,
                                              GError             **error);

void         dd_relations_expand_path_async  (DdCatalog           *catalog,
                                              GPtrArray           *path,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
DdExpansion *dd_relations_expand_path_finish (DdCatalog           *catalog,
                                              GAsyncResult        *result,
                                              GError             **error);

/* dd_relations_path_filter() on a worker thread, for "show its samples". */
void         dd_relations_path_filter_async  (DdCatalog           *catalog,
                                              GPtrArray           *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
DdFilter    *dd_relations_path_filter_finish (DdCatalog           *catalog,
                                              GAsyncResult        *result,
                                              GError             **error);

/* A step of a path, for building one (a DdNode with @kind, @id and @edge). */
DdNode      *dd_path_step_new                (DdNodeKind           kind,
                                              const char          *id,
                                              const char          *edge);

G_END_DECLS
