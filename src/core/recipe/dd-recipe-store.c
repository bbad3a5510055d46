/* Named recipes stored in the catalog: the rules for names, the JSON each is stored as,
 * and their history; every write is one DdCatalogWriter transaction. */
#define G_LOG_DOMAIN "datadive-recipe"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-catalog-private.h"
#include "dd-catalog-writer.h"
#include "dd-recipe.h"
#include "dd-recipe-store.h"
#include "dd-task.h"

#define MAX_NAME_LENGTH 200

void
dd_recipe_revision_free (DdRecipeRevision *revision)
{
  if (revision == NULL)
    return;
  g_clear_pointer (&revision->recipe, dd_recipe_unref);
  g_free (revision);
}

/* A trimmed copy of @name, or NULL with an error when it cannot name a recipe. */
static char *
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                           _("A recipe name must be UTF-8 text"));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                           _("A recipe name cannot be empty"));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > MAX_NAME_LENGTH)
    {
      g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                   _("A recipe name can have at most %d characters"), MAX_NAME_LENGTH);
      return NULL;
    }
  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                             _("A recipe name cannot contain control characters"));
        return NULL;
      }
  return g_steal_pointer (&trimmed);
}

static void
set_unknown_error (GError     **error,
                   const char  *name)
{
  g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NOT_FOUND,
               _("No recipe named “%s” in the catalog"), name);
}

static void
set_duplicate_error (GError     **error,
                     const char  *name)
{
  g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
               _("A recipe named “%s” already exists"), name);
}

/* A writer of recipes: they leave the samples alone, so the stored snapshot stays. */
static DdCatalogWriter *
begin (DdCatalog  *catalog,
       GError    **error)
{
  if (dd_catalog_is_read_only (catalog))
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_READ_ONLY,
                   _("“%s” is read-only: recipes cannot be saved or changed"),
                   dd_catalog_get_path (catalog));
      return NULL;
    }
  return dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_METADATA, error);
}

/* The id of the recipe @name, or 0 with @error (unknown name, or a database error). */
static gint64
find_existing (DdCatalogWriter  *writer,
               const char       *name,
               GError          **error)
{
  gint64 id = dd_catalog_writer_find_recipe (writer, name, error);

  if (id == 0)
    set_unknown_error (error, name);
  return MAX (id, 0);
}

gboolean
dd_catalog_save_recipe (DdCatalog          *catalog,
                        const char         *name,
                        DdRecipe           *recipe,
                        DdRecipeSaveFlags   flags,
                        GError            **error)
{
  g_autoptr(DdCatalogWriter) writer = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *json = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (recipe != NULL, FALSE);

  if (!(trimmed = check_name (name, error)))
    return FALSE;
  json = dd_recipe_to_json (recipe);
  if (!(writer = begin (catalog, error)))
    return FALSE;
  if ((id = dd_catalog_writer_find_recipe (writer, trimmed, error)) < 0)
    return FALSE;
  if (id > 0 && (flags & DD_RECIPE_SAVE_CREATE_ONLY))
    {
      set_duplicate_error (error, trimmed);
      return FALSE;
    }
  if (id == 0 && (flags & DD_RECIPE_SAVE_UPDATE_ONLY))
    {
      set_unknown_error (error, trimmed);
      return FALSE;
    }
  if (id == 0)
    id = dd_catalog_writer_add_recipe (writer, trimmed, json, now, error);
  else if (!dd_catalog_writer_update_recipe (writer, id, NULL, json, now, error))
    return FALSE;
  if (id == 0 || !dd_catalog_writer_add_revision (writer, id, json, now, error))
    return FALSE;
  return dd_catalog_writer_commit (g_steal_pointer (&writer), error);
}

static DdRecipe *
parse_stored (const char  *json,
              const char  *name,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  DdRecipe *recipe = dd_recipe_new_from_json (json ? json : "", -1, &local_error);

  if (recipe == NULL)
    g_set_error (error, local_error->domain, local_error->code,
                 _("Recipe “%s” in the catalog is damaged: %s"), name, local_error->message);
  return recipe;
}

DdRecipe *
dd_catalog_load_recipe (DdCatalog   *catalog,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean found;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(trimmed = check_name (name, error)))
    return NULL;
  json = dd_catalog_read_recipe (catalog, trimmed, &found, &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!found)
    {
      set_unknown_error (error, trimmed);
      return NULL;
    }
  return parse_stored (json, trimmed, error);
}

gboolean
dd_catalog_rename_recipe (DdCatalog   *catalog,
                          const char  *name,
                          const char  *new_name,
                          GError     **error)
{
  g_autoptr(DdCatalogWriter) writer = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint64 id, other;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  if (!(from = check_name (name, error)) || !(to = check_name (new_name, error)))
    return FALSE;
  if (!(writer = begin (catalog, error)))
    return FALSE;
  if (!(id = find_existing (writer, from, error)))
    return FALSE;
  if ((other = dd_catalog_writer_find_recipe (writer, to, error)) < 0)
    return FALSE;
  if (other > 0 && other != id)
    {
      set_duplicate_error (error, to);
      return FALSE;
    }
  if (other != id &&
      !dd_catalog_writer_update_recipe (writer, id, to, NULL,
                                        g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;
  return dd_catalog_writer_commit (g_steal_pointer (&writer), error);
}

gboolean
dd_catalog_delete_recipe (DdCatalog   *catalog,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(DdCatalogWriter) writer = NULL;
  g_autofree char *trimmed = NULL;
  gint64 id;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  if (!(trimmed = check_name (name, error)))
    return FALSE;
  if (!(writer = begin (catalog, error)))
    return FALSE;
  if (!(id = find_existing (writer, trimmed, error)) ||
      !dd_catalog_writer_delete_recipe (writer, id, error))
    return FALSE;
  return dd_catalog_writer_commit (g_steal_pointer (&writer), error);
}

GPtrArray *
dd_catalog_list_recipes (DdCatalog  *catalog,
                         GError    **error)
{
  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  return dd_catalog_read_recipe_infos (catalog, error);
}

GPtrArray *
dd_catalog_recipe_history (DdCatalog   *catalog,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = NULL;
  gboolean found;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(trimmed = check_name (name, error)))
    return NULL;
  texts = dd_catalog_read_recipe_history (catalog, trimmed, &found, &local_error);
  if (texts == NULL)
    {
      if (local_error)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_unknown_error (error, trimmed);
      return NULL;
    }
  /* Parsed outside the lock. */
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_revision_free);
  for (guint i = 0; i < texts->len; i++)
    {
      DdRecipeText *text = g_ptr_array_index (texts, i);
      DdRecipeRevision *revision = g_new0 (DdRecipeRevision, 1);

      revision->saved_at = text->saved_at;
      revision->recipe = parse_stored (text->json, trimmed, error);
      if (revision->recipe == NULL)
        {
          dd_recipe_revision_free (revision);
          return NULL;
        }
      g_ptr_array_add (out, revision);
    }
  return g_steal_pointer (&out);
}

/* ---- async ------------------------------------------------------------------------ */

typedef enum {
  OP_SAVE,
  OP_LOAD,
  OP_RENAME,
  OP_DELETE,
  OP_LIST,
} Op;

typedef struct {
  Op                 op;
  char              *name;
  char              *new_name;
  DdRecipe          *recipe;
  DdRecipeSaveFlags  flags;
} OpData;

static void
op_data_free (OpData *data)
{
  g_free (data->name);
  g_free (data->new_name);
  g_clear_pointer (&data->recipe, dd_recipe_unref);
  g_free (data);
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  DdCatalog *catalog = source_object;
  OpData *data = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify free_func = NULL;
  gboolean ok = FALSE;

  if (g_task_return_error_if_cancelled (task))
    return;
  switch (data->op)
    {
    case OP_SAVE:
      ok = dd_catalog_save_recipe (catalog, data->name, data->recipe, data->flags, &error);
      break;
    case OP_RENAME:
      ok = dd_catalog_rename_recipe (catalog, data->name, data->new_name, &error);
      break;
    case OP_DELETE:
      ok = dd_catalog_delete_recipe (catalog, data->name, &error);
      break;
    case OP_LOAD:
      result = dd_catalog_load_recipe (catalog, data->name, &error);
      free_func = (GDestroyNotify) dd_recipe_unref;
      break;
    case OP_LIST:
      result = dd_catalog_list_recipes (catalog, &error);
      free_func = (GDestroyNotify) g_ptr_array_unref;
      break;
    default:
      g_assert_not_reached ();
    }
  if (error)
    g_task_return_error (task, error);
  else if (free_func)
    g_task_return_pointer (task, result, free_func);
  else
    g_task_return_boolean (task, ok);
}

/* Runs @op on a worker thread with its arguments (copied). */
static void
run_op (DdCatalog            *catalog,
        Op                    op,
        const char           *name,
        const char           *new_name,
        DdRecipe             *recipe,
        DdRecipeSaveFlags     flags,
        gpointer              source_tag,
        GCancellable         *cancellable,
        GAsyncReadyCallback   callback,
        gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (catalog, cancellable, callback, user_data);
  OpData *data = g_new0 (OpData, 1);

  data->op = op;
  data->name = g_strdup (name);
  data->new_name = g_strdup (new_name);
  data->recipe = recipe ? dd_recipe_ref (recipe) : NULL;
  data->flags = flags;
  dd_task_run_in_thread (task, source_tag, data, (GDestroyNotify) op_data_free, op_thread);
}

void
dd_catalog_save_recipe_async (DdCatalog           *catalog,
                              const char          *name,
                              DdRecipe            *recipe,
                              DdRecipeSaveFlags    flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (DD_IS_CATALOG (catalog));
  g_return_if_fail (recipe != NULL);
  run_op (catalog, OP_SAVE, name, NULL, recipe, flags, dd_catalog_save_recipe_async, cancellable,
          callback, user_data);
}

gboolean
dd_catalog_save_recipe_finish (DdCatalog     *catalog,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dd_catalog_load_recipe_async (DdCatalog           *catalog,
                              const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (DD_IS_CATALOG (catalog));
  run_op (catalog, OP_LOAD, name, NULL, NULL, 0, dd_catalog_load_recipe_async, cancellable,
          callback, user_data);
}

DdRecipe *
dd_catalog_load_recipe_finish (DdCatalog     *catalog,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_catalog_rename_recipe_async (DdCatalog           *catalog,
                                const char          *name,
                                const char          *new_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DD_IS_CATALOG (catalog));
  run_op (catalog, OP_RENAME, name, new_name, NULL, 0, dd_catalog_rename_recipe_async,
          cancellable, callback, user_data);
}

gboolean
dd_catalog_rename_recipe_finish (DdCatalog     *catalog,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dd_catalog_delete_recipe_async (DdCatalog           *catalog,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DD_IS_CATALOG (catalog));
  run_op (catalog, OP_DELETE, name, NULL, NULL, 0, dd_catalog_delete_recipe_async, cancellable,
          callback, user_data);
}

gboolean
dd_catalog_delete_recipe_finish (DdCatalog     *catalog,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dd_catalog_list_recipes_async (DdCatalog           *catalog,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (DD_IS_CATALOG (catalog));
  run_op (catalog, OP_LIST, NULL, NULL, NULL, 0, dd_catalog_list_recipes_async, cancellable,
          callback, user_data);
}

GPtrArray *
dd_catalog_list_recipes_finish (DdCatalog     *catalog,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
