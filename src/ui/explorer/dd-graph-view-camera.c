/* DdGraphView: where the view looks — fitting, panning, the layout run to rest, fading
 * what is off the focused node's path, following what was just expanded — and the
 * geometry and facts of the nodes on screen that tests and the accessible tree read. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <math.h>

#include "dd-graph-view-private.h"

void
dd_graph_view_fit (DdGraphView *self)
{
  double x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - dd_graph_view_canvas_top (self);

  g_return_if_fail (DD_IS_GRAPH_VIEW (self));
  if (width <= 0 || height <= 0 || !dd_graph_layout_get_bounds (self->layout, &x0, &y0, &x1, &y1))
    return;
  /* room for the labels around the nodes */
  x0 -= 150; x1 += 150; y0 -= 30; y1 += 36;
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
      dd_graph_layout_step (self->layout);
      steps++;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return steps;
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

/* ---- the focused node's path -------------------------------------------------------- */

/* The nodes the focus is about stay plain: the path from the root to the focused node
 * (or to its parent, when it is not expanded: its siblings are where the user is) and
 * that node's children. The rest fades, unlabelled; the picture is drawn again. */
void
dd_graph_view_update_fading (DdGraphView *self)
{
  GraphNode *f = dd_graph_view_node (self, self->focus);
  g_autoptr(GHashTable) plain = g_hash_table_new (NULL, NULL);
  gboolean changed = FALSE;
  int context = self->focus;

  if (f && !f->expanded && !f->loading &&
      dd_graph_layout_get_parent (self->layout, self->focus) != DD_GRAPH_NO_NODE)
    context = (int) dd_graph_layout_get_parent (self->layout, self->focus);
  for (int i = context; f && dd_graph_view_node (self, i); i = (int) dd_graph_layout_get_parent (self->layout, i))
    {
      g_hash_table_add (plain, GINT_TO_POINTER (i + 1));
      if (dd_graph_layout_get_parent (self->layout, i) == DD_GRAPH_NO_NODE)
        break;
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      GraphNode *n = dd_graph_view_node (self, i);
      gboolean faded;

      if (n == NULL)
        continue;
      faded = f != NULL && !g_hash_table_contains (plain, GINT_TO_POINTER (i + 1)) &&
              (int) dd_graph_layout_get_parent (self->layout, i) != context;
      changed |= faded != n->faded;
      n->faded = faded;
    }
  if (changed)
    dd_graph_view_invalidate_cache (self);
}

/* ---- following what was just expanded ------------------------------------------------- */

void
dd_graph_view_stop_following (DdGraphView *self)
{
  self->follow = -1;
}

/* Pans, and zooms out if need be (never in), so that the node just expanded and its
 * children are in view with their labels, a quarter of the way each frame while the
 * layout spreads them. A label keeps its size on screen whatever the zoom, so the room
 * for the labels is kept in pixels around the discs: a margin in world units would
 * shrink with the zoom and leave long labels (a sample's "val_3303 · Motion blur 4")
 * cut at the view's edge. */
void
dd_graph_view_follow_step (DdGraphView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - dd_graph_view_canvas_top (self);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double scale, tox, toy, sx0, sy0, sx1, sy1, mx = 0, my;

  if (self->follow < 0)
    return;
  if (dd_graph_view_node (self, self->follow) == NULL || width <= 0 || height <= 0 ||
      g_get_monotonic_time () > self->follow_until)
    {
      self->follow = -1;
      return;
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      GraphNode *n = dd_graph_view_node (self, i);
      double x, y, r;

      if (n == NULL ||
          ((int) i != self->follow &&
           (int) dd_graph_layout_get_parent (self->layout, i) != self->follow))
        continue;
      dd_graph_layout_get_position (self->layout, i, &x, &y);
      r = dd_graph_layout_get_radius (self->layout, i);
      x0 = MIN (x0, x - r);
      x1 = MAX (x1, x + r);
      y0 = MIN (y0, y - r);
      y1 = MAX (y1, y + r);
      /* the label beside its disc, its plate and the gap */
      mx = MAX (mx, dd_graph_view_label_width (self, n) + 14);
    }
  /* room for the labels, in pixels; a narrow view keeps half its width for the discs */
  mx = MIN (mx, width / 4.0);
  my = MIN (30.0, height / 4.0);
  scale = MIN (self->scale, MIN ((width - 2 * mx) / MAX (x1 - x0, 1),
                                 (height - 2 * my) / MAX (y1 - y0, 1)));
  scale = MAX (scale, MIN_SCALE);
  /* already in view at this scale: the view stays where the user left it */
  sx0 = x0 * scale + self->ox - mx;
  sx1 = x1 * scale + self->ox + mx;
  sy0 = y0 * scale + self->oy - my;
  sy1 = y1 * scale + self->oy + my;
  if (scale == self->scale && sx0 >= 0 && sy0 >= 0 && sx1 <= width && sy1 <= height)
    return;
  tox = width / 2.0 - (x0 + x1) / 2 * scale;
  toy = height / 2.0 - (y0 + y1) / 2 * scale;
  self->scale += (scale - self->scale) * 0.25;
  self->ox += (tox - self->ox) * 0.25;
  self->oy += (toy - self->oy) * 0.25;
  if (fabs (scale - self->scale) < 0.002 && fabs (tox - self->ox) < 1 && fabs (toy - self->oy) < 1)
    {
      self->scale = scale;
      self->ox = tox;
      self->oy = toy;
    }
}

/* ---- what is on screen ------------------------------------------------------------- */

const char *
dd_graph_view_get_node_label (DdGraphView *self,
                              int          index)
{
  GraphNode *n = dd_graph_view_node (self, index);

  return n ? n->label : NULL;
}

guint64
dd_graph_view_get_node_count (DdGraphView *self,
                              int          index)
{
  GraphNode *n = dd_graph_view_node (self, index);

  return n ? n->count : 0;
}

guint
dd_graph_view_get_n_children (DdGraphView *self,
                              int          index)
{
  guint n = 0;

  for (guint i = 0; i < self->nodes->len; i++)
    n += dd_graph_view_node (self, i) && (int) dd_graph_layout_get_parent (self->layout, i) == index;
  return n;
}

gboolean
dd_graph_view_get_faded (DdGraphView *self,
                         int          index)
{
  GraphNode *n = dd_graph_view_node (self, index);

  return n && n->faded;
}

gboolean
dd_graph_view_get_node_visible (DdGraphView *self,
                                int          index)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - dd_graph_view_canvas_top (self);
  double wx, wy, sx, sy, r;

  if (dd_graph_view_node (self, index) == NULL)
    return FALSE;
  dd_graph_layout_get_position (self->layout, index, &wx, &wy);
  dd_graph_view_to_screen (self, wx, wy, &sx, &sy);
  r = dd_graph_layout_get_radius (self->layout, index) * self->scale;
  return sx - r >= 0 && sy - r >= 0 && sx + r <= width && sy + r <= height;
}

guint
dd_graph_view_get_n_labels (DdGraphView *self)
{
  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), 0);
  return self->label_boxes->len;
}

void
dd_graph_view_get_label_box (DdGraphView     *self,
                             guint            k,
                             graphene_rect_t *box)
{
  const graphene_rect_t *world;
  double x, y;

  g_return_if_fail (DD_IS_GRAPH_VIEW (self) && k < self->label_boxes->len);
  world = &g_array_index (self->label_boxes, graphene_rect_t, k);
  dd_graph_view_to_screen (self, world->origin.x, world->origin.y, &x, &y);
  graphene_rect_init (box, x, y + dd_graph_view_canvas_top (self),
                      world->size.width * self->scale, world->size.height * self->scale);
}

gboolean
dd_graph_view_get_node_box (DdGraphView     *self,
                            int              index,
                            graphene_rect_t *box)
{
  double x, y, r;

  if (!dd_graph_view_get_node_point (self, index, &x, &y))
    return FALSE;
  r = MAX (dd_graph_layout_get_radius (self->layout, index) * self->scale, 2.5);
  graphene_rect_init (box, x - r, y - r, 2 * r, 2 * r);
  return TRUE;
}
