/* The catalog's errors: one line naming the file and what failed. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-db.h"

void
dd_catalog_sqlite_error (sqlite3     *db,
                         int          rc,
                         const char  *path,
                         GError     **error,
                         const char  *what)
{
  int code = DD_CATALOG_ERROR_IO;
  const char *msg = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      code = DD_CATALOG_ERROR_NOT_A_CATALOG;
      g_set_error (error, DD_CATALOG_ERROR, code,
                   _("“%s” is not a DataDive catalog"), path);
      return;
    case SQLITE_FULL:
      g_set_error (error, DD_CATALOG_ERROR, code,
                   _("%s: the disk holding “%s” is full"), what, path);
      return;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, DD_CATALOG_ERROR, code,
                   _("%s: cannot write “%s” (%s)"), what, path, msg);
      return;
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      return;
    case SQLITE_CORRUPT:
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_DAMAGED,
                   _("“%s” is damaged: %s"), path, msg);
      return;
    default:
      g_set_error (error, DD_CATALOG_ERROR, code, "%s: %s (%s)", what, msg, path);
      return;
    }
}

void
dd_catalog_set_damaged (GError     **error,
                        const char  *path,
                        const char  *format,
                        ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_DAMAGED,
               _("“%s” is damaged: %s"), path, what);
}

/* A statement over the catalog's tables failed: a missing table or column means the
 * file is no longer a catalog we can read, anything else is the disk's or SQLite's. */
void
dd_catalog_set_read_error (sqlite3     *db,
                           const char  *path,
                           GError     **error)
{
  int rc = sqlite3_extended_errcode (db);

  if ((rc & 0xff) == SQLITE_ERROR)
    dd_catalog_set_damaged (error, path, "%s", sqlite3_errmsg (db));
  else
    dd_catalog_sqlite_error (db, rc, path, error, _("Cannot read the catalog"));
}

gboolean
dd_catalog_exec_sql (sqlite3     *db,
                     const char  *path,
                     const char  *sql,
                     GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);

  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    {
      dd_catalog_sqlite_error (db, sqlite3_extended_errcode (db), path, error,
                             _("Cannot update the catalog"));
      return FALSE;
    }
  return TRUE;
}
