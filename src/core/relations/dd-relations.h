/* Relations of a catalog as a graph: "neighbours of node N", for the explorer and
 * `datadive-cli relations`. Big fan-outs are paged, never loaded whole. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

typedef enum {
  DD_NODE_DATASET,      /* id "" : the catalog itself */
  DD_NODE_SOURCE,       /* id: source id ("1") */
  DD_NODE_SPLIT,        /* id: split name */
  DD_NODE_FAMILY,       /* id: noise, blur, weather, digital, none, other */
  DD_NODE_CORRUPTION,   /* id: corruption name ("none" = clean) */
  DD_NODE_SEVERITY,     /* id: "3" (every corruption) or "fog/3" (one cell row) */
  DD_NODE_CLASS,        /* id: wnid (or folder name) */
  DD_NODE_SYNSET,       /* id: WordNet wnid of an ancestor of the dataset's classes */
  DD_NODE_SAMPLE,       /* id: sample key */
  DD_NODE_HEALTH,       /* id: health kind name */
  DD_NODE_MORE,         /* a summary of further neighbours: id "<kind>:<id>@<offset>" */
  DD_NODE_N_KINDS
} DdNodeKind;

typedef struct {
  DdNodeKind kind;
  char      *id;
  char      *label;
  guint64    count;     /* samples under the node (0 when not meaningful) */
  char      *edge;      /* relation from the asked node: "split", "corruption", "hypernym",
                         * "hyponym", "class", "sample", "variant", "clean", "duplicate",
                         * "finding", "family", "severity", "cell", "source", "taxonomy";
                         * a DD_NODE_MORE has the edge of the relation it continues */
} DdNode;

void        dd_node_free              (DdNode      *node);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdNode, dd_node_free)

const char *dd_node_kind_to_string    (DdNodeKind   kind);
/* Parses "kind:id" (e.g. class:n01443537, corruption:fog, sample:<key>). */
gboolean    dd_node_parse             (const char  *text,
                                       DdNodeKind  *out_kind,
                                       char       **out_id,
                                       GError     **error);

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

void        dd_relations_neighbours_async  (DdCatalog           *catalog,
                                            DdNodeKind           kind,
                                            const char          *id,
                                            guint                limit,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *dd_relations_neighbours_finish (DdCatalog           *catalog,
                                            GAsyncResult        *result,
                                            GError             **error);

/* A filter selecting what a node stands for (class, corruption, severity, split,
 * synset, health kind, source, sample), for "make this the grid's filter". */
DdFilter   *dd_relations_node_filter  (DdCatalog   *catalog,
                                       DdNodeKind   kind,
                                       const char  *id,
                                       GError     **error);

G_END_DECLS
