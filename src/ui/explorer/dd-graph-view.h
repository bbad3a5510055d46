/* DdGraphView: the relationship explorer — a graph of the catalog's relations
 * (dataset, sources, splits, corruption families, corruptions, severities, classes,
 * WordNet synsets, samples, health kinds) crawled by clicking.
 *
 * A node stands for the samples of its path from the root ("dataset › Blur › Motion blur ›
 * severity 4 › goldfish" is the goldfish of that cell): it expands within them, and
 * "node-activated" carries the path. Nodes off the focused node's path are faded; the
 * view follows what was just expanded; a label never covers a node; a fan-out is at
 * most one screenful, its next page replacing it behind its "more" node.
 *
 * Click expands or collapses a node, double click or Enter emits "node-activated",
 * Ctrl+click or T emits "toggle-in-recipe" (classes, corruptions, severities); drag
 * moves a node (and pins it), drag on empty space pans, scroll or pinch zooms, arrow
 * keys move between nodes, Home fits the graph. A breadcrumb shows the path to the
 * focused node. Neighbours come from the core (dd_relations_expand_async), a page at a
 * time. */
#pragma once

#include <gtk/gtk.h>

#include "dd-catalog.h"
#include "dd-relations.h"

G_BEGIN_DECLS

#define DD_TYPE_GRAPH_VIEW (dd_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (DdGraphView, dd_graph_view, DD, GRAPH_VIEW, GtkWidget)

GtkWidget  *dd_graph_view_new              (void);
DdCatalog  *dd_graph_view_get_catalog      (DdGraphView *self);
/* Starts again from the dataset node, expanded. */
void        dd_graph_view_set_catalog      (DdGraphView *self,
                                            DdCatalog   *catalog);
/* Starts again from another node (expanded): "show relations" of a sample, a class… */
void        dd_graph_view_set_root         (DdGraphView *self,
                                            DdNodeKind   kind,
                                            const char  *id);

/* The nodes on screen (expanded ones' neighbours included). */
guint       dd_graph_view_get_n_nodes      (DdGraphView *self);
/* TRUE while a neighbour query runs, or a root waits for the view to be mapped (the
 * explorer queries nothing while it is not on screen). */
gboolean    dd_graph_view_get_busy         (DdGraphView *self);
/* The index of the visible node @kind:@id, or -1. */
int         dd_graph_view_find_node        (DdGraphView *self,
                                            DdNodeKind   kind,
                                            const char  *id);
/* Its centre in widget coordinates. */
gboolean    dd_graph_view_get_node_point   (DdGraphView *self,
                                            int          index,
                                            double      *x,
                                            double      *y);
gboolean    dd_graph_view_get_expanded     (DdGraphView *self,
                                            int          index);
/* The node's kind and id (owned by the view), or FALSE. */
gboolean    dd_graph_view_get_node         (DdGraphView *self,
                                            int          index,
                                            DdNodeKind  *kind,
                                            const char **id);
/* Expands (or collapses) a node, as a click does. */
void        dd_graph_view_toggle           (DdGraphView *self,
                                            int          index);
/* What a click of the pointer does at (@x, @y) in widget coordinates: the same path as
 * the click gesture (@n_press 2 = double click). */
void        dd_graph_view_click            (DdGraphView     *self,
                                            double           x,
                                            double           y,
                                            int              n_press,
                                            GdkModifierType  state);
int         dd_graph_view_get_focus_node   (DdGraphView *self);
/* The breadcrumb's labels from the root to the focused node, "/"-joined. */
char       *dd_graph_view_get_path_text    (DdGraphView *self);
/* The path from the root to node @index (DdNode: kind, id, edge, label), or NULL. */
GPtrArray  *dd_graph_view_get_path         (DdGraphView *self,
                                            int          index);
/* The name the dataset node shows (the session's title), instead of the catalog file's. */
void        dd_graph_view_set_dataset_label (DdGraphView *self,
                                             const char  *label);
/* A node's label and count as shown, its number of live children. */
const char *dd_graph_view_get_node_label   (DdGraphView *self,
                                            int          index);
guint64     dd_graph_view_get_node_count   (DdGraphView *self,
                                            int          index);
guint       dd_graph_view_get_n_children   (DdGraphView *self,
                                            int          index);
/* Whether a node is faded (off the focused node's path), and whether its disc lies
 * wholly inside the view. */
gboolean    dd_graph_view_get_faded        (DdGraphView *self,
                                            int          index);
gboolean    dd_graph_view_get_node_visible (DdGraphView *self,
                                            int          index);
/* The labels the last frame placed, and where label @k is in widget coordinates (its
 * plate: a label may cover neither a node nor another label). */
guint       dd_graph_view_get_n_labels     (DdGraphView *self);
void        dd_graph_view_get_label_box    (DdGraphView     *self,
                                            guint            k,
                                            graphene_rect_t *box);
/* The square around node @index's disc, in widget coordinates. */
gboolean    dd_graph_view_get_node_box     (DdGraphView     *self,
                                            int              index,
                                            graphene_rect_t *box);
/* The fan-out of one expansion: at most one screenful of the view's size. */
guint       dd_graph_view_get_page_size    (DdGraphView *self);
/* Zooms and pans so that every node is in view. */
void        dd_graph_view_fit              (DdGraphView *self);
/* Moves the view by (@dx, @dy) pixels. */
void        dd_graph_view_pan              (DdGraphView *self,
                                            double       dx,
                                            double       dy);
/* Whether the edge between the nodes at @a and @b links two near duplicates (drawn
 * dashed, in orange, with a legend). */
gboolean    dd_graph_view_get_near_edge    (DdGraphView *self,
                                            int          a,
                                            int          b);
/* Runs the layout until it settles (or @max_steps), for tests and benchmarks. */
guint       dd_graph_view_settle           (DdGraphView *self,
                                            guint        max_steps);
gboolean    dd_graph_view_get_settled      (DdGraphView *self);
/* How long the last snapshot() took to build its render nodes. */
double      dd_graph_view_get_last_snapshot_ms (DdGraphView *self);
/* One layout step, even when settled; returns its duration in milliseconds. */
double      dd_graph_view_step_once        (DdGraphView *self);

G_END_DECLS
