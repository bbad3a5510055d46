/* DdGraphView's parts shared by dd-graph-view.c (the graph and its queries, the
 * widget), dd-graph-view-camera.c (where the view looks, fading, following),
 * dd-graph-view-draw.c (rendering, labels, the breadcrumb) and dd-graph-view-input.c
 * (pointer, touch and keys). */
#pragma once

#include "dd-graph-layout.h"
#include "dd-graph-view.h"

G_BEGIN_DECLS

#define PAGE_SIZE        24       /* neighbours per relation and per page, at most */
#define MIN_PAGE_SIZE    8        /* … and at least, however small the view */
#define STEP_BUDGET_US   3000     /* layout time per frame */
#define MAX_LABELS       400
#define MIN_SCALE        0.08
#define MAX_SCALE        4.0
#define DRAG_THRESHOLD   4.0

typedef struct {
  DdNodeKind  kind;
  char       *id;
  char       *label;
  char       *edge;
  char       *path;          /* samples: the file, for the thumbnail */
  guint64     count;
  gboolean    expanded;
  gboolean    loading;
  gboolean    faded;         /* off the focused node's path: drawn faint, unlabelled */
  int         label_place;   /* where its label was last placed, or -1 */
  gboolean    thumb_asked;
  GdkTexture *thumb;
  PangoLayout *text;
} GraphNode;

struct _DdGraphView
{
  GtkWidget      parent_instance;

  GtkWidget     *breadcrumb;       /* GtkBox of flat buttons */
  DdCatalog     *catalog;
  GCancellable  *cancellable;
  DdGraphLayout *layout;
  GPtrArray     *nodes;            /* GraphNode, index = layout index */
  GHashTable    *by_name;          /* "kind:id" → index + 1, live nodes */
  GHashTable    *near_edges;       /* "a:b" (a < b): edges between near duplicates, drawn
                                    * dashed in their own colour */
  gboolean       root_loading;
  /* a root asked for while the view is not on screen: queried when it is mapped, so a
   * hidden explorer costs the opening of a dataset nothing */
  gboolean      root_pending;
  DdNodeKind    pending_kind;
  char         *pending_id;
  guint          generation;       /* bumped when the graph starts again */
  double         pointer_x, pointer_y;

  double         scale;
  double         ox, oy;           /* screen = world * scale + (ox, oy), canvas coords */
  gboolean       fitted;
  guint          tick_id;
  double         last_snapshot_ms;
  GdkTexture    *cache;            /* the settled graph at cache_scale */
  double         cache_scale;
  double         cache_x, cache_y; /* world coordinates of its top left corner */
  GdkRGBA        cache_fg;         /* the text colour it was drawn with (dark style) */

  char          *dataset_label;    /* the dataset node's name (not its catalog's file name) */
  GArray        *label_boxes;      /* graphene_rect_t of the labels last placed, in world
                                    * coordinates */
  int            follow;           /* the node just expanded: the view pans and zooms to it */
  gint64         follow_until;
  int            focus;
  int            hover;
  int            last_click;       /* the node a single click expanded or collapsed, +1 (0:
                                    * none): a double click's second press acts on it */
  int            drag_node;
  gboolean       dragging;
  double         drag_x0, drag_y0; /* canvas coords at the press */
  double         drag_ox, drag_oy; /* view offset, or node position, at the press */
  double         zoom_scale0;
};

/* dd-graph-view.c */
/* The live node at @index, or NULL. */
GraphNode *dd_graph_view_node            (DdGraphView *self,
                                          int          index);
/* The height of the breadcrumb above the canvas. */
int        dd_graph_view_canvas_top      (DdGraphView *self);
void       dd_graph_view_to_screen       (DdGraphView *self,
                                          double       wx,
                                          double       wy,
                                          double      *sx,
                                          double      *sy);
void       dd_graph_view_to_world        (DdGraphView *self,
                                          double       sx,
                                          double       sy,
                                          double      *wx,
                                          double      *wy);
/* Whether the edge between nodes @a and @b links two near duplicates. */
gboolean   dd_graph_view_is_near_edge    (DdGraphView *self,
                                          guint        a,
                                          guint        b);
/* Runs the layout from the frame clock until it settles. */
void       dd_graph_view_start_layout    (DdGraphView *self);
/* Double click or Enter: "node-activated" (a "more" node expands instead). */
void       dd_graph_view_activate_node   (DdGraphView *self,
                                          int          index);
/* Ctrl+click or T: "toggle-in-recipe" for a class, corruption or severity. */
void       dd_graph_view_toggle_in_recipe (DdGraphView *self,
                                           int          index);

/* dd-graph-view-camera.c */
/* The user moves the view: it stops following what was just expanded. */
void       dd_graph_view_stop_following  (DdGraphView *self);
/* One frame of following: pans (and zooms out if need be) towards the node just
 * expanded and its children. */
void       dd_graph_view_follow_step     (DdGraphView *self);
/* Which nodes are off the focused node's path (faded), from the focus. */
void       dd_graph_view_update_fading   (DdGraphView *self);

/* dd-graph-view-draw.c */
void       dd_graph_view_snapshot        (GtkWidget   *widget,
                                          GtkSnapshot *snapshot);
/* Drops the picture of the still graph: something in it changed. */
void       dd_graph_view_invalidate_cache (DdGraphView *self);
/* The breadcrumb and the accessible description follow the focused node. */
void       dd_graph_view_update_focus    (DdGraphView *self);
/* The width of a node's label on screen, in pixels (it does not scale with the view). */
int        dd_graph_view_label_width     (DdGraphView *self,
                                          GraphNode   *n);

/* dd-graph-view-input.c: the gestures and the keys. */
void       dd_graph_view_add_controllers (DdGraphView *self);

G_END_DECLS
