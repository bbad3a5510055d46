/* DdCatalogWriter's vocabulary rows: splits and corruptions by name (ids up to 255),
 * classes, and the rows no sample needs any more. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-db.h"

/* The id of the row named @name, inserted (with @extra as ?2) when absent. */
static guint
ensure_named (DdCatalogWriter  *w,
              const char       *select_sql,
              const char       *insert_sql,
              const char       *name,
              const char       *extra,
              GError          **error)
{
  gint64 id = dd_catalog_writer_query (w, select_sql, -1, "t", name);

  if (id >= 0)
    return id;
  if (!dd_catalog_writer_run (w, insert_sql, N_("Cannot update the catalog"), error,
                              extra ? "tt" : "t", name, extra))
    return G_MAXUINT;
  id = sqlite3_last_insert_rowid (w->db);
  if (id > 255)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                   _("Too many distinct values (“%s” would be number %u; at most 255)"),
                   name, (guint) id);
      return G_MAXUINT;
    }
  return id;
}

guint
dd_catalog_writer_ensure_split (DdCatalogWriter  *w,
                                const char       *name,
                                GError          **error)
{
  static const char select_sql[] = "SELECT id FROM splits WHERE name = ?";
  static const char insert_sql[] = "INSERT INTO splits (id, name) VALUES"
                                   " ((SELECT coalesce(max(id), 0) + 1 FROM splits), ?)";

  return ensure_named (w, select_sql, insert_sql, name, NULL, error);
}

guint
dd_catalog_writer_ensure_corruption (DdCatalogWriter  *w,
                                     const char       *name,
                                     GError          **error)
{
  static const char select_sql[] = "SELECT id FROM corruptions WHERE name = ?";
  static const char insert_sql[] = "INSERT INTO corruptions (id, name, family) VALUES"
                                   " ((SELECT coalesce(max(id), 0) + 1 FROM corruptions), ?1, ?2)";

  return ensure_named (w, select_sql, insert_sql, name, dd_corruption_family_of (name), error);
}

gboolean
dd_catalog_writer_has_split (DdCatalogWriter *w,
                             const char      *name)
{
  static const char sql[] = "SELECT 1 FROM splits WHERE name = ?";

  return dd_catalog_writer_query (w, sql, 0, "t", name) == 1;
}

gboolean
dd_catalog_writer_delete_split (DdCatalogWriter  *w,
                                guint             split_id,
                                GError          **error)
{
  static const char sql[] = "DELETE FROM splits WHERE id = ?";

  return dd_catalog_writer_run (w, sql, N_("Cannot update the catalog"), error, "i", split_id);
}

gboolean
dd_catalog_writer_prune (DdCatalogWriter  *w,
                         GError          **error)
{
  return dd_catalog_exec_sql (w->db, w->catalog->path,
                              "DELETE FROM annotations WHERE sample_id NOT IN"
                              " (SELECT id FROM samples);"
                              "DELETE FROM splits WHERE id NOT IN"
                              " (SELECT DISTINCT split_id FROM samples);", error);
}

DdClassInfo *
dd_catalog_writer_get_class (DdCatalogWriter *w,
                             const char      *wnid)
{
  static const char sql[] = "SELECT id, wnid, name, names, parent_wnid, parent_name,"
                            " name_source, in_wnids FROM classes WHERE wnid = ?";
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, NULL, NULL);
  DdClassInfo *info = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, wnid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    info = dd_class_info_from_row (stmt);
  sqlite3_reset (stmt);
  return info;
}

/* Binds ?1 … ?7 of a class statement: wnid, name, names, parent, parent's name,
 * name source, in_wnids. */
static void
bind_class (sqlite3_stmt      *stmt,
            const DdClassInfo *info)
{
  sqlite3_bind_text (stmt, 1, info->wnid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, info->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, info->names, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, info->parent_wnid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, info->parent_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, info->name_source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, info->in_wnids);
}

guint
dd_catalog_writer_add_class (DdCatalogWriter    *w,
                             const DdClassInfo  *info,
                             GError            **error)
{
  static const char sql[] = "INSERT INTO classes (wnid, name, names, parent_wnid, parent_name,"
                            " name_source, in_wnids) VALUES (?, ?, ?, ?, ?, ?, ?)";
  const char *what = N_("Cannot record a class");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  if (stmt == NULL)
    return 0;
  bind_class (stmt, info);
  if (!dd_catalog_writer_step (w, stmt, what, error))
    return 0;
  return sqlite3_last_insert_rowid (w->db);
}

gboolean
dd_catalog_writer_update_class (DdCatalogWriter    *w,
                                const DdClassInfo  *info,
                                GError            **error)
{
  static const char sql[] = "UPDATE classes SET name = coalesce (?2, name),"
                            " names = coalesce (?3, names), parent_wnid = ?4, parent_name = ?5,"
                            " name_source = ?6, in_wnids = ?7 WHERE wnid = ?1";
  const char *what = N_("Cannot record a class");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  if (stmt == NULL)
    return FALSE;
  bind_class (stmt, info);
  return dd_catalog_writer_step (w, stmt, what, error);
}
