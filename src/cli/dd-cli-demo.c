/* datadive-cli demo: writes the demo dataset (Tiny-ImageNet + Tiny-ImageNet-C shaped), or an
 * ImageNet-C or ImageNet shaped one at full scale (--layout). */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-demo.h"
#include "dd-demo-run.h"

typedef struct {
  /* --classes, --per-class, --train-per-class, --test-per-class, --seed, --drawn */
  char          *counts[6];
  char          *layout;
  gboolean       no_defects;
  gboolean       with_run;    /* also a model run: predictions.jsonl + classes.txt */
  gboolean       json;
  char          *root;        /* OUT_DIR, canonical */
  DdDemoOptions  demo;
} DemoOptions;

/* One generation (under dd_cli_run_interruptible) that Ctrl+C and SIGTERM cancel. */
typedef struct {
  const char          *out_dir;
  const DdDemoOptions *options;
  GCancellable        *cancellable;
  GError              *error;
} Run;

typedef struct {
  guint64    files;
  guint64    drawn;     /* image files drawn */
  guint64    repeated;  /* image files repeating a drawn one (hard links) */
  GPtrArray *defects;   /* DdDemoDefect */
  double     seconds;
  guint64    run_rows;   /* with --with-run */
} Demo;

static void
demo_options_clear (DemoOptions *o)
{
  for (guint i = 0; i < G_N_ELEMENTS (o->counts); i++)
    g_free (o->counts[i]);
  g_free (o->layout);
  g_free (o->root);
}

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->defects, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoOptions, demo_options_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Demo, demo_clear)

/* The layout and the numeric options, each within its bounds, into the generator's
 * options; the layout's own limits are the generator's to check. */
static int
demo_read_counts (DemoOptions *o)
{
  static const struct {
    const char *option;
    guint64     min;
    guint64     max;
  } bounds[] = {
    { "--classes", 0, 1000 }, { "--per-class", 0, 10000 }, { "--train-per-class", 1, 100000 },
    { "--test-per-class", 1, 10000 }, { "--seed", 0, G_MAXUINT64 }, { "--drawn", 1, 1000 },
  };
  guint64 values[G_N_ELEMENTS (bounds)];
  g_autoptr(GError) error = NULL;
  DdDemoLayout layout = DD_DEMO_LAYOUT_TINY;

  G_STATIC_ASSERT (G_N_ELEMENTS (bounds) == G_N_ELEMENTS (o->counts));
  if (o->layout && !dd_demo_layout_from_name (o->layout, &layout))
    return dd_cli_fail (_("--layout: “%s” is not a layout (tiny, imagenet-c or imagenet)"),
                        o->layout);
  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    if (o->counts[i] &&
        !g_ascii_string_to_unsigned (o->counts[i], 10, bounds[i].min, bounds[i].max, &values[i],
                                     &error))
      return dd_cli_fail (_("%s: %s"), bounds[i].option, error->message);
  dd_demo_options_init_layout (&o->demo, layout);
  if (o->counts[0])
    o->demo.classes = values[0];
  if (o->counts[1])
    o->demo.per_class = values[1];
  if (o->counts[2])
    o->demo.train_per_class = values[2];
  if (o->counts[3])
    o->demo.test_per_class = values[3];
  if (o->counts[4])
    o->demo.seed = values[4];
  if (o->counts[5])
    o->demo.drawn = values[5];
  o->demo.defects = layout == DD_DEMO_LAYOUT_TINY && !o->no_defects;
  if (!dd_demo_options_validate (&o->demo, &error))
    return dd_cli_fail_error (error);
  return 0;
}

static int
demo_parse (DemoOptions  *o,
            int           argc,
            char        **argv)
{
  GOptionEntry entries[] = {
    { "layout", 0, 0, G_OPTION_ARG_STRING, &o->layout,
      N_("tiny (Tiny-ImageNet + Tiny-ImageNet-C), imagenet-c or imagenet (tiny)"),
      N_("LAYOUT") },
    { "classes", 0, 0, G_OPTION_ARG_STRING, &o->counts[0],
      N_("Number of classes, 2 to 200, 1 with --no-defects; 1 to 1000 for the ImageNet "
         "layouts (10)"), N_("N") },
    { "per-class", 0, 0, G_OPTION_ARG_STRING, &o->counts[1],
      N_("Validation images per class, each with 75 corrupted variants (10; 50 for the "
         "ImageNet layouts)"), N_("N") },
    { "train-per-class", 0, 0, G_OPTION_ARG_STRING, &o->counts[2],
      N_("Train images per class (10 × per-class; 1281 for imagenet)"), N_("N") },
    { "test-per-class", 0, 0, G_OPTION_ARG_STRING, &o->counts[3],
      N_("Test images per class (per-class; tiny only)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &o->counts[4], N_("Random seed (1)"), N_("N") },
    { "drawn", 0, 0, G_OPTION_ARG_STRING, &o->counts[5],
      N_("ImageNet layouts: images drawn per class (and cell); the others are hard links to "
         "them (2)"), N_("N") },
    { "no-defects", 0, 0, G_OPTION_ARG_NONE, &o->no_defects,
      N_("Plant no defects (the ImageNet layouts have none)"), NULL },
    { "with-run", 0, 0, G_OPTION_ARG_NONE, &o->with_run,
      N_("Also write a model run (predictions.jsonl, classes.txt)"), NULL },
    DD_CLI_OPTION_JSON (&o->json),
    { NULL }
  };
  int status;

  if (!dd_cli_parse_options (&argc, &argv, N_("OUT_DIR — write the demo dataset"), entries))
    return 2;
  if (argc < 2)
    {
      fprintf (stderr, "datadive-cli: %s\n", _("missing OUT_DIR"));
      return 2;
    }
  if (dd_cli_check_extra (argc, argv, 2))
    return 1;
  if ((status = demo_read_counts (o)))
    return status;
  o->root = g_canonicalize_filename (argv[1], NULL);
  return 0;
}

static gpointer
run_thread (gpointer data)
{
  Run *run = data;

  return GINT_TO_POINTER (dd_demo_generate (run->out_dir, run->options, dd_cli_progress, NULL,
                                            run->cancellable, &run->error));
}

static gboolean
demo_run (const DemoOptions  *o,
          Demo               *demo,
          GError            **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { o->root, &o->demo, cancellable, NULL };
  gint64 start;
  gboolean ok;

  demo->files = dd_demo_count_files (&o->demo);
  dd_demo_count_images (&o->demo, &demo->drawn, &demo->repeated);
  demo->defects = dd_demo_list_defects (&o->demo);
  /* Ctrl+C cancels cleanly (the temporary tree is removed) */
  start = g_get_monotonic_time ();
  ok = GPOINTER_TO_INT (dd_cli_run_interruptible (run_thread, &run, cancellable));
  demo->seconds = (g_get_monotonic_time () - start) / 1e6;
  dd_cli_progress_done ();
  if (!ok)
    g_propagate_error (error, run.error);
  else if (o->with_run)
    ok = dd_demo_write_run (o->root, o->demo.seed, &demo->run_rows, error);
  return ok;
}

/* Written by hand so "seconds" keeps two decimals (json-glib prints 17 digits). */
static GString *
demo_to_json (const DemoOptions *o,
              const Demo        *demo)
{
  GString *out = g_string_new ("{\"root\":");
  g_autofree char *root_utf8 = g_filename_display_name (o->root);
  char seconds_text[G_ASCII_DTOSTR_BUF_SIZE];

  dd_cli_json_string (out, root_utf8);
  g_ascii_formatd (seconds_text, sizeof seconds_text, "%.2f", demo->seconds);
  g_string_append (out, ",\"layout\":");
  dd_cli_json_string (out, dd_demo_layout_name (o->demo.layout));
  g_string_append_printf (out, ",\"files\":%" PRIu64 ",\"drawn\":%" PRIu64 ",\"repeated\":%"
                          PRIu64 ",\"classes\":%u,\"seconds\":%s,\"defects\":[",
                          demo->files, demo->drawn, demo->repeated, o->demo.classes,
                          seconds_text);
  for (guint i = 0; i < demo->defects->len; i++)
    {
      DdDemoDefect *defect = g_ptr_array_index (demo->defects, i);

      g_string_append (out, i ? ",{" : "{");
      dd_cli_json_members (out, "kind", defect->kind, "key", defect->key,
                           "detail", defect->detail, NULL);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  if (o->with_run)
    {
      g_autofree char *predictions = g_build_filename (root_utf8, "predictions.jsonl", NULL);
      g_autofree char *labels = g_build_filename (root_utf8, "classes.txt", NULL);

      g_string_append (out, ",\"run\":{");
      dd_cli_json_members (out, "predictions", predictions, "labels", labels, NULL);
      g_string_append_printf (out, ",\"rows\":%" PRIu64 "}", demo->run_rows);
    }
  g_string_append (out, "}\n");
  return out;
}

static void
demo_print (const DemoOptions *o,
            const Demo        *demo)
{
  printf (_("Wrote the demo dataset to %s\n"), o->root);
  printf (g_dngettext (GETTEXT_PACKAGE, "  %" PRIu64 " files, %u class, %.1f s\n",
                       "  %" PRIu64 " files, %u classes, %.1f s\n", o->demo.classes),
          demo->files, o->demo.classes, demo->seconds);
  if (demo->repeated > 0)
    printf (_("  %s layout: %" PRIu64 " images drawn, %" PRIu64 " hard links to them\n"),
            dd_demo_layout_name (o->demo.layout), demo->drawn, demo->repeated);
  if (demo->defects->len > 0)
    printf (_("  %u planted defects (see --json)\n"), demo->defects->len);
  if (o->with_run)
    printf (_("  a model run of %" PRIu64 " predictions: %s/predictions.jsonl (label order "
              "%s/classes.txt)\n"), demo->run_rows, o->root, o->root);
}

int
dd_cli_demo (int    argc,
             char **argv)
{
  g_auto(DemoOptions) options = { 0 };
  g_auto(Demo) demo = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = demo_parse (&options, argc, argv)))
    return status;
  if (!demo_run (&options, &demo, &error))
    return dd_cli_fail_error (error);
  if (options.json)
    {
      g_autoptr(GString) out = demo_to_json (&options, &demo);

      fputs (out->str, stdout);
      fflush (stdout);
    }
  else
    demo_print (&options, &demo);
  return 0;
}
