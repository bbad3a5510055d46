/* What the scanner remembers between runs, written through DdCatalogWriter: folders
 * as listed, annotation files as read, orphan annotations and scan problems. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-catalog-db.h"

gboolean
dd_catalog_writer_record_folder (DdCatalogWriter  *w,
                                 guint             source_id,
                                 const char       *rel,
                                 gint64            mtime,
                                 guint64           junk,
                                 GError          **error)
{
  static const char sql[] = "INSERT OR REPLACE INTO dirs (source_id, rel, mtime, junk)"
                            " VALUES (?, ?, ?, ?)";
  const char *what = _("Cannot record a folder");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, source_id);
  sqlite3_bind_blob (stmt, 2, rel, strlen (rel), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, mtime);
  sqlite3_bind_int64 (stmt, 4, junk);
  return dd_catalog_writer_step (w, stmt, what, error);
}

gboolean
dd_catalog_writer_forget_folder (DdCatalogWriter  *w,
                                 guint             source_id,
                                 const char       *rel,
                                 GError          **error)
{
  static const char sql[] = "DELETE FROM dirs WHERE source_id = ? AND rel = ?";
  const char *what = _("Cannot record a folder");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, source_id);
  sqlite3_bind_blob (stmt, 2, rel, strlen (rel), SQLITE_STATIC);
  return dd_catalog_writer_step (w, stmt, what, error);
}

void
dd_catalog_writer_foreach_folder (DdCatalogWriter *w,
                                  guint            source_id,
                                  DdFolderFunc     func,
                                  gpointer         user_data)
{
  static const char sql[] = "SELECT rel, mtime FROM dirs WHERE source_id = ? ORDER BY rel";
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, NULL, NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int (stmt, 1, source_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *blob = sqlite3_column_blob (stmt, 0);
      g_autofree char *rel = blob ? g_strndup (blob, sqlite3_column_bytes (stmt, 0))
                                  : g_strdup ("");

      func (rel, sqlite3_column_int64 (stmt, 1), user_data);
    }
  sqlite3_reset (stmt);
}

guint64
dd_catalog_writer_sum_folder_junk (DdCatalogWriter *w,
                                   guint            source_id)
{
  static const char sql[] = "SELECT coalesce (sum (junk), 0) FROM dirs WHERE source_id = ?";
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, NULL, NULL);
  guint64 junk = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, source_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    junk = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return junk;
}

guint
dd_catalog_writer_count_annotation_files (DdCatalogWriter *w,
                                          guint            source_id)
{
  static const char sql[] = "SELECT count(*) FROM files WHERE source_id = ?";
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, NULL, NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, source_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gboolean
dd_catalog_writer_get_annotation_file (DdCatalogWriter *w,
                                       guint            source_id,
                                       const char      *rel,
                                       gint64          *out_mtime,
                                       gint64          *out_size)
{
  static const char sql[] = "SELECT mtime, size FROM files WHERE source_id = ? AND rel = ?";
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, NULL, NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, source_id);
  sqlite3_bind_blob (stmt, 2, rel, strlen (rel), SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out_mtime = sqlite3_column_int64 (stmt, 0);
      *out_size = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
dd_catalog_writer_record_annotation_file (DdCatalogWriter  *w,
                                          guint             source_id,
                                          const char       *rel,
                                          gint64            mtime,
                                          gint64            size,
                                          GError          **error)
{
  static const char sql[] = "INSERT OR REPLACE INTO files (source_id, rel, mtime, size)"
                            " VALUES (?, ?, ?, ?)";
  const char *what = _("Cannot record an annotation file");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, source_id);
  sqlite3_bind_blob (stmt, 2, rel, strlen (rel), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, mtime);
  sqlite3_bind_int64 (stmt, 4, size);
  return dd_catalog_writer_step (w, stmt, what, error);
}

gboolean
dd_catalog_writer_clear_scan_findings (DdCatalogWriter  *w,
                                       guint             source_id,
                                       GError          **error)
{
  static const char orphans[] = "DELETE FROM orphan_annotations WHERE source_id = ?";
  static const char problems[] = "DELETE FROM scan_problems WHERE source_id = ?";
  const char *what = _("Cannot update the catalog");
  const char *sqls[] = { orphans, problems };

  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sqls[i], what, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, source_id);
      if (!dd_catalog_writer_step (w, stmt, what, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
dd_catalog_writer_add_orphan (DdCatalogWriter  *w,
                              guint             source_id,
                              const char       *file,
                              const char       *wnid,
                              const char       *detail,
                              GError          **error)
{
  static const char sql[] = "INSERT INTO orphan_annotations (source_id, file, wnid, detail)"
                            " VALUES (?, ?, ?, ?)";
  const char *what = _("Cannot record scan problems");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, wnid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, detail, -1, SQLITE_TRANSIENT);
  return dd_catalog_writer_step (w, stmt, what, error);
}

gboolean
dd_catalog_writer_add_scan_problem (DdCatalogWriter  *w,
                                    guint             source_id,
                                    const char       *path,
                                    const char       *problem,
                                    GError          **error)
{
  static const char sql[] = "INSERT INTO scan_problems (source_id, path, problem)"
                            " VALUES (?, ?, ?)";
  const char *what = _("Cannot record scan problems");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, problem, -1, SQLITE_TRANSIENT);
  return dd_catalog_writer_step (w, stmt, what, error);
}
