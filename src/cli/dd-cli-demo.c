/* datadive-cli demo: writes the demo dataset (Tiny-ImageNet + Tiny-ImageNet-C shaped). */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-demo.h"

static gboolean
parse_count (const char *text,
             const char *option,
             guint64     max,
             guint64    *out)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, &error))
    {
      dd_cli_fail (_("%s: %s"), option, error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  const char          *out_dir;
  const DdDemoOptions *options;
  GCancellable        *cancellable;
  GError              *error;
} Run;

static gpointer
run_thread (gpointer data)
{
  Run *run = data;

  return GINT_TO_POINTER (dd_demo_generate (run->out_dir, run->options, dd_cli_progress, NULL,
                                            run->cancellable, &run->error));
}

int
dd_cli_demo (int    argc,
             char **argv)
{
  g_autofree char *classes = NULL;
  g_autofree char *per_class = NULL;
  g_autofree char *train_per_class = NULL;
  g_autofree char *test_per_class = NULL;
  g_autofree char *seed = NULL;
  gboolean no_defects = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "classes", 0, 0, G_OPTION_ARG_STRING, &classes,
      N_("Number of classes, 2 to 200, 1 with --no-defects (10)"), N_("N") },
    { "per-class", 0, 0, G_OPTION_ARG_STRING, &per_class,
      N_("Validation images per class, each with 75 corrupted variants (10)"), N_("N") },
    { "train-per-class", 0, 0, G_OPTION_ARG_STRING, &train_per_class,
      N_("Train images per class (10 × per-class)"), N_("N") },
    { "test-per-class", 0, 0, G_OPTION_ARG_STRING, &test_per_class,
      N_("Test images per class (per-class)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Random seed (1)"), N_("N") },
    { "no-defects", 0, 0, G_OPTION_ARG_NONE, &no_defects, N_("Plant no defects"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (N_("OUT_DIR — write the demo dataset"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) defects = NULL;
  g_autofree char *root = NULL;
  DdDemoOptions options;
  guint64 value;
  guint64 files;
  gint64 start;
  double seconds;
  gboolean ok;
  Run run = { NULL, };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!dd_cli_parse (context, &argc, &argv))
    return 2;
  if (argc < 2)
    {
      fprintf (stderr, "datadive-cli: %s\n", _("missing OUT_DIR"));
      return 2;
    }
  if (argc > 2)
    return dd_cli_fail (_("unexpected argument “%s”"), argv[2]);

  dd_demo_options_init (&options);
  if (!parse_count (classes, "--classes", 200, &value))
    return 1;
  if (classes)
    options.classes = value;
  if (!parse_count (per_class, "--per-class", 10000, &value))
    return 1;
  if (per_class)
    options.per_class = value;
  if (!parse_count (train_per_class, "--train-per-class", 100000, &value))
    return 1;
  if (train_per_class)
    options.train_per_class = value;
  if (!parse_count (test_per_class, "--test-per-class", 10000, &value))
    return 1;
  if (test_per_class)
    options.test_per_class = value;
  if (!parse_count (seed, "--seed", G_MAXUINT64, &value))
    return 1;
  if (seed)
    options.seed = value;
  options.defects = !no_defects;
  if (!dd_demo_options_validate (&options, &error))
    return dd_cli_fail_error (error);

  root = g_canonicalize_filename (argv[1], NULL);
  files = dd_demo_count_files (&options);
  defects = dd_demo_list_defects (&options);

  /* Ctrl+C cancels cleanly (the temporary tree is removed) */
  start = g_get_monotonic_time ();
  run.out_dir = root;
  run.options = &options;
  run.cancellable = cancellable;
  ok = GPOINTER_TO_INT (dd_cli_run_interruptible (run_thread, &run, cancellable));
  seconds = (g_get_monotonic_time () - start) / 1e6;
  dd_cli_progress_done ();
  if (!ok)
    {
      error = run.error;
      return dd_cli_fail_error (error);
    }

  if (json)
    {
      /* Written by hand so "seconds" keeps two decimals (json-glib prints 17 digits). */
      g_autoptr(GString) out = g_string_new ("{\"root\":");
      g_autofree char *root_utf8 = g_filename_display_name (root);
      char seconds_text[G_ASCII_DTOSTR_BUF_SIZE];

      dd_cli_json_string (out, root_utf8);
      g_ascii_formatd (seconds_text, sizeof seconds_text, "%.2f", seconds);
      g_string_append_printf (out, ",\"files\":%" PRIu64 ",\"classes\":%u,"
                              "\"seconds\":%s,\"defects\":[", files, options.classes,
                              seconds_text);
      for (guint i = 0; i < defects->len; i++)
        {
          DdDemoDefect *defect = g_ptr_array_index (defects, i);

          g_string_append (out, i ? ",{\"kind\":" : "{\"kind\":");
          dd_cli_json_string (out, defect->kind);
          g_string_append (out, ",\"key\":");
          dd_cli_json_string (out, defect->key);
          g_string_append (out, ",\"detail\":");
          dd_cli_json_string (out, defect->detail);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}\n");
      fputs (out->str, stdout);
      fflush (stdout);
    }
  else
    {
      printf (_("Wrote the demo dataset to %s\n"), root);
      printf (g_dngettext (GETTEXT_PACKAGE, "  %" PRIu64 " files, %u class, %.1f s\n",
                           "  %" PRIu64 " files, %u classes, %.1f s\n", options.classes),
              files, options.classes, seconds);
      if (defects->len > 0)
        printf (_("  %u planted defects (see --json)\n"), defects->len);
    }
  return 0;
}
