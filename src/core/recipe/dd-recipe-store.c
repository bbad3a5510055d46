/* Named recipes stored in the catalog (tables recipes and recipe_history); every write
 * is one BEGIN IMMEDIATE … COMMIT transaction. */
#define G_LOG_DOMAIN "datadive-recipe"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-catalog-private.h"
#include "dd-recipe.h"
#include "dd-recipe-store.h"

#define MAX_NAME_LENGTH 200

void
dd_recipe_info_free (DdRecipeInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info);
}

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

/* Id of the recipe @name (lock held), 0 when absent, -1 on a database error. */
static gint64
find_recipe (sqlite3    *db,
             const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM recipes WHERE name = ?", -1, &stmt, NULL)
      != SQLITE_OK)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    id = -1;
  sqlite3_finalize (stmt);
  return id;
}

/* Runs one statement whose parameters are ?1 (integer), ?2 and ?3 (text), ?4 (integer);
 * a statement may leave out the last ones. */
static gboolean
run (sqlite3    *db,
     const char *sql,
     gint64      p1,
     const char *p2,
     const char *p3,
     gint64      p4)
{
  sqlite3_stmt *stmt = NULL;
  int n, rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  n = sqlite3_bind_parameter_count (stmt);
  if (n >= 1)
    sqlite3_bind_int64 (stmt, 1, p1);
  if (n >= 2)
    sqlite3_bind_text (stmt, 2, p2, -1, SQLITE_STATIC);
  if (n >= 3)
    sqlite3_bind_text (stmt, 3, p3, -1, SQLITE_STATIC);
  if (n >= 4)
    sqlite3_bind_int64 (stmt, 4, p4);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
begin (DdCatalog  *catalog,
       GError    **error)
{
  if (dd_catalog_is_read_only (catalog))
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_READ_ONLY,
                   _("“%s” is read-only: recipes cannot be saved or changed"),
                   dd_catalog_get_path (catalog));
      return FALSE;
    }
  /* recipes leave the samples alone: the stored snapshot stays valid */
  dd_catalog_lock_metadata (catalog);
  if (!dd_catalog_exec (catalog, "BEGIN IMMEDIATE", error))
    {
      dd_catalog_unlock (catalog);
      return FALSE;
    }
  return TRUE;
}

static gboolean
commit (DdCatalog  *catalog,
        GError    **error)
{
  gboolean ok = dd_catalog_exec (catalog, "COMMIT", error);

  if (!ok)
    dd_catalog_exec (catalog, "ROLLBACK", NULL);
  dd_catalog_unlock (catalog);
  return ok;
}

static gboolean
rollback (DdCatalog   *catalog,
          GError     **error,
          gboolean     db_error)
{
  if (db_error)
    dd_catalog_set_error_from_db (catalog, error, _("Cannot save the recipe"));
  dd_catalog_exec (catalog, "ROLLBACK", NULL);
  dd_catalog_unlock (catalog);
  return FALSE;
}

gboolean
dd_catalog_save_recipe (DdCatalog          *catalog,
                        const char         *name,
                        DdRecipe           *recipe,
                        DdRecipeSaveFlags   flags,
                        GError            **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *json = NULL;
  sqlite3 *db;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (recipe != NULL, FALSE);

  if (!(trimmed = check_name (name, error)))
    return FALSE;
  json = dd_recipe_to_json (recipe);
  if (!begin (catalog, error))
    return FALSE;
  db = dd_catalog_get_db (catalog);
  id = find_recipe (db, trimmed);
  if (id < 0)
    return rollback (catalog, error, TRUE);
  if (id > 0 && (flags & DD_RECIPE_SAVE_CREATE_ONLY))
    {
      set_duplicate_error (error, trimmed);
      return rollback (catalog, error, FALSE);
    }
  if (id == 0 && (flags & DD_RECIPE_SAVE_UPDATE_ONLY))
    {
      set_unknown_error (error, trimmed);
      return rollback (catalog, error, FALSE);
    }
  if (id == 0)
    {
      if (!run (db, "INSERT INTO recipes (name, json, created, modified)"
                    " VALUES (?2, ?3, ?1, ?1)", now, trimmed, json, 0))
        return rollback (catalog, error, TRUE);
      id = sqlite3_last_insert_rowid (db);
    }
  else if (!run (db, "UPDATE recipes SET json = ?3, modified = ?4 WHERE id = ?1",
                 id, NULL, json, now))
    return rollback (catalog, error, TRUE);
  if (!run (db, "INSERT INTO recipe_history (recipe_id, json, saved_at) VALUES (?1, ?3, ?4)",
            id, NULL, json, now))
    return rollback (catalog, error, TRUE);
  return commit (catalog, error);
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
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(trimmed = check_name (name, error)))
    return NULL;
  dd_catalog_lock_metadata (catalog);
  db = dd_catalog_get_db (catalog);
  if (sqlite3_prepare_v2 (db, "SELECT json FROM recipes WHERE name = ?", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      dd_catalog_set_error_from_db (catalog, error, _("Cannot read the recipe"));
      dd_catalog_unlock (catalog);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    dd_catalog_set_error_from_db (catalog, error, _("Cannot read the recipe"));
  else
    set_unknown_error (error, trimmed);
  sqlite3_finalize (stmt);
  dd_catalog_unlock (catalog);
  if (rc != SQLITE_ROW)
    return NULL;
  return parse_stored (json, trimmed, error);
}

gboolean
dd_catalog_rename_recipe (DdCatalog   *catalog,
                          const char  *name,
                          const char  *new_name,
                          GError     **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  sqlite3 *db;
  gint64 id, other;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  if (!(from = check_name (name, error)) || !(to = check_name (new_name, error)))
    return FALSE;
  if (!begin (catalog, error))
    return FALSE;
  db = dd_catalog_get_db (catalog);
  if ((id = find_recipe (db, from)) < 0)
    return rollback (catalog, error, TRUE);
  if (id == 0)
    {
      set_unknown_error (error, from);
      return rollback (catalog, error, FALSE);
    }
  if ((other = find_recipe (db, to)) < 0)
    return rollback (catalog, error, TRUE);
  if (other == id)
    return commit (catalog, error);
  if (other > 0)
    {
      set_duplicate_error (error, to);
      return rollback (catalog, error, FALSE);
    }
  if (!run (db, "UPDATE recipes SET name = ?2, modified = ?4 WHERE id = ?1",
            id, to, NULL, g_get_real_time () / G_USEC_PER_SEC))
    return rollback (catalog, error, TRUE);
  return commit (catalog, error);
}

gboolean
dd_catalog_delete_recipe (DdCatalog   *catalog,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *trimmed = NULL;
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  if (!(trimmed = check_name (name, error)))
    return FALSE;
  if (!begin (catalog, error))
    return FALSE;
  db = dd_catalog_get_db (catalog);
  if ((id = find_recipe (db, trimmed)) < 0)
    return rollback (catalog, error, TRUE);
  if (id == 0)
    {
      set_unknown_error (error, trimmed);
      return rollback (catalog, error, FALSE);
    }
  if (!run (db, "DELETE FROM recipe_history WHERE recipe_id = ?1", id, NULL, NULL, 0) ||
      !run (db, "DELETE FROM recipes WHERE id = ?1", id, NULL, NULL, 0))
    return rollback (catalog, error, TRUE);
  return commit (catalog, error);
}

GPtrArray *
dd_catalog_list_recipes (DdCatalog  *catalog,
                         GError    **error)
{
  g_autoptr(GPtrArray) out = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_info_free);
  dd_catalog_lock_metadata (catalog);
  if (sqlite3_prepare_v2 (dd_catalog_get_db (catalog),
                          "SELECT r.id, r.name, r.created, r.modified,"
                          " (SELECT count(*) FROM recipe_history h WHERE h.recipe_id = r.id)"
                          " FROM recipes r ORDER BY r.name", -1, &stmt, NULL) != SQLITE_OK)
    {
      dd_catalog_set_error_from_db (catalog, error, _("Cannot read the recipes"));
      dd_catalog_unlock (catalog);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdRecipeInfo *info = g_new0 (DdRecipeInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->created = sqlite3_column_int64 (stmt, 2);
      info->modified = sqlite3_column_int64 (stmt, 3);
      info->n_saves = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (out, info);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dd_catalog_set_error_from_db (catalog, error, _("Cannot read the recipes"));
      dd_catalog_unlock (catalog);
      return NULL;
    }
  dd_catalog_unlock (catalog);
  return g_steal_pointer (&out);
}

GPtrArray *
dd_catalog_recipe_history (DdCatalog   *catalog,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GArray) times = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 id;
  int rc;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!(trimmed = check_name (name, error)))
    return NULL;
  texts = g_ptr_array_new_with_free_func (g_free);
  times = g_array_new (FALSE, FALSE, sizeof (gint64));
  dd_catalog_lock_metadata (catalog);
  db = dd_catalog_get_db (catalog);
  if ((id = find_recipe (db, trimmed)) <= 0)
    {
      if (id < 0)
        dd_catalog_set_error_from_db (catalog, error, _("Cannot read the recipe"));
      else
        set_unknown_error (error, trimmed);
      dd_catalog_unlock (catalog);
      return NULL;
    }
  if (sqlite3_prepare_v2 (db, "SELECT json, saved_at FROM recipe_history"
                              " WHERE recipe_id = ? ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      dd_catalog_set_error_from_db (catalog, error, _("Cannot read the recipe"));
      dd_catalog_unlock (catalog);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 saved_at = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_array_append_val (times, saved_at);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dd_catalog_set_error_from_db (catalog, error, _("Cannot read the recipe"));
      dd_catalog_unlock (catalog);
      return NULL;
    }
  dd_catalog_unlock (catalog);

  /* Parse outside the lock. */
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_revision_free);
  for (guint i = 0; i < texts->len; i++)
    {
      DdRecipeRevision *revision = g_new0 (DdRecipeRevision, 1);

      revision->saved_at = g_array_index (times, gint64, i);
      revision->recipe = parse_stored (g_ptr_array_index (texts, i), trimmed, error);
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

static void
run_op (DdCatalog           *catalog,
        OpData              *data,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (catalog, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, op_thread);
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
  OpData *data;

  g_return_if_fail (DD_IS_CATALOG (catalog));
  g_return_if_fail (recipe != NULL);

  data = g_new0 (OpData, 1);
  data->op = OP_SAVE;
  data->name = g_strdup (name);
  data->recipe = dd_recipe_ref (recipe);
  data->flags = flags;
  run_op (catalog, data, dd_catalog_save_recipe_async, cancellable, callback, user_data);
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
  OpData *data;

  g_return_if_fail (DD_IS_CATALOG (catalog));

  data = g_new0 (OpData, 1);
  data->op = OP_LOAD;
  data->name = g_strdup (name);
  run_op (catalog, data, dd_catalog_load_recipe_async, cancellable, callback, user_data);
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
  OpData *data;

  g_return_if_fail (DD_IS_CATALOG (catalog));

  data = g_new0 (OpData, 1);
  data->op = OP_RENAME;
  data->name = g_strdup (name);
  data->new_name = g_strdup (new_name);
  run_op (catalog, data, dd_catalog_rename_recipe_async, cancellable, callback, user_data);
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
  OpData *data;

  g_return_if_fail (DD_IS_CATALOG (catalog));

  data = g_new0 (OpData, 1);
  data->op = OP_DELETE;
  data->name = g_strdup (name);
  run_op (catalog, data, dd_catalog_delete_recipe_async, cancellable, callback, user_data);
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
  OpData *data;

  g_return_if_fail (DD_IS_CATALOG (catalog));

  data = g_new0 (OpData, 1);
  data->op = OP_LIST;
  run_op (catalog, data, dd_catalog_list_recipes_async, cancellable, callback, user_data);
}

GPtrArray *
dd_catalog_list_recipes_finish (DdCatalog     *catalog,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
