/* Relations of a catalog as a graph: "neighbours of node N", for the explorer and
 * `datadive-cli relations`. Big fan-outs are paged, never loaded whole. */
#pragma once

#include "dd-catalog.h"
#include "dd-node.h"

G_BEGIN_DECLS

/* The node itself, with its label and count; an error names an unknown node. */
DdNode     *dd_relations_describe     (DdCatalog   *catalog,
                                       DdNodeKind   kind,
                                       const char  *id,
                                       GError     **error);

/* Neighbours of a node, at most @limit per relation (samples, classes of a big
 * synset…); what does not fit is summarised by one DD_NODE_MORE neighbour whose
 * count is the number left out and whose id asks for the next page. */
GPtrArray  *dd_relations_neighbours   (DdCatalog   *catalog,
                                       DdNodeKind   kind,
                                       const char  *id,
                                       guint        limit,
                                       GError     **error);

/* A filter selecting what a node stands for (class, corruption, severity, split,
 * synset, health kind, source, sample), for "make this the grid's filter". */
DdFilter   *dd_relations_node_filter  (DdCatalog   *catalog,
                                       DdNodeKind   kind,
                                       const char  *id,
                                       GError     **error);

G_END_DECLS
