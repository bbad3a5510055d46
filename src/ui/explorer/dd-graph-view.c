/* DdGraphView: see the header. The graph is drawn in snapshot(): edges in one cairo
 * node, nodes as rounded rectangles (discs for classes and synsets, squares for the
 * corruption side, thumbnails for samples), labels as Pango layouts where they are
 * legible. The layout advances from a tick callback within a time budget per frame. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dd-text.h"
#include "dd-graph-layout.h"
#include "dd-graph-view.h"
#include "dd-relations-async.h"
#include "dd-thumbnailer.h"

#define PAGE_SIZE        24       /* neighbours per relation and per page */
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
  double         last_step_ms;
  double         last_snapshot_ms;
  GdkTexture    *cache;            /* the settled graph at cache_scale */
  double         cache_scale;
  double         cache_x, cache_y; /* world coordinates of its top left corner */
  GdkRGBA        cache_fg;         /* the text colour it was drawn with (dark style) */

  int            focus;
  int            hover;
  int            drag_node;
  gboolean       dragging;
  double         drag_x0, drag_y0; /* canvas coords at the press */
  double         drag_ox, drag_oy; /* view offset, or node position, at the press */
  double         zoom_scale0;
};

G_DEFINE_FINAL_TYPE (DdGraphView, dd_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NODE_ACTIVATED,
  TOGGLE_IN_RECIPE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void dd_graph_view_expand (DdGraphView *self, int index);
static void update_focus (DdGraphView *self);

static void
gnode_free (GraphNode *n)
{
  g_free (n->id);
  g_free (n->label);
  g_free (n->edge);
  g_free (n->path);
  g_clear_object (&n->thumb);
  g_clear_object (&n->text);
  g_free (n);
}

static char *
name_of (DdNodeKind  kind,
         const char *id)
{
  return g_strdup_printf ("%s:%s", dd_node_kind_to_string (kind), id);
}

static GraphNode *
node_get (DdGraphView *self,
          int          index)
{
  if (index < 0 || (guint) index >= self->nodes->len ||
      !dd_graph_layout_is_alive (self->layout, index))
    return NULL;
  return g_ptr_array_index (self->nodes, index);
}

/* ---- geometry --------------------------------------------------------------------- */

static int
canvas_top (DdGraphView *self)
{
  return gtk_widget_get_visible (self->breadcrumb) ? gtk_widget_get_height (self->breadcrumb) : 0;
}

static void
to_screen (DdGraphView *self,
           double       wx,
           double       wy,
           double      *sx,
           double      *sy)
{
  *sx = wx * self->scale + self->ox;
  *sy = wy * self->scale + self->oy;
}

static void
to_world (DdGraphView *self,
          double       sx,
          double       sy,
          double      *wx,
          double      *wy)
{
  *wx = (sx - self->ox) / self->scale;
  *wy = (sy - self->oy) / self->scale;
}

static double
radius_for (const DdNode *node)
{
  switch (node->kind)
    {
    case DD_NODE_SAMPLE:
      return 20;
    case DD_NODE_MORE:
      return 13;
    case DD_NODE_DATASET:
      return 30;
    default:
      return CLAMP (9 + 3.2 * log10 ((double) node->count + 1), 10, 28);
    }
}

static void
kind_color (DdNodeKind  kind,
            GdkRGBA    *rgba)
{
  /* the GNOME palette: blue for the dataset side, purple and orange for corruptions
   * and severities, green for what things are, grey for samples, red for findings */
  static const char *colors[DD_NODE_N_KINDS] = {
    [DD_NODE_DATASET] = "#1c71d8",
    [DD_NODE_SOURCE] = "#3584e4",
    [DD_NODE_SPLIT] = "#2190a4",
    [DD_NODE_FAMILY] = "#813d9c",
    [DD_NODE_CORRUPTION] = "#c061cb",
    [DD_NODE_SEVERITY] = "#e66100",
    [DD_NODE_CLASS] = "#2ec27e",
    [DD_NODE_SYNSET] = "#26a269",
    [DD_NODE_SAMPLE] = "#77767b",
    [DD_NODE_HEALTH] = "#e01b24",
    [DD_NODE_MORE] = "#9a9996",
  };

  gdk_rgba_parse (rgba, colors[kind < DD_NODE_N_KINDS ? kind : DD_NODE_MORE]);
}

/* Discs for what things are (classes, synsets, the dataset), rounded squares for the
 * rest; corner radius as a fraction of the radius. */
static double
kind_roundness (DdNodeKind kind)
{
  switch (kind)
    {
    case DD_NODE_CLASS:
    case DD_NODE_SYNSET:
    case DD_NODE_DATASET:
    case DD_NODE_MORE:
    case DD_NODE_HEALTH:
      return 1.0;
    case DD_NODE_SAMPLE:
      return 0.25;
    default:
      return 0.45;
    }
}

static const char *
kind_title (DdNodeKind kind)
{
  switch (kind)
    {
    case DD_NODE_DATASET: return _("Dataset");
    case DD_NODE_SOURCE: return _("Source");
    case DD_NODE_SPLIT: return _("Split");
    case DD_NODE_FAMILY: return _("Corruption family");
    case DD_NODE_CORRUPTION: return _("Corruption");
    case DD_NODE_SEVERITY: return _("Severity");
    case DD_NODE_CLASS: return _("Class");
    case DD_NODE_SYNSET: return _("WordNet synset");
    case DD_NODE_SAMPLE: return _("Sample");
    case DD_NODE_HEALTH: return _("Finding");
    case DD_NODE_MORE: return _("More");
    case DD_NODE_N_KINDS:
    default: return "";
    }
}

/* ---- the layout's clock ----------------------------------------------------------- */

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  DdGraphView *self = DD_GRAPH_VIEW (widget);
  gint64 start = g_get_monotonic_time ();
  guint steps = 0;

  do
    {
      dd_graph_layout_step (self->layout);
      steps++;
    }
  while (!dd_graph_layout_is_settled (self->layout) &&
         g_get_monotonic_time () - start < STEP_BUDGET_US);
  self->last_step_ms = (g_get_monotonic_time () - start) / 1000.0 / steps;
  gtk_widget_queue_draw (widget);
  if (dd_graph_layout_is_settled (self->layout) && !self->dragging)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void invalidate_cache (DdGraphView *self);

static void
start_layout (DdGraphView *self)
{
  invalidate_cache (self);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- nodes ------------------------------------------------------------------------ */

static int
add_node (DdGraphView  *self,
          int           parent,
          const DdNode *node,
          const char   *path)
{
  GraphNode *n = g_new0 (GraphNode, 1);
  guint index = dd_graph_layout_add_node (self->layout, parent < 0 ? DD_GRAPH_NO_NODE : (guint) parent,
                                          radius_for (node));

  n->kind = node->kind;
  n->id = g_strdup (node->id);
  if (node->kind == DD_NODE_SEVERITY && strchr (node->id, '/') && parent >= 0)
    /* under its corruption, "fog severity 3" says "fog" twice */
    n->label = g_strdup_printf (_("severity %s"), strrchr (node->id, '/') + 1);
  else
    n->label = g_strdup (node->label ? node->label : node->id);
  n->edge = g_strdup (node->edge);
  n->count = node->count;
  n->path = g_strdup (path);
  g_assert (index == self->nodes->len);
  g_ptr_array_add (self->nodes, n);
  g_hash_table_insert (self->by_name, name_of (node->kind, node->id), GUINT_TO_POINTER (index + 1));
  return index;
}

static void
forget_dead (DdGraphView *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_name);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!dd_graph_layout_is_alive (self->layout, GPOINTER_TO_UINT (value) - 1))
      g_hash_table_iter_remove (&iter);
}

/* What an expansion was asked for: the node (or the root when @index < 0), and the
 * graph it belongs to. */
typedef struct {
  DdGraphView *self;
  DdNodeKind   kind;
  char        *id;
  int          index;
} Query;

static void
query_free (Query *q)
{
  g_object_unref (q->self);
  g_free (q->id);
  g_free (q);
}

static Query *
query_new (DdGraphView *self,
           DdNodeKind   kind,
           const char  *id,
           int          index)
{
  Query *q = g_new0 (Query, 1);

  q->self = g_object_ref (self);
  q->kind = kind;
  q->id = g_strdup (id);
  q->index = index;
  return q;
}

static void
query_ready (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Query *q = user_data;
  DdGraphView *self = q->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExpansion) expansion = dd_relations_expand_finish (DD_CATALOG (object), result,
                                                                 &error);
  GraphNode *parent;
  int parent_parent;
  guint added = 0;

  if (expansion == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          query_free (q);
          return;
        }
      if (q->index < 0)
        self->root_loading = FALSE;
      if ((parent = node_get (self, q->index)))
        parent->loading = FALSE;
      invalidate_cache (self);
      g_warning ("Relations of %s:%s: %s", dd_node_kind_to_string (q->kind), q->id, error->message);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      query_free (q);
      return;
    }
  if (q->index < 0)
    {
      int root;

      self->root_loading = FALSE;
      root = add_node (self, -1, g_ptr_array_index (expansion->nodes, 0), expansion->paths->pdata[0]);
      self->focus = root;
      update_focus (self);
      dd_graph_view_expand (self, root);
      start_layout (self);
      query_free (q);
      return;
    }

  if ((parent = node_get (self, q->index)) == NULL || !parent->loading)
    {
      query_free (q);
      return;   /* collapsed while asking */
    }
  parent->loading = FALSE;
  parent->expanded = TRUE;
  parent_parent = (int) dd_graph_layout_get_parent (self->layout, q->index);
  for (guint i = 0; i < expansion->nodes->len; i++)
    {
      DdNode *n = g_ptr_array_index (expansion->nodes, i);
      g_autofree char *name = name_of (n->kind, n->id);
      guint existing = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_name, name));

      if (existing > 0)
        {
          /* already on screen: the graph gets an edge, not a second copy; the way back
           * to the parent is already drawn */
          if ((int) existing - 1 != parent_parent && (int) existing - 1 != q->index)
            dd_graph_layout_add_edge (self->layout, q->index, existing - 1);
          continue;
        }
      add_node (self, q->index, n, expansion->paths->pdata[i]);
      added++;
    }
  dd_graph_layout_place_children (self->layout, q->index);
  update_focus (self);
  start_layout (self);
  if (!self->fitted && added > 0)
    dd_graph_view_fit (self);   /* not yet allocated: size_allocate() fits */
  query_free (q);
}

static void
dd_graph_view_expand (DdGraphView *self,
                      int          index)
{
  GraphNode *n = node_get (self, index);

  if (n == NULL || n->expanded || n->loading || self->catalog == NULL)
    return;
  n->loading = TRUE;
  invalidate_cache (self);
  dd_relations_expand_async (self->catalog, n->kind, n->id, FALSE, PAGE_SIZE, self->cancellable,
                             query_ready, query_new (self, n->kind, n->id, index));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dd_graph_view_toggle (DdGraphView *self,
                      int          index)
{
  GraphNode *n;

  g_return_if_fail (DD_IS_GRAPH_VIEW (self));
  if ((n = node_get (self, index)) == NULL)
    return;
  if (n->expanded || n->loading)
    {
      n->expanded = n->loading = FALSE;
      dd_graph_layout_collapse (self->layout, index);
      forget_dead (self);
      if (node_get (self, self->focus) == NULL)
        self->focus = index;
      update_focus (self);
      start_layout (self);
    }
  else
    dd_graph_view_expand (self, index);
}

typedef struct {
  DdGraphView *self;
  guint        index;
  guint        generation;
} ThumbRequest;

static void
thumbnail_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ThumbRequest *req = user_data;
  g_autoptr(DdGraphView) self = req->self;
  g_autoptr(GdkTexture) texture = dd_thumbnailer_load_finish (DD_THUMBNAILER (object), result, NULL);
  guint index = req->index, generation = req->generation;

  g_free (req);
  if (texture == NULL || generation != self->generation || index >= self->nodes->len)
    return;
  g_set_object (&((GraphNode *) g_ptr_array_index (self->nodes, index))->thumb, texture);
  invalidate_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- drawing ---------------------------------------------------------------------- */

static void
fg_color (DdGraphView *self,
          GdkRGBA     *rgba)
{
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), rgba);
G_GNUC_END_IGNORE_DEPRECATIONS
}

static PangoLayout *
node_text (DdGraphView *self,
           GraphNode       *n)
{
  if (n->text == NULL)
    {
      g_autofree char *count = dd_format_count (n->count);
      g_autofree char *text = n->count > 0 && n->kind != DD_NODE_SAMPLE
        ? g_strdup_printf ("%s  %s", n->label, count)
        : g_strdup (n->label);

      n->text = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      pango_layout_set_width (n->text, 180 * PANGO_SCALE);
      pango_layout_set_ellipsize (n->text, PANGO_ELLIPSIZE_MIDDLE);
    }
  return n->text;
}

/* One node's label under it (or above it), on a translucent plate. */
static void
draw_label (DdGraphView   *self,
               GtkSnapshot   *snapshot,
               GraphNode     *n,
               double         sx,
               double         sy,
               double         r,
               const GdkRGBA *fg,
               gboolean       strong,
               gboolean       above)
{
  PangoLayout *text = node_text (self, n);
  GskRoundedRect back;
  GdkRGBA bg;
  int lw, lh;

  pango_layout_get_pixel_size (text, &lw, &lh);
  bg.red = bg.green = bg.blue = fg->red > 0.5 ? 0.14 : 0.98;
  bg.alpha = strong ? 0.92 : 0.72;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor (sx - lw / 2.0),
                                                         above ? floor (sy - r - 4 - lh)
                                                               : floor (sy + r + 3)));
  gsk_rounded_rect_init_from_rect (&back, &GRAPHENE_RECT_INIT (-3, -1, lw + 6, lh + 2), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &back);
  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (-3, -1, lw + 6, lh + 2));
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_layout (snapshot, text, fg);
  gtk_snapshot_restore (snapshot);
}

static void
node_shape (DdGraphView    *self,
            guint           i,
            GraphNode      *n,
            double         *sx,
            double         *sy,
            double         *r,
            GskRoundedRect *shape)
{
  double wx, wy;

  dd_graph_layout_get_position (self->layout, i, &wx, &wy);
  to_screen (self, wx, wy, sx, sy);
  *r = MAX (dd_graph_layout_get_radius (self->layout, i) * self->scale, 2.5);
  gsk_rounded_rect_init_from_rect (shape, &GRAPHENE_RECT_INIT (*sx - *r, *sy - *r, 2 * *r, 2 * *r),
                                   *r * kind_roundness (n->kind));
}

/* Edges, nodes and labels: everything but the focus and hover marks, which change
 * without the graph changing. Draws in (0, 0, width, height) of the current view.
 * @moving: the layout moves every frame; a software rasteriser spends most of such a
 * frame on scaled, clipped thumbnails and on labels, so those wait until it is still
 * (the picture of the still graph is cached) except the labels of expanded nodes. */
static void
draw_content (DdGraphView   *self,
              GtkSnapshot   *snapshot,
              int            width,
              int            height,
              const GdkRGBA *fg,
              gboolean       moving)
{
  GdkRGBA edge_color = *fg;
  const guint *edges;
  guint n_edges, n_labels = 0;
  float line = (float) MAX (1.0, 1.5 * MIN (self->scale, 1.0));
  g_autoptr(GArray) placed = NULL;

  edge_color.alpha = 0.22;

  /* edges: thin rotated rectangles, not a cairo node — a cairo node is a surface the
   * size of the canvas, painted whole on every frame */
  edges = dd_graph_layout_get_edges (self->layout, &n_edges);
  for (guint e = 0; e < n_edges; e++)
    {
      double ax, ay, bx, by, length;

      dd_graph_layout_get_position (self->layout, edges[2 * e], &ax, &ay);
      dd_graph_layout_get_position (self->layout, edges[2 * e + 1], &bx, &by);
      to_screen (self, ax, ay, &ax, &ay);
      to_screen (self, bx, by, &bx, &by);
      if ((ax < 0 && bx < 0) || (ay < 0 && by < 0) ||
          (ax > width && bx > width) || (ay > height && by > height))
        continue;
      length = hypot (bx - ax, by - ay);
      if (length < 0.5)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ax, ay));
      gtk_snapshot_rotate (snapshot, atan2 (by - ay, bx - ax) * 180 / G_PI);
      gtk_snapshot_append_color (snapshot, &edge_color,
                                 &GRAPHENE_RECT_INIT (0, -line / 2, length, line));
      gtk_snapshot_restore (snapshot);
    }

  /* nodes */
  for (guint i = 0; i < self->nodes->len; i++)
    {
      GraphNode *n = node_get (self, i);
      double sx, sy, r;
      GskRoundedRect shape;
      GdkRGBA color;

      if (n == NULL)
        continue;
      node_shape (self, i, n, &sx, &sy, &r, &shape);
      if (sx + r < 0 || sy + r < 0 || sx - r > width || sy - r > height)
        continue;
      kind_color (n->kind, &color);
      if (n->kind == DD_NODE_MORE)
        color.alpha = 0.55;
      /* thumbnails where they can be made out; below that the grey square */
      if (n->thumb && r >= 12 && !moving)
        {
          gtk_snapshot_push_rounded_clip (snapshot, &shape);
          gtk_snapshot_append_texture (snapshot, GDK_TEXTURE (n->thumb),
                                       &GRAPHENE_RECT_INIT (sx - r, sy - r, 2 * r, 2 * r));
          gtk_snapshot_pop (snapshot);
        }
      else if (r < 4)
        /* a few pixels: a square is a disc */
        gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (sx - r, sy - r, 2 * r, 2 * r));
      else
        {
          /* a border as wide as the radius fills the shape: no clip, and the renderer
           * batches thousands of them */
          float w = (float) r;

          gtk_snapshot_append_border (snapshot, &shape, (float[4]) { w, w, w, w },
                                      (GdkRGBA[4]) { color, color, color, color });
        }
      /* expanded: a ring of its colour, fainter while its neighbours load */
      if (n->expanded || n->loading)
        {
          GskRoundedRect outer = shape;
          GdkRGBA c = color;

          if (n->loading)
            c.alpha = 0.4;
          gsk_rounded_rect_shrink (&outer, -3.5, -3.5, -3.5, -3.5);
          gtk_snapshot_append_border (snapshot, &outer, (float[4]) { 2, 2, 2, 2 },
                                      (GdkRGBA[4]) { c, c, c, c });
        }
      if (dd_graph_layout_get_pinned (self->layout, i))
        {
          GdkRGBA pin = *fg;

          pin.alpha = 0.8;
          gtk_snapshot_append_color (snapshot, &pin, &GRAPHENE_RECT_INIT (sx + r * 0.55, sy - r - 1, 4, 4));
        }
    }

  /* labels where they are legible: the expanded nodes' always, then the others in
   * order where they do not cover a label already placed */
  placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->nodes->len; i++)
      {
        GraphNode *n = node_get (self, i);
        double sx, sy, r;
        GskRoundedRect shape;
        graphene_rect_t box;
        gboolean clash = FALSE;
        int lw, lh;

        if (n == NULL || (pass == 0) != n->expanded)
          continue;
        if (!n->expanded && (moving || self->scale < 0.55 || n_labels >= MAX_LABELS))
          continue;
        node_shape (self, i, n, &sx, &sy, &r, &shape);
        if (sx < -200 || sy < -40 || sx > width + 200 || sy > height + 40)
          continue;
        pango_layout_get_pixel_size (node_text (self, n), &lw, &lh);
        /* below the node, else above it */
        for (int above = 0; above < 2; above++)
          {
            graphene_rect_init (&box, floor (sx - lw / 2.0) - 3,
                                (above ? floor (sy - r - 4 - lh) : floor (sy + r + 3)) - 1,
                                lw + 6, lh + 2);
            clash = FALSE;
            for (guint k = 0; k < placed->len && !n->expanded && !clash; k++)
              clash = graphene_rect_intersection (&box, &g_array_index (placed, graphene_rect_t, k), NULL);
            if (clash)
              continue;
            g_array_append_val (placed, box);
            draw_label (self, snapshot, n, sx, sy, r, fg, n->expanded, above);
            n_labels++;
            break;
          }
      }
}

static void
invalidate_cache (DdGraphView *self)
{
  g_clear_object (&self->cache);
}

/* The settled graph as one texture: panning it is one textured rectangle a frame,
 * however many nodes there are. FALSE when too big to hold (zoomed far in). */
static gboolean
ensure_cache (DdGraphView   *self,
              const GdkRGBA *fg)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  double x0, y0, x1, y1, saved_ox = self->ox, saved_oy = self->oy;
  int cw, ch;

  if (self->cache && self->cache_scale == self->scale && gdk_rgba_equal (&self->cache_fg, fg))
    return TRUE;
  invalidate_cache (self);
  if (native == NULL || !dd_graph_layout_get_bounds (self->layout, &x0, &y0, &x1, &y1))
    return FALSE;
  /* the labels hang below and beside the discs */
  x0 -= 100; x1 += 100; y0 -= 10; y1 += 40;
  cw = (int) ceil ((x1 - x0) * self->scale);
  ch = (int) ceil ((y1 - y0) * self->scale);
  if (cw <= 0 || ch <= 0 || (gint64) cw * ch > 4096 * 4096 || cw > 8192 || ch > 8192)
    return FALSE;

  self->ox = -x0 * self->scale;
  self->oy = -y0 * self->scale;
  snapshot = gtk_snapshot_new ();
  draw_content (self, snapshot, cw, ch, fg, FALSE);
  self->ox = saved_ox;
  self->oy = saved_oy;
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;
  self->cache = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                             &GRAPHENE_RECT_INIT (0, 0, cw, ch));
  self->cache_scale = self->scale;
  self->cache_fg = *fg;
  self->cache_x = x0;
  self->cache_y = y0;
  return self->cache != NULL;
}

static void
dd_graph_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DdGraphView *self = DD_GRAPH_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int top = canvas_top (self);
  int height = gtk_widget_get_height (widget) - top;
  gint64 snapshot_start = g_get_monotonic_time ();
  GdkRGBA fg, ring;

  if (height <= 0)
    return;
  fg_color (self, &fg);
  gdk_rgba_parse (&ring, "#3584e4");

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, top));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* moving: drawn afresh; still: the cached picture of it */
  if (self->tick_id == 0 && !self->dragging && ensure_cache (self, &fg))
    {
      double sx, sy;

      to_screen (self, self->cache_x, self->cache_y, &sx, &sy);
      gtk_snapshot_append_texture (snapshot, self->cache,
                                   &GRAPHENE_RECT_INIT (floor (sx), floor (sy),
                                                        gdk_texture_get_width (self->cache),
                                                        gdk_texture_get_height (self->cache)));
    }
  else
    {
      invalidate_cache (self);
      draw_content (self, snapshot, width, height, &fg, TRUE);
    }

  /* the hovered and the focused node: a ring and the label, on top */
  for (int k = 0; k < 2; k++)
    {
      int i = k == 0 ? self->hover : self->focus;
      GraphNode *n = node_get (self, i);
      double sx, sy, r;
      GskRoundedRect outer;
      GdkRGBA c;
      float w;

      if (n == NULL || (k == 0 && self->hover == self->focus))
        continue;
      node_shape (self, i, n, &sx, &sy, &r, &outer);
      if (k == 1 && gtk_widget_has_focus (widget))
        c = ring, w = 3;
      else
        c = fg, c.alpha = k == 1 ? 0.75 : 0.5, w = 2;
      gsk_rounded_rect_shrink (&outer, -w - 1.5, -w - 1.5, -w - 1.5, -w - 1.5);
      gtk_snapshot_append_border (snapshot, &outer, (float[4]) { w, w, w, w },
                                  (GdkRGBA[4]) { c, c, c, c });
      draw_label (self, snapshot, n, sx, sy, r, &fg, TRUE, FALSE);
    }

  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);

  /* thumbnails of sample nodes large enough to show one */
  for (guint i = 0; i < self->nodes->len; i++)
    {
      GraphNode *n = node_get (self, i);

      if (n && n->kind == DD_NODE_SAMPLE && n->path && !n->thumb_asked &&
          dd_graph_layout_get_radius (self->layout, i) * self->scale >= 12)
        {
          ThumbRequest *req = g_new0 (ThumbRequest, 1);

          req->self = g_object_ref (self);
          req->index = i;
          req->generation = self->generation;
          n->thumb_asked = TRUE;
          dd_thumbnailer_load_async (dd_thumbnailer_get_default (), n->path, self->cancellable,
                                     thumbnail_loaded, req);
        }
    }

  gtk_widget_snapshot_child (widget, self->breadcrumb, snapshot);
  self->last_snapshot_ms = (g_get_monotonic_time () - snapshot_start) / 1000.0;
}

/* ---- the breadcrumb and focus ----------------------------------------------------- */

static void
crumb_clicked (GtkButton   *button,
               DdGraphView *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "dd-index"));
  double wx, wy, sx, sy;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - canvas_top (self);

  if (node_get (self, index) == NULL)
    return;
  self->focus = index;
  /* centre on it */
  dd_graph_layout_get_position (self->layout, index, &wx, &wy);
  to_screen (self, wx, wy, &sx, &sy);
  self->ox += width / 2.0 - sx;
  self->oy += height / 2.0 - sy;
  update_focus (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_focus (DdGraphView *self)
{
  GraphNode *n = node_get (self, self->focus);
  GtkWidget *child;
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *description = NULL;

  while ((child = gtk_widget_get_first_child (self->breadcrumb)))
    gtk_box_remove (GTK_BOX (self->breadcrumb), child);
  for (int i = self->focus; node_get (self, i); i = (int) dd_graph_layout_get_parent (self->layout, i))
    {
      g_array_prepend_val (chain, i);
      if (dd_graph_layout_get_parent (self->layout, i) == DD_GRAPH_NO_NODE)
        break;
    }
  for (guint k = 0; k < chain->len; k++)
    {
      int index = g_array_index (chain, int, k);
      GraphNode *c = node_get (self, index);
      GtkWidget *button = gtk_button_new_with_label (c->label);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      if (k > 0)
        {
          GtkWidget *sep = gtk_image_new_from_icon_name ("go-next-symbolic");

          gtk_widget_add_css_class (sep, "dim-label");
          gtk_box_append (GTK_BOX (self->breadcrumb), sep);
        }
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_set_tooltip_text (button, kind_title (c->kind));
      g_object_set_data (G_OBJECT (button), "dd-index", GINT_TO_POINTER (index));
      g_signal_connect (button, "clicked", G_CALLBACK (crumb_clicked), self);
      gtk_box_append (GTK_BOX (self->breadcrumb), button);
    }

  if (n)
    {
      const char *state = n->expanded ? _("expanded") : n->loading ? _("loading") : _("collapsed");

      if (n->count > 0)
        {
          g_autofree char *count = dd_format_count (n->count);

          /* TRANSLATORS: accessible description of the focused node: "Class goldfish,
           * 858 samples, expanded" */
          description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %s, %s sample, %s",
                                                      "%s %s, %s samples, %s",
                                                      (gulong) MIN (n->count, G_MAXULONG)),
                                         kind_title (n->kind), n->label, count, state);
        }
      else
        description = g_strdup_printf ("%s %s, %s", kind_title (n->kind), n->label, state);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _("Empty"), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- input ------------------------------------------------------------------------ */

static int
node_at (DdGraphView *self,
         double       x,
         double       y)
{
  double wx, wy;

  guint hit;

  to_world (self, x, y, &wx, &wy);
  hit = dd_graph_layout_hit (self->layout, wx, wy);
  return hit == DD_GRAPH_NO_NODE ? -1 : (int) hit;
}

static gboolean
can_toggle_in_recipe (DdNodeKind kind)
{
  return kind == DD_NODE_CLASS || kind == DD_NODE_CORRUPTION || kind == DD_NODE_SEVERITY;
}

static void
activate_node (DdGraphView *self,
               int          index)
{
  GraphNode *n = node_get (self, index);

  if (n == NULL)
    return;
  if (n->kind == DD_NODE_MORE)
    dd_graph_view_toggle (self, index);
  else
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, (guint) n->kind, n->id);
}

static void
toggle_in_recipe (DdGraphView *self,
                  int          index)
{
  GraphNode *n = node_get (self, index);

  if (n && can_toggle_in_recipe (n->kind))
    g_signal_emit (self, signals[TOGGLE_IN_RECIPE], 0, (guint) n->kind, n->id);
}

void
dd_graph_view_click (DdGraphView     *self,
                     double           x,
                     double           y,
                     int              n_press,
                     GdkModifierType  state)
{
  int index;

  g_return_if_fail (DD_IS_GRAPH_VIEW (self));
  index = node_at (self, x, y - canvas_top (self));
  if (index < 0)
    return;
  self->focus = index;
  if (n_press >= 2)
    activate_node (self, index);
  else if (state & GDK_CONTROL_MASK)
    toggle_in_recipe (self, index);
  else
    dd_graph_view_toggle (self, index);
  update_focus (self);
}

static void
click_released (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                DdGraphView     *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  dd_graph_view_click (self, x, y, n_press, state);
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            DdGraphView    *self)
{
  y -= canvas_top (self);
  if (y < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x0 = x;
  self->drag_y0 = y;
  self->drag_node = node_at (self, x, y);
  self->dragging = FALSE;
  if (self->drag_node >= 0)
    dd_graph_layout_get_position (self->layout, self->drag_node, &self->drag_ox, &self->drag_oy);
  else
    {
      self->drag_ox = self->ox;
      self->drag_oy = self->oy;
    }
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             DdGraphView    *self)
{
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->dragging)
    {
      /* a drag, not a click */
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  if (self->drag_node >= 0 && node_get (self, self->drag_node))
    {
      dd_graph_layout_move (self->layout, self->drag_node, self->drag_ox + dx / self->scale,
                            self->drag_oy + dy / self->scale);
      start_layout (self);
    }
  else
    {
      self->ox = self->drag_ox + dx;
      self->oy = self->drag_oy + dy;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          DdGraphView    *self)
{
  self->dragging = FALSE;
  self->drag_node = -1;
}

static void
zoom_at (DdGraphView *self,
         double       factor,
         double       x,
         double       y)
{
  double wx, wy, scale = CLAMP (self->scale * factor, MIN_SCALE, MAX_SCALE);

  to_world (self, x, y, &wx, &wy);
  self->scale = scale;
  self->ox = x - wx * scale;
  self->oy = y - wy * scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          DdGraphView              *self)
{
  /* around the pointer, as maps do */
  zoom_at (self, pow (1.15, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
zoom_begin (GtkGesture       *gesture,
            GdkEventSequence *sequence,
            DdGraphView      *self)
{
  self->zoom_scale0 = self->scale;
}

static void
zoom_changed (GtkGestureZoom *gesture,
              double          scale,
              DdGraphView    *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  zoom_at (self, self->zoom_scale0 * scale / self->scale, x, y - canvas_top (self));
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        DdGraphView              *self)
{
  int hover = node_at (self, x, y - canvas_top (self));

  self->pointer_x = x;
  self->pointer_y = y - canvas_top (self);
  if (hover != self->hover)
    {
      GraphNode *n = node_get (self, hover);

      self->hover = hover;
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), n ? n->label : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave (GtkEventControllerMotion *controller,
       DdGraphView              *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Keeps the focused node on screen. */
static void
reveal (DdGraphView *self,
        int          index)
{
  double wx, wy, sx, sy;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - canvas_top (self);

  dd_graph_layout_get_position (self->layout, index, &wx, &wy);
  to_screen (self, wx, wy, &sx, &sy);
  if (sx < 40 || sx > width - 40)
    self->ox += width / 2.0 - sx;
  if (sy < 40 || sy > height - 40)
    self->oy += height / 2.0 - sy;
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             DdGraphView           *self)
{
  double dx = 0, dy = 0;
  double cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double cy = (gtk_widget_get_height (GTK_WIDGET (self)) - canvas_top (self)) / 2.0;

  if (state & (GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = 1; break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      activate_node (self, self->focus);
      return TRUE;
    case GDK_KEY_space:
      dd_graph_view_toggle (self, self->focus);
      return TRUE;
    case GDK_KEY_t: case GDK_KEY_T:
      toggle_in_recipe (self, self->focus);
      return TRUE;
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      zoom_at (self, 1.25, cx, cy);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      zoom_at (self, 0.8, cx, cy);
      return TRUE;
    case GDK_KEY_Home: case GDK_KEY_0:
      dd_graph_view_fit (self);
      return TRUE;
    default:
      return FALSE;
    }
  if (node_get (self, self->focus))
    {
      guint next = dd_graph_layout_nearest_in_direction (self->layout, self->focus, dx, dy);

      if (next != DD_GRAPH_NO_NODE)
        {
          self->focus = next;
          reveal (self, next);
          update_focus (self);
        }
    }
  return TRUE;
}

/* ---- public ----------------------------------------------------------------------- */

static void
reset (DdGraphView *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->layout, dd_graph_layout_free);
  self->layout = dd_graph_layout_new ();
  g_ptr_array_set_size (self->nodes, 0);
  g_hash_table_remove_all (self->by_name);
  self->root_loading = FALSE;
  self->generation++;
  self->focus = self->hover = self->drag_node = -1;
  self->scale = 1;
  self->ox = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  self->oy = (gtk_widget_get_height (GTK_WIDGET (self)) - canvas_top (self)) / 2.0;
  self->fitted = FALSE;
  invalidate_cache (self);
  update_focus (self);
}

void
dd_graph_view_set_root (DdGraphView *self,
                        DdNodeKind   kind,
                        const char  *id)
{
  g_return_if_fail (DD_IS_GRAPH_VIEW (self));
  g_return_if_fail (id != NULL);

  reset (self);
  g_clear_pointer (&self->pending_id, g_free);
  self->root_pending = FALSE;
  if (self->catalog == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->root_pending = TRUE;
      self->pending_kind = kind;
      self->pending_id = g_strdup (id);
      return;
    }
  self->root_loading = TRUE;
  dd_relations_expand_async (self->catalog, kind, id, TRUE, PAGE_SIZE, self->cancellable,
                             query_ready, query_new (self, kind, id, -1));
}

DdCatalog *
dd_graph_view_get_catalog (DdGraphView *self)
{
  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), NULL);
  return self->catalog;
}

void
dd_graph_view_set_catalog (DdGraphView *self,
                           DdCatalog   *catalog)
{
  g_return_if_fail (DD_IS_GRAPH_VIEW (self));

  if (!g_set_object (&self->catalog, catalog))
    return;
  if (catalog)
    dd_graph_view_set_root (self, DD_NODE_DATASET, "");
  else
    reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

guint
dd_graph_view_get_n_nodes (DdGraphView *self)
{
  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), 0);
  return dd_graph_layout_get_n_alive (self->layout);
}

gboolean
dd_graph_view_get_busy (DdGraphView *self)
{
  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), FALSE);
  if (self->root_loading || self->root_pending)
    return TRUE;
  for (guint i = 0; i < self->nodes->len; i++)
    {
      GraphNode *n = node_get (self, i);

      if (n && n->loading)
        return TRUE;
    }
  return FALSE;
}

int
dd_graph_view_find_node (DdGraphView *self,
                         DdNodeKind   kind,
                         const char  *id)
{
  g_autofree char *name = name_of (kind, id);
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_name, name));

  return found > 0 && dd_graph_layout_is_alive (self->layout, found - 1) ? (int) found - 1 : -1;
}

gboolean
dd_graph_view_get_node_point (DdGraphView *self,
                              int          index,
                              double      *x,
                              double      *y)
{
  double wx, wy;

  if (node_get (self, index) == NULL)
    return FALSE;
  dd_graph_layout_get_position (self->layout, index, &wx, &wy);
  to_screen (self, wx, wy, x, y);
  *y += canvas_top (self);
  return TRUE;
}

gboolean
dd_graph_view_get_expanded (DdGraphView *self,
                            int          index)
{
  GraphNode *n = node_get (self, index);

  return n && n->expanded;
}

gboolean
dd_graph_view_get_node (DdGraphView  *self,
                        int           index,
                        DdNodeKind   *kind,
                        const char  **id)
{
  GraphNode *n = node_get (self, index);

  if (n == NULL)
    return FALSE;
  if (kind)
    *kind = n->kind;
  if (id)
    *id = n->id;
  return TRUE;
}

int
dd_graph_view_get_focus_node (DdGraphView *self)
{
  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), -1);
  return node_get (self, self->focus) ? self->focus : -1;
}

char *
dd_graph_view_get_path_text (DdGraphView *self)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->breadcrumb); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      g_string_append_printf (text, "%s%s", text->len ? "/" : "",
                              gtk_button_get_label (GTK_BUTTON (child)));
  return g_string_free (text, FALSE);
}

void
dd_graph_view_fit (DdGraphView *self)
{
  double x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - canvas_top (self);

  g_return_if_fail (DD_IS_GRAPH_VIEW (self));
  if (width <= 0 || height <= 0 || !dd_graph_layout_get_bounds (self->layout, &x0, &y0, &x1, &y1))
    return;
  /* room for the labels under the nodes */
  x0 -= 70; x1 += 70; y0 -= 24; y1 += 40;
  self->scale = CLAMP (MIN (width / (x1 - x0), height / (y1 - y0)), MIN_SCALE, 1.6);
  self->ox = width / 2.0 - (x0 + x1) / 2 * self->scale;
  self->oy = height / 2.0 - (y0 + y1) / 2 * self->scale;
  self->fitted = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dd_graph_view_pan (DdGraphView *self,
                   double       dx,
                   double       dy)
{
  g_return_if_fail (DD_IS_GRAPH_VIEW (self));
  self->ox += dx;
  self->oy += dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
dd_graph_view_settle (DdGraphView *self,
                      guint        max_steps)
{
  guint steps = 0;

  while (steps < max_steps && !dd_graph_layout_is_settled (self->layout))
    {
      gint64 start = g_get_monotonic_time ();

      dd_graph_layout_step (self->layout);
      self->last_step_ms = (g_get_monotonic_time () - start) / 1000.0;
      steps++;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return steps;
}

double
dd_graph_view_get_last_step_ms (DdGraphView *self)
{
  return self->last_step_ms;
}

double
dd_graph_view_get_last_snapshot_ms (DdGraphView *self)
{
  return self->last_snapshot_ms;
}

gboolean
dd_graph_view_get_settled (DdGraphView *self)
{
  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), TRUE);
  return dd_graph_layout_is_settled (self->layout) && self->tick_id == 0;
}

double
dd_graph_view_step_once (DdGraphView *self)
{
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), 0);
  dd_graph_layout_step (self->layout);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* ---- GtkWidget -------------------------------------------------------------------- */

static void
dd_graph_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DdGraphView *self = DD_GRAPH_VIEW (widget);
  int min = 0, nat = 0;

  gtk_widget_measure (self->breadcrumb, orientation, -1, &min, &nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = MAX (600, nat);
    }
  else
    {
      *minimum = min + 200;
      *natural = nat + 500;
    }
}

static void
dd_graph_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  DdGraphView *self = DD_GRAPH_VIEW (widget);
  int min_h = 0, nat_w = 0, old_top = canvas_top (self);

  gtk_widget_measure (self->breadcrumb, GTK_ORIENTATION_VERTICAL, width, &min_h, NULL, NULL, NULL);
  gtk_widget_measure (self->breadcrumb, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat_w, NULL, NULL);
  /* a long path keeps its end (the focused node) in view */
  gtk_widget_allocate (self->breadcrumb, MAX (width, nat_w), min_h, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (MIN (0, width - nat_w), 0)));
  if (old_top != min_h)
    self->oy -= min_h - old_top;
  if (!self->fitted && dd_graph_layout_get_n_alive (self->layout) > 1)
    dd_graph_view_fit (self);
}

static void
dd_graph_view_dispose (GObject *object)
{
  DdGraphView *self = DD_GRAPH_VIEW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->tick_id)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->breadcrumb, gtk_widget_unparent);
  g_clear_object (&self->catalog);
  g_clear_object (&self->cache);
  G_OBJECT_CLASS (dd_graph_view_parent_class)->dispose (object);
}

static void
dd_graph_view_finalize (GObject *object)
{
  DdGraphView *self = DD_GRAPH_VIEW (object);

  g_clear_pointer (&self->layout, dd_graph_layout_free);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_pointer (&self->pending_id, g_free);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  G_OBJECT_CLASS (dd_graph_view_parent_class)->finalize (object);
}

static void
dd_graph_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, DD_GRAPH_VIEW (object)->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_graph_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CATALOG:
      dd_graph_view_set_catalog (DD_GRAPH_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_graph_view_map (GtkWidget *widget)
{
  DdGraphView *self = DD_GRAPH_VIEW (widget);

  GTK_WIDGET_CLASS (dd_graph_view_parent_class)->map (widget);
  if (self->root_pending)
    {
      g_autofree char *id = g_steal_pointer (&self->pending_id);

      self->root_pending = FALSE;
      dd_graph_view_set_root (self, self->pending_kind, id);
    }
}

static void
dd_graph_view_class_init (DdGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_graph_view_dispose;
  object_class->finalize = dd_graph_view_finalize;
  object_class->get_property = dd_graph_view_get_property;
  object_class->set_property = dd_graph_view_set_property;
  widget_class->snapshot = dd_graph_view_snapshot;
  widget_class->map = dd_graph_view_map;
  widget_class->measure = dd_graph_view_measure;
  widget_class->size_allocate = dd_graph_view_size_allocate;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, DD_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdGraphView::node-activated:
   * @kind: a #DdNodeKind
   * @id: the node's id
   *
   * Double click or Enter on a node: show what it stands for.
   */
  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * DdGraphView::toggle-in-recipe:
   * @kind: DD_NODE_CLASS, DD_NODE_CORRUPTION or DD_NODE_SEVERITY
   * @id: the node's id
   *
   * Ctrl+click or T on a class, corruption or severity node.
   */
  signals[TOGGLE_IN_RECIPE] = g_signal_new ("toggle-in-recipe", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "dd-graph-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dd_graph_view_init (DdGraphView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion_controller = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gnode_free);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->layout = dd_graph_layout_new ();
  self->scale = 1;
  self->focus = self->hover = self->drag_node = -1;

  self->breadcrumb = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->breadcrumb, "dd-breadcrumb");
  gtk_widget_set_parent (self->breadcrumb, GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Relationship explorer"), -1);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (motion_controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion_controller);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
dd_graph_view_new (void)
{
  return g_object_new (DD_TYPE_GRAPH_VIEW, NULL);
}
