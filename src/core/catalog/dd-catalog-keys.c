/* Sample keys: made from raw relative paths, hashed for sampling, looked up. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-db.h"

guint32
dd_catalog_key_hash (const char *key)
{
  guint32 h = 2166136261u;

  for (const guchar *p = (const guchar *) key; *p; p++)
    {
      h ^= *p;
      h *= 16777619u;
    }
  return h;
}

gboolean
dd_catalog_make_key (const char  *raw,
                     gsize        len,
                     char       **out_key)
{
  GString *key;
  const char *p = raw;
  const char *end = raw + len;

  if (g_utf8_validate (raw, len, NULL))
    {
      *out_key = g_strndup (raw, len);
      return TRUE;
    }

  key = g_string_sized_new (len + 16);
  while (p < end)
    {
      const char *valid_end;

      if (g_utf8_validate (p, end - p, &valid_end))
        {
          g_string_append_len (key, p, end - p);
          break;
        }
      g_string_append_len (key, p, valid_end - p);
      g_string_append_printf (key, "\\x%02X", (guchar) *valid_end);
      p = valid_end + 1;
    }
  *out_key = g_string_free (key, FALSE);
  return FALSE;
}

gint64
dd_catalog_lookup_key (DdCatalog   *self,
                       const char  *key,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_autofree char *match = dd_catalog_key_match_sql (self, "samples");
  g_autofree char *sql = g_strconcat ("SELECT id FROM samples WHERE ", match, NULL);

  g_mutex_lock (&self->read_lock);
  if (sqlite3_prepare_v2 (self->read_db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      dd_catalog_sqlite_error (self->read_db, sqlite3_extended_errcode (self->read_db),
                             self->path, error, _("Cannot read the catalog"));
      g_mutex_unlock (&self->read_lock);
      return 0;
    }
  dd_catalog_bind_key (stmt, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return id;
}

gboolean
dd_catalog_lookup_keys (DdCatalog           *self,
                        const char * const  *keys,
                        guint                n_keys,
                        gint64              *out_ids,
                        GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_OK;
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (n_keys == 0 || (keys != NULL && out_ids != NULL), FALSE);

  if (n_keys == 0)
    return TRUE;
  match = dd_catalog_key_match_sql (self, "samples");
  sql = g_strconcat ("SELECT id FROM samples WHERE ", match, NULL);
  g_mutex_lock (&self->read_lock);
  if (sqlite3_prepare_v2 (self->read_db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_exec (self->read_db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < n_keys; i++)
    {
      dd_catalog_bind_key (stmt, keys[i]);
      rc = sqlite3_step (stmt);
      out_ids[i] = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        break;
    }
  sqlite3_exec (self->read_db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto fail;
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return TRUE;

fail:
  dd_catalog_sqlite_error (self->read_db, sqlite3_extended_errcode (self->read_db),
                         self->path, error, _("Cannot read the catalog"));
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->read_lock);
  return FALSE;
}
