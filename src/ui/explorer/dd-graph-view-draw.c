/* DdGraphView's drawing: edges as thin rotated rectangles, nodes as rounded rectangles
 * (discs for classes and synsets, squares for the corruption side, thumbnails for
 * samples), labels as Pango layouts where they are legible and do not cover each other;
 * the still graph is drawn once into a texture. Also the breadcrumb of the focused
 * node. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dd-graph-view-private.h"
#include "dd-text.h"
#include "dd-thumbnailer.h"

typedef struct {
  DdGraphView *self;
  guint        index;
  guint        generation;
} ThumbRequest;

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
  dd_graph_view_invalidate_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

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
           GraphNode   *n)
{
  if (n->text == NULL)
    {
      g_autofree char *count = dd_format_count (n->count);
      g_autofree char *text = n->count > 0 && n->kind != DD_NODE_SAMPLE && n->kind != DD_NODE_MORE
        ? g_strdup_printf ("%s  %s", n->label, count)
        : g_strdup (n->label);

      n->text = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      pango_layout_set_width (n->text, 180 * PANGO_SCALE);
      pango_layout_set_ellipsize (n->text, PANGO_ELLIPSIZE_MIDDLE);
    }
  return n->text;
}

int
dd_graph_view_label_width (DdGraphView *self,
                           GraphNode   *n)
{
  int lw, lh;

  pango_layout_get_pixel_size (node_text (self, n), &lw, &lh);
  return lw;
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
  dd_graph_view_to_screen (self, wx, wy, sx, sy);
  *r = MAX (dd_graph_layout_get_radius (self->layout, i) * self->scale, 2.5);
  gsk_rounded_rect_init_from_rect (shape, &GRAPHENE_RECT_INIT (*sx - *r, *sy - *r, 2 * *r, 2 * *r),
                                   *r * kind_roundness (n->kind));
}

/* Node @i when its disc (@r, @shape) comes within @margin_x, @margin_y of the @width ×
 * @height screen; NULL otherwise. */
static GraphNode *
node_near_screen (DdGraphView    *self,
                  guint           i,
                  int             width,
                  int             height,
                  double          margin_x,
                  double          margin_y,
                  double         *r,
                  GskRoundedRect *shape)
{
  GraphNode *n = dd_graph_view_node (self, i);
  double sx, sy;

  if (n == NULL)
    return NULL;
  node_shape (self, i, n, &sx, &sy, r, shape);
  if (sx + *r < -margin_x || sy + *r < -margin_y ||
      sx - *r > width + margin_x || sy - *r > height + margin_y)
    return NULL;
  return n;
}

#define NEAR_DASH 6.0
#define NEAR_GAP  4.0

/* The colour of the links between near duplicates (GNOME's orange 4). */
static void
near_color (GdkRGBA *color)
{
  gdk_rgba_parse (color, "#e66100");
  color->alpha = 0.85;
}

/* Bottom left, while the graph holds links between near duplicates: what the dashed
 * orange line means. */
static void
draw_legend (DdGraphView   *self,
             GtkSnapshot   *snapshot,
             int            height,
             const GdkRGBA *fg)
{
  g_autoptr(PangoLayout) text = NULL;
  GdkRGBA near, dim = *fg;
  int tw, th;
  double y;

  if (g_hash_table_size (self->near_edges) == 0)
    return;
  near_color (&near);
  dim.alpha = 0.75;
  text = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                         /* TRANSLATORS: the explorer's legend of the dashed
                                          * line between two copies of one picture */
                                         _("Near duplicate"));
  pango_layout_get_pixel_size (text, &tw, &th);
  y = height - 12 - th / 2.0;
  for (double x = 0; x < 24; x += NEAR_DASH + NEAR_GAP)
    gtk_snapshot_append_color (snapshot, &near,
                               &GRAPHENE_RECT_INIT (12 + x, y - 1.5, MIN (NEAR_DASH, 24 - x), 3));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (12 + 24 + 6, y - th / 2.0));
  gtk_snapshot_append_layout (snapshot, text, &dim);
  gtk_snapshot_restore (snapshot);
}

/* Edges as thin rotated rectangles, not a cairo node: a cairo node is a surface the
 * size of the canvas, painted whole on every frame. */
static void
draw_edges (DdGraphView   *self,
            GtkSnapshot   *snapshot,
            int            width,
            int            height,
            const GdkRGBA *fg)
{
  GdkRGBA edge_color = *fg, faint = *fg, near, near_faint;
  float line = (float) MAX (1.0, 1.5 * MIN (self->scale, 1.0));
  guint n_edges;
  const guint *edges = dd_graph_layout_get_edges (self->layout, &n_edges);

  edge_color.alpha = 0.22;
  faint.alpha = 0.08;
  near_color (&near);
  near_faint = near;
  near_faint.alpha = 0.25;
  for (guint e = 0; e < n_edges; e++)
    {
      double ax, ay, bx, by, length;
      GraphNode *a = dd_graph_view_node (self, edges[2 * e]);
      GraphNode *b = dd_graph_view_node (self, edges[2 * e + 1]);
      gboolean faded = (a && a->faded) || (b && b->faded);

      dd_graph_layout_get_position (self->layout, edges[2 * e], &ax, &ay);
      dd_graph_layout_get_position (self->layout, edges[2 * e + 1], &bx, &by);
      dd_graph_view_to_screen (self, ax, ay, &ax, &ay);
      dd_graph_view_to_screen (self, bx, by, &bx, &by);
      if ((ax < 0 && bx < 0) || (ay < 0 && by < 0) ||
          (ax > width && bx > width) || (ay > height && by > height))
        continue;
      length = hypot (bx - ax, by - ay);
      if (length < 0.5)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ax, ay));
      gtk_snapshot_rotate (snapshot, atan2 (by - ay, bx - ax) * 180 / G_PI);
      if (dd_graph_view_is_near_edge (self, edges[2 * e], edges[2 * e + 1]))
        /* near duplicates: dashed, thicker, in their colour */
        for (double x = 0; x < length; x += NEAR_DASH + NEAR_GAP)
          gtk_snapshot_append_color (snapshot, faded ? &near_faint : &near,
                                     &GRAPHENE_RECT_INIT (x, -line, MIN (NEAR_DASH, length - x),
                                                          2 * line));
      else
        gtk_snapshot_append_color (snapshot, faded ? &faint : &edge_color,
                                   &GRAPHENE_RECT_INIT (0, -line / 2, length, line));
      gtk_snapshot_restore (snapshot);
    }
}

/* One node: its thumbnail where it can be made out, else its colour; a ring when it is
 * expanded (fainter while its neighbours load), a dot when it is pinned. */
static void
draw_node (DdGraphView          *self,
           GtkSnapshot          *snapshot,
           guint                 i,
           GraphNode            *n,
           const GskRoundedRect *shape,
           double                r,
           const GdkRGBA        *fg,
           gboolean              moving)
{
  const graphene_rect_t *box = &shape->bounds;
  GdkRGBA color;

  kind_color (n->kind, &color);
  if (n->kind == DD_NODE_MORE)
    color.alpha = 0.55;
  /* off the focused node's path: faint, and opaque, so edges do not show through */
  if (n->faded)
    {
      double bg = fg->red > 0.5 ? 0.14 : 0.98;

      color.red = color.red * 0.3 + bg * 0.7;
      color.green = color.green * 0.3 + bg * 0.7;
      color.blue = color.blue * 0.3 + bg * 0.7;
    }
  if (n->thumb && r >= 12 && !moving)
    {
      if (n->faded)
        gtk_snapshot_push_opacity (snapshot, 0.3);
      gtk_snapshot_push_rounded_clip (snapshot, shape);
      gtk_snapshot_append_texture (snapshot, GDK_TEXTURE (n->thumb), box);
      gtk_snapshot_pop (snapshot);
      if (n->faded)
        gtk_snapshot_pop (snapshot);
    }
  else if (r < 4)
    /* a few pixels: a square is a disc */
    gtk_snapshot_append_color (snapshot, &color, box);
  else
    {
      /* a border as wide as the radius fills the shape: no clip, and the renderer batches
       * thousands of them */
      float w = (float) r;

      gtk_snapshot_append_border (snapshot, shape, (float[4]) { w, w, w, w },
                                  (GdkRGBA[4]) { color, color, color, color });
    }
  if (n->expanded || n->loading)
    {
      GskRoundedRect outer = *shape;
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
      gtk_snapshot_append_color (snapshot, &pin,
                                 &GRAPHENE_RECT_INIT (box->origin.x + r * 1.55, box->origin.y - 1,
                                                      4, 4));
    }
}

static void
draw_nodes (DdGraphView   *self,
            GtkSnapshot   *snapshot,
            int            width,
            int            height,
            const GdkRGBA *fg,
            gboolean       moving)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      GskRoundedRect shape;
      double r;
      GraphNode *n = node_near_screen (self, i, width, height, 0, 0, &r, &shape);

      if (n)
        draw_node (self, snapshot, i, n, &shape, r, fg, moving);
    }
}

/* Where a node's label may go: below it, above it, to its right, to its left. */
typedef enum {
  LABEL_BELOW,
  LABEL_ABOVE,
  LABEL_RIGHT,
  LABEL_LEFT,
  LABEL_N_PLACES,
} LabelPlace;

static void
label_box (DdGraphView     *self,
           GraphNode       *n,
           double           sx,
           double           sy,
           double           r,
           LabelPlace       place,
           graphene_rect_t *box)
{
  int lw, lh;
  double x, y;

  pango_layout_get_pixel_size (node_text (self, n), &lw, &lh);
  switch (place)
    {
    case LABEL_ABOVE:
      x = floor (sx - lw / 2.0), y = floor (sy - r - 4 - lh);
      break;
    case LABEL_RIGHT:
      x = floor (sx + r + 6), y = floor (sy - lh / 2.0);
      break;
    case LABEL_LEFT:
      x = floor (sx - r - 6 - lw), y = floor (sy - lh / 2.0);
      break;
    case LABEL_BELOW:
    default:
      x = floor (sx - lw / 2.0), y = floor (sy + r + 3);
      break;
    }
  /* the plate around the text */
  graphene_rect_init (box, x - 3, y - 1, lw + 6, lh + 2);
}

/* One node's label at @box (from label_box()), on a translucent plate. */
static void
draw_label_at (DdGraphView           *self,
               GtkSnapshot           *snapshot,
               GraphNode             *n,
               const graphene_rect_t *box,
               const GdkRGBA         *fg,
               gboolean               strong)
{
  PangoLayout *text = node_text (self, n);
  GskRoundedRect back;
  GdkRGBA bg;

  bg.red = bg.green = bg.blue = fg->red > 0.5 ? 0.14 : 0.98;
  bg.alpha = strong ? 0.92 : 0.72;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (box->origin.x + 3, box->origin.y + 1));
  gsk_rounded_rect_init_from_rect (&back, &GRAPHENE_RECT_INIT (-3, -1, box->size.width,
                                                               box->size.height), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &back);
  gtk_snapshot_append_color (snapshot, &bg, &back.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_layout (snapshot, text, fg);
  gtk_snapshot_restore (snapshot);
}

/* The nodes' discs on screen, for labels to keep off them. */
static GArray *
node_boxes (DdGraphView *self,
            int          width,
            int          height)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  for (guint i = 0; i < self->nodes->len; i++)
    {
      GskRoundedRect shape;
      double r;

      if (node_near_screen (self, i, width, height, 250, 60, &r, &shape))
        g_array_append_val (boxes, shape.bounds);
    }
  return boxes;
}

static gboolean
clashes (const graphene_rect_t *box,
         GArray                *with,
         const graphene_rect_t *own)
{
  for (guint k = 0; k < with->len; k++)
    {
      const graphene_rect_t *other = &g_array_index (with, graphene_rect_t, k);

      if (own && graphene_rect_equal (other, own))
        continue;
      if (graphene_rect_intersection (box, other, NULL))
        return TRUE;
    }
  return FALSE;
}

/* The places to try for node @i's label: the side facing away from its parent first
 * (outside a fan of children, where it is plainly that node's), then the two sides
 * across; never the side towards its parent, where it would sit among its siblings.
 * Returns how many places there are. */
static guint
label_places (DdGraphView *self,
              guint        i,
              LabelPlace   places[LABEL_N_PLACES])
{
  guint parent = dd_graph_layout_get_parent (self->layout, i);
  double px, py, x, y;

  if (parent == DD_GRAPH_NO_NODE)
    {
      places[0] = LABEL_BELOW, places[1] = LABEL_ABOVE;
      places[2] = LABEL_RIGHT, places[3] = LABEL_LEFT;
      return 4;
    }
  dd_graph_layout_get_position (self->layout, parent, &px, &py);
  dd_graph_layout_get_position (self->layout, i, &x, &y);
  if (fabs (x - px) > fabs (y - py))
    {
      places[0] = x > px ? LABEL_RIGHT : LABEL_LEFT;
      places[1] = LABEL_BELOW, places[2] = LABEL_ABOVE;
    }
  else
    {
      places[0] = y > py ? LABEL_BELOW : LABEL_ABOVE;
      places[1] = x > px ? LABEL_RIGHT : LABEL_LEFT;
      places[2] = x > px ? LABEL_LEFT : LABEL_RIGHT;
    }
  return 3;
}

/* Where it covers no node and no label already placed, on the side label_places() says
 * first. A label with no such place is not drawn (hovering or focusing its node shows
 * it). */
static gboolean
place_label (DdGraphView   *self,
             GtkSnapshot   *snapshot,
             guint          i,
             GraphNode     *n,
             double         sx,
             double         sy,
             double         r,
             const GdkRGBA *fg,
             GArray        *nodes,
             GArray        *placed)
{
  graphene_rect_t own = GRAPHENE_RECT_INIT (sx - r, sy - r, 2 * r, 2 * r);
  LabelPlace places[LABEL_N_PLACES];
  guint n_places = label_places (self, i, places);

  for (guint k = 0; k < n_places; k++)
    {
      graphene_rect_t box;

      label_box (self, n, sx, sy, r, places[k], &box);
      if (clashes (&box, placed, NULL) || clashes (&box, nodes, &own))
        continue;
      g_array_append_val (placed, box);
      draw_label_at (self, snapshot, n, &box, fg, n->expanded);
      n->label_place = places[k];
      return TRUE;
    }
  return FALSE;
}

/* Labels where they are legible: the expanded nodes' first, then the others in order,
 * each where it covers neither a node nor a label already placed; faded nodes (off the
 * focused node's path) have none. */
static void
draw_labels (DdGraphView   *self,
             GtkSnapshot   *snapshot,
             int            width,
             int            height,
             const GdkRGBA *fg,
             gboolean       moving)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_autoptr(GArray) nodes = node_boxes (self, width, height);
  guint n_labels = 0;

  for (guint i = 0; i < self->nodes->len; i++)
    ((GraphNode *) g_ptr_array_index (self->nodes, i))->label_place = -1;
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->nodes->len; i++)
      {
        GraphNode *n = dd_graph_view_node (self, i);
        double sx, sy, r;
        GskRoundedRect shape;

        if (n == NULL || (pass == 0) != n->expanded || n->faded)
          continue;
        if (!n->expanded && (moving || self->scale < 0.55 || n_labels >= MAX_LABELS))
          continue;
        node_shape (self, i, n, &sx, &sy, &r, &shape);
        if (sx < -200 || sy < -40 || sx > width + 200 || sy > height + 40)
          continue;
        if (place_label (self, snapshot, i, n, sx, sy, r, fg, nodes, placed))
          n_labels++;
      }
  /* in world coordinates, for tests: the cache draws at another offset than the view */
  g_array_set_size (self->label_boxes, 0);
  for (guint k = 0; k < placed->len; k++)
    {
      const graphene_rect_t *box = &g_array_index (placed, graphene_rect_t, k);
      graphene_rect_t world;
      double x0, y0;

      dd_graph_view_to_world (self, box->origin.x, box->origin.y, &x0, &y0);
      graphene_rect_init (&world, x0, y0, box->size.width / self->scale,
                          box->size.height / self->scale);
      g_array_append_val (self->label_boxes, world);
    }
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
  draw_edges (self, snapshot, width, height, fg);
  draw_nodes (self, snapshot, width, height, fg, moving);
  draw_labels (self, snapshot, width, height, fg, moving);
}

void
dd_graph_view_invalidate_cache (DdGraphView *self)
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
  dd_graph_view_invalidate_cache (self);
  if (native == NULL || !dd_graph_layout_get_bounds (self->layout, &x0, &y0, &x1, &y1))
    return FALSE;
  /* the labels hang around the discs */
  x0 -= 200; x1 += 200; y0 -= 40; y1 += 40;
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

void
dd_graph_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DdGraphView *self = DD_GRAPH_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int top = dd_graph_view_canvas_top (self);
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

  /* moving: drawn afresh; still (panned or zoomed as it may be): the cached picture */
  if (dd_graph_layout_is_settled (self->layout) && !(self->dragging && self->drag_node >= 0) &&
      ensure_cache (self, &fg))
    {
      double sx, sy;

      dd_graph_view_to_screen (self, self->cache_x, self->cache_y, &sx, &sy);
      gtk_snapshot_append_texture (snapshot, self->cache,
                                   &GRAPHENE_RECT_INIT (floor (sx), floor (sy),
                                                        gdk_texture_get_width (self->cache),
                                                        gdk_texture_get_height (self->cache)));
    }
  else
    {
      dd_graph_view_invalidate_cache (self);
      draw_content (self, snapshot, width, height, &fg, TRUE);
    }

  /* the hovered and the focused node: a ring and the label, on top */
  for (int k = 0; k < 2; k++)
    {
      int i = k == 0 ? self->hover : self->focus;
      GraphNode *n = dd_graph_view_node (self, i);
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
      /* its label where it covers no other node or label, if there is such a place */
      {
        g_autoptr(GArray) nodes = node_boxes (self, width, height);
        g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
        graphene_rect_t own = GRAPHENE_RECT_INIT (sx - r, sy - r, 2 * r, 2 * r), box;
        LabelPlace places[LABEL_N_PLACES], place;
        guint n_places;

        for (guint b = 0; b < self->label_boxes->len; b++)
          {
            const graphene_rect_t *world = &g_array_index (self->label_boxes, graphene_rect_t, b);
            double lx, ly;
            graphene_rect_t screen;

            dd_graph_view_to_screen (self, world->origin.x, world->origin.y, &lx, &ly);
            graphene_rect_init (&screen, lx, ly, world->size.width * self->scale,
                                world->size.height * self->scale);
            g_array_append_val (labels, screen);
          }
        n_places = label_places (self, i, places);
        place = n->label_place >= 0 ? (LabelPlace) n->label_place : places[0];
        for (guint p = 0; n->label_place < 0 && p < n_places; p++)
          {
            label_box (self, n, sx, sy, r, places[p], &box);
            if (!clashes (&box, nodes, &own) && !clashes (&box, labels, &box))
              {
                place = places[p];
                break;
              }
          }
        label_box (self, n, sx, sy, r, place, &box);
        draw_label_at (self, snapshot, n, &box, &fg, TRUE);
      }
    }

  draw_legend (self, snapshot, height, &fg);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);

  /* thumbnails of sample nodes large enough to show one */
  for (guint i = 0; i < self->nodes->len; i++)
    {
      GraphNode *n = dd_graph_view_node (self, i);

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

static void
crumb_clicked (GtkButton   *button,
               DdGraphView *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "dd-index"));
  double wx, wy, sx, sy;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - dd_graph_view_canvas_top (self);

  if (dd_graph_view_node (self, index) == NULL)
    return;
  self->focus = index;
  /* centre on it */
  dd_graph_layout_get_position (self->layout, index, &wx, &wy);
  dd_graph_view_to_screen (self, wx, wy, &sx, &sy);
  self->ox += width / 2.0 - sx;
  self->oy += height / 2.0 - sy;
  dd_graph_view_update_focus (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dd_graph_view_update_focus (DdGraphView *self)
{
  GraphNode *n = dd_graph_view_node (self, self->focus);
  GtkWidget *child;
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *description = NULL;

  dd_graph_view_update_fading (self);
  while ((child = gtk_widget_get_first_child (self->breadcrumb)))
    gtk_box_remove (GTK_BOX (self->breadcrumb), child);
  for (int i = self->focus; dd_graph_view_node (self, i); i = (int) dd_graph_layout_get_parent (self->layout, i))
    {
      g_array_prepend_val (chain, i);
      if (dd_graph_layout_get_parent (self->layout, i) == DD_GRAPH_NO_NODE)
        break;
    }
  for (guint k = 0; k < chain->len; k++)
    {
      int index = g_array_index (chain, int, k);
      GraphNode *c = dd_graph_view_node (self, index);
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
