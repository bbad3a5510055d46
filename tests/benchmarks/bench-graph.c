/* datadive-graph-bench CATALOG [NODES]: frame times of the relationship explorer with
 * about NODES (default 2,000) visible nodes, under a real frame clock (run it under
 * Xvfb: xvfb-run -a -s "-screen 0 1600x1000x24" datadive-graph-bench CATALOG).
 *
 * Phases, each timed by the window's GdkFrameClock:
 *   baseline — the same window filled with a flat colour repainted every frame (what
 *              a full-window frame costs the display and GTK by themselves);
 *   layout   — the explorer expanded breadth-first until NODES are visible (queries
 *              on workers, the force layout from its tick callback);
 *   settle   — after the last expansion, the layout settling with nothing else going on;
 *   pan      — the settled graph panned by 7 px every frame for 240 frames.
 * Prints p50 / p99 / max frame interval per phase, the layout's step time, and one
 * JSON line last. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "bench-frames.h"
#include "dd-catalog.h"
#include "dd-graph-view.h"
#include "dd-test-util.h"

typedef struct {
  GArray  *intervals;     /* double, ms */
  gint64   last;
  guint    frames_left;
  gboolean pan;
  DdGraphView *graph;
  GtkWidget *label;
  GArray  *snapshots;     /* double, ms: the view's snapshot() */
} Phase;

/* The baseline's content: the whole window repainted every frame with one colour. */
static void
draw_flat (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  static guint frame;

  frame++;
  cairo_set_source_rgb (cr, 0.9, 0.9, 0.85 + 0.1 * (frame % 2));
  cairo_paint (cr);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Phase *phase = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (phase->last > 0)
    {
      double ms = (now - phase->last) / 1000.0;

      g_array_append_val (phase->intervals, ms);
    }
  phase->last = now;
  if (phase->graph && phase->snapshots)
    {
      double ms = dd_graph_view_get_last_snapshot_ms (phase->graph);
      g_array_append_val (phase->snapshots, ms);
    }
  if (phase->pan && phase->graph)
    dd_graph_view_pan (phase->graph, phase->frames_left % 120 < 60 ? 7 : -7, 3);
  if (phase->label)
    gtk_widget_queue_draw (phase->label);
  if (phase->frames_left > 0)
    phase->frames_left--;
  return G_SOURCE_CONTINUE;
}

static gboolean
frames_done (gpointer data)
{
  return ((Phase *) data)->frames_left == 0;
}

static gboolean
graph_idle (gpointer data)
{
  return !dd_graph_view_get_busy (data);
}

static void
report (const char *name,
        GArray     *intervals)
{
  g_print ("%-9s %4u frames  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms\n", name, intervals->len,
           percentile (intervals, 0.5), percentile (intervals, 0.99), percentile (intervals, 1.0));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  guint target = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 2000;
  GtkWidget *window, *stack, *label, *graph;
  Phase base = { 0 }, layout = { 0 }, settle = { 0 }, pan = { 0 };
  guint tick_id, expanded = 0, cursor = 0;
  gint64 start;
  double layout_seconds;

  if (argc < 2)
    {
      g_printerr ("usage: %s CATALOG [NODES]\n", argv[0]);
      return 2;
    }
  adw_init ();
  if (!(catalog = dd_catalog_open (argv[1], DD_CATALOG_OPEN_READONLY, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), g_getenv ("BENCH_W") ? atoi (g_getenv ("BENCH_W")) : 1400, g_getenv ("BENCH_H") ? atoi (g_getenv ("BENCH_H")) : 900);
  stack = gtk_stack_new ();
  label = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (label), draw_flat, NULL, NULL);
  graph = dd_graph_view_new ();
  gtk_stack_add_named (GTK_STACK (stack), label, "label");
  gtk_stack_add_named (GTK_STACK (stack), graph, "graph");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));

  /* baseline: a label redrawn every frame */
  base.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  base.frames_left = 240;
  base.label = label;
  tick_id = gtk_widget_add_tick_callback (window, on_tick, &base, NULL);
  dd_test_iterate_until (frames_done, &base, 30);
  gtk_widget_remove_tick_callback (window, tick_id);

  /* layout: expand breadth-first while frames are timed */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "graph");
  layout.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  layout.snapshots = g_array_new (FALSE, FALSE, sizeof (double));
  layout.graph = DD_GRAPH_VIEW (graph);
  tick_id = gtk_widget_add_tick_callback (window, on_tick, &layout, NULL);
  start = g_get_monotonic_time ();
  dd_graph_view_set_catalog (DD_GRAPH_VIEW (graph), catalog);
  dd_test_iterate_until (graph_idle, graph, 30);
  while (dd_graph_view_get_n_nodes (DD_GRAPH_VIEW (graph)) < target &&
         g_get_monotonic_time () - start < 120 * G_USEC_PER_SEC)
    {
      DdNodeKind kind;
      const char *id;

      if (!dd_graph_view_get_node (DD_GRAPH_VIEW (graph), cursor, &kind, &id))
        {
          if (++cursor > 100000)
            break;
          continue;
        }
      if (!dd_graph_view_get_expanded (DD_GRAPH_VIEW (graph), cursor) && kind != DD_NODE_SAMPLE)
        {
          dd_graph_view_toggle (DD_GRAPH_VIEW (graph), cursor);
          dd_test_iterate_until (graph_idle, graph, 30);
          expanded++;
        }
      cursor++;
    }
  layout_seconds = (g_get_monotonic_time () - start) / 1e6;
  gtk_widget_remove_tick_callback (window, tick_id);

  /* the last expansions settling: frames driven by the layout alone */
  settle.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  settle.snapshots = g_array_new (FALSE, FALSE, sizeof (double));
  settle.graph = DD_GRAPH_VIEW (graph);
  tick_id = gtk_widget_add_tick_callback (window, on_tick, &settle, NULL);
  while (!dd_graph_view_get_settled (DD_GRAPH_VIEW (graph)) &&
         g_get_monotonic_time () - start < 300 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (window, tick_id);

  /* pan the settled graph */
  dd_graph_view_settle (DD_GRAPH_VIEW (graph), 3000);
  dd_graph_view_fit (DD_GRAPH_VIEW (graph));
  pan.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  pan.frames_left = 240;
  pan.pan = TRUE;
  pan.snapshots = g_array_new (FALSE, FALSE, sizeof (double));
  pan.graph = DD_GRAPH_VIEW (graph);
  tick_id = gtk_widget_add_tick_callback (window, on_tick, &pan, NULL);
  dd_test_iterate_until (frames_done, &pan, 60);
  gtk_widget_remove_tick_callback (window, tick_id);

  {
    /* one layout step over what is on screen, measured directly */
    double step_ms = 0;

    for (int i = 0; i < 20; i++)
      step_ms += dd_graph_view_step_once (DD_GRAPH_VIEW (graph)) / 20;

    g_print ("catalog %s: %u nodes visible after %u expansions (%.1f s)\n", argv[1],
             dd_graph_view_get_n_nodes (DD_GRAPH_VIEW (graph)), expanded, layout_seconds);
    report ("baseline", base.intervals);
    report ("layout", layout.intervals);
    report ("settle", settle.intervals);
    g_print ("snapshot() while settling: p50 %.2f ms, p99 %.2f ms\n", percentile (settle.snapshots, 0.5),
             percentile (settle.snapshots, 0.99));
    report ("pan", pan.intervals);
    g_print ("snapshot() while panning: p50 %.2f ms, p99 %.2f ms\n", percentile (pan.snapshots, 0.5),
             percentile (pan.snapshots, 0.99));
    g_print ("layout step: %.2f ms\n", step_ms);
    {
      /* where a frame goes: building the render nodes, then drawing them */
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (graph);
      int w = gtk_widget_get_width (graph), h = gtk_widget_get_height (graph);
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
      double build = 0, render = 0;

      for (int i = 0; i < 10; i++)
        {
          g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
          g_autoptr(GskRenderNode) node = NULL;
          g_autoptr(GdkTexture) texture = NULL;
          gint64 t0 = g_get_monotonic_time (), t1;

          dd_graph_view_pan (DD_GRAPH_VIEW (graph), 1, 0);
          gdk_paintable_snapshot (paintable, snapshot, w, h);
          node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
          t1 = g_get_monotonic_time ();
          texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
          build += (t1 - t0) / 1000.0 / 10;
          render += (g_get_monotonic_time () - t1) / 1000.0 / 10;
        }
      g_print ("one frame: snapshot %.2f ms, render (%s) %.2f ms\n", build,
               G_OBJECT_TYPE_NAME (renderer), render);
    }
    g_print ("{\"nodes\": %u, \"baseline_p50_ms\": %.2f, \"baseline_p99_ms\": %.2f, "
             "\"layout_p50_ms\": %.2f, \"layout_p99_ms\": %.2f, \"settle_p50_ms\": %.2f, \"settle_p99_ms\": %.2f, \"pan_p50_ms\": %.2f, "
             "\"pan_p99_ms\": %.2f, \"pan_max_ms\": %.2f, \"step_ms\": %.2f}\n",
             dd_graph_view_get_n_nodes (DD_GRAPH_VIEW (graph)),
             percentile (base.intervals, 0.5), percentile (base.intervals, 0.99),
             percentile (layout.intervals, 0.5), percentile (layout.intervals, 0.99),
             percentile (settle.intervals, 0.5), percentile (settle.intervals, 0.99),
             percentile (pan.intervals, 0.5), percentile (pan.intervals, 0.99),
             percentile (pan.intervals, 1.0), step_ms);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
