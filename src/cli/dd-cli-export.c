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
  DdExporter      *exporter;
  DdSelection     *selection;
  DdExportOptions *options;
  GCancellable    *cancellable;
  GError          *error;
} Run;

static gpointer
run_thread (gpointer data)
{
  Run *run = data;

  return dd_exporter_run (run->exporter, run->selection, run->options, dd_cli_progress, NULL,
                          run->cancellable, &run->error);
}

int
dd_cli_export (int    argc,
               char **argv)
{
  g_autofree char *catalog_path = NULL;
  g_autofree char *recipe_path = NULL;
  g_autofree char *to = NULL;
  g_autofree char *layout_name = NULL;
  g_autofree char *mode_name = NULL;
  int shard_size = 0;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &catalog_path, N_("Catalog file"), N_("FILE") },
    { "recipe", 'r', 0, G_OPTION_ARG_FILENAME, &recipe_path, N_("The recipe of the subset"), N_("FILE") },
    { "to", 't', 0, G_OPTION_ARG_FILENAME, &to, N_("Folder to create (absent or empty)"), N_("DIR") },
    { "layout", 'l', 0, G_OPTION_ARG_STRING, &layout_name, N_("imagefolder (default), original, csv, jsonl, fiftyone, hf, webdataset"), N_("LAYOUT") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_name, N_("copy (default), hardlink, symlink"), N_("MODE") },
    { "shard-size", 0, 0, G_OPTION_ARG_INT, &shard_size, N_("WebDataset samples per shard (default 10000)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("— export a subset"));
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(DdSelection) selection = NULL;
  g_autoptr(DdExporter) exporter = NULL;
  g_autoptr(DdExportResult) result = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *recipe_text = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DdExportOptions options = { 0 };
  Run run = { NULL, };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!dd_cli_parse (context, &argc, &argv))
    return 2;
  if (argc > 1)
    return dd_cli_fail (_("unexpected argument “%s”"), argv[1]);
  if (recipe_path == NULL)
    return dd_cli_fail (_("no recipe given: use --recipe FILE"));
  if (to == NULL)
    return dd_cli_fail (_("no target folder given: use --to DIR"));
  if (layout_name && !dd_export_layout_from_string (layout_name, &options.layout))
    return dd_cli_fail (_("unknown layout “%s” (imagefolder, original, csv, jsonl, fiftyone, hf, webdataset)"),
                        layout_name);
  if (mode_name && !dd_export_mode_from_string (mode_name, &options.mode))
    return dd_cli_fail (_("unknown mode “%s” (copy, hardlink, symlink)"), mode_name);
  if (shard_size < 0)
    return dd_cli_fail (_("--shard-size must be positive"));
  options.shard_size = shard_size;
  options.target = to;

  if (!(catalog = dd_cli_open_catalog (catalog_path, FALSE, &error)))
    return dd_cli_fail_error (error);
  if (!(recipe = dd_recipe_new_from_file (recipe_path, &error)))
    return dd_cli_fail_error (error);
  if (!(selection = dd_recipe_evaluate (recipe, catalog, warnings, NULL, &error)))
    return dd_cli_fail_error (error);
  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, "datadive-cli: warning: %s\n", (char *) g_ptr_array_index (warnings, i));
  recipe_text = dd_recipe_to_json (recipe);
  options.recipe_json = recipe_text;

  /* Ctrl+C or SIGTERM: the exporter stops and removes its temporary folder */
  exporter = dd_exporter_new (catalog);
  run.exporter = exporter;
  run.selection = selection;
  run.options = &options;
  run.cancellable = cancellable;
  result = dd_cli_run_interruptible (run_thread, &run, cancellable);
  dd_cli_progress_done ();
  if (result == NULL)
    {
      error = run.error;
      return dd_cli_fail_error (error);
    }

  for (guint i = 0; i < result->missing->len; i++)
    fprintf (stderr, "datadive-cli: warning: %s: %s\n", (char *) g_ptr_array_index (result->missing, i),
             _("the file vanished; left out"));
  for (guint i = 0; i < result->refused->len; i++)
    {
      DdExportRefusal *refusal = g_ptr_array_index (result->refused, i);

      fprintf (stderr, "datadive-cli: warning: %s: %s; %s\n", refusal->key, refusal->reason,
               _("left out"));
    }
  if (result->skipped_unlabeled)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "datadive-cli: warning: %" PRIu64 " unlabeled sample left out (no class folder for it)\n",
                                  "datadive-cli: warning: %" PRIu64 " unlabeled samples left out (no class folder for them)\n",
                                  result->skipped_unlabeled), result->skipped_unlabeled);
  if (result->copied_instead_of_linked)
    fprintf (stderr, _("datadive-cli: warning: %" PRIu64 " files were copied, not hard-linked "
                       "(another file system)\n"), result->copied_instead_of_linked);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *target = g_filename_display_name (result->target);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "exported");
      json_builder_add_int_value (b, result->exported);
      json_builder_set_member_name (b, "skipped_unlabeled");
      json_builder_add_int_value (b, result->skipped_unlabeled);
      json_builder_set_member_name (b, "missing");
      json_builder_begin_array (b);
      for (guint i = 0; i < result->missing->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (result->missing, i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "refused");
      json_builder_begin_array (b);
      for (guint i = 0; i < result->refused->len; i++)
        {
          DdExportRefusal *refusal = g_ptr_array_index (result->refused, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, refusal->key);
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, refusal->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "copied_instead_of_linked");
      json_builder_add_int_value (b, result->copied_instead_of_linked);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, target);
      json_builder_set_member_name (b, "layout");
      json_builder_add_string_value (b, dd_export_layout_to_string (options.layout));
      json_builder_set_member_name (b, "mode");
      json_builder_add_string_value (b, dd_export_mode_to_string (options.mode));
      json_builder_set_member_name (b, "seconds");
      json_builder_add_double_value (b, result->seconds);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      dd_cli_print_json (root);
    }
  else
    printf (_("%" PRIu64 " samples exported to %s (%s, %s) in %.2f s\n"), result->exported,
            result->target, dd_export_layout_to_string (options.layout),
            dd_export_mode_to_string (options.mode), result->seconds);
  return 0;
}
