/* datadive-ui-bench CATALOG [--sweep-frames N]: how the window feels on a big catalog.
 * Run it under Xvfb:
 *   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/benchmarks/datadive-ui-bench CATALOG
 *
 * It opens CATALOG in a real DataDive window (1280 × 800, the Fine tab) and then, each
 * step timed by the window's GdkFrameClock:
 *   open   — until the grid holds the whole subset and the first thumbnails are painted;
 *   wheel  — 300 frames scrolling down 120 px a frame (a brisk mouse wheel / kinetic swipe);
 *   sweep  — the grid from top to bottom in N frames (default 600: a scrollbar drag, every
 *            frame a new page of samples);
 *   tabs   — Coarse, Medium, Fine, Medium, 30 frames each;
 *   toggle — a class unchecked in the Medium tab's list, until the subset and the grid
 *            have it, then checked again.
 * A 1 ms timeout at high priority measures the longest main-loop stall (the longest time
 * the loop could not dispatch it) from the moment the window is presented. It prints
 * per-step figures, then one JSON line with frame_p50_ms, frame_p99_ms (over wheel, sweep,
 * tabs and toggle), max_stall_ms, first_thumbnails_ms, peak_rss_mb, and work_p50_ms,
 * work_p99_ms: a frame's own time, from before-paint to after-paint, which 60 Hz's
 * quantised intervals hide (the headroom under 16.7 ms; work between frames is not in it),
 * and sweep_cpu_ms: the main thread's CPU time in the sweep, frames and all between
 * (each step prints its own).
 * DATADIVE_BENCH_PHASES=1 prints each stall over 50 ms and each frame over 40 ms (monotonic
 * seconds, for perf record -k CLOCK_MONOTONIC; DATADIVE_BENCH_PHASES=N: frames over N ms,
 * with their step and end time), DATADIVE_BENCH_FRAMES=1 every frame of the
 * first 1.5 s, DATADIVE_BENCH_WIDGETS=1 the mapped widgets by type.
 * The window works on a copy of CATALOG in a temporary folder (it saves its recipe to
 * the catalog it has open), so CATALOG itself is left as it was. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-frames.h"
#include "dd-application.h"
#include "dd-test-ui.h"
#include "dd-test-util.h"
#include "dd-thumbnail-cell.h"
#include "dd-window-private.h"

typedef struct {
  const char *name;
  GArray     *intervals;   /* double, ms */
  GArray     *work;        /* double, ms: each frame's own time, before-paint to after-paint */
  double      cpu_ms;      /* the main thread's CPU time in the step: frames and all between */
} Step;

typedef struct {
  DdWindow      *window;
  GtkAdjustment *vadjustment;
  GtkWidget     *grid_view;
  gint64         opened;           /* µs, when the window was presented */
  double         first_thumbnails; /* ms after opened, < 0 until painted */
  gint64         last_frame;
  Step          *step;             /* where frame intervals go, NULL = nowhere */
  guint          frames_left;
  /* scrolling */
  double         scroll_by;        /* px per frame, 0 = none */
  guint          sweep_frames;
  guint          sweep_frame;
  gboolean       sweeping;
  /* stalls */
  gint64         last_tick;
  double         max_stall;        /* ms */
  const char    *stall_step;
  const char    *tick_step;        /* the step at the last tick: a stall is the step's it began in */
  const char    *max_stall_step;
  GHashTable    *step_stalls;      /* step name → longest stall in it, ms (double *) */
} Bench;

/* Cells showing @state ("picture", "broken"), or with NULL any but "loading". */
static guint
count_cells (GtkWidget  *widget,
             const char *state)
{
  guint n = 0;

  if (DD_IS_THUMBNAIL_CELL (widget))
    {
      const char *shown = dd_thumbnail_cell_get_image_state (DD_THUMBNAIL_CELL (widget));

      return state ? g_strcmp0 (shown, state) == 0 : g_strcmp0 (shown, "loading") != 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    n += count_cells (child, state);
  return n;
}

static guint
count_pictures (GtkWidget *widget)
{
  return count_cells (widget, "picture");
}

/* Mapped widgets by type (DATADIVE_BENCH_WIDGETS=1): what a layout pass walks. */
static void
count_widgets (GtkWidget  *widget,
               GHashTable *types)
{
  const char *name = G_OBJECT_TYPE_NAME (widget);

  if (!gtk_widget_get_mapped (widget))
    return;
  g_hash_table_insert (types, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (types, name)) + 1));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    count_widgets (child, types);
}

/* The longest time the main loop could not run a 1 ms timeout. */
static gboolean
on_stall_tick (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->last_tick > 0)
    {
      double stall = (now - bench->last_tick) / 1000.0 - 1.0;
      const char *step = bench->tick_step;

      /* with the monotonic clock, for perf record -k CLOCK_MONOTONIC */
      if (stall > 50 && g_getenv ("DATADIVE_BENCH_PHASES"))
        g_printerr ("  stall %.1f ms in %s, from %.6f to %.6f s\n", stall,
                    step ? step : "-",
                    (bench->last_tick + 1000) / 1e6, now / 1e6);
      if (step && bench->step_stalls)
        {
          double *longest = g_hash_table_lookup (bench->step_stalls, step);

          if (longest == NULL)
            {
              longest = g_new0 (double, 1);
              g_hash_table_insert (bench->step_stalls, (gpointer) step, longest);
            }
          *longest = MAX (*longest, stall);
        }
      if (stall > bench->max_stall)
        {
          bench->max_stall = stall;
          bench->max_stall_step = step;
        }
    }
  bench->last_tick = now;
  bench->tick_step = bench->stall_step;

  /* the opening, step by step */
  if (g_getenv ("DATADIVE_BENCH_PHASES") && bench->window && bench->opened > 0)
    {
      static int stage;
      DdDocument *doc = dd_window_get_document (bench->window);
      DdSampleModel *model = dd_thumbnail_grid_get_model (dd_window_get_grid (bench->window));
      const char *names[] = { "document", "selection", "model" };
      gboolean reached[] = { doc != NULL, doc && dd_document_get_selection (doc) != NULL,
                             model && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0 };

      while (stage < 3 && reached[stage])
        g_printerr ("  open: %s at %.0f ms (presented at %.6f s)\n", names[stage++],
                    (now - bench->opened) / 1000.0, bench->opened / 1e6);
    }
  return G_SOURCE_CONTINUE;
}

/* Where a long frame's time went (DATADIVE_BENCH_PHASES=1 prints frames over 40 ms, =N
 * over N ms). */
static gint64 phase_start[6];
static gint64 bench_opened;   /* for DATADIVE_BENCH_FRAMES=1: every frame of the first 1.5 s */
static gint64 long_frame_us;  /* DATADIVE_BENCH_PHASES: frames longer are printed; 0 none */

static void
mark_phase (GdkFrameClock *clock,
            gpointer       user_data)
{
  phase_start[GPOINTER_TO_UINT (user_data)] = g_get_monotonic_time ();
}

/* GTK's own handlers of each phase run before ours (they were connected at realize),
 * so each mark is the end of that phase. */
static void
print_phases (GdkFrameClock *clock,
              gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->step)
    {
      double ms = (now - phase_start[0]) / 1000.0;

      g_array_append_val (bench->step->work, ms);
    }
  if (g_getenv ("DATADIVE_BENCH_FRAMES") && now - bench_opened < 1500000)
    g_printerr ("  frame at %.0f ms, %.1f ms: ticks %.1f, layout %.1f, paint %.1f\n",
                (phase_start[0] - bench_opened) / 1000.0,
                (now - phase_start[0]) / 1000.0, (phase_start[1] - phase_start[0]) / 1000.0,
                (phase_start[2] - phase_start[1]) / 1000.0, (phase_start[3] - phase_start[2]) / 1000.0);
  else if (long_frame_us > 0 && now - phase_start[0] > long_frame_us)
    g_printerr ("  long frame %.1f ms (%s, ends %.6f s): ticks %.1f, layout %.1f, paint %.1f\n",
                (now - phase_start[0]) / 1000.0, bench->stall_step, now / 1e6,
                (phase_start[1] - phase_start[0]) / 1000.0,
                (phase_start[2] - phase_start[1]) / 1000.0, (phase_start[3] - phase_start[2]) / 1000.0);
}

/* Frames painted: the first one showing a decoded thumbnail (or a broken-image icon). */
static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;

  if (bench->first_thumbnails < 0 && bench->grid_view &&
      count_cells (bench->grid_view, NULL) > 0)   /* a catalog without its files shows
                                                    * broken-image icons: settled too */
    bench->first_thumbnails = (g_get_monotonic_time () - bench->opened) / 1000.0;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (bench->step && bench->last_frame > 0)
    {
      double ms = (now - bench->last_frame) / 1000.0;

      g_array_append_val (bench->step->intervals, ms);
    }
  bench->last_frame = now;

  if (bench->vadjustment && bench->scroll_by > 0)
    gtk_adjustment_set_value (bench->vadjustment,
                              gtk_adjustment_get_value (bench->vadjustment) + bench->scroll_by);
  if (bench->vadjustment && bench->sweeping)
    {
      double range = gtk_adjustment_get_upper (bench->vadjustment) -
                     gtk_adjustment_get_page_size (bench->vadjustment);

      bench->sweep_frame = MIN (bench->sweep_frame + 1, bench->sweep_frames);
      gtk_adjustment_set_value (bench->vadjustment, range * bench->sweep_frame / bench->sweep_frames);
    }
  if (bench->frames_left > 0)
    bench->frames_left--;
  return G_SOURCE_CONTINUE;
}

static gboolean
frames_done (gpointer data)
{
  return ((Bench *) data)->frames_left == 0;
}

static gboolean
grid_filled (gpointer data)
{
  Bench *bench = data;
  DdDocument *doc = dd_window_get_document (bench->window);
  DdSampleModel *model = dd_thumbnail_grid_get_model (dd_window_get_grid (bench->window));

  if (g_strcmp0 (dd_window_get_state (bench->window), "error") == 0)
    {
      g_printerr ("datadive-ui-bench: the window could not open the catalog\n");
      exit (1);
    }
  return doc && model && !dd_document_get_busy (doc) && dd_document_get_selection (doc) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) ==
         dd_selection_get_n (dd_document_get_selection (doc)) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static gboolean
thumbnails_painted (gpointer data)
{
  return ((Bench *) data)->first_thumbnails >= 0;
}

typedef struct {
  Bench *bench;
  guint  n;
} CountWait;

static gboolean
subset_is (gpointer data)
{
  CountWait *wait = data;
  DdDocument *doc = dd_window_get_document (wait->bench->window);
  DdSampleModel *model = dd_thumbnail_grid_get_model (dd_window_get_grid (wait->bench->window));

  return !dd_document_get_busy (doc) && dd_selection_get_n (dd_document_get_selection (doc)) == wait->n &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == wait->n;
}

/* The calling thread's CPU time, ms. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static void
run_frames (Bench      *bench,
            Step       *step,
            guint       frames)
{
  double cpu = thread_cpu_ms ();

  bench->step = step;
  bench->stall_step = step->name;
  bench->frames_left = frames;
  bench->last_frame = 0;
  /* half a second a frame at worst: slow on a busy machine, but still a figure */
  dd_test_wait_for (frames_done, bench, MAX (120, frames / 2), step->name);
  bench->step = NULL;
  step->cpu_ms += thread_cpu_ms () - cpu;
  g_printerr ("  (%s: %u frames so far, %.1f s)\n", step->name, step->intervals->len,
              (g_get_monotonic_time () - bench->opened) / 1e6);
}

static void
report (Step *step)
{
  g_print ("%-7s %5u frames  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  "
           "(work p50 %5.2f ms, p99 %5.2f ms; main thread CPU %.0f ms)\n", step->name,
           step->intervals->len, percentile (step->intervals, 0.5),
           percentile (step->intervals, 0.99), percentile (step->intervals, 1.0),
           percentile (step->work, 0.5), percentile (step->work, 0.99), step->cpu_ms);
}

static gsize
current_rss_mb (void)
{
  g_autofree char *statm = NULL;
  long pages = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    pages = strtol (strchr (statm, ' ') ? strchr (statm, ' ') + 1 : statm, NULL, 10);
  return (gsize) pages * (gsize) sysconf (_SC_PAGESIZE) / (1024 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DdApplication) app = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *copy_path = NULL;
  int sweep_frames = 600;
  GOptionEntry entries[] = {
    { "sweep-frames", 0, 0, G_OPTION_ARG_INT, &sweep_frames, "Frames for the top-to-bottom sweep (600)", "N" },
    { NULL }
  };
  Step wheel = { "wheel", NULL }, sweep = { "sweep", NULL }, tabs = { "tabs", NULL },
       toggle = { "toggle", NULL };
  Step *steps[] = { &wheel, &sweep, &tabs, &toggle };
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_work = g_array_new (FALSE, FALSE, sizeof (double));
  static const char *tab_names[] = { "coarse", "medium", "fine", "medium" };
  Bench bench = { 0, };
  GtkScrolledWindow *scrolled;
  GdkFrameClock *clock;
  g_autoptr(GPtrArray) classes = NULL;
  const char *wnid = NULL;
  GtkCheckButton *check = NULL;
  DdDocument *doc;
  CountWait wait = { &bench, 0 };
  double toggle_ms, untoggle_ms, open_ms;
  guint n_all, n_class = 0, n_without = 0, pictures_at_bottom;
  struct rusage usage;
  gint64 start;

  context = g_option_context_new ("CATALOG — frame times of the window on a catalog (run under Xvfb)");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || sweep_frames < 1)
    {
      g_printerr ("datadive-ui-bench: %s\n", error ? error->message : "give one catalog file");
      return 2;
    }
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("datadive-ui-bench: %s: no such catalog file\n", argv[1]);
      return 2;
    }
  /* the build tree's schema, settings in memory: the user's own are not touched */
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  if (g_getenv ("DATADIVE_BENCH_PHASES"))
    {
      int ms = atoi (g_getenv ("DATADIVE_BENCH_PHASES"));

      long_frame_us = (ms > 1 ? ms : 40) * 1000;
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      steps[i]->intervals = g_array_new (FALSE, FALSE, sizeof (double));
      steps[i]->work = g_array_new (FALSE, FALSE, sizeof (double));
    }
  bench.first_thumbnails = -1;
  bench.sweep_frames = (guint) sweep_frames;
  bench.step_stalls = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  bench.stall_step = "open";

  app = g_object_new (DD_TYPE_APPLICATION,
                      "application-id", APP_ID ".Bench",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/datadive/DataDive",
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("datadive-ui-bench: %s\n", error->message);
      return 1;
    }

  /* a copy: the window keeps its recipe in the catalog */
  tmp_dir = g_dir_make_tmp ("datadive-ui-bench-XXXXXX", &error);
  if (tmp_dir == NULL)
    {
      g_printerr ("datadive-ui-bench: %s\n", error->message);
      return 1;
    }
  copy_path = g_build_filename (tmp_dir, "bench.ddcat", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *from = g_strconcat (argv[1], i ? "-wal" : "", NULL);
      g_autofree char *to = g_strconcat (copy_path, i ? "-wal" : "", NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) target = g_file_new_for_path (to);

      if (i == 1 && !g_file_query_exists (source, NULL))
        continue;
      if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
        {
          g_printerr ("datadive-ui-bench: %s\n", error->message);
          return 1;
        }
    }
  file = g_file_new_for_path (copy_path);
  bench.window = dd_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1280, 800);
  adw_view_stack_set_visible_child_name (dd_window_get_view_stack (bench.window), "fine");
  bench.grid_view = dd_test_find_descendant (GTK_WIDGET (dd_window_get_grid (bench.window)),
                                             GTK_TYPE_GRID_VIEW);
  g_assert (bench.grid_view != NULL);
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (bench.grid_view, GTK_TYPE_SCROLLED_WINDOW));
  bench.vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  g_timeout_add_full (G_PRIORITY_HIGH, 1, on_stall_tick, &bench, NULL);
  /* in the order the application does (dd_application_open): the catalog opens on its
   * thread while the window realizes and maps (30-40 ms here), the clock running from
   * before both */
  bench.opened = bench_opened = g_get_monotonic_time ();
  dd_window_open_file (bench.window, file);
  gtk_window_present (GTK_WINDOW (bench.window));
  gtk_widget_realize (GTK_WIDGET (bench.window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench);
  g_signal_connect (clock, "before-paint", G_CALLBACK (mark_phase), GUINT_TO_POINTER (0));
  g_signal_connect (clock, "update", G_CALLBACK (mark_phase), GUINT_TO_POINTER (1));
  g_signal_connect (clock, "layout", G_CALLBACK (mark_phase), GUINT_TO_POINTER (2));
  g_signal_connect (clock, "paint", G_CALLBACK (mark_phase), GUINT_TO_POINTER (3));
  g_signal_connect (clock, "after-paint", G_CALLBACK (mark_phase), GUINT_TO_POINTER (4));
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (print_phases), &bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench.window), on_tick, &bench, NULL);

  /* open */
  dd_test_wait_for (grid_filled, &bench, 120, "the grid to hold the subset");
  open_ms = (g_get_monotonic_time () - bench.opened) / 1000.0;
  dd_test_wait_for (thumbnails_painted, &bench, 60, "the first thumbnails");
  doc = dd_window_get_document (bench.window);
  n_all = dd_selection_get_n (dd_document_get_selection (doc));
  g_print ("catalog  %s: %u samples, RSS %zu MB once shown\n", argv[1], n_all, current_rss_mb ());
  if (g_getenv ("DATADIVE_BENCH_WIDGETS"))
    {
      g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);

      count_widgets (GTK_WIDGET (bench.window), types);
      g_printerr ("  widgets after the open: %u thumbnail cells mapped\n",
                  GPOINTER_TO_UINT (g_hash_table_lookup (types, "DdThumbnailCell")));
    }
  g_print ("open     grid filled after %.0f ms, first thumbnails painted after %.0f ms\n", open_ms,
           bench.first_thumbnails);

  /* wheel, then the sweep */
  bench.scroll_by = 120;
  run_frames (&bench, &wheel, 300);
  bench.scroll_by = 0;
  gtk_adjustment_set_value (bench.vadjustment, 0);
  bench.sweeping = TRUE;
  run_frames (&bench, &sweep, bench.sweep_frames + 1);
  bench.sweeping = FALSE;
  /* the bottom of the grid is reached and shows pictures */
  bench.step = NULL;
  bench.frames_left = 60;
  bench.stall_step = "bottom";
  dd_test_wait_for (frames_done, &bench, 30, "the bottom of the grid");
  pictures_at_bottom = count_pictures (bench.grid_view);
  g_print ("bottom   value %.0f of %.0f px, %u thumbnails shown one second later (%u broken)\n",
           gtk_adjustment_get_value (bench.vadjustment) + gtk_adjustment_get_page_size (bench.vadjustment),
           gtk_adjustment_get_upper (bench.vadjustment), pictures_at_bottom,
           count_cells (bench.grid_view, "broken"));

  /* tabs */
  for (guint i = 0; i < G_N_ELEMENTS (tab_names); i++)
    {
      adw_view_stack_set_visible_child_name (dd_window_get_view_stack (bench.window), tab_names[i]);
      run_frames (&bench, &tabs, 30);
    }

  /* toggle a class in Medium, then back: the first one holding samples of the subset
   * whose row is on screen (the class list may start anywhere, unlabeled first) */
  classes = dd_catalog_list_classes (dd_window_get_catalog (bench.window));
  for (guint i = 0; i < classes->len && check == NULL; i++)
    {
      DdClassInfo *info = g_ptr_array_index (classes, i);
      DdFacets *facets = dd_document_get_facets (doc);

      if (info && info->wnid && info->id < facets->n_classes && facets->classes[info->id] > 0 &&
          (check = dd_curation_panel_get_class_check (dd_window_get_curation_panel (bench.window),
                                                      info->wnid)))
        {
          wnid = info->wnid;
          n_class = facets->classes[info->id];
        }
    }
  if (check == NULL)
    {
      g_printerr ("datadive-ui-bench: no class to toggle in the Medium tab\n");
      return 1;
    }
  /* what the subset will hold: the recipe without the class, evaluated here */
  {
    DdRecipe *recipe = dd_document_get_recipe (doc);
    g_autoptr(DdRecipe) without = dd_recipe_toggle_class (recipe, dd_window_get_catalog (bench.window),
                                                          wnid);
    g_autoptr(DdSelection) expected = dd_recipe_evaluate (without, dd_window_get_catalog (bench.window),
                                                          NULL, NULL, &error);

    if (expected == NULL)
      {
        g_printerr ("datadive-ui-bench: %s\n", error->message);
        return 1;
      }
    n_without = dd_selection_get_n (expected);
  }
  /* that evaluation was the bench's own work on the main thread (50 ms at 5 M), not the
   * window's: the stall clock starts again after it */
  bench.last_tick = g_get_monotonic_time ();
  bench.step = &toggle;
  bench.stall_step = "toggle";
  bench.last_frame = 0;
  start = g_get_monotonic_time ();
  gtk_check_button_set_active (check, FALSE);
  wait.n = n_without;
  dd_test_wait_for (subset_is, &wait, 30, "the subset without the class");
  toggle_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (g_getenv ("DATADIVE_BENCH_PHASES"))
    g_printerr ("  toggle: unchecked from %.6f to %.6f s\n", start / 1e6, g_get_monotonic_time () / 1e6);
  start = g_get_monotonic_time ();
  gtk_check_button_set_active (check, TRUE);
  wait.n = n_all;
  dd_test_wait_for (subset_is, &wait, 30, "the subset with the class again");
  untoggle_ms = (g_get_monotonic_time () - start) / 1000.0;
  run_frames (&bench, &toggle, 30);
  if (g_getenv ("DATADIVE_BENCH_WIDGETS"))
    {
      g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer name, n;

      count_widgets (GTK_WIDGET (bench.window), types);
      g_hash_table_iter_init (&iter, types);
      while (g_hash_table_iter_next (&iter, &name, &n))
        if (GPOINTER_TO_UINT (n) >= 20)
          g_printerr ("  widgets: %5u %s\n", GPOINTER_TO_UINT (n), (char *) name);
    }
  g_print ("toggle   %s (%u samples): unchecked → grid in %.1f ms, checked → grid in %.1f ms\n", wnid,
           n_class, toggle_ms, untoggle_ms);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      report (steps[i]);
      g_array_append_vals (all, steps[i]->intervals->data, steps[i]->intervals->len);
      g_array_append_vals (all_work, steps[i]->work->data, steps[i]->work->len);
    }
  getrusage (RUSAGE_SELF, &usage);
  g_print ("all     %5u frames  p50 %6.2f ms  p99 %6.2f ms  (work p50 %5.2f ms, p99 %5.2f ms)\n",
           all->len, percentile (all, 0.5), percentile (all, 0.99),
           percentile (all_work, 0.5), percentile (all_work, 0.99));
  {
    const char *steps[] = { "open", "wheel", "sweep", "bottom", "tabs", "toggle" };

    g_print ("longest stall by step:");
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        double *longest = g_hash_table_lookup (bench.step_stalls, steps[i]);

        g_print (" %s %.1f ms%s", steps[i], longest ? *longest : 0.0,
                 i + 1 < G_N_ELEMENTS (steps) ? "," : "\n");
      }
  }
  g_print ("longest main-loop stall %.1f ms (during %s), peak RSS %ld MB\n", bench.max_stall,
           bench.max_stall_step ? bench.max_stall_step : "-", usage.ru_maxrss / 1024);
  g_print ("{\"samples\": %u, \"frame_p50_ms\": %.2f, \"frame_p99_ms\": %.2f, \"max_stall_ms\": %.1f, "
           "\"first_thumbnails_ms\": %.0f, \"peak_rss_mb\": %ld, \"wheel_p99_ms\": %.2f, "
           "\"sweep_p99_ms\": %.2f, \"tabs_p99_ms\": %.2f, \"toggle_ms\": %.1f, "
           "\"work_p50_ms\": %.2f, \"work_p99_ms\": %.2f, \"sweep_cpu_ms\": %.0f}\n",
           n_all, percentile (all, 0.5), percentile (all, 0.99), bench.max_stall, bench.first_thumbnails,
           usage.ru_maxrss / 1024, percentile (wheel.intervals, 0.99), percentile (sweep.intervals, 0.99),
           percentile (tabs.intervals, 0.99), toggle_ms, percentile (all_work, 0.5),
           percentile (all_work, 0.99), sweep.cpu_ms);

  {
    DdWindow *window = g_steal_pointer (&bench.window);

    gtk_window_destroy (GTK_WINDOW (window));
  }
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  {
    static const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *path = g_strconcat (copy_path, suffixes[i], NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_array_unref (steps[i]->intervals);
      g_array_unref (steps[i]->work);
    }
  g_hash_table_unref (bench.step_stalls);
  return 0;
}
