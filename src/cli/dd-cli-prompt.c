/* datadive-cli prompt: one sentence → a proposed recipe (LLM or offline). */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-prompt.h"

static char *
list_text (const char * const *list)
{
  return list ? g_strjoinv (", ", (char **) list) : g_strdup (_("all"));
}

static void
diff_line (const char *what,
           char       *before,
           char       *after)
{
  if (g_strcmp0 (before, after) == 0)
    printf ("  %-12s %s\n", what, after);
  else
    printf ("  %-12s %s → %s\n", what, before, after);
  g_free (before);
  g_free (after);
}

/* A recipe document: `query/export --recipe` and `recipe save --from` read it as it is;
 * how the sentence was read sits under "proposal", which recipes ignore. */
static void
print_json (DdProposal *proposal)
{
  g_autoptr(JsonNode) node = dd_recipe_to_node (proposal->recipe);
  JsonObject *about = json_object_new ();
  JsonArray *unplaced = json_array_new ();
  JsonArray *corrections = json_array_new ();

  json_object_set_string_member (about, "explanation", proposal->explanation);
  for (guint i = 0; i < proposal->unplaced->len; i++)
    json_array_add_string_element (unplaced, g_ptr_array_index (proposal->unplaced, i));
  json_object_set_array_member (about, "unplaced", unplaced);
  for (guint i = 0; proposal->corrections && i < proposal->corrections->len; i++)
    json_array_add_string_element (corrections, g_ptr_array_index (proposal->corrections, i));
  json_object_set_array_member (about, "corrections", corrections);
  json_object_set_string_member (about, "engine", proposal->engine);
  if (proposal->fallback)
    json_object_set_string_member (about, "fallback", proposal->fallback);
  json_object_set_object_member (json_node_get_object (node), "proposal", about);
  dd_cli_print_json (node);
}

int
dd_cli_prompt (int    argc,
               char **argv)
{
  g_autofree char *catalog_path = NULL;
  g_autofree char *recipe_path = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *model = NULL;
  gboolean offline = FALSE, json = FALSE;
  int timeout = 60;
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &catalog_path, N_("Catalog file"), N_("FILE") },
    { "recipe", 'r', 0, G_OPTION_ARG_FILENAME, &recipe_path, N_("The current recipe (default: all samples)"), N_("FILE") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Use the offline interpreter only"), NULL },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1"), N_("URL") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("Model name"), N_("NAME") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Seconds to wait for the LLM (default 60)"), N_("SECONDS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the proposed recipe as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("\"TEXT\" — propose a subset from one sentence"));
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdRecipe) current = NULL;
  g_autoptr(DdProposal) proposal = NULL;
  DdPromptSettings settings = { 0 };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!dd_cli_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    return dd_cli_fail (_("give the request as one quoted argument"));
  if (timeout <= 0)
    return dd_cli_fail (_("--timeout must be a positive number of seconds"));
  if (offline && endpoint)
    return dd_cli_fail (_("--offline and --endpoint exclude each other"));
  if (!(catalog = dd_cli_open_catalog (catalog_path, FALSE, &error)))
    return dd_cli_fail_error (error);
  if (recipe_path && !(current = dd_recipe_new_from_file (recipe_path, &error)))
    return dd_cli_fail_error (error);
  if (current == NULL)
    current = dd_recipe_new ();

  settings.offline_only = offline;
  settings.timeout = timeout;
  if (endpoint)
    {
      /* asked for by name: its failure is the answer, not a silent fallback */
      settings.endpoint = g_strdup (endpoint);
      settings.no_fallback = TRUE;
    }
  settings.model = g_strdup (model);
  dd_prompt_settings_from_env (&settings);
  proposal = dd_prompt_propose (catalog, argv[1], current, &settings, NULL, &error);
  dd_prompt_settings_clear (&settings);
  if (proposal == NULL)
    return dd_cli_fail_error (error);

  if (json)
    {
      print_json (proposal);
      return 0;
    }

  {
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(DdSelection) before = dd_recipe_evaluate (current, catalog, warnings, NULL, NULL);
    g_autoptr(DdSelection) after = dd_recipe_evaluate (proposal->recipe, catalog, warnings, NULL, &error);

    if (proposal->fallback)
      printf (_("The LLM did not answer (%s); the offline interpreter did.\n"), proposal->fallback);
    printf (_("Proposal (%s): %s\n"), proposal->engine, proposal->explanation);
    diff_line (_("classes"), list_text (dd_recipe_get_classes (current)),
               list_text (dd_recipe_get_classes (proposal->recipe)));
    diff_line (_("corruptions"), list_text (dd_recipe_get_corruptions (current)),
               list_text (dd_recipe_get_corruptions (proposal->recipe)));
    diff_line (_("severities"), dd_severity_mask_to_text (dd_recipe_get_severity_mask (current)),
               dd_severity_mask_to_text (dd_recipe_get_severity_mask (proposal->recipe)));
    diff_line (_("splits"), list_text (dd_recipe_get_splits (current)),
               list_text (dd_recipe_get_splits (proposal->recipe)));
    if (dd_recipe_get_exclude_flags (proposal->recipe))
      diff_line (_("excluded"), list_text (dd_recipe_get_exclude_flags (current)),
                 list_text (dd_recipe_get_exclude_flags (proposal->recipe)));
    if (dd_recipe_get_per_class_limit (proposal->recipe))
      diff_line (_("per class"), g_strdup_printf ("%u", dd_recipe_get_per_class_limit (current)),
                 g_strdup_printf ("%u", dd_recipe_get_per_class_limit (proposal->recipe)));
    if (before && after)
      printf (_("  %-12s %u → %u\n"), _("samples"), dd_selection_get_n (before), dd_selection_get_n (after));
    else if (error)
      printf (_("  the proposal does not evaluate: %s\n"), error->message);
    if (proposal->unplaced->len)
      {
        printf ("%s", _("Not placed:"));
        for (guint i = 0; i < proposal->unplaced->len; i++)
          printf (" “%s”", (char *) g_ptr_array_index (proposal->unplaced, i));
        printf ("\n");
      }
  }
  return 0;
}
