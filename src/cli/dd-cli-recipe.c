/* datadive-cli recipe: list, show, save, rename and delete the named recipes of a
 * catalog, and show the saved history of one. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dd-cli.h"
#include "dd-recipe.h"
#include "dd-recipe-store.h"

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

/* Number of samples @recipe selects, or -1 when it does not match the catalog. */
static gint64
count_samples (DdCatalog *catalog,
               DdRecipe  *recipe,
               GPtrArray *warnings)
{
  g_autoptr(DdSelection) sel = dd_recipe_evaluate (recipe, catalog, warnings, NULL, NULL);
  return sel ? (gint64) dd_selection_get_n (sel) : -1;
}

static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, _("datadive-cli: warning: %s\n"), (char *) g_ptr_array_index (warnings, i));
}

static int
recipe_list (DdCatalog *catalog,
             gboolean   json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = dd_catalog_list_recipes (catalog, &error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (infos == NULL)
    return dd_cli_fail_error (error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "recipes");
  json_builder_begin_array (b);
  for (guint i = 0; i < infos->len; i++)
    {
      DdRecipeInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(DdRecipe) recipe = dd_catalog_load_recipe (catalog, info->name, NULL);
      gint64 n = recipe ? count_samples (catalog, recipe, NULL) : -1;
      g_autofree char *summary = recipe ? dd_recipe_describe (recipe) : NULL;

      if (json)
        {
          g_autofree char *created = format_iso (info->created);
          g_autofree char *modified = format_iso (info->modified);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, info->name);
          json_builder_set_member_name (b, "created");
          json_builder_add_string_value (b, created);
          json_builder_set_member_name (b, "modified");
          json_builder_add_string_value (b, modified);
          json_builder_set_member_name (b, "saves");
          json_builder_add_int_value (b, info->n_saves);
          json_builder_set_member_name (b, "summary");
          if (summary)
            json_builder_add_string_value (b, summary);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "samples");
          if (n >= 0)
            json_builder_add_int_value (b, n);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *modified = format_time (info->modified);
          g_autofree char *count = n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n)
                                          : g_strdup ("?");

          printf ("%s\t%s\t%s\t%s\n", info->name, modified, count,
                  summary ? summary : _("(damaged)"));
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      root = json_builder_get_root (b);
      dd_cli_print_json (root);
    }
  else if (infos->len == 0)
    printf ("%s\n", _("No saved recipes"));
  return 0;
}

static int
recipe_show (DdCatalog  *catalog,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = dd_catalog_load_recipe (catalog, name, &error);
  g_autofree char *text = NULL;

  if (recipe == NULL)
    return dd_cli_fail_error (error);
  text = dd_recipe_to_json (recipe);
  fputs (text, stdout);
  return 0;
}

static int
recipe_history (DdCatalog  *catalog,
                const char *name,
                gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = dd_catalog_recipe_history (catalog, name, &error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (revisions == NULL)
    return dd_cli_fail_error (error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < revisions->len; i++)
    {
      DdRecipeRevision *rev = g_ptr_array_index (revisions, i);

      if (json)
        {
          g_autofree char *saved = format_iso (rev->saved_at);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "saved_at");
          json_builder_add_string_value (b, saved);
          json_builder_set_member_name (b, "recipe");
          json_builder_add_value (b, dd_recipe_to_node (rev->recipe));
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *saved = format_time (rev->saved_at);
          g_autofree char *text = dd_recipe_to_json (rev->recipe);

          printf ("# %u  %s\n%s", i + 1, saved, text);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      root = json_builder_get_root (b);
      dd_cli_print_json (root);
    }
  return 0;
}

static int
recipe_save (DdCatalog  *catalog,
             const char *name,
             const char *from,
             gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(DdSelection) sel = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  if (from == NULL)
    return dd_cli_fail (_("recipe save needs --from FILE (the recipe to save)"));
  if (!(recipe = dd_recipe_new_from_file (from, &error)))
    return dd_cli_fail_error (error);
  /* A recipe that names what the catalog lacks is refused before it is stored. */
  if (!(sel = dd_recipe_evaluate (recipe, catalog, warnings, NULL, &error)))
    return dd_cli_fail_error (error);
  print_warnings (warnings);
  if (!dd_catalog_save_recipe (catalog, name, recipe, DD_RECIPE_SAVE_DEFAULT, &error))
    return dd_cli_fail_error (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (name));

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, trimmed);
      json_builder_set_member_name (b, "samples");
      json_builder_add_int_value (b, dd_selection_get_n (sel));
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint i = 0; i < warnings->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (warnings, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      dd_cli_print_json (root);
    }
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Saved recipe “%s” (%u sample)\n",
                         "Saved recipe “%s” (%u samples)\n", dd_selection_get_n (sel)),
            name, dd_selection_get_n (sel));
  return 0;
}

int
dd_cli_recipe (int    argc,
               char **argv)
{
  g_autofree char *catalog_path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &catalog_path, N_("Catalog file"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("Recipe file to save (save)"), N_("FILE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("New name (rename)"), N_("NEWNAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (N_("list|show|save|delete|rename|history [NAME] — named recipes"));
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCatalog) catalog = NULL;
  const char *action, *name;
  gboolean needs_name, writes;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!dd_cli_parse (context, &argc, &argv))
    return 2;
  if (argc < 2)
    return dd_cli_fail (_("recipe needs an action: list, show, save, delete, rename or history"));
  action = argv[1];
  name = argc > 2 ? argv[2] : NULL;
  if (!g_strv_contains ((const char * const[]) { "list", "show", "save", "delete", "rename",
                                                 "history", NULL }, action))
    return dd_cli_fail (_("unknown recipe action “%s” (use list, show, save, delete, rename"
                          " or history)"), action);
  needs_name = strcmp (action, "list") != 0;
  if (needs_name && name == NULL)
    return dd_cli_fail (_("recipe %s needs a recipe NAME"), action);
  if (argc > (needs_name ? 3 : 2))
    return dd_cli_fail (_("unexpected argument “%s”"), argv[needs_name ? 3 : 2]);
  if (from && strcmp (action, "save") != 0)
    return dd_cli_fail (_("--from only goes with recipe save"));
  if (to && strcmp (action, "rename") != 0)
    return dd_cli_fail (_("--to only goes with recipe rename"));
  writes = g_strv_contains ((const char * const[]) { "save", "delete", "rename", NULL }, action);
  if (!(catalog = dd_cli_open_catalog (catalog_path, writes, &error)))
    return dd_cli_fail_error (error);

  if (strcmp (action, "list") == 0)
    return recipe_list (catalog, json);
  if (strcmp (action, "show") == 0)
    return recipe_show (catalog, name);
  if (strcmp (action, "history") == 0)
    return recipe_history (catalog, name, json);
  if (strcmp (action, "save") == 0)
    return recipe_save (catalog, name, from, json);
  if (strcmp (action, "delete") == 0)
    {
      if (!dd_catalog_delete_recipe (catalog, name, &error))
        return dd_cli_fail_error (error);
      if (json)
        printf ("{\"deleted\":true}\n");
      else
        printf (_("Deleted recipe “%s”\n"), name);
      return 0;
    }
  /* rename */
  if (to == NULL)
    return dd_cli_fail (_("recipe rename needs --to NEWNAME"));
  if (!dd_catalog_rename_recipe (catalog, name, to, &error))
    return dd_cli_fail_error (error);
  if (json)
    printf ("{\"renamed\":true}\n");
  else
    printf (_("Renamed recipe “%s” to “%s”\n"), name, to);
  return 0;
}
