/* DdGraphView: see the header. This file holds the graph — nodes, their expansion by
 * the core's relations a page at a time, the layout's clock — and the widget itself;
 * where the view looks is in dd-graph-view-camera.c, drawing in dd-graph-view-draw.c,
 * input in dd-graph-view-input.c. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dd-graph-view-private.h"
#include "dd-relations-async.h"
#include "dd-relations-scope.h"
#include "dd-text.h"
#include "dd-ui-text.h"

/* How long the view follows what was just expanded while the layout spreads it. */
#define FOLLOW_US 1600000

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

GraphNode *
dd_graph_view_node (DdGraphView *self,
          int          index)
{
  if (index < 0 || (guint) index >= self->nodes->len ||
      !dd_graph_layout_is_alive (self->layout, index))
    return NULL;
  return g_ptr_array_index (self->nodes, index);
}

int
dd_graph_view_canvas_top (DdGraphView *self)
{
  return gtk_widget_get_visible (self->breadcrumb) ? gtk_widget_get_height (self->breadcrumb) : 0;
}

void
dd_graph_view_to_screen (DdGraphView *self,
           double       wx,
           double       wy,
           double      *sx,
           double      *sy)
{
  *sx = wx * self->scale + self->ox;
  *sy = wy * self->scale + self->oy;
}

void
dd_graph_view_to_world (DdGraphView *self,
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

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  DdGraphView *self = DD_GRAPH_VIEW (widget);
  gint64 start = g_get_monotonic_time ();
  guint steps = 0;

  while (!dd_graph_layout_is_settled (self->layout) &&
         (steps == 0 || g_get_monotonic_time () - start < STEP_BUDGET_US))
    {
      dd_graph_layout_step (self->layout);
      steps++;
    }
  dd_graph_view_follow_step (self);
  gtk_widget_queue_draw (widget);
  if (dd_graph_layout_is_settled (self->layout) && !self->dragging && self->follow < 0)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
dd_graph_view_start_layout (DdGraphView *self)
{
  dd_graph_view_invalidate_cache (self);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What a node is called in the window: corruptions and families in their human form,
 * a severity under its corruption by its number, a sample by its file and cell, the
 * dataset by its title, a page of neighbours by how many it holds. */
static char *
node_label (DdGraphView        *self,
            int                 parent,
            const DdNode       *node,
            const DdSampleInfo *sample)
{
  GraphNode *p = dd_graph_view_node (self, parent);

  switch (node->kind)
    {
    case DD_NODE_SAMPLE:
      /* a near duplicate says how near: "n01443537_0 · 2 bits" (the relations'
       * label is the distance) */
      if (g_strcmp0 (node->edge, "near_duplicate") == 0 && node->label)
        {
          g_autofree char *title = dd_ui_sample_title (node->id, NULL, 0);

          return g_strdup_printf ("%s · %s", title, node->label);
        }
      return sample ? dd_ui_sample_title (node->id, sample->corruption, sample->severity)
                    : dd_ui_sample_title (node->id, NULL, 0);
    case DD_NODE_CORRUPTION:
      return dd_ui_corruption_title (node->id);
    case DD_NODE_FAMILY:
      return g_strdup (dd_ui_family_title (node->id));
    case DD_NODE_DATASET:
      return g_strdup (self->dataset_label ? self->dataset_label
                                           : node->label ? node->label : node->id);
    case DD_NODE_SEVERITY:
      {
        const char *slash = strrchr (node->id, '/');
        g_autofree char *corruption = slash ? g_strndup (node->id, slash - node->id) : NULL;
        g_autofree char *title = NULL;

        if (slash == NULL || (p && p->kind == DD_NODE_CORRUPTION &&
                              g_strcmp0 (p->id, corruption) == 0))
          /* under its corruption, "fog severity 3" says "fog" twice */
          return g_strdup_printf (_("severity %s"), slash ? slash + 1 : node->id);
        title = dd_ui_corruption_title (corruption);
        /* TRANSLATORS: a corruption cell in the explorer: "Fog severity 3" */
        return g_strdup_printf (_("%s severity %s"), title, slash + 1);
      }
    case DD_NODE_MORE:
      {
        g_autofree char *count = dd_format_count (node->count);

        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more", "%s more",
                                             (gulong) MIN (node->count, G_MAXULONG)), count);
      }
    default:
      return g_strdup (node->label ? node->label : node->id);
    }
}

static void
add_near_edge (DdGraphView *self,
               guint        a,
               guint        b)
{
  g_hash_table_add (self->near_edges, g_strdup_printf ("%u:%u", MIN (a, b), MAX (a, b)));
}

gboolean
dd_graph_view_is_near_edge (DdGraphView *self,
                            guint        a,
                            guint        b)
{
  char key[32];

  if (g_hash_table_size (self->near_edges) == 0)
    return FALSE;
  g_snprintf (key, sizeof key, "%u:%u", MIN (a, b), MAX (a, b));
  return g_hash_table_contains (self->near_edges, key);
}

static int
add_node (DdGraphView        *self,
          int                 parent,
          const DdNode       *node,
          const char         *path,
          const DdSampleInfo *sample)
{
  GraphNode *n = g_new0 (GraphNode, 1);
  guint index;

  n->label = node_label (self, parent, node, sample);
  n->label_place = -1;
  index = dd_graph_layout_add_node (self->layout, parent < 0 ? DD_GRAPH_NO_NODE : (guint) parent,
                                    radius_for (node));
  n->kind = node->kind;
  n->id = g_strdup (node->id);
  n->edge = g_strdup (node->edge);
  n->count = node->count;
  n->path = g_strdup (path);
  g_assert (index == self->nodes->len);
  g_ptr_array_add (self->nodes, n);
  g_hash_table_insert (self->by_name, name_of (node->kind, node->id), GUINT_TO_POINTER (index + 1));
  if (parent >= 0 && g_strcmp0 (node->edge, "near_duplicate") == 0)
    add_near_edge (self, parent, index);
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
  gboolean     scoped;     /* an expansion within the node's path */
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

/* Is @index an ancestor of @of (or @of itself)? */
static gboolean
is_on_path_to (DdGraphView *self,
               int          index,
               int          of)
{
  for (int i = of; i >= 0 && dd_graph_view_node (self, i); i = (int) dd_graph_layout_get_parent (self->layout, i))
    {
      if (i == index)
        return TRUE;
      if (dd_graph_layout_get_parent (self->layout, i) == DD_GRAPH_NO_NODE)
        break;
    }
  return FALSE;
}

/* The next page behind a "more" node replaces the page before it: @parent's children of
 * that relation that were not expanded or pinned go, the "more" node too, so a fan-out
 * stays one screenful. */
static void
remove_page (DdGraphView *self,
             int          parent,
             int          more)
{
  const char *edge = ((GraphNode *) g_ptr_array_index (self->nodes, more))->edge;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      GraphNode *n = dd_graph_view_node (self, i);

      if (n == NULL || (int) dd_graph_layout_get_parent (self->layout, i) != parent)
        continue;
      if ((int) i == more ||
          (g_strcmp0 (n->edge, edge) == 0 && n->kind != DD_NODE_MORE && !n->expanded &&
           !n->loading && !dd_graph_layout_get_pinned (self->layout, i)))
        dd_graph_layout_remove (self->layout, i);
    }
  forget_dead (self);
}

static void
query_ready (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Query *q = user_data;
  DdGraphView *self = q->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdExpansion) expansion = q->scoped
    ? dd_relations_expand_path_finish (DD_CATALOG (object), result, &error)
    : dd_relations_expand_finish (DD_CATALOG (object), result, &error);
  GraphNode *parent;
  int into, new_more = -1;
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
      if ((parent = dd_graph_view_node (self, q->index)))
        parent->loading = FALSE;
      dd_graph_view_invalidate_cache (self);
      g_warning ("Relations of %s:%s: %s", dd_node_kind_to_string (q->kind), q->id, error->message);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      query_free (q);
      return;
    }
  if (q->index < 0)
    {
      int root;

      self->root_loading = FALSE;
      root = add_node (self, -1, g_ptr_array_index (expansion->nodes, 0),
                       expansion->paths->pdata[0], expansion->samples->pdata[0]);
      self->focus = root;
      dd_graph_view_update_focus (self);
      dd_graph_view_expand (self, root);
      dd_graph_view_start_layout (self);
      query_free (q);
      return;
    }

  if ((parent = dd_graph_view_node (self, q->index)) == NULL || !parent->loading)
    {
      query_free (q);
      return;   /* collapsed while asking */
    }
  parent->loading = FALSE;
  parent->expanded = TRUE;
  into = q->index;
  if (parent->kind == DD_NODE_MORE && dd_graph_layout_get_parent (self->layout, q->index) != DD_GRAPH_NO_NODE)
    {
      /* the next page takes the place of this one, under the same node */
      into = (int) dd_graph_layout_get_parent (self->layout, q->index);
      remove_page (self, into, q->index);
    }
  for (guint i = 0; i < expansion->nodes->len; i++)
    {
      DdNode *n = g_ptr_array_index (expansion->nodes, i);
      g_autofree char *name = name_of (n->kind, n->id);
      guint existing = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_name, name));
      int index;

      if (existing > 0 && dd_graph_layout_is_alive (self->layout, existing - 1))
        {
          /* already on screen: the graph gets an edge, not a second copy — except to a
           * node of the path itself, which the path already shows */
          if (!is_on_path_to (self, (int) existing - 1, into))
            dd_graph_layout_add_edge (self->layout, into, existing - 1);
          if (g_strcmp0 (n->edge, "near_duplicate") == 0)
            add_near_edge (self, into, existing - 1);
          continue;
        }
      index = add_node (self, into, n, expansion->paths->pdata[i], expansion->samples->pdata[i]);
      if (n->kind == DD_NODE_MORE)
        new_more = index;
      added++;
    }
  dd_graph_layout_place_children (self->layout, into);
  if (into != q->index)
    self->focus = new_more >= 0 ? new_more : into;
  dd_graph_view_update_focus (self);
  dd_graph_view_start_layout (self);
  if (!self->fitted && added > 0)
    dd_graph_view_fit (self);   /* not yet allocated: size_allocate() fits */
  else if (added > 0)
    {
      /* what was just expanded comes into view as the layout spreads it */
      self->follow = into;
      self->follow_until = g_get_monotonic_time () + FOLLOW_US;
    }
  query_free (q);
}

GPtrArray *
dd_graph_view_get_path (DdGraphView *self,
                        int          index)
{
  GPtrArray *path;

  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), NULL);
  if (dd_graph_view_node (self, index) == NULL)
    return NULL;
  path = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_node_free);
  for (int i = index; dd_graph_view_node (self, i); i = (int) dd_graph_layout_get_parent (self->layout, i))
    {
      GraphNode *n = dd_graph_view_node (self, i);
      DdNode *step = dd_path_step_new (n->kind, n->id, n->edge);

      g_free (step->label);
      step->label = g_strdup (n->label);
      step->count = n->count;
      g_ptr_array_insert (path, 0, step);
      if (dd_graph_layout_get_parent (self->layout, i) == DD_GRAPH_NO_NODE)
        break;
    }
  return path;
}

guint
dd_graph_view_get_page_size (DdGraphView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - dd_graph_view_canvas_top (self);
  int side = MIN (width, height);

  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), PAGE_SIZE);
  if (side <= 0)
    return PAGE_SIZE;
  /* about as many discs as fit around a circle filling the view, 80 px apart */
  return CLAMP ((guint) (side * G_PI / 80), MIN_PAGE_SIZE, PAGE_SIZE);
}

/* A node expands within the samples of its path (dd-relations-scope.h). */
static void
dd_graph_view_expand (DdGraphView *self,
                      int          index)
{
  GraphNode *n = dd_graph_view_node (self, index);
  g_autoptr(GPtrArray) path = NULL;
  Query *q;

  if (n == NULL || n->expanded || n->loading || self->catalog == NULL)
    return;
  n->loading = TRUE;
  dd_graph_view_invalidate_cache (self);
  path = dd_graph_view_get_path (self, index);
  q = query_new (self, n->kind, n->id, index);
  q->scoped = TRUE;
  dd_relations_expand_path_async (self->catalog, path, dd_graph_view_get_page_size (self),
                                  self->cancellable, query_ready, q);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dd_graph_view_toggle (DdGraphView *self,
                      int          index)
{
  GraphNode *n;

  g_return_if_fail (DD_IS_GRAPH_VIEW (self));
  if ((n = dd_graph_view_node (self, index)) == NULL)
    return;
  if (n->expanded || n->loading)
    {
      n->expanded = n->loading = FALSE;
      dd_graph_layout_collapse (self->layout, index);
      forget_dead (self);
      if (dd_graph_view_node (self, self->focus) == NULL)
        self->focus = index;
      dd_graph_view_update_focus (self);
      dd_graph_view_start_layout (self);
    }
  else
    dd_graph_view_expand (self, index);
}

static gboolean
can_toggle_in_recipe (DdNodeKind kind)
{
  return kind == DD_NODE_CLASS || kind == DD_NODE_CORRUPTION || kind == DD_NODE_SEVERITY;
}

void
dd_graph_view_activate_node (DdGraphView *self,
               int          index)
{
  GraphNode *n = dd_graph_view_node (self, index);

  if (n == NULL)
    return;
  if (n->kind == DD_NODE_MORE)
    dd_graph_view_toggle (self, index);
  else
    {
      g_autoptr(GPtrArray) path = dd_graph_view_get_path (self, index);

      g_signal_emit (self, signals[NODE_ACTIVATED], 0, (guint) n->kind, n->id, path);
    }
}

void
dd_graph_view_toggle_in_recipe (DdGraphView *self,
                  int          index)
{
  GraphNode *n = dd_graph_view_node (self, index);

  if (n && can_toggle_in_recipe (n->kind))
    g_signal_emit (self, signals[TOGGLE_IN_RECIPE], 0, (guint) n->kind, n->id);
}

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
  g_hash_table_remove_all (self->near_edges);
  self->root_loading = FALSE;
  self->generation++;
  self->focus = self->hover = self->drag_node = self->follow = -1;
  self->scale = 1;
  self->ox = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  self->oy = (gtk_widget_get_height (GTK_WIDGET (self)) - dd_graph_view_canvas_top (self)) / 2.0;
  self->fitted = FALSE;
  dd_graph_view_invalidate_cache (self);
  dd_graph_view_update_focus (self);
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
      GraphNode *n = dd_graph_view_node (self, i);

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

  if (dd_graph_view_node (self, index) == NULL)
    return FALSE;
  dd_graph_layout_get_position (self->layout, index, &wx, &wy);
  dd_graph_view_to_screen (self, wx, wy, x, y);
  *y += dd_graph_view_canvas_top (self);
  return TRUE;
}

gboolean
dd_graph_view_get_expanded (DdGraphView *self,
                            int          index)
{
  GraphNode *n = dd_graph_view_node (self, index);

  return n && n->expanded;
}

gboolean
dd_graph_view_get_node (DdGraphView  *self,
                        int           index,
                        DdNodeKind   *kind,
                        const char  **id)
{
  GraphNode *n = dd_graph_view_node (self, index);

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
  return dd_graph_view_node (self, self->focus) ? self->focus : -1;
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

/* ---- for tests ---------------------------------------------------------------------- */

void
dd_graph_view_set_dataset_label (DdGraphView *self,
                                 const char  *label)
{
  int root;

  g_return_if_fail (DD_IS_GRAPH_VIEW (self));
  if (g_strcmp0 (self->dataset_label, label) == 0)
    return;
  g_free (self->dataset_label);
  self->dataset_label = g_strdup (label);
  /* the dataset node on screen takes its new name */
  if ((root = dd_graph_view_find_node (self, DD_NODE_DATASET, "")) >= 0 && label)
    {
      GraphNode *n = dd_graph_view_node (self, root);

      g_free (n->label);
      n->label = g_strdup (label);
      g_clear_object (&n->text);
      dd_graph_view_invalidate_cache (self);
      dd_graph_view_update_focus (self);
    }
}

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
  int min_h = 0, nat_w = 0, old_top = dd_graph_view_canvas_top (self);

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
  g_clear_pointer (&self->dataset_label, g_free);
  g_clear_pointer (&self->label_boxes, g_array_unref);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->near_edges, g_hash_table_unref);
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
   * @path: the nodes from the root to it (DdNode): it stands for their samples
   *
   * Double click or Enter on a node: show what it stands for.
   */
  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING,
                                          G_TYPE_PTR_ARRAY);
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
  self->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gnode_free);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->near_edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->layout = dd_graph_layout_new ();
  self->label_boxes = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->scale = 1;
  self->focus = self->hover = self->drag_node = self->follow = -1;

  self->breadcrumb = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->breadcrumb, "dd-breadcrumb");
  gtk_widget_set_parent (self->breadcrumb, GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Relationship explorer"), -1);

  dd_graph_view_add_controllers (self);
}

GtkWidget *
dd_graph_view_new (void)
{
  return g_object_new (DD_TYPE_GRAPH_VIEW, NULL);
}

gboolean
dd_graph_view_get_near_edge (DdGraphView *self,
                             int          a,
                             int          b)
{
  g_return_val_if_fail (DD_IS_GRAPH_VIEW (self), FALSE);
  return a >= 0 && b >= 0 && dd_graph_view_is_near_edge (self, a, b);
}
