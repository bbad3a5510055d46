/* datadive-cli recipe: list, show, save, rename and delete the named recipes of a
 * catalog, and show the saved history of one. One small function per action, behind
 * a table that says which need a name and which write. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dd-cli.h"
#include "dd-recipe.h"
#include "dd-recipe-store.h"

typedef struct {
  char       *catalog_path;
  char       *from;
  char       *to;
  gboolean    json;
  const char *name;   /* NAME (not owned); NULL for list */
} RecipeOptions;

typedef struct {
  const char *name;
  gboolean    writes;     /* opens the catalog read-write */
  int       (*run) (const RecipeOptions *o,
                    DdCatalog           *catalog);
} RecipeAction;

/* One row of `recipe list`. */
typedef struct {
  DdRecipeInfo *info;
  char         *summary;   /* NULL when the stored recipe is damaged */
  gint64        samples;   /* -1 when it does not match the catalog */
} Listed;

static void
recipe_options_clear (RecipeOptions *o)
{
  g_free (o->catalog_path);
  g_free (o->from);
  g_free (o->to);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RecipeOptions, recipe_options_clear)

static void
listed_free (Listed *listed)
{
  g_free (listed->summary);
  g_free (listed);
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);
  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("-");
}

static char *
format_iso (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);
  return dt ? g_date_time_format_iso8601 (dt) : g_strdup ("");
}

/* ---- list ------------------------------------------------------------------------- */

static GPtrArray *
list_run (DdCatalog  *catalog,
          GPtrArray  *infos)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) listed_free);

  for (guint i = 0; i < infos->len; i++)
    {
      Listed *row = g_new0 (Listed, 1);
      g_autoptr(DdRecipe) recipe = NULL;
      g_autoptr(DdSelection) sel = NULL;

      row->info = g_ptr_array_index (infos, i);
      recipe = dd_catalog_load_recipe (catalog, row->info->name, NULL);
      sel = recipe ? dd_recipe_evaluate (recipe, catalog, NULL, NULL, NULL) : NULL;
      row->samples = sel ? (gint64) dd_selection_get_n (sel) : -1;
      row->summary = recipe ? dd_recipe_describe (recipe) : NULL;
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static JsonObject *
list_to_json (GPtrArray *rows)
{
  JsonObject *root = json_object_new ();
  JsonArray *recipes = json_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      Listed *row = g_ptr_array_index (rows, i);
      g_autofree char *created = format_iso (row->info->created);
      g_autofree char *modified = format_iso (row->info->modified);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "name", row->info->name);
      json_object_set_string_member (o, "created", created);
      json_object_set_string_member (o, "modified", modified);
      json_object_set_int_member (o, "saves", row->info->n_saves);
      json_object_set_string_member (o, "summary", row->summary);
      if (row->samples >= 0)
        json_object_set_int_member (o, "samples", row->samples);
      else
        json_object_set_null_member (o, "samples");
      json_array_add_object_element (recipes, o);
    }
  json_object_set_array_member (root, "recipes", recipes);
  return root;
}

static void
list_print (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Listed *row = g_ptr_array_index (rows, i);
      g_autofree char *modified = format_time (row->info->modified);
      g_autofree char *count = row->samples >= 0
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, row->samples)
                               : g_strdup ("?");

      printf ("%s\t%s\t%s\t%s\n", row->info->name, modified, count,
              row->summary ? row->summary : _("(damaged)"));
    }
  if (rows->len == 0)
    printf ("%s\n", _("No saved recipes"));
}

static int
recipe_list (const RecipeOptions *o,
             DdCatalog           *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = dd_catalog_list_recipes (catalog, &error);
  g_autoptr(GPtrArray) rows = NULL;

  if (infos == NULL)
    return dd_cli_fail_error (error);
  rows = list_run (catalog, infos);
  if (o->json)
    dd_cli_print_object (list_to_json (rows));
  else
    list_print (rows);
  return 0;
}

/* ---- show and history ------------------------------------------------------------- */

static int
recipe_show (const RecipeOptions *o,
             DdCatalog           *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = dd_catalog_load_recipe (catalog, o->name, &error);
  g_autofree char *text = NULL;

  if (recipe == NULL)
    return dd_cli_fail_error (error);
  text = dd_recipe_to_json (recipe);
  fputs (text, stdout);
  return 0;
}

static JsonObject *
history_to_json (GPtrArray *revisions)
{
  JsonObject *root = json_object_new ();
  JsonArray *history = json_array_new ();

  for (guint i = 0; i < revisions->len; i++)
    {
      DdRecipeRevision *rev = g_ptr_array_index (revisions, i);
      g_autofree char *saved = format_iso (rev->saved_at);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "saved_at", saved);
      json_object_set_member (o, "recipe", dd_recipe_to_node (rev->recipe));
      json_array_add_object_element (history, o);
    }
  json_object_set_array_member (root, "history", history);
  return root;
}

static void
history_print (GPtrArray *revisions)
{
  for (guint i = 0; i < revisions->len; i++)
    {
      DdRecipeRevision *rev = g_ptr_array_index (revisions, i);
      g_autofree char *saved = format_time (rev->saved_at);
      g_autofree char *text = dd_recipe_to_json (rev->recipe);

      printf ("# %u  %s\n%s", i + 1, saved, text);
    }
}

static int
recipe_history (const RecipeOptions *o,
                DdCatalog           *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = dd_catalog_recipe_history (catalog, o->name, &error);

  if (revisions == NULL)
    return dd_cli_fail_error (error);
  if (o->json)
    dd_cli_print_object (history_to_json (revisions));
  else
    history_print (revisions);
  return 0;
}

/* ---- save, delete, rename ---------------------------------------------------------- */

static JsonObject *
save_to_json (const char  *name,
              DdSelection *sel,
              GPtrArray   *warnings)
{
  JsonObject *root = json_object_new ();
  JsonArray *list = json_array_new ();
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  json_object_set_string_member (root, "name", trimmed);
  json_object_set_int_member (root, "samples", dd_selection_get_n (sel));
  for (guint i = 0; i < warnings->len; i++)
    json_array_add_string_element (list, g_ptr_array_index (warnings, i));
  json_object_set_array_member (root, "warnings", list);
  return root;
}

static int
recipe_save (const RecipeOptions *o,
             DdCatalog           *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(DdSelection) sel = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  if (o->from == NULL)
    return dd_cli_fail (_("recipe save needs --from FILE (the recipe to save)"));
  if (!(recipe = dd_recipe_new_from_file (o->from, &error)))
    return dd_cli_fail_error (error);
  /* A recipe that names what the catalog lacks is refused before it is stored. */
  if (!(sel = dd_recipe_evaluate (recipe, catalog, warnings, NULL, &error)))
    return dd_cli_fail_error (error);
  dd_cli_print_warnings (warnings);
  if (!dd_catalog_save_recipe (catalog, o->name, recipe, DD_RECIPE_SAVE_DEFAULT, &error))
    return dd_cli_fail_error (error);
  if (o->json)
    dd_cli_print_object (save_to_json (o->name, sel, warnings));
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Saved recipe “%s” (%u sample)\n",
                         "Saved recipe “%s” (%u samples)\n", dd_selection_get_n (sel)),
            o->name, dd_selection_get_n (sel));
  return 0;
}

static int
recipe_delete (const RecipeOptions *o,
               DdCatalog           *catalog)
{
  g_autoptr(GError) error = NULL;

  if (!dd_catalog_delete_recipe (catalog, o->name, &error))
    return dd_cli_fail_error (error);
  if (o->json)
    printf ("{\"deleted\":true}\n");
  else
    printf (_("Deleted recipe “%s”\n"), o->name);
  return 0;
}

static int
recipe_rename (const RecipeOptions *o,
               DdCatalog           *catalog)
{
  g_autoptr(GError) error = NULL;

  if (o->to == NULL)
    return dd_cli_fail (_("recipe rename needs --to NEWNAME"));
  if (!dd_catalog_rename_recipe (catalog, o->name, o->to, &error))
    return dd_cli_fail_error (error);
  if (o->json)
    printf ("{\"renamed\":true}\n");
  else
    printf (_("Renamed recipe “%s” to “%s”\n"), o->name, o->to);
  return 0;
}

/* ---- the command ------------------------------------------------------------------ */

static const RecipeAction actions[] = {
  { "list", FALSE, recipe_list },
  { "show", FALSE, recipe_show },
  { "save", TRUE, recipe_save },
  { "delete", TRUE, recipe_delete },
  { "rename", TRUE, recipe_rename },
  { "history", FALSE, recipe_history },
};

static int
recipe_parse (RecipeOptions       *o,
              const RecipeAction **action,
              int                  argc,
              char               **argv)
{
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&o->catalog_path, N_("Catalog file")),
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &o->from, N_("Recipe file to save (save)"), N_("FILE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o->to, N_("New name (rename)"), N_("NEWNAME") },
    DD_CLI_OPTION_JSON (&o->json),
    { NULL }
  };
  gboolean needs_name;

  if (!dd_cli_parse_options (&argc, &argv,
                             N_("list|show|save|delete|rename|history [NAME] — named recipes"),
                             entries))
    return 2;
  if (argc < 2)
    return dd_cli_fail (_("recipe needs an action: list, show, save, delete, rename or history"));
  for (guint i = 0; i < G_N_ELEMENTS (actions) && *action == NULL; i++)
    if (strcmp (argv[1], actions[i].name) == 0)
      *action = &actions[i];
  if (*action == NULL)
    return dd_cli_fail (_("unknown recipe action “%s” (use list, show, save, delete, rename"
                          " or history)"), argv[1]);
  o->name = argc > 2 ? argv[2] : NULL;
  needs_name = (*action)->run != recipe_list;
  if (needs_name && o->name == NULL)
    return dd_cli_fail (_("recipe %s needs a recipe NAME"), argv[1]);
  if (dd_cli_check_extra (argc, argv, needs_name ? 3 : 2))
    return 1;
  if (o->from && (*action)->run != recipe_save)
    return dd_cli_fail (_("--from only goes with recipe save"));
  if (o->to && (*action)->run != recipe_rename)
    return dd_cli_fail (_("--to only goes with recipe rename"));
  return 0;
}

int
dd_cli_recipe (int    argc,
               char **argv)
{
  g_auto(RecipeOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  const RecipeAction *action = NULL;
  int status;

  if ((status = recipe_parse (&options, &action, argc, argv)))
    return status;
  if (!(catalog = dd_cli_open_catalog (options.catalog_path, action->writes, &error)))
    return dd_cli_fail_error (error);
  return action->run (&options, catalog);
}
