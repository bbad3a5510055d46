/* The recipes table and its history: rows written through DdCatalogWriter, read on
 * the write connection under the lock so a read follows the last save. What a recipe
 * is, and the rules for names, live in src/core/recipe/dd-recipe-store.c. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-db.h"

void
dd_recipe_info_free (DdRecipeInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info);
}

void
dd_recipe_text_free (DdRecipeText *text)
{
  if (text == NULL)
    return;
  g_free (text->json);
  g_free (text);
}

/* ---- writing --------------------------------------------------------------------- */

gint64
dd_catalog_writer_find_recipe (DdCatalogWriter  *w,
                               const char       *name,
                               GError          **error)
{
  static const char sql[] = "SELECT id FROM recipes WHERE name = ?";

  return dd_catalog_writer_lookup_id (w, sql, N_("Cannot save the recipe"), name, error);
}

gint64
dd_catalog_writer_add_recipe (DdCatalogWriter  *w,
                              const char       *name,
                              const char       *json,
                              gint64            now,
                              GError          **error)
{
  static const char sql[] = "INSERT INTO recipes (name, json, created, modified)"
                            " VALUES (?, ?, ?, ?)";

  if (!dd_catalog_writer_run (w, sql, N_("Cannot save the recipe"), error, "ttll", name, json,
                              now, now))
    return 0;
  return sqlite3_last_insert_rowid (w->db);
}

gboolean
dd_catalog_writer_update_recipe (DdCatalogWriter  *w,
                                 gint64            id,
                                 const char       *name,
                                 const char       *json,
                                 gint64            now,
                                 GError          **error)
{
  static const char sql[] = "UPDATE recipes SET name = coalesce (?, name),"
                            " json = coalesce (?, json), modified = ? WHERE id = ?";

  return dd_catalog_writer_run (w, sql, N_("Cannot save the recipe"), error, "ttll", name, json,
                                now, id);
}

gboolean
dd_catalog_writer_delete_recipe (DdCatalogWriter  *w,
                                 gint64            id,
                                 GError          **error)
{
  static const char history[] = "DELETE FROM recipe_history WHERE recipe_id = ?";
  static const char recipe[] = "DELETE FROM recipes WHERE id = ?";
  const char *what = N_("Cannot save the recipe");

  return dd_catalog_writer_run (w, history, what, error, "l", id) &&
         dd_catalog_writer_run (w, recipe, what, error, "l", id);
}

gboolean
dd_catalog_writer_add_revision (DdCatalogWriter  *w,
                                gint64            id,
                                const char       *json,
                                gint64            now,
                                GError          **error)
{
  static const char sql[] = "INSERT INTO recipe_history (recipe_id, json, saved_at)"
                            " VALUES (?, ?, ?)";

  return dd_catalog_writer_run (w, sql, N_("Cannot save the recipe"), error, "ltl", id, json, now);
}

/* ---- reading --------------------------------------------------------------------- */

/* The write connection under the write lock (a reader of recipes never changes the
 * samples: the stored snapshot stays). */
static sqlite3 *
lock_for_reading (DdCatalog *self)
{
  dd_catalog_lock_write (self, FALSE);
  return self->db;
}

static void
read_failed (DdCatalog   *self,
             GError     **error,
             const char  *what)
{
  dd_catalog_sqlite_error (self->db, sqlite3_extended_errcode (self->db), self->path, error,
                           what);
}

char *
dd_catalog_read_recipe (DdCatalog   *self,
                        const char  *name,
                        gboolean    *out_found,
                        GError     **error)
{
  sqlite3 *db = lock_for_reading (self);
  sqlite3_stmt *stmt = NULL;
  char *json = NULL;
  int rc = SQLITE_ERROR;

  *out_found = FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT json FROM recipes WHERE name = ?", -1, &stmt, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          *out_found = TRUE;
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    read_failed (self, error, _("Cannot read the recipe"));
  sqlite3_finalize (stmt);
  dd_catalog_unlock_write (self);
  return json;
}

GPtrArray *
dd_catalog_read_recipe_infos (DdCatalog  *self,
                              GError    **error)
{
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_info_free);
  sqlite3 *db = lock_for_reading (self);
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  if (sqlite3_prepare_v2 (db, "SELECT r.id, r.name, r.created, r.modified,"
                              " (SELECT count(*) FROM recipe_history h WHERE h.recipe_id = r.id)"
                              " FROM recipes r ORDER BY r.name", -1, &stmt, NULL) == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        DdRecipeInfo *info = g_new0 (DdRecipeInfo, 1);

        info->id = sqlite3_column_int64 (stmt, 0);
        info->name = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 1), -1);
        info->created = sqlite3_column_int64 (stmt, 2);
        info->modified = sqlite3_column_int64 (stmt, 3);
        info->n_saves = sqlite3_column_int (stmt, 4);
        g_ptr_array_add (out, info);
      }
  if (rc != SQLITE_DONE)
    read_failed (self, error, _("Cannot read the recipes"));
  sqlite3_finalize (stmt);
  dd_catalog_unlock_write (self);
  return rc == SQLITE_DONE ? g_steal_pointer (&out) : NULL;
}

GPtrArray *
dd_catalog_read_recipe_history (DdCatalog   *self,
                                const char  *name,
                                gboolean    *out_found,
                                GError     **error)
{
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_text_free);
  sqlite3 *db = lock_for_reading (self);
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  *out_found = FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT h.json, h.saved_at, r.id FROM recipes r"
                              " LEFT JOIN recipe_history h ON h.recipe_id = r.id"
                              " WHERE r.name = ? ORDER BY h.id", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DdRecipeText *text;

          *out_found = TRUE;
          if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
            continue;   /* a recipe without history rows */
          text = g_new0 (DdRecipeText, 1);
          text->json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          text->saved_at = sqlite3_column_int64 (stmt, 1);
          g_ptr_array_add (out, text);
        }
    }
  if (rc != SQLITE_DONE)
    read_failed (self, error, _("Cannot read the recipe"));
  sqlite3_finalize (stmt);
  dd_catalog_unlock_write (self);
  if (rc != SQLITE_DONE || !*out_found)
    return NULL;
  return g_steal_pointer (&out);
}
