/* datadive-cli export: write a recipe's subset in a layout training code reads. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-export.h"
#include "dd-recipe.h"

typedef struct {
  char            *catalog_path;
  char            *recipe_path;
  char            *layout_name;
  char            *mode_name;
  int              shard_size;
  gboolean         json;
  DdExportOptions  export;   /* what the exporter is given */
} ExportOptions;

/* One export (under dd_cli_run_interruptible) that Ctrl+C and SIGTERM cancel. */
typedef struct {
  DdExporter      *exporter;
  DdSelection     *selection;
  DdExportOptions *options;
  GCancellable    *cancellable;
  GError          *error;
} Run;

static void
export_options_clear (ExportOptions *o)
{
  g_free (o->catalog_path);
  g_free (o->recipe_path);
  g_free (o->layout_name);
  g_free (o->mode_name);
  dd_export_options_clear (&o->export);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

static int
export_parse (ExportOptions  *o,
              int             argc,
              char          **argv)
{
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&o->catalog_path, N_("Catalog file")),
    { "recipe", 'r', 0, G_OPTION_ARG_FILENAME, &o->recipe_path,
      N_("The recipe of the subset"), N_("FILE") },
    { "to", 't', 0, G_OPTION_ARG_FILENAME, &o->export.target,
      N_("Folder to create (absent or empty)"), N_("DIR") },
    { "layout", 'l', 0, G_OPTION_ARG_STRING, &o->layout_name,
      N_("imagefolder (default), original, csv, jsonl, fiftyone, hf, webdataset"), N_("LAYOUT") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &o->mode_name,
      N_("copy (default), hardlink, symlink"), N_("MODE") },
    { "shard-size", 0, 0, G_OPTION_ARG_INT, &o->shard_size,
      N_("WebDataset samples per shard (default 10000)"), N_("N") },
    { "run", 0, 0, G_OPTION_ARG_STRING, &o->export.run,
      N_("Add a model run's prediction, confidence and loss (csv, jsonl, fiftyone, hf)"),
      N_("NAME") },
    DD_CLI_OPTION_JSON (&o->json),
    { NULL }
  };

  if (!dd_cli_parse_options (&argc, &argv, N_("— export a subset"), entries))
    return 2;
  if (dd_cli_check_extra (argc, argv, 1))
    return 1;
  if (o->recipe_path == NULL)
    return dd_cli_fail (_("no recipe given: use --recipe FILE"));
  if (o->export.target == NULL)
    return dd_cli_fail (_("no target folder given: use --to DIR"));
  if (o->layout_name && !dd_export_layout_from_string (o->layout_name, &o->export.layout))
    return dd_cli_fail (_("unknown layout “%s” (imagefolder, original, csv, jsonl, fiftyone, "
                          "hf, webdataset)"), o->layout_name);
  if (o->mode_name && !dd_export_mode_from_string (o->mode_name, &o->export.mode))
    return dd_cli_fail (_("unknown mode “%s” (copy, hardlink, symlink)"), o->mode_name);
  if (o->shard_size < 0)
    return dd_cli_fail (_("--shard-size must be positive"));
  o->export.shard_size = o->shard_size;
  return 0;
}

static gpointer
run_thread (gpointer data)
{
  Run *run = data;

  return dd_exporter_run (run->exporter, run->selection, run->options, dd_cli_progress, NULL,
                          run->cancellable, &run->error);
}

static DdExportResult *
export_run (ExportOptions  *o,
            GError        **error)
{
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(DdSelection) selection = NULL;
  g_autoptr(DdExporter) exporter = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DdExportResult *result;
  Run run = { NULL, };

  if (!(catalog = dd_cli_open_catalog (o->catalog_path, FALSE, error)))
    return NULL;
  if (!(recipe = dd_recipe_new_from_file (o->recipe_path, error)))
    return NULL;
  if (!(selection = dd_recipe_evaluate (recipe, catalog, warnings, NULL, error)))
    return NULL;
  dd_cli_print_warnings (warnings);
  o->export.recipe_json = dd_recipe_to_json (recipe);

  /* Ctrl+C or SIGTERM: the exporter stops and removes its temporary folder */
  exporter = dd_exporter_new (catalog);
  run.exporter = exporter;
  run.selection = selection;
  run.options = &o->export;
  run.cancellable = cancellable;
  result = dd_cli_run_interruptible (run_thread, &run, cancellable);
  dd_cli_progress_done ();
  if (result == NULL)
    g_propagate_error (error, run.error);
  return result;
}

/* What was left out, on stderr: the export itself went on. */
static void
export_warn (const DdExportResult *result)
{
  for (guint i = 0; i < result->missing->len; i++)
    dd_cli_warn ("%s: %s", (char *) g_ptr_array_index (result->missing, i),
                 _("the file vanished; left out"));
  for (guint i = 0; i < result->refused->len; i++)
    {
      DdExportRefusal *refusal = g_ptr_array_index (result->refused, i);

      dd_cli_warn ("%s: %s; %s", refusal->key, refusal->reason, _("left out"));
    }
  if (result->skipped_unlabeled)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "datadive-cli: warning: %" PRIu64 " unlabeled sample left out "
                                  "(no class folder for it)\n",
                                  "datadive-cli: warning: %" PRIu64 " unlabeled samples left out "
                                  "(no class folder for them)\n",
                                  result->skipped_unlabeled), result->skipped_unlabeled);
  if (result->copied_instead_of_linked)
    fprintf (stderr, _("datadive-cli: warning: %" PRIu64 " files were copied, not hard-linked "
                       "(another file system)\n"), result->copied_instead_of_linked);
}

static JsonObject *
export_to_json (const ExportOptions  *o,
                const DdExportResult *result)
{
  JsonObject *root = json_object_new ();
  JsonArray *missing = json_array_new ();
  JsonArray *refused = json_array_new ();
  g_autofree char *target = g_filename_display_name (result->target);

  json_object_set_int_member (root, "exported", result->exported);
  json_object_set_int_member (root, "skipped_unlabeled", result->skipped_unlabeled);
  for (guint i = 0; i < result->missing->len; i++)
    json_array_add_string_element (missing, g_ptr_array_index (result->missing, i));
  json_object_set_array_member (root, "missing", missing);
  for (guint i = 0; i < result->refused->len; i++)
    {
      DdExportRefusal *refusal = g_ptr_array_index (result->refused, i);
      JsonObject *r = json_object_new ();

      json_object_set_string_member (r, "key", refusal->key);
      json_object_set_string_member (r, "reason", refusal->reason);
      json_array_add_object_element (refused, r);
    }
  json_object_set_array_member (root, "refused", refused);
  json_object_set_int_member (root, "copied_instead_of_linked", result->copied_instead_of_linked);
  json_object_set_string_member (root, "to", target);
  json_object_set_string_member (root, "layout", dd_export_layout_to_string (o->export.layout));
  json_object_set_string_member (root, "mode", dd_export_mode_to_string (o->export.mode));
  json_object_set_double_member (root, "seconds", result->seconds);
  return root;
}

static void
export_print (const ExportOptions  *o,
              const DdExportResult *result)
{
  printf (_("%" PRIu64 " samples exported to %s (%s, %s) in %.2f s\n"), result->exported,
          result->target, dd_export_layout_to_string (o->export.layout),
          dd_export_mode_to_string (o->export.mode), result->seconds);
}

int
dd_cli_export (int    argc,
               char **argv)
{
  g_auto(ExportOptions) options = { 0 };
  g_autoptr(DdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = export_parse (&options, argc, argv)))
    return status;
  if (!(result = export_run (&options, &error)))
    return dd_cli_fail_error (error);
  export_warn (result);
  if (options.json)
    dd_cli_print_object (export_to_json (&options, result));
  else
    export_print (&options, result);
  return 0;
}
