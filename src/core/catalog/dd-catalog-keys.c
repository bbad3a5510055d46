/* Sample keys: made from raw relative paths, hashed for sampling, looked up. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog-db.h"

guint32
dd_catalog_key_hash_more (guint32     hash,
                          const char *more)
{
  for (const guchar *p = (const guchar *) more; *p; p++)
    {
      hash ^= *p;
      hash *= 16777619u;
    }
  return hash;
}

guint32
dd_catalog_key_hash (const char *key)
{
  return dd_catalog_key_hash_more (2166136261u, key);   /* FNV-1a */
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
  gint64 id = 0;

  return dd_catalog_lookup_keys (self, &key, 1, &id, error) ? id : 0;
}

/* The last folder a batch of keys looked up, kept: keys come folder by folder. */
typedef struct {
  char   *path;
  gint64  id;     /* 0: no such folder */
} LastFolder;

/* Steps @stmt for @key (a catalog of version 6 on): its folder's id through
 * @folder_stmt (or @last), then the keys' index by folder and hash, the name compared;
 * *@out_id 0 when there is none. An SQLite result code. */
static int
step_key_by_folder (sqlite3_stmt *folder_stmt,
                    sqlite3_stmt *stmt,
                    const char   *key,
                    LastFolder   *last,
                    gint64       *out_id)
{
  gsize len = dd_catalog_key_folder_len (key);
  int rc = SQLITE_DONE;

  *out_id = 0;
  if (last->path == NULL || strlen (last->path) != len || memcmp (last->path, key, len) != 0)
    {
      g_free (last->path);
      last->path = g_strndup (key, len);
      sqlite3_bind_text (folder_stmt, 1, key, (int) len, SQLITE_STATIC);
      rc = sqlite3_step (folder_stmt);
      last->id = rc == SQLITE_ROW ? sqlite3_column_int64 (folder_stmt, 0) : 0;
      sqlite3_reset (folder_stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          g_clear_pointer (&last->path, g_free);
          return rc;
        }
    }
  if (last->id == 0)
    return SQLITE_DONE;
  sqlite3_bind_int64 (stmt, 1, last->id);
  sqlite3_bind_int64 (stmt, 2, dd_catalog_key_hash (key));
  sqlite3_bind_text (stmt, 3, key + len, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc;
}

gboolean
dd_catalog_lookup_keys (DdCatalog           *self,
                        const char * const  *keys,
                        guint                n_keys,
                        gint64              *out_ids,
                        GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *folder_stmt = NULL;
  LastFolder last = { NULL, 0 };
  int rc = SQLITE_OK;
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (n_keys == 0 || (keys != NULL && out_ids != NULL), FALSE);

  if (n_keys == 0)
    return TRUE;
  if (self->folders)
    sql = g_strdup ("SELECT id FROM samples WHERE folder_id = ?1 AND keyhash = ?2"
                    " AND name = ?3");
  else
    {
      match = dd_catalog_key_match_sql (self, "samples");
      sql = g_strconcat ("SELECT id FROM samples WHERE ", match, NULL);
    }
  g_mutex_lock (&self->read_lock);
  if (sqlite3_prepare_v2 (self->read_db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      (self->folders &&
       sqlite3_prepare_v2 (self->read_db, "SELECT id FROM folders WHERE path = ?", -1,
                           &folder_stmt, NULL) != SQLITE_OK))
    goto fail;
  sqlite3_exec (self->read_db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < n_keys; i++)
    {
      if (folder_stmt)
        rc = step_key_by_folder (folder_stmt, stmt, keys[i], &last, &out_ids[i]);
      else
        {
          dd_catalog_bind_key (stmt, keys[i]);
          rc = sqlite3_step (stmt);
          out_ids[i] = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
          sqlite3_reset (stmt);
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        break;
    }
  sqlite3_exec (self->read_db, "COMMIT", NULL, NULL, NULL);
  g_free (last.path);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto fail;
  sqlite3_finalize (stmt);
  sqlite3_finalize (folder_stmt);
  g_mutex_unlock (&self->read_lock);
  return TRUE;

fail:
  dd_catalog_sqlite_error (self->read_db, sqlite3_extended_errcode (self->read_db),
                         self->path, error, _("Cannot read the catalog"));
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&folder_stmt, sqlite3_finalize);
  g_mutex_unlock (&self->read_lock);
  return FALSE;
}
