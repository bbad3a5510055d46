/* datadive-cli prompt: one sentence → a proposed recipe (LLM or offline). */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dd-cli.h"
#include "dd-llm-client.h"

typedef struct {
  char     *catalog_path;
  char     *recipe_path;
  char     *endpoint;
  char     *model;
  gboolean  offline;
  gboolean  json;
  int       timeout;
  char     *text;      /* the sentence (not owned) */
} PromptOptions;

typedef struct {
  DdRecipe   *current;
  DdProposal *proposal;
  /* the sample counts of the current recipe and the proposal, for people */
  gboolean    counted;
  guint       before;
  guint       after;
  GError     *count_error;   /* the proposal does not evaluate */
} Prompt;

static void
prompt_options_clear (PromptOptions *o)
{
  g_free (o->catalog_path);
  g_free (o->recipe_path);
  g_free (o->endpoint);
  g_free (o->model);
}

static void
prompt_clear (Prompt *p)
{
  g_clear_pointer (&p->current, dd_recipe_unref);
  g_clear_pointer (&p->proposal, dd_proposal_free);
  g_clear_error (&p->count_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PromptOptions, prompt_options_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Prompt, prompt_clear)

static int
prompt_parse (PromptOptions  *o,
              int             argc,
              char          **argv)
{
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&o->catalog_path, N_("Catalog file")),
    { "recipe", 'r', 0, G_OPTION_ARG_FILENAME, &o->recipe_path,
      N_("The current recipe (default: all samples)"), N_("FILE") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &o->offline,
      N_("Use the offline interpreter only"), NULL },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &o->endpoint,
      N_("OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1"), N_("URL") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &o->model, N_("Model name"), N_("NAME") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &o->timeout,
      N_("Seconds to wait for the LLM (default 60)"), N_("SECONDS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print the proposed recipe as JSON"), NULL },
    { NULL }
  };

  o->timeout = 60;
  if (!dd_cli_parse_options (&argc, &argv, N_("\"TEXT\" — propose a subset from one sentence"),
                             entries))
    return 2;
  if (argc != 2)
    return dd_cli_fail (_("give the request as one quoted argument"));
  if (o->timeout <= 0)
    return dd_cli_fail (_("--timeout must be a positive number of seconds"));
  if (o->offline && o->endpoint)
    return dd_cli_fail (_("--offline and --endpoint exclude each other"));
  o->text = argv[1];
  return 0;
}

/* The proposal, and for people the sample counts before and after it. */
static gboolean
prompt_run (const PromptOptions  *o,
            Prompt               *p,
            GError              **error)
{
  g_autoptr(DdCatalog) catalog = NULL;
  g_autoptr(DdLlmClient) client = NULL;
  DdPromptSettings settings = { 0 };

  if (!(catalog = dd_cli_open_catalog (o->catalog_path, FALSE, error)))
    return FALSE;
  if (o->recipe_path && !(p->current = dd_recipe_new_from_file (o->recipe_path, error)))
    return FALSE;
  if (p->current == NULL)
    p->current = dd_recipe_new ();

  settings.offline_only = o->offline;
  settings.timeout = o->timeout;
  settings.endpoint = g_strdup (o->endpoint);
  settings.model = g_strdup (o->model);
  dd_prompt_settings_from_env (&settings);
  client = dd_llm_client_new_from_settings (&settings);
  dd_prompt_settings_clear (&settings);
  /* an endpoint asked for by name: its failure is the answer, not a silent fallback */
  p->proposal = dd_prompt_propose (catalog, o->text, p->current, client, o->endpoint == NULL,
                                   NULL, error);
  if (p->proposal == NULL)
    return FALSE;
  if (!o->json)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(DdSelection) before = dd_recipe_evaluate (p->current, catalog, warnings, NULL,
                                                          NULL);
      g_autoptr(DdSelection) after = dd_recipe_evaluate (p->proposal->recipe, catalog, warnings,
                                                         NULL, &p->count_error);

      p->counted = before && after;
      p->before = before ? dd_selection_get_n (before) : 0;
      p->after = after ? dd_selection_get_n (after) : 0;
    }
  return TRUE;
}

/* A recipe document: `query/export --recipe` and `recipe save --from` read it as it is;
 * how the sentence was read sits under "proposal", which recipes ignore. */
static JsonNode *
prompt_to_json (const DdProposal *proposal)
{
  JsonNode *node = dd_recipe_to_node (proposal->recipe);
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
  {
    JsonArray *kept = json_array_new ();

    for (guint i = 0; proposal->kept && proposal->kept[i]; i++)
      json_array_add_string_element (kept, proposal->kept[i]);
    json_object_set_array_member (about, "kept", kept);
  }
  if (proposal->fallback)
    json_object_set_string_member (about, "fallback", proposal->fallback);
  json_object_set_object_member (json_node_get_object (node), "proposal", about);
  return node;
}

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

/* The proposal as a diff against the current recipe, with the sample counts. */
static void
prompt_print (const Prompt *p)
{
  DdRecipe *current = p->current;
  DdRecipe *proposed = p->proposal->recipe;

  if (p->proposal->fallback)
    printf (_("The LLM did not answer (%s); the offline interpreter did.\n"),
            p->proposal->fallback);
  printf (_("Proposal (%s): %s\n"), p->proposal->engine, p->proposal->explanation);
  diff_line (_("classes"), list_text (dd_recipe_get_classes (current)),
             list_text (dd_recipe_get_classes (proposed)));
  diff_line (_("corruptions"), list_text (dd_recipe_get_corruptions (current)),
             list_text (dd_recipe_get_corruptions (proposed)));
  diff_line (_("severities"), dd_prompt_severity_text (dd_recipe_get_severity_mask (current)),
             dd_prompt_severity_text (dd_recipe_get_severity_mask (proposed)));
  diff_line (_("splits"), list_text (dd_recipe_get_splits (current)),
             list_text (dd_recipe_get_splits (proposed)));
  if (dd_recipe_get_exclude_flags (proposed))
    diff_line (_("excluded"), list_text (dd_recipe_get_exclude_flags (current)),
               list_text (dd_recipe_get_exclude_flags (proposed)));
  if (dd_recipe_get_per_class_limit (proposed))
    diff_line (_("per class"), g_strdup_printf ("%u", dd_recipe_get_per_class_limit (current)),
               g_strdup_printf ("%u", dd_recipe_get_per_class_limit (proposed)));
  if (p->counted)
    printf (_("  %-12s %u → %u\n"), _("samples"), p->before, p->after);
  else if (p->count_error)
    printf (_("  the proposal does not evaluate: %s\n"), p->count_error->message);
  if (p->proposal->kept && p->proposal->kept[0])
    {
      g_autofree char *kept = g_strjoinv (", ", p->proposal->kept);

      /* TRANSLATORS: rules the sentence did not mention, kept from --recipe */
      printf (_("Kept from the current recipe: %s\n"), kept);
    }
  if (p->proposal->unplaced->len)
    {
      printf ("%s", _("Not placed:"));
      for (guint i = 0; i < p->proposal->unplaced->len; i++)
        printf (" “%s”", (char *) g_ptr_array_index (p->proposal->unplaced, i));
      printf ("\n");
    }
}

int
dd_cli_prompt (int    argc,
               char **argv)
{
  g_auto(PromptOptions) options = { 0 };
  g_auto(Prompt) prompt = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = prompt_parse (&options, argc, argv)))
    return status;
  if (!prompt_run (&options, &prompt, &error))
    return dd_cli_fail_error (error);
  if (options.json)
    {
      g_autoptr(JsonNode) node = prompt_to_json (prompt.proposal);
      dd_cli_print_json (node);
    }
  else
    prompt_print (&prompt);
  return 0;
}
