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

  return dd_catalog_writer_run (w, sql, N_("Cannot record a folder"), error, "ibll", source_id,
                                rel, mtime, (gint64) junk);
}

gboolean
dd_catalog_writer_forget_folder (DdCatalogWriter  *w,
                                 guint             source_id,
                                 const char       *rel,
                                 GError          **error)
{
  static const char sql[] = "DELETE FROM dirs WHERE source_id = ? AND rel = ?";

  return dd_catalog_writer_run (w, sql, N_("Cannot record a folder"), error, "ib", source_id, rel);
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

  return dd_catalog_writer_query (w, sql, 0, "i", source_id);
}

guint
dd_catalog_writer_count_annotation_files (DdCatalogWriter *w,
                                          guint            source_id)
{
  static const char sql[] = "SELECT count(*) FROM files WHERE source_id = ?";

  return dd_catalog_writer_query (w, sql, 0, "i", source_id);
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

  return dd_catalog_writer_run (w, sql, N_("Cannot record an annotation file"), error, "ibll",
                                source_id, rel, mtime, size);
}

gboolean
dd_catalog_writer_clear_scan_findings (DdCatalogWriter  *w,
                                       guint             source_id,
                                       GError          **error)
{
  static const char orphans[] = "DELETE FROM orphan_annotations WHERE source_id = ?";
  static const char problems[] = "DELETE FROM scan_problems WHERE source_id = ?";
  const char *what = N_("Cannot update the catalog");

  return dd_catalog_writer_run (w, orphans, what, error, "i", source_id) &&
         dd_catalog_writer_run (w, problems, what, error, "i", source_id);
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

  return dd_catalog_writer_run (w, sql, N_("Cannot record scan problems"), error, "ittt",
                                source_id, file, wnid, detail);
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

  return dd_catalog_writer_run (w, sql, N_("Cannot record scan problems"), error, "itt",
                                source_id, path, problem);
}
