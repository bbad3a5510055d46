/* DdGraphLayout: an incremental force-directed layout for the relationship explorer,
 * in plain GLib so that it is tested without a display.
 *
 * Stable by construction: a node's children are placed on an arc around it, facing
 * away from its own parent, and every node is held by a weak spring to where it was
 * last settled, so expanding one node does not throw the others around. Repulsion
 * only looks at the 3 × 3 neighbouring cells of a uniform grid, so a step over 2,000
 * nodes stays well under a millisecond or two. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DD_GRAPH_NO_NODE G_MAXUINT

typedef struct _DdGraphLayout DdGraphLayout;

DdGraphLayout *dd_graph_layout_new            (void);
void           dd_graph_layout_free           (DdGraphLayout *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdGraphLayout, dd_graph_layout_free)

/* Adds a node of @radius, the child of @parent (DD_GRAPH_NO_NODE for a root, placed at
 * the origin) joined to it by an edge; returns its index. Children added one after
 * another are spread over an arc: call dd_graph_layout_place_children() once all of a
 * node's new children are in to space them evenly. */
guint          dd_graph_layout_add_node       (DdGraphLayout *self,
                                               guint          parent,
                                               double         radius);
/* Spreads @parent's live children that were added since its last expansion. */
void           dd_graph_layout_place_children (DdGraphLayout *self,
                                               guint          parent);
/* An extra edge between two existing nodes (a duplicate, a second parent). */
void           dd_graph_layout_add_edge       (DdGraphLayout *self,
                                               guint          a,
                                               guint          b);
/* Removes every descendant of @node (their indices are not reused). */
void           dd_graph_layout_collapse       (DdGraphLayout *self,
                                               guint          node);
/* Removes @node itself and its descendants (a page of neighbours replaced by the next). */
void           dd_graph_layout_remove         (DdGraphLayout *self,
                                               guint          node);

guint          dd_graph_layout_get_n_nodes    (DdGraphLayout *self);   /* indices in use */
guint          dd_graph_layout_get_n_alive    (DdGraphLayout *self);
gboolean       dd_graph_layout_is_alive       (DdGraphLayout *self,
                                               guint          node);
guint          dd_graph_layout_get_parent     (DdGraphLayout *self,
                                               guint          node);
void           dd_graph_layout_get_position   (DdGraphLayout *self,
                                               guint          node,
                                               double        *x,
                                               double        *y);
double         dd_graph_layout_get_radius     (DdGraphLayout *self,
                                               guint          node);
/* Moves a node (a drag) and pins it there. */
void           dd_graph_layout_move           (DdGraphLayout *self,
                                               guint          node,
                                               double         x,
                                               double         y);
gboolean       dd_graph_layout_get_pinned     (DdGraphLayout *self,
                                               guint          node);

/* Edges between live nodes, as pairs of indices: (a0, b0, a1, b1, …). */
const guint   *dd_graph_layout_get_edges      (DdGraphLayout *self,
                                               guint         *n_edges);

/* One step of the simulation; returns the largest move of a node in it. */
double         dd_graph_layout_step           (DdGraphLayout *self);
/* TRUE once nothing moves by more than a tenth of a unit. */
gboolean       dd_graph_layout_is_settled     (DdGraphLayout *self);

/* The live node whose disc contains (x, y), the topmost (latest) first; or
 * DD_GRAPH_NO_NODE. */
guint          dd_graph_layout_hit            (DdGraphLayout *self,
                                               double         x,
                                               double         y);
/* The bounding box of the live nodes (FALSE when there is none). */
gboolean       dd_graph_layout_get_bounds     (DdGraphLayout *self,
                                               double        *x0,
                                               double        *y0,
                                               double        *x1,
                                               double        *y1);
/* The live node nearest to @from in the direction (@dx, @dy), for arrow keys. */
guint          dd_graph_layout_nearest_in_direction (DdGraphLayout *self,
                                                     guint          from,
                                                     double         dx,
                                                     double         dy);

G_END_DECLS
