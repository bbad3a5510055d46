/* DdGraphLayout: see the header. Units are logical pixels at zoom 1. */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include <math.h>

#include "dd-graph-layout.h"

#define CELL          180.0   /* repulsion range and grid cell size */
#define REPULSION     3200.0
#define SPRING        0.06
#define ANCHOR        0.012
#define DAMPING       0.55
#define MAX_MOVE      40.0
#define SETTLED       0.1
#define COOLING       0.988
#define MIN_HEAT      0.03
#define GAP           64.0    /* spring rest length between two discs' rims */

typedef struct {
  double   x, y;
  double   vx, vy;
  double   ax, ay;       /* anchor: where it last settled */
  double   r;
  guint    parent;
  guint    depth;
  gboolean alive : 1;
  gboolean pinned : 1;
  gboolean placed : 1;
} Node;

struct _DdGraphLayout
{
  GArray     *nodes;       /* Node */
  GArray     *edges;       /* guint pairs, possibly to dead nodes */
  GArray     *live_edges;  /* cache for get_edges */
  gboolean    edges_dirty;
  guint       n_alive;
  double      last_move;
  double      heat;        /* 1 after a change, cools every step: it always settles */
  GHashTable *grid;        /* cell key → GArray of guint */
};

static inline Node *
node_at (DdGraphLayout *self,
         guint          i)
{
  return &g_array_index (self->nodes, Node, i);
}

DdGraphLayout *
dd_graph_layout_new (void)
{
  DdGraphLayout *self = g_new0 (DdGraphLayout, 1);

  self->nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  self->edges = g_array_new (FALSE, FALSE, sizeof (guint));
  self->live_edges = g_array_new (FALSE, FALSE, sizeof (guint));
  self->grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) g_array_unref);
  self->last_move = G_MAXDOUBLE;
  self->heat = 1;
  return self;
}

void
dd_graph_layout_free (DdGraphLayout *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_array_unref (self->live_edges);
  g_hash_table_unref (self->grid);
  g_free (self);
}

guint
dd_graph_layout_add_node (DdGraphLayout *self,
                          guint          parent,
                          double         radius)
{
  Node n = { 0 };
  guint index = self->nodes->len;

  g_return_val_if_fail (parent == DD_GRAPH_NO_NODE || parent < self->nodes->len, DD_GRAPH_NO_NODE);

  n.r = MAX (radius, 1);
  n.parent = parent;
  n.alive = TRUE;
  if (parent != DD_GRAPH_NO_NODE)
    {
      Node *p = node_at (self, parent);

      n.x = n.ax = p->x;
      n.y = n.ay = p->y;
      n.depth = p->depth + 1;
    }
  else
    {
      /* another root goes beside what is there */
      double x0, y0, x1, y1;

      n.placed = TRUE;
      if (dd_graph_layout_get_bounds (self, &x0, &y0, &x1, &y1))
        n.x = n.ax = x1 + CELL;
    }
  g_array_append_val (self->nodes, n);
  self->n_alive++;
  if (parent != DD_GRAPH_NO_NODE)
    {
      guint pair[2] = { parent, index };

      g_array_append_vals (self->edges, pair, 2);
    }
  self->edges_dirty = TRUE;
  self->last_move = G_MAXDOUBLE;
  self->heat = 1;
  return index;
}

void
dd_graph_layout_place_children (DdGraphLayout *self,
                                guint          parent)
{
  Node *p;
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (guint));
  double outward, arc, distance, max_r = 0, need;

  g_return_if_fail (parent < self->nodes->len);

  p = node_at (self, parent);
  for (guint i = parent + 1; i < self->nodes->len; i++)
    {
      Node *c = node_at (self, i);

      if (c->alive && c->parent == parent && !c->placed)
        {
          g_array_append_val (children, i);
          max_r = MAX (max_r, c->r);
        }
    }
  if (children->len == 0)
    return;

  if (p->parent != DD_GRAPH_NO_NODE)
    {
      Node *g = node_at (self, p->parent);

      outward = atan2 (p->y - g->y, p->x - g->x);
      /* a fan away from where we came from, wider for more children */
      arc = CLAMP (children->len * 0.42, G_PI / 2, G_PI * 1.6);
    }
  else
    {
      outward = -G_PI / 2;
      arc = 2 * G_PI * (children->len - 1) / MAX (children->len, 1);
    }
  /* far enough that the children's discs fit along the arc */
  need = children->len * (2 * max_r + 14) / MAX (arc, 0.5);
  distance = MAX (p->r + max_r + GAP, need);

  for (guint k = 0; k < children->len; k++)
    {
      Node *c = node_at (self, g_array_index (children, guint, k));
      double t = children->len == 1 ? 0.5 : (double) k / (children->len - 1);
      double angle = outward - arc / 2 + t * arc;
      /* alternate rings for big fans so that labels have room */
      double d = distance + ((children->len > 16 && (k & 1)) ? 2 * max_r + 20 : 0);

      c->x = c->ax = p->x + d * cos (angle);
      c->y = c->ay = p->y + d * sin (angle);
      c->vx = c->vy = 0;
      c->placed = TRUE;
    }
  self->last_move = G_MAXDOUBLE;
  self->heat = 1;
}

void
dd_graph_layout_add_edge (DdGraphLayout *self,
                          guint          a,
                          guint          b)
{
  guint pair[2] = { a, b };

  g_return_if_fail (a < self->nodes->len && b < self->nodes->len);
  g_array_append_vals (self->edges, pair, 2);
  self->edges_dirty = TRUE;
}

void
dd_graph_layout_collapse (DdGraphLayout *self,
                          guint          node)
{
  g_return_if_fail (node < self->nodes->len);

  /* children always come after their parent: one forward pass marks every descendant */
  for (guint i = node + 1; i < self->nodes->len; i++)
    {
      Node *n = node_at (self, i);

      if (n->alive && n->parent != DD_GRAPH_NO_NODE &&
          (n->parent == node || !node_at (self, n->parent)->alive))
        {
          n->alive = FALSE;
          self->n_alive--;
        }
    }
  self->edges_dirty = TRUE;
  self->last_move = G_MAXDOUBLE;
  self->heat = 1;
}

void
dd_graph_layout_remove (DdGraphLayout *self,
                        guint          node)
{
  Node *n;

  g_return_if_fail (node < self->nodes->len);

  dd_graph_layout_collapse (self, node);
  n = node_at (self, node);
  if (n->alive)
    {
      n->alive = FALSE;
      self->n_alive--;
    }
  self->edges_dirty = TRUE;
}

guint
dd_graph_layout_get_n_nodes (DdGraphLayout *self)
{
  return self->nodes->len;
}

guint
dd_graph_layout_get_n_alive (DdGraphLayout *self)
{
  return self->n_alive;
}

gboolean
dd_graph_layout_is_alive (DdGraphLayout *self,
                          guint          node)
{
  return node < self->nodes->len && node_at (self, node)->alive;
}

guint
dd_graph_layout_get_parent (DdGraphLayout *self,
                            guint          node)
{
  g_return_val_if_fail (node < self->nodes->len, DD_GRAPH_NO_NODE);
  return node_at (self, node)->parent;
}

void
dd_graph_layout_get_position (DdGraphLayout *self,
                              guint          node,
                              double        *x,
                              double        *y)
{
  g_return_if_fail (node < self->nodes->len);
  *x = node_at (self, node)->x;
  *y = node_at (self, node)->y;
}

double
dd_graph_layout_get_radius (DdGraphLayout *self,
                            guint          node)
{
  g_return_val_if_fail (node < self->nodes->len, 0);
  return node_at (self, node)->r;
}

void
dd_graph_layout_move (DdGraphLayout *self,
                      guint          node,
                      double         x,
                      double         y)
{
  Node *n;

  g_return_if_fail (node < self->nodes->len);
  n = node_at (self, node);
  n->x = n->ax = x;
  n->y = n->ay = y;
  n->vx = n->vy = 0;
  n->pinned = TRUE;
  self->last_move = G_MAXDOUBLE;
  self->heat = 1;
}

gboolean
dd_graph_layout_get_pinned (DdGraphLayout *self,
                            guint          node)
{
  g_return_val_if_fail (node < self->nodes->len, FALSE);
  return node_at (self, node)->pinned;
}

const guint *
dd_graph_layout_get_edges (DdGraphLayout *self,
                           guint         *n_edges)
{
  if (self->edges_dirty)
    {
      g_array_set_size (self->live_edges, 0);
      for (guint i = 0; i + 1 < self->edges->len; i += 2)
        {
          guint a = g_array_index (self->edges, guint, i);
          guint b = g_array_index (self->edges, guint, i + 1);

          if (node_at (self, a)->alive && node_at (self, b)->alive)
            {
              g_array_append_val (self->live_edges, a);
              g_array_append_val (self->live_edges, b);
            }
        }
      self->edges_dirty = FALSE;
    }
  *n_edges = self->live_edges->len / 2;
  return (const guint *) self->live_edges->data;
}

static inline gint64
cell_key (int cx,
          int cy)
{
  /* shifted as unsigned: a negative cell is a grid cell too (a signed shift of it is
   * undefined) */
  return (gint64) (((guint64) (guint32) cx << 32) | (guint32) cy);
}

static void
fill_grid (DdGraphLayout *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->grid);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_set_size (value, 0);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *n = node_at (self, i);
      gint64 key;
      GArray *bucket;

      if (!n->alive)
        continue;
      key = cell_key ((int) floor (n->x / CELL), (int) floor (n->y / CELL));
      bucket = g_hash_table_lookup (self->grid, &key);
      if (bucket == NULL)
        {
          bucket = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (self->grid, g_memdup2 (&key, sizeof key), bucket);
        }
      g_array_append_val (bucket, i);
    }
}

double
dd_graph_layout_step (DdGraphLayout *self)
{
  guint n_nodes = self->nodes->len;
  g_autofree double *fx = g_new0 (double, n_nodes);
  g_autofree double *fy = g_new0 (double, n_nodes);
  const guint *edges;
  guint n_edges;
  double max_move = 0;

  fill_grid (self);

  /* repulsion within the neighbouring cells; discs that overlap push hard */
  for (guint i = 0; i < n_nodes; i++)
    {
      Node *a = node_at (self, i);
      int cx, cy;

      if (!a->alive)
        continue;
      cx = (int) floor (a->x / CELL);
      cy = (int) floor (a->y / CELL);
      for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++)
          {
            gint64 key = cell_key (cx + dx, cy + dy);
            GArray *bucket = g_hash_table_lookup (self->grid, &key);

            for (guint k = 0; bucket && k < bucket->len; k++)
              {
                guint j = g_array_index (bucket, guint, k);
                Node *b;
                double ddx, ddy, d2, d, f, min_d;

                if (j <= i)
                  continue;
                b = node_at (self, j);
                ddx = a->x - b->x;
                ddy = a->y - b->y;
                d2 = ddx * ddx + ddy * ddy;
                if (d2 > CELL * CELL)
                  continue;
                if (d2 < 1e-4)
                  {
                    /* on top of each other: part them deterministically */
                    ddx = ((i * 7 + j) % 5) - 2 + 0.5;
                    ddy = ((i + j * 3) % 5) - 2 + 0.5;
                    d2 = ddx * ddx + ddy * ddy;
                  }
                d = sqrt (d2);
                min_d = a->r + b->r + 8;
                f = REPULSION / d2;
                if (d < min_d)
                  f += (min_d - d) * 0.5;
                fx[i] += f * ddx / d;
                fy[i] += f * ddy / d;
                fx[j] -= f * ddx / d;
                fy[j] -= f * ddy / d;
              }
          }
    }

  /* springs along the edges */
  edges = dd_graph_layout_get_edges (self, &n_edges);
  for (guint e = 0; e < n_edges; e++)
    {
      guint i = edges[2 * e], j = edges[2 * e + 1];
      Node *a = node_at (self, i), *b = node_at (self, j);
      double ddx = b->x - a->x, ddy = b->y - a->y;
      double d = MAX (sqrt (ddx * ddx + ddy * ddy), 0.01);
      double rest = a->r + b->r + GAP;
      double f = SPRING * (d - rest);

      fx[i] += f * ddx / d;
      fy[i] += f * ddy / d;
      fx[j] -= f * ddx / d;
      fy[j] -= f * ddy / d;
    }

  /* the weak hold to where each node settled, then integration */
  for (guint i = 0; i < n_nodes; i++)
    {
      Node *n = node_at (self, i);
      double move;

      if (!n->alive || n->pinned)
        continue;
      fx[i] += ANCHOR * (n->ax - n->x);
      fy[i] += ANCHOR * (n->ay - n->y);
      n->vx = (n->vx + fx[i]) * DAMPING * self->heat;
      n->vy = (n->vy + fy[i]) * DAMPING * self->heat;
      move = sqrt (n->vx * n->vx + n->vy * n->vy);
      if (move > MAX_MOVE)
        {
          n->vx *= MAX_MOVE / move;
          n->vy *= MAX_MOVE / move;
          move = MAX_MOVE;
        }
      n->x += n->vx;
      n->y += n->vy;
      max_move = MAX (max_move, move);
    }

  /* cooling: whatever oscillates dies down within a few hundred steps */
  self->heat *= COOLING;
  if (self->heat < MIN_HEAT)
    max_move = 0;

  /* settled: this is where the nodes are held from now on */
  if (max_move < SETTLED && self->last_move >= SETTLED)
    for (guint i = 0; i < n_nodes; i++)
      {
        Node *n = node_at (self, i);

        n->ax = n->x;
        n->ay = n->y;
      }
  self->last_move = max_move;
  return max_move;
}

gboolean
dd_graph_layout_is_settled (DdGraphLayout *self)
{
  return self->last_move < SETTLED;
}

guint
dd_graph_layout_hit (DdGraphLayout *self,
                     double         x,
                     double         y)
{
  for (guint i = self->nodes->len; i-- > 0;)
    {
      Node *n = node_at (self, i);
      double dx = x - n->x, dy = y - n->y;

      if (n->alive && dx * dx + dy * dy <= (n->r + 2) * (n->r + 2))
        return i;
    }
  return DD_GRAPH_NO_NODE;
}

gboolean
dd_graph_layout_get_bounds (DdGraphLayout *self,
                            double        *x0,
                            double        *y0,
                            double        *x1,
                            double        *y1)
{
  gboolean any = FALSE;

  *x0 = *y0 = G_MAXDOUBLE;
  *x1 = *y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *n = node_at (self, i);

      if (!n->alive)
        continue;
      *x0 = MIN (*x0, n->x - n->r);
      *y0 = MIN (*y0, n->y - n->r);
      *x1 = MAX (*x1, n->x + n->r);
      *y1 = MAX (*y1, n->y + n->r);
      any = TRUE;
    }
  return any;
}

guint
dd_graph_layout_nearest_in_direction (DdGraphLayout *self,
                                      guint          from,
                                      double         dx,
                                      double         dy)
{
  Node *f;
  guint best = DD_GRAPH_NO_NODE;
  double best_score = G_MAXDOUBLE;
  double len = sqrt (dx * dx + dy * dy);

  g_return_val_if_fail (from < self->nodes->len, DD_GRAPH_NO_NODE);
  if (len == 0)
    return DD_GRAPH_NO_NODE;
  f = node_at (self, from);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *n = node_at (self, i);
      double vx, vy, d, cosine, score;

      if (i == from || !n->alive)
        continue;
      vx = n->x - f->x;
      vy = n->y - f->y;
      d = sqrt (vx * vx + vy * vy);
      if (d < 1e-6)
        continue;
      cosine = (vx * dx + vy * dy) / (d * len);
      if (cosine < 0.35)          /* within about 70° of the direction */
        continue;
      score = d * (1 + 2 * (1 - cosine));
      if (score < best_score)
        {
          best_score = score;
          best = i;
        }
    }
  return best;
}
