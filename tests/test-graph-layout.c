/* The explorer's layout without a display: settling, spacing, stability when a node
 * expands, collapse, hit testing, keyboard neighbours, and the cost of a step. */
#include "config.h"

#include <math.h>

#include "dd-graph-layout.h"

static guint
settle (DdGraphLayout *layout)
{
  guint steps = 0;

  while (!dd_graph_layout_is_settled (layout) && steps < 5000)
    {
      dd_graph_layout_step (layout);
      steps++;
    }
  return steps;
}

static double
distance (DdGraphLayout *layout,
          guint          a,
          guint          b)
{
  double ax, ay, bx, by;

  dd_graph_layout_get_position (layout, a, &ax, &ay);
  dd_graph_layout_get_position (layout, b, &bx, &by);
  return hypot (ax - bx, ay - by);
}

/* A star settles within a few hundred steps with no two discs overlapping. */
static void
test_settles_apart (void)
{
  g_autoptr(DdGraphLayout) layout = dd_graph_layout_new ();
  guint root = dd_graph_layout_add_node (layout, DD_GRAPH_NO_NODE, 30);
  guint steps;

  for (guint i = 0; i < 40; i++)
    dd_graph_layout_add_node (layout, root, 14);
  dd_graph_layout_place_children (layout, root);
  steps = settle (layout);
  g_assert_cmpuint (steps, <, 1000);
  g_assert_true (dd_graph_layout_is_settled (layout));
  g_assert_cmpuint (dd_graph_layout_get_n_alive (layout), ==, 41);
  for (guint a = 0; a < 41; a++)
    for (guint b = a + 1; b < 41; b++)
      g_assert_cmpfloat (distance (layout, a, b), >,
                         dd_graph_layout_get_radius (layout, a) + dd_graph_layout_get_radius (layout, b));
}

/* Expanding a node moves the nodes already there by little: the layout is stable. */
static void
test_expansion_is_stable (void)
{
  g_autoptr(DdGraphLayout) layout = dd_graph_layout_new ();
  guint root = dd_graph_layout_add_node (layout, DD_GRAPH_NO_NODE, 30);
  guint n_before;
  g_autofree double *before = NULL;
  double worst = 0, x, y, rx, ry, cx, cy;
  guint child;

  for (guint i = 0; i < 12; i++)
    dd_graph_layout_add_node (layout, root, 16);
  dd_graph_layout_place_children (layout, root);
  settle (layout);
  n_before = dd_graph_layout_get_n_nodes (layout);
  before = g_new (double, 2 * n_before);
  for (guint i = 0; i < n_before; i++)
    dd_graph_layout_get_position (layout, i, &before[2 * i], &before[2 * i + 1]);

  child = 5;
  for (guint i = 0; i < 20; i++)
    dd_graph_layout_add_node (layout, child, 14);
  dd_graph_layout_place_children (layout, child);
  /* the new nodes start outward of their parent, away from the root */
  dd_graph_layout_get_position (layout, root, &rx, &ry);
  dd_graph_layout_get_position (layout, child, &cx, &cy);
  dd_graph_layout_get_position (layout, n_before + 10, &x, &y);
  g_assert_cmpfloat (hypot (x - rx, y - ry), >, hypot (cx - rx, cy - ry));
  settle (layout);

  for (guint i = 0; i < n_before; i++)
    {
      dd_graph_layout_get_position (layout, i, &x, &y);
      worst = MAX (worst, hypot (x - before[2 * i], y - before[2 * i + 1]));
    }
  g_test_message ("largest move of an old node: %.1f px", worst);
  g_assert_cmpfloat (worst, <, 120);
  /* the expanded node itself barely moves */
  dd_graph_layout_get_position (layout, child, &x, &y);
  g_assert_cmpfloat (hypot (x - before[2 * child], y - before[2 * child + 1]), <, 80);
}

static void
test_collapse_and_edges (void)
{
  g_autoptr(DdGraphLayout) layout = dd_graph_layout_new ();
  guint root = dd_graph_layout_add_node (layout, DD_GRAPH_NO_NODE, 20);
  guint a = dd_graph_layout_add_node (layout, root, 10);
  guint b = dd_graph_layout_add_node (layout, root, 10);
  guint a1, a2, a11;
  guint n_edges;

  dd_graph_layout_place_children (layout, root);
  a1 = dd_graph_layout_add_node (layout, a, 8);
  a2 = dd_graph_layout_add_node (layout, a, 8);
  dd_graph_layout_place_children (layout, a);
  a11 = dd_graph_layout_add_node (layout, a1, 8);
  dd_graph_layout_place_children (layout, a1);
  dd_graph_layout_add_edge (layout, a2, b);   /* a second relation */
  dd_graph_layout_get_edges (layout, &n_edges);
  g_assert_cmpuint (n_edges, ==, 6);

  dd_graph_layout_collapse (layout, a);
  g_assert_false (dd_graph_layout_is_alive (layout, a1));
  g_assert_false (dd_graph_layout_is_alive (layout, a2));
  g_assert_false (dd_graph_layout_is_alive (layout, a11));   /* grandchildren too */
  g_assert_true (dd_graph_layout_is_alive (layout, b));
  g_assert_cmpuint (dd_graph_layout_get_n_alive (layout), ==, 3);
  dd_graph_layout_get_edges (layout, &n_edges);
  g_assert_cmpuint (n_edges, ==, 2);
  settle (layout);
}

static void
test_hit_and_directions (void)
{
  g_autoptr(DdGraphLayout) layout = dd_graph_layout_new ();
  guint root = dd_graph_layout_add_node (layout, DD_GRAPH_NO_NODE, 20);
  guint right = dd_graph_layout_add_node (layout, root, 10);
  guint below = dd_graph_layout_add_node (layout, root, 10);
  guint left = dd_graph_layout_add_node (layout, root, 10);
  double x, y;

  dd_graph_layout_move (layout, root, 0, 0);
  dd_graph_layout_move (layout, right, 200, 10);
  dd_graph_layout_move (layout, below, -10, 150);
  dd_graph_layout_move (layout, left, -180, -5);
  g_assert_true (dd_graph_layout_get_pinned (layout, right));

  g_assert_cmpuint (dd_graph_layout_hit (layout, 3, -4), ==, root);
  g_assert_cmpuint (dd_graph_layout_hit (layout, 205, 12), ==, right);
  g_assert_cmpuint (dd_graph_layout_hit (layout, 100, 100), ==, DD_GRAPH_NO_NODE);

  g_assert_cmpuint (dd_graph_layout_nearest_in_direction (layout, root, 1, 0), ==, right);
  g_assert_cmpuint (dd_graph_layout_nearest_in_direction (layout, root, 0, 1), ==, below);
  g_assert_cmpuint (dd_graph_layout_nearest_in_direction (layout, root, -1, 0), ==, left);
  g_assert_cmpuint (dd_graph_layout_nearest_in_direction (layout, root, 0, -1), ==, DD_GRAPH_NO_NODE);
  g_assert_cmpuint (dd_graph_layout_nearest_in_direction (layout, right, -1, 0), ==, root);

  /* pinned nodes stay where they were put */
  settle (layout);
  dd_graph_layout_get_position (layout, right, &x, &y);
  g_assert_cmpfloat (x, ==, 200);
  g_assert_cmpfloat (y, ==, 10);
}

/* 2,000 nodes (a tree of 40 × 50): one step well inside a frame. */
static void
test_step_cost (void)
{
  g_autoptr(DdGraphLayout) layout = dd_graph_layout_new ();
  guint root = dd_graph_layout_add_node (layout, DD_GRAPH_NO_NODE, 30);
  gint64 start;
  double ms;

  for (guint i = 0; i < 40; i++)
    dd_graph_layout_add_node (layout, root, 14);
  dd_graph_layout_place_children (layout, root);
  for (guint i = 1; i <= 40; i++)
    {
      for (guint k = 0; k < 49; k++)
        dd_graph_layout_add_node (layout, i, 10);
      dd_graph_layout_place_children (layout, i);
    }
  g_assert_cmpuint (dd_graph_layout_get_n_alive (layout), ==, 2001);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20; i++)
    dd_graph_layout_step (layout);
  ms = (g_get_monotonic_time () - start) / 1000.0 / 20;
  g_test_message ("one step over 2,001 nodes: %.2f ms", ms);
  /* generous for slow CI machines and sanitizers; the benchmark measures it properly */
  g_assert_cmpfloat (ms, <, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/graph-layout/settles-apart", test_settles_apart);
  g_test_add_func ("/graph-layout/expansion-is-stable", test_expansion_is_stable);
  g_test_add_func ("/graph-layout/collapse-and-edges", test_collapse_and_edges);
  g_test_add_func ("/graph-layout/hit-and-directions", test_hit_and_directions);
  g_test_add_func ("/graph-layout/step-cost", test_step_cost);
  return g_test_run ();
}
