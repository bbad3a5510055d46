/* datadive-cli: DataDive's capabilities for scripts, CI and machines without a display. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "dd-cli.h"

static const struct {
  const char   *name;
  DdCliCommand  func;
  const char   *summary;
} commands[] = {
  { "index", dd_cli_index, N_("Index dataset folders into a catalog") },
  { "info", dd_cli_info, N_("Summarise a catalog") },
  { "query", dd_cli_query, N_("Count or list the samples matching a filter") },
  { "export", dd_cli_export, N_("Write a recipe's subset in a training layout") },
  { "health", dd_cli_health, N_("List what is bad or missing in a catalog") },
  { "similar", dd_cli_similar, N_("List the samples that look most like one sample") },
  { "prompt", dd_cli_prompt, N_("Propose a subset from one sentence (LLM or offline)") },
  { "relations", dd_cli_relations, N_("List the neighbours of a node of the dataset graph") },
  { "recipe", dd_cli_recipe, N_("List, show, save, rename or delete named recipes") },
  { "demo", dd_cli_demo, N_("Write the demo dataset") },
  { "model", dd_cli_model, N_("Import model predictions, list runs, report robustness") },
};

static void
usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: datadive-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “datadive-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("datadive-cli");

  if (argc < 2)
    {
      usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("datadive-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].func (argc - 1, argv + 1);

  fprintf (stderr, _("datadive-cli: unknown command “%s”\n"), argv[1]);
  usage (stderr);
  return 2;
}
