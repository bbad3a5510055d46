/* datadive-cli model: import a model's predictions as a run, list, rename and delete
 * runs, and print a run's robustness report (cell errors, CE, mCE, relative mCE,
 * confusions). One small function per action, behind a table. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dd-cli.h"
#include "dd-model.h"

typedef struct {
  char       *catalog_path;
  char       *run;
  char       *baseline;
  char       *labels;
  char       *to;
  gboolean    json;
  const char *argument;   /* FILE (import) or NAME (delete, rename); not owned */
} ModelOptions;

typedef struct {
  const char *name;
  gboolean    writes;
  int       (*run) (const ModelOptions *o,
                    DdCatalog          *catalog);
} ModelAction;

static void
model_options_clear (ModelOptions *o)
{
  g_free (o->catalog_path);
  g_free (o->run);
  g_free (o->baseline);
  g_free (o->labels);
  g_free (o->to);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ModelOptions, model_options_clear)

/* A number, or null when it is undefined. */
static void
set_number (JsonObject *o,
            const char *name,
            double      value)
{
  if (isnan (value))
    json_object_set_null_member (o, name);
  else
    json_object_set_double_member (o, name, value);
}

static char *
format_percent (double value)
{
  return isnan (value) ? g_strdup ("-") : g_strdup_printf ("%.1f %%", 100 * value);
}

/* ---- import ------------------------------------------------------------------------ */

typedef struct {
  DdCatalog          *catalog;
  const ModelOptions *o;
  GCancellable       *cancellable;
  GError             *error;
} ImportJob;

static gpointer
import_thread (gpointer data)
{
  ImportJob *job = data;

  return dd_model_import (job->catalog, job->o->run, job->o->argument, job->o->labels,
                          job->cancellable, &job->error);
}

static JsonObject *
import_to_json (DdModelImport *result)
{
  JsonObject *root = json_object_new ();
  JsonArray *problems = json_array_new ();

  json_object_set_string_member (root, "run", result->run);
  json_object_set_int_member (root, "imported", result->imported);
  json_object_set_int_member (root, "unmatched", result->unmatched);
  json_object_set_int_member (root, "duplicates", result->duplicates);
  json_object_set_int_member (root, "rejected", result->rejected);
  for (guint i = 0; i < result->problems->len; i++)
    json_array_add_string_element (problems, g_ptr_array_index (result->problems, i));
  json_object_set_array_member (root, "problems", problems);
  return root;
}

static int
model_import (const ModelOptions *o,
              DdCatalog          *catalog)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ImportJob job = { catalog, o, cancellable, NULL };
  g_autoptr(DdModelImport) result = NULL;
  g_autoptr(GError) error = NULL;

  result = dd_cli_run_interruptible (import_thread, &job, cancellable);
  if (result == NULL)
    {
      error = job.error;
      return dd_cli_fail_error (error);
    }
  if (o->json)
    {
      dd_cli_print_object (import_to_json (result));
      return 0;
    }
  for (guint i = 0; i < result->problems->len; i++)
    dd_cli_warn ("%s", (char *) g_ptr_array_index (result->problems, i));
  printf (_("Imported %" PRIu64 " predictions as run “%s” (%" PRIu64
            " unmatched, %" PRIu64 " duplicates, %" PRIu64 " rejected)\n"),
          result->imported, result->run, result->unmatched, result->duplicates,
          result->rejected);
  return 0;
}

/* ---- list, delete, rename ---------------------------------------------------------- */

static double
accuracy_of (const DdRunInfo *info)
{
  return info->labeled ? (double) info->correct / (double) info->labeled : NAN;
}

static JsonObject *
list_to_json (GPtrArray *runs)
{
  JsonObject *root = json_object_new ();
  JsonArray *list = json_array_new ();

  for (guint i = 0; i < runs->len; i++)
    {
      DdRunInfo *info = g_ptr_array_index (runs, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (info->imported_at);
      g_autofree char *when = dt ? g_date_time_format_iso8601 (dt) : g_strdup ("");
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "name", info->name);
      json_object_set_string_member (o, "imported_at", when);
      json_object_set_int_member (o, "samples", info->samples);
      set_number (o, "accuracy", accuracy_of (info));
      json_array_add_object_element (list, o);
    }
  json_object_set_array_member (root, "runs", list);
  return root;
}

static int
model_list (const ModelOptions *o,
            DdCatalog          *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = dd_model_list_runs (catalog, &error);

  if (runs == NULL)
    return dd_cli_fail_error (error);
  if (o->json)
    {
      dd_cli_print_object (list_to_json (runs));
      return 0;
    }
  for (guint i = 0; i < runs->len; i++)
    {
      DdRunInfo *info = g_ptr_array_index (runs, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (info->imported_at);
      g_autofree char *when = dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("-");
      g_autofree char *accuracy = format_percent (accuracy_of (info));

      printf ("%s\t%s\t%" PRIu64 "\t%s\n", info->name, when, info->samples, accuracy);
    }
  if (runs->len == 0)
    printf ("%s\n", _("No model runs"));
  return 0;
}

static int
model_delete (const ModelOptions *o,
              DdCatalog          *catalog)
{
  g_autoptr(GError) error = NULL;

  if (!dd_model_delete_run (catalog, o->run, &error))
    return dd_cli_fail_error (error);
  if (o->json)
    printf ("{\"deleted\":true}\n");
  else
    printf (_("Deleted run “%s”\n"), o->run);
  return 0;
}

static int
model_rename (const ModelOptions *o,
              DdCatalog          *catalog)
{
  g_autoptr(GError) error = NULL;

  if (o->to == NULL)
    return dd_cli_fail (_("model rename needs --to NEWNAME"));
  if (!dd_model_rename_run (catalog, o->run, o->to, &error))
    return dd_cli_fail_error (error);
  if (o->json)
    printf ("{\"renamed\":true}\n");
  else
    printf (_("Renamed run “%s” to “%s”\n"), o->run, o->to);
  return 0;
}

/* ---- report ------------------------------------------------------------------------ */

static JsonObject *
report_to_json (DdModelReport *r)
{
  JsonObject *root = json_object_new ();
  JsonArray *cells = json_array_new ();
  JsonArray *confusions = json_array_new ();
  JsonObject *ce = json_object_new ();
  JsonObject *relative = r->baseline ? json_object_new () : NULL;

  json_object_set_string_member (root, "run", r->run);
  if (r->baseline)
    json_object_set_string_member (root, "baseline", r->baseline);
  json_object_set_int_member (root, "samples", r->samples);
  set_number (root, "accuracy", r->accuracy);
  set_number (root, "clean_error", r->clean_error);
  for (guint i = 0; i < r->cells->len; i++)
    {
      DdModelCell *cell = g_ptr_array_index (r->cells, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "corruption", cell->corruption);
      json_object_set_int_member (o, "severity", cell->severity);
      json_object_set_int_member (o, "samples", cell->samples);
      json_object_set_int_member (o, "errors", cell->errors);
      json_object_set_double_member (o, "error", cell->error);
      json_array_add_object_element (cells, o);
    }
  json_object_set_array_member (root, "cells", cells);
  for (guint i = 0; i < r->corruptions->len; i++)
    {
      DdModelCorruption *c = g_ptr_array_index (r->corruptions, i);

      set_number (ce, c->corruption, c->ce);
      if (relative)
        set_number (relative, c->corruption, c->relative_ce);
    }
  json_object_set_object_member (root, "corruption_errors", ce);
  set_number (root, "mce", r->mce);
  if (relative)
    {
      json_object_set_object_member (root, "relative_corruption_errors", relative);
      set_number (root, "relative_mce", r->relative_mce);
    }
  for (guint i = 0; i < r->confusions->len; i++)
    {
      DdModelConfusion *c = g_ptr_array_index (r->confusions, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "class", c->wnid);
      json_object_set_string_member (o, "predicted", c->predicted_wnid);
      json_object_set_int_member (o, "count", c->count);
      json_array_add_object_element (confusions, o);
    }
  json_object_set_array_member (root, "confusions", confusions);
  return root;
}

static void
report_print (DdModelReport *r)
{
  g_autofree char *accuracy = format_percent (r->accuracy);
  g_autofree char *clean = format_percent (r->clean_error);
  guint max_severity = 0;

  printf (_("Run “%s”: %" PRIu64 " labeled samples with a prediction, accuracy %s, "
            "clean error %s\n"), r->run, r->samples, accuracy, clean);
  for (guint i = 0; i < r->cells->len; i++)
    max_severity = MAX (max_severity, ((DdModelCell *) g_ptr_array_index (r->cells, i))->severity);
  if (r->corruptions->len)
    {
      printf ("\n%-22s", _("error"));
      for (guint s = 1; s <= max_severity; s++)
        printf ("%8u", s);
      printf ("%10s%10s\n", "CE", r->baseline ? _("rel. CE") : "");
      for (guint i = 0; i < r->corruptions->len; i++)
        {
          DdModelCorruption *c = g_ptr_array_index (r->corruptions, i);
          guint id = 0;

          for (guint k = 0; k < r->cells->len && id == 0; k++)
            if (g_str_equal (((DdModelCell *) g_ptr_array_index (r->cells, k))->corruption,
                             c->corruption))
              id = ((DdModelCell *) g_ptr_array_index (r->cells, k))->corruption_id;
          printf ("%-22s", c->corruption);
          for (guint s = 1; s <= max_severity; s++)
            {
              const DdModelCell *cell = dd_model_report_find_cell (r, id, s);

              if (cell)
                printf ("%7.1f%%", 100 * cell->error);
              else
                printf ("%8s", "-");
            }
          printf ("%10.3f", c->ce);
          if (r->baseline)
            printf ("%10.3f", c->relative_ce);
          printf ("\n");
        }
      printf ("\n%s %.4f", r->baseline ? "mCE" : _("mCE (unnormalised)"), r->mce);
      if (r->baseline)
        printf (_(", relative mCE %.4f (baseline “%s”)"), r->relative_mce, r->baseline);
      printf ("\n");
    }
  if (r->confusions->len)
    {
      printf ("\n%s\n", _("Most frequent confusions (class → predicted):"));
      for (guint i = 0; i < r->confusions->len; i++)
        {
          DdModelConfusion *c = g_ptr_array_index (r->confusions, i);

          printf ("  %s → %s\t%" PRIu64 "\n", c->wnid, c->predicted_wnid, c->count);
        }
    }
}

static int
model_report (const ModelOptions *o,
              DdCatalog          *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdModelReport) report = dd_model_report (catalog, o->run, o->baseline, &error);

  if (report == NULL)
    return dd_cli_fail_error (error);
  if (o->json)
    dd_cli_print_object (report_to_json (report));
  else
    report_print (report);
  return 0;
}

/* ---- the command ------------------------------------------------------------------- */

static const ModelAction actions[] = {
  { "import", TRUE, model_import },
  { "list", FALSE, model_list },
  { "delete", TRUE, model_delete },
  { "rename", TRUE, model_rename },
  { "report", FALSE, model_report },
};

static int
model_parse (ModelOptions       *o,
             const ModelAction **action,
             int                 argc,
             char              **argv)
{
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&o->catalog_path, N_("Catalog file")),
    { "run", 0, 0, G_OPTION_ARG_STRING, &o->run, N_("The run"), N_("NAME") },
    { "labels", 0, 0, G_OPTION_ARG_FILENAME, &o->labels,
      N_("The label order, one wnid a line (import)"), N_("FILE") },
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &o->baseline,
      N_("The run CE is normalised by (report)"), N_("NAME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o->to, N_("New name (rename)"), N_("NEWNAME") },
    DD_CLI_OPTION_JSON (&o->json),
    { NULL }
  };
  const ModelAction *a = NULL;

  if (!dd_cli_parse_options (&argc, &argv,
                             N_("import|list|delete|rename|report [FILE|NAME] — model runs"),
                             entries))
    return 2;
  if (argc < 2)
    return dd_cli_fail (_("model needs an action: import, list, delete, rename or report"));
  for (guint i = 0; i < G_N_ELEMENTS (actions) && a == NULL; i++)
    if (strcmp (argv[1], actions[i].name) == 0)
      a = &actions[i];
  if (a == NULL)
    return dd_cli_fail (_("unknown model action “%s” (use import, list, delete, rename or "
                          "report)"), argv[1]);
  *action = a;
  o->argument = argc > 2 ? argv[2] : NULL;
  if (a->run == model_import && o->argument == NULL)
    return dd_cli_fail (_("model import needs a FILE of predictions (CSV or JSONL)"));
  if ((a->run == model_delete || a->run == model_rename) && o->run == NULL && o->argument)
    o->run = g_strdup (o->argument);
  if (a->run != model_list && o->run == NULL)
    return dd_cli_fail (_("model %s needs a run: --run NAME"), argv[1]);
  if (dd_cli_check_extra (argc, argv, a->run == model_list || a->run == model_report ? 2 : 3))
    return 1;
  if (o->labels && a->run != model_import)
    return dd_cli_fail (_("--labels only goes with model import"));
  if (o->baseline && a->run != model_report)
    return dd_cli_fail (_("--baseline only goes with model report"));
  if (o->to && a->run != model_rename)
    return dd_cli_fail (_("--to only goes with model rename"));
  return 0;
}

int
dd_cli_model (int    argc,
              char **argv)
{
  g_auto(ModelOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  const ModelAction *action = NULL;
  int status;

  if ((status = model_parse (&options, &action, argc, argv)))
    return status;
  if (!(catalog = dd_cli_open_catalog (options.catalog_path, action->writes, &error)))
    return dd_cli_fail_error (error);
  return action->run (&options, catalog);
}
