/* DdNode: a node of the relations graph, and its typed id — "kind:id", and
 * "kind:id@offset" for the next page of a node's neighbours — parsed and formatted in
 * this one place. */
#pragma once

#include <glib.h>

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
                         * "finding", "family", "severity", "cell", "source", "taxonomy",
                         * "predicted_as", "near_duplicate";
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

/* A node (@label NULL: the id is the label). */
DdNode     *dd_node_new               (DdNodeKind   kind,
                                       const char  *id,
                                       const char  *label,
                                       guint64      count,
                                       const char  *edge);
/* The id of the DD_NODE_MORE that asks for @kind:@id's neighbours from @offset. */
char       *dd_node_format_more       (DdNodeKind   kind,
                                       const char  *id,
                                       guint        offset);
/* Reads a DD_NODE_MORE id back: the node it pages, and the offset. */
gboolean    dd_node_parse_more        (const char  *more_id,
                                       DdNodeKind  *out_kind,
                                       char       **out_id,
                                       guint       *out_offset,
                                       GError     **error);
/* "Unknown node “kind:id”" (DD_RELATIONS_ERROR_NOT_FOUND). */
void        dd_node_set_unknown       (GError     **error,
                                       DdNodeKind   kind,
                                       const char  *id);

G_END_DECLS
