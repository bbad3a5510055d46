/* DdCatalogWriter: one write transaction with typed operations — the transaction, its
 * statements and sources. Samples, vocabulary rows, scan state, health and recipes
 * have their own files. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-catalog-db.h"

/* ---- the transaction ------------------------------------------------------------ */

static gboolean drop_key_index (DdCatalogWriter *w, GError **error);

DdCatalogWriter *
dd_catalog_writer_begin (DdCatalog            *catalog,
                         DdCatalogWriteFlags   flags,
                         GError              **error)
{
  DdCatalogWriter *w;
  gboolean samples = (flags & DD_CATALOG_WRITE_METADATA) == 0;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (catalog->readonly)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_READ_ONLY,
                   _("“%s” is open read-only"), catalog->path);
      return NULL;
    }
  dd_catalog_lock_write (catalog, samples);
  /* what a writer before assembled is not the table's once this one may change it (its
   * reload would otherwise not count the rows: the connection is the same) */
  g_clear_pointer (&catalog->built, dd_snapshot_builder_free);
  catalog->built_stored = FALSE;
  w = g_new0 (DdCatalogWriter, 1);
  w->catalog = g_object_ref (catalog);
  w->db = catalog->db;
  w->flags = flags;
  w->statements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sqlite3_finalize);
  w->empty_at_begin = dd_catalog_get_n_samples (catalog) == 0;
  /* The whole catalog of a big dataset fits: no page is written out and read back
   * during the transaction. A new scratch file writes a page out once, straight into
   * the file (no journal keeps its copy), and its inserts append: a smaller cache
   * does, and leaves room for sorting the keys' index at 5 M samples. */
  if (flags & DD_CATALOG_WRITE_BULK)
    sqlite3_exec (w->db, catalog->scratch ? "PRAGMA cache_size=-131072"
                                          : "PRAGMA cache_size=-524288", NULL, NULL, NULL);
  if (!dd_catalog_exec_sql (w->db, catalog->path, "BEGIN IMMEDIATE", error))
    {
      g_clear_pointer (&w->statements, g_hash_table_unref);
      dd_catalog_writer_rollback (w);
      return NULL;
    }
  if ((flags & DD_CATALOG_WRITE_BULK) && w->empty_at_begin && !drop_key_index (w, error))
    {
      dd_catalog_writer_rollback (w);
      return NULL;
    }
  return w;
}

/* A bulk write into an empty catalog (its first index) builds the unique index of
 * the keys once after its inserts instead of growing it by every row: the index goes
 * here and comes back (checking that every key is unique) before a look-up by key
 * and at the commit. Catalogs made before the index had a name keep their UNIQUE
 * column constraint. */
static gboolean
drop_key_index (DdCatalogWriter  *w,
                GError          **error)
{
  static const char has_index[] = "SELECT count(*) FROM sqlite_master"
                                  " WHERE type = 'index' AND name = 'samples_by_key'";
  static const char empty[] = "SELECT NOT EXISTS (SELECT 1 FROM samples)";

  if (dd_catalog_writer_query (w, has_index, 0, "") != 1 ||
      dd_catalog_writer_query (w, empty, 0, "") != 1)
    return TRUE;
  if (!dd_catalog_exec_sql (w->db, w->catalog->path, "DROP INDEX samples_by_key", error))
    return FALSE;
  w->key_index_dropped = TRUE;
  w->inserted = g_hash_table_new (NULL, NULL);
  w->counting = G_MAXUINT;
  return TRUE;
}

void
dd_catalog_writer_flush_counted (DdCatalogWriter *w)
{
  if (w->counting != G_MAXUINT)
    g_hash_table_insert (w->inserted, GUINT_TO_POINTER (w->counting),
                         GSIZE_TO_POINTER ((gsize) w->counted));
  w->counting = G_MAXUINT;
  w->counted = 0;
}

gboolean
dd_catalog_writer_need_key_index (DdCatalogWriter  *w,
                                  GError          **error)
{
  static const char sql[] = "CREATE INDEX samples_by_key ON samples (folder_id, keyhash)";

  if (!w->key_index_dropped)
    return TRUE;
  w->key_index_dropped = FALSE;
  g_clear_pointer (&w->inserted, g_hash_table_unref);
  if (sqlite3_exec (w->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return dd_catalog_writer_fail (w, error, N_("Cannot record a sample"));
  return TRUE;
}

static void
writer_free (DdCatalogWriter *w)
{
  g_clear_pointer (&w->statements, g_hash_table_unref);
  if (w->flags & DD_CATALOG_WRITE_BULK)
    sqlite3_exec (w->db, "PRAGMA cache_size=-65536", NULL, NULL, NULL);
  dd_catalog_unlock_write (w->catalog);
  g_clear_pointer (&w->built, dd_snapshot_builder_free);
  g_clear_pointer (&w->inserted, g_hash_table_unref);
  g_clear_pointer (&w->folders, g_hash_table_unref);
  g_clear_pointer (&w->escaped, g_hash_table_unref);
  g_clear_pointer (&w->names, g_hash_table_unref);
  g_free (w->last_folder);
  g_object_unref (w->catalog);
  g_free (w);
}

void
dd_catalog_writer_rollback (DdCatalogWriter *w)
{
  if (w == NULL)
    return;
  /* Finalized first: a statement still running would keep the transaction open. */
  g_clear_pointer (&w->statements, g_hash_table_unref);
  if (!sqlite3_get_autocommit (w->db))
    sqlite3_exec (w->db, "ROLLBACK", NULL, NULL, NULL);
  /* The rollback brought back a stored snapshot this transaction dropped: it is the
   * snapshot of these rows, but the catalog already counts it as gone. */
  if (w->dropped)
    sqlite3_exec (w->db, "DELETE FROM snapshot_cache", NULL, NULL, NULL);
  writer_free (w);
}

/* The snapshot of the rows inserted, stored in the transaction; FALSE when it could
 * not be (the reload stores it then, as for any other change). */
static gboolean
store_built (DdCatalogWriter *w)
{
  static const char sql[] = "INSERT OR REPLACE INTO snapshot_cache (id, data) VALUES (1, ?)";
  g_autoptr(GBytes) bytes = dd_snapshot_to_bytes (w->built->s);
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, NULL, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                     SQLITE_STATIC);
  /* a failure (a full disk) is the commit's to meet again */
  return dd_catalog_writer_step (w, stmt, NULL, NULL);
}

gboolean
dd_catalog_writer_commit (DdCatalogWriter  *w,
                          GError          **error)
{
  DdCatalog *catalog;
  gboolean stored = FALSE;
  gboolean scratch, keep;
  gint64 version = -1;

  g_return_val_if_fail (w != NULL, FALSE);

  catalog = w->catalog;
  scratch = catalog->scratch;
  /* Every sample there is was inserted here, in id order: the next reload takes the
   * snapshot these rows make instead of reading them back, and it is stored for the
   * next open with them (a new catalog's pages are then written once, not again
   * through the WAL after the commit). */
  keep = w->built && !w->rows_changed;
  if (keep && w->built->ordered)
    {
      dd_snapshot_builder_trim (w->built);
      stored = store_built (w);
    }
  g_clear_pointer (&w->statements, g_hash_table_unref);
  /* in the transaction, when no other connection can commit: the reload knows from it
   * that nobody wrote after this writer (and need not count the rows). A scratch file
   * (no other process knows of it before it is renamed into place) after its switch to
   * the WAL, which moves the number. */
  if (keep && !scratch)
    version = dd_catalog_data_version (w->db);
  if (!dd_catalog_writer_need_key_index (w, error) ||
      !dd_catalog_exec_sql (w->db, catalog->path, "COMMIT", error))
    {
      dd_catalog_writer_rollback (w);
      return FALSE;
    }
  dd_catalog_end_scratch (catalog);
  if (keep && scratch)
    version = dd_catalog_data_version (w->db);
  /* on disk with the rows: the next writer drops it */
  if (stored)
    catalog->cache_on_disk = TRUE;
  if (keep)
    {
      g_clear_pointer (&catalog->built, dd_snapshot_builder_free);
      catalog->built = g_steal_pointer (&w->built);
      catalog->built_stored = stored;
      catalog->built_version = version;
    }
  writer_free (w);
  return TRUE;
}

DdCatalog *
dd_catalog_writer_get_catalog (DdCatalogWriter *w)
{
  return w->catalog;
}

void
dd_catalog_writer_samples_changed (DdCatalogWriter *w)
{
  if (w->catalog->cache_on_disk)
    w->dropped = TRUE;
  dd_catalog_drop_stored (w->catalog);
}

void
dd_catalog_writer_touch_rows (DdCatalogWriter *w)
{
  w->rows_changed = TRUE;
  g_clear_pointer (&w->built, dd_snapshot_builder_free);
}

gboolean
dd_catalog_writer_fail (DdCatalogWriter  *w,
                        GError          **error,
                        const char       *what)
{
  /* @what comes untranslated (N_): a sample's insert would otherwise look its message
   * up 870,000 times for the one error it may never set */
  if (error == NULL)
    return FALSE;
  dd_catalog_sqlite_error (w->db, sqlite3_extended_errcode (w->db), w->catalog->path, error,
                           _(what));
  return FALSE;
}

sqlite3_stmt *
dd_catalog_writer_statement (DdCatalogWriter  *w,
                             const char       *sql,
                             const char       *what,
                             GError          **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (w->statements, sql);

  if (stmt)
    {
      sqlite3_reset (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      dd_catalog_writer_fail (w, error, what);
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (w->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
dd_catalog_writer_step (DdCatalogWriter  *w,
                        sqlite3_stmt     *stmt,
                        const char       *what,
                        GError          **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;

  if (!ok)
    dd_catalog_writer_fail (w, error, what);
  sqlite3_reset (stmt);
  return ok;
}

static void
bind_args (sqlite3_stmt *stmt,
           const char   *types,
           va_list       args)
{
  for (int i = 0; types[i]; i++)
    {
      const char *text;

      switch (types[i])
        {
        case 'i':
          sqlite3_bind_int (stmt, i + 1, va_arg (args, int));
          break;
        case 'l':
          sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;
        case 't':
          sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
          break;
        case 'b':
          text = va_arg (args, const char *);
          sqlite3_bind_blob (stmt, i + 1, text, strlen (text), SQLITE_TRANSIENT);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

gboolean
dd_catalog_writer_run (DdCatalogWriter  *w,
                       const char       *sql,
                       const char       *what,
                       GError          **error,
                       const char       *types,
                       ...)
{
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;
  va_start (args, types);
  bind_args (stmt, types, args);
  va_end (args);
  return dd_catalog_writer_step (w, stmt, what, error);
}

gint64
dd_catalog_writer_query (DdCatalogWriter *w,
                         const char      *sql,
                         gint64           absent,
                         const char      *types,
                         ...)
{
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, NULL, NULL);
  gint64 value = absent;
  va_list args;

  if (stmt == NULL)
    return absent;
  va_start (args, types);
  bind_args (stmt, types, args);
  va_end (args);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gint64
dd_catalog_writer_lookup_id (DdCatalogWriter  *w,
                             const char       *sql,
                             const char       *what,
                             const char       *text,
                             GError          **error)
{
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  return dd_catalog_writer_step_id (w, stmt, what, error);
}

gint64
dd_catalog_writer_step_id (DdCatalogWriter  *w,
                           sqlite3_stmt     *stmt,
                           const char       *what,
                           GError          **error)
{
  gint64 id = 0;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      dd_catalog_writer_fail (w, error, what);
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

/* ---- sources --------------------------------------------------------------------- */

guint
dd_catalog_writer_find_source (DdCatalogWriter *w,
                               const char      *root)
{
  static const char sql[] = "SELECT id FROM sources WHERE root = ?";

  return dd_catalog_writer_query (w, sql, 0, "t", root);
}

guint
dd_catalog_writer_add_source (DdCatalogWriter  *w,
                              const char       *root,
                              const char       *layout,
                              GError          **error)
{
  static const char sql[] = "INSERT INTO sources (root, layout) VALUES (?, ?)";
  static const char roots_sql[] = "SELECT root FROM sources";
  const char *what = N_("Cannot record the dataset source");
  g_autofree char *base = g_path_get_basename (root);
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, roots_sql, what, error);
  g_autofree char *clash = NULL;

  /* Keys begin with the source folder's name: two folders of one name would give
   * their files the same keys. */
  if (stmt == NULL)
    return 0;
  while (clash == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *other = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *other_base = other ? g_path_get_basename (other) : NULL;

      if (other_base && strcmp (base, other_base) == 0)
        clash = g_strdup (other);
    }
  sqlite3_reset (stmt);
  if (clash)
    {
      g_autofree char *shown = g_filename_display_name (root);
      g_autofree char *shown_other = g_filename_display_name (clash);

      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                   _("“%s” has the same folder name as “%s”, which this catalog indexes:"
                     " their files would have the same keys (index it into another catalog)"),
                   shown, shown_other);
      return 0;
    }
  if (!dd_catalog_writer_run (w, sql, what, error, "tt", root, layout))
    return 0;
  return sqlite3_last_insert_rowid (w->db);
}

gboolean
dd_catalog_writer_finish_source_unchanged (DdCatalogWriter     *w,
                                           const DdSourceInfo  *info,
                                           GError             **error)
{
  static const char sql[] = "UPDATE sources SET layout = ?2, junk = ?3, unreadable = ?4,"
                            " indexed_at = ?5 WHERE id = ?1";

  return dd_catalog_writer_run (w, sql, N_("Cannot record the dataset source"), error, "itlll",
                                info->id, info->layout, (gint64) info->junk,
                                (gint64) info->unreadable, info->indexed_at);
}

gboolean
dd_catalog_writer_finish_source (DdCatalogWriter     *w,
                                 const DdSourceInfo  *info,
                                 GError             **error)
{
  static const char sql[] = "UPDATE sources SET layout = ?2, junk = ?3, unreadable = ?4,"
                            " indexed_at = ?5, samples = (SELECT count(*) FROM samples"
                            "   WHERE folder_id IN (SELECT id FROM folders"
                            "     WHERE path >= ?6 AND path < ?7) AND source_id = ?1)"
                            " WHERE id = ?1";
  const char *what = N_("Cannot record the dataset source");
  sqlite3_stmt *stmt;
  g_autofree char *raw_base = g_path_get_basename (info->root);
  g_autofree char *base = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;

  /* Every sample there is came with this writer: counted as it came, no key index
   * needed. */
  if (w->key_index_dropped && !w->rows_changed)
    {
      static const char known[] = "UPDATE sources SET layout = ?2, junk = ?3, unreadable = ?4,"
                                  " indexed_at = ?5, samples = ?6 WHERE id = ?1";

      dd_catalog_writer_flush_counted (w);
      return dd_catalog_writer_run (w, known, what, error, "itllll", info->id, info->layout,
                                    (gint64) info->junk, (gint64) info->unreadable,
                                    info->indexed_at,
                                    (gint64) GPOINTER_TO_SIZE (
                                      g_hash_table_lookup (w->inserted, GUINT_TO_POINTER (info->id))));
    }
  if (!dd_catalog_writer_need_key_index (w, error))
    return FALSE;
  stmt = dd_catalog_writer_statement (w, sql, what, error);
  if (stmt == NULL)
    return FALSE;
  dd_catalog_make_key (raw_base, strlen (raw_base), &base);   /* as keys begin */
  lower = g_strconcat (base, "/", NULL);
  upper = g_strconcat (base, "0", NULL);   /* '0' follows '/' */
  sqlite3_bind_int (stmt, 1, info->id);
  sqlite3_bind_text (stmt, 2, info->layout, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, info->junk);
  sqlite3_bind_int64 (stmt, 4, info->unreadable);
  sqlite3_bind_int64 (stmt, 5, info->indexed_at);
  /* Every key of the source starts with "<base>/": count the samples of the folders in
   * that range, in the keys' index. */
  sqlite3_bind_text (stmt, 6, lower, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, upper, -1, SQLITE_TRANSIENT);
  return dd_catalog_writer_step (w, stmt, what, error);
}
