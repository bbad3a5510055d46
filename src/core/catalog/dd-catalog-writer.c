/* DdCatalogWriter: one write transaction with typed operations — the transaction, its
 * statements, sources and samples. Vocabulary rows, scan state, health and recipes
 * have their own files. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-catalog-db.h"
#include "dd-catalog-runs.h"   /* dd_catalog_writer_sample_of_key */

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

/* The count of the source being inserted into, into w->inserted. */
static void
flush_counted (DdCatalogWriter *w)
{
  if (w->counting != G_MAXUINT)
    g_hash_table_insert (w->inserted, GUINT_TO_POINTER (w->counting),
                         GSIZE_TO_POINTER ((gsize) w->counted));
  w->counting = G_MAXUINT;
  w->counted = 0;
}

/* The unique index of the keys, built again if this writer dropped it. */
static gboolean
need_key_index (DdCatalogWriter  *w,
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
  if (!need_key_index (w, error) ||
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

      flush_counted (w);
      return dd_catalog_writer_run (w, known, what, error, "itllll", info->id, info->layout,
                                    (gint64) info->junk, (gint64) info->unreadable,
                                    info->indexed_at,
                                    (gint64) GPOINTER_TO_SIZE (
                                      g_hash_table_lookup (w->inserted, GUINT_TO_POINTER (info->id))));
    }
  if (!need_key_index (w, error))
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

/* ---- samples -------------------------------------------------------------------- */

/* Keys are unique. Two files can only have one key when it holds an escape ("\xNN":
 * a byte that is not UTF-8, or those four characters in a name), so those keys are
 * the ones checked: against the others of this writer, and against the catalog's
 * when it had samples before (a first index has only its own). */
static gboolean
check_escaped_key (DdCatalogWriter  *w,
                   const char       *key,
                   GError          **error)
{
  gint64 found = 0;

  if (w->escaped == NULL)
    w->escaped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains (w->escaped, key) &&
      (w->key_index_dropped || (found = dd_catalog_writer_sample_of_key (w, key, error)) == 0))
    {
      g_hash_table_add (w->escaped, g_strdup (key));
      return TRUE;
    }
  if (found >= 0)
    g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                 _("Two files have the same key “%s”: a name that is not UTF-8 beside one"
                   " spelled with its escape"), key);
  return FALSE;
}

gint64
dd_catalog_writer_folder_id (DdCatalogWriter  *w,
                             const char       *path,
                             gsize             len,
                             gboolean          add,
                             GError          **error)
{
  static const char select_sql[] = "SELECT id FROM folders WHERE path = ?";
  static const char insert_sql[] = "INSERT INTO folders (path) VALUES (?)";
  const char *what = N_("Cannot record a sample");
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gpointer known;
  gint64 id = 0;

  if (w->last_folder && strlen (w->last_folder) == len && memcmp (w->last_folder, path, len) == 0)
    return w->last_folder_id;
  if (w->folders == NULL)
    w->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  key = g_strndup (path, len);
  if (g_hash_table_lookup_extended (w->folders, key, NULL, &known))
    id = (gint64) (gintptr) known;
  else
    {
      if (!(stmt = dd_catalog_writer_statement (w, select_sql, what, error)))
        return -1;
      sqlite3_bind_text (stmt, 1, path, len, SQLITE_STATIC);
      if ((id = dd_catalog_writer_step_id (w, stmt, what, error)) < 0)
        return -1;
      if (id == 0 && !add)
        return 0;
      if (id == 0)
        {
          if (!dd_catalog_writer_run (w, insert_sql, what, error, "t", key))
            return -1;
          id = sqlite3_last_insert_rowid (w->db);
        }
      g_hash_table_insert (w->folders, g_strdup (key), (gpointer) (gintptr) id);
    }
  g_free (w->last_folder);
  w->last_folder = g_steal_pointer (&key);
  w->last_folder_id = id;
  return id;
}

gint64
dd_catalog_writer_add_sample (DdCatalogWriter    *w,
                              const DdSampleRow  *row,
                              GError            **error)
{
  static const char sql[] = "INSERT INTO samples (source_id, folder_id, name, rawpath, class_id,"
                            " corruption_id, severity, split_id, clean_id, keyhash, flags)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  const char *what = N_("Cannot record a sample");
  gint64 keyhash = dd_catalog_key_hash (row->key);
  gsize folder_len = dd_catalog_key_folder_len (row->key);
  sqlite3_stmt *stmt;
  gint64 folder;
  gint64 id;

  if ((folder = dd_catalog_writer_folder_id (w, row->key, folder_len, TRUE, error)) <= 0)
    return 0;
  if (folder == w->names_folder)
    w->names_folder = 0;
  if (strstr (row->key + folder_len, "\\x") && !check_escaped_key (w, row->key, error))
    return 0;
  if (!(stmt = dd_catalog_writer_statement (w, sql, what, error)))
    return 0;
  sqlite3_bind_int (stmt, 1, row->source_id);
  sqlite3_bind_int64 (stmt, 2, folder);
  sqlite3_bind_text (stmt, 3, row->key + folder_len, -1, SQLITE_STATIC);
  if (row->raw_key)
    sqlite3_bind_blob (stmt, 4, row->raw_key, strlen (row->raw_key), SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int (stmt, 5, row->class_id);
  sqlite3_bind_int (stmt, 6, row->corruption_id);
  sqlite3_bind_int (stmt, 7, row->severity);
  sqlite3_bind_int (stmt, 8, row->split_id);
  if (row->clean_id)
    sqlite3_bind_int64 (stmt, 9, row->clean_id);
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_int64 (stmt, 10, keyhash);
  sqlite3_bind_int (stmt, 11, row->flags);
  if (!dd_catalog_writer_step (w, stmt, what, error))
    return 0;
  id = sqlite3_last_insert_rowid (w->db);
  if (w->inserted)
    {
      if (row->source_id != w->counting)
        {
          flush_counted (w);
          w->counting = row->source_id;
          w->counted = GPOINTER_TO_SIZE (g_hash_table_lookup (w->inserted,
                                                              GUINT_TO_POINTER (w->counting)));
        }
      w->counted++;
    }
  if (w->empty_at_begin && !w->rows_changed)
    {
      if (w->built == NULL)
        w->built = dd_snapshot_builder_new ();
      dd_snapshot_builder_add (w->built, id, row->class_id, row->corruption_id, row->severity,
                               row->split_id, row->source_id, row->flags, keyhash);
    }
  return id;
}

gboolean
dd_catalog_writer_delete_sample (DdCatalogWriter  *w,
                                 gint64            id,
                                 GError          **error)
{
  static const char sql[] = "DELETE FROM samples WHERE id = ?1";

  w->names_folder = 0;
  dd_catalog_writer_touch_rows (w);
  return dd_catalog_writer_run (w, sql, N_("Cannot remove a sample"), error, "l", id);
}

gboolean
dd_catalog_writer_relabel_sample (DdCatalogWriter  *w,
                                  gint64            id,
                                  guint             class_id,
                                  guint32           flags,
                                  GError          **error)
{
  static const char sql[] = "UPDATE samples SET class_id = ?, flags = ? WHERE id = ?";

  dd_catalog_writer_touch_rows (w);
  return dd_catalog_writer_run (w, sql, N_("Cannot update labels"), error, "iil", class_id,
                                (int) flags, id);
}

gboolean
dd_catalog_writer_set_clean_id (DdCatalogWriter  *w,
                                gint64            id,
                                gint64            clean_id,
                                GError          **error)
{
  static const char sql[] = "UPDATE samples SET clean_id = ? WHERE id = ?";

  /* not a column of the snapshot: one assembled from inserts stays right */
  return dd_catalog_writer_run (w, sql, N_("Cannot link corrupted samples to clean ones"), error,
                                "ll", clean_id, id);
}

gboolean
dd_catalog_writer_unlink_gone_clean (DdCatalogWriter  *w,
                                     GError          **error)
{
  static const char sql[] = "UPDATE samples SET clean_id = NULL WHERE clean_id IS NOT NULL"
                            " AND clean_id NOT IN (SELECT id FROM samples)";

  return dd_catalog_writer_run (w, sql, N_("Cannot link corrupted samples to clean ones"), error,
                                "");
}

gboolean
dd_catalog_writer_add_box (DdCatalogWriter  *w,
                           gint64            sample_id,
                           const DdBox      *box,
                           GError          **error)
{
  static const char sql[] = "INSERT INTO annotations (sample_id, x0, y0, x1, y1)"
                            " VALUES (?, ?, ?, ?, ?)";

  return dd_catalog_writer_run (w, sql, N_("Cannot record an annotation"), error, "liiii",
                                sample_id, box->x0, box->y0, box->x1, box->y1);
}

gboolean
dd_catalog_writer_clear_boxes (DdCatalogWriter  *w,
                               guint             source_id,
                               GError          **error)
{
  static const char sql[] = "DELETE FROM annotations WHERE sample_id IN"
                            " (SELECT id FROM samples WHERE source_id = ?)";

  return dd_catalog_writer_run (w, sql, N_("Cannot update the catalog"), error, "i", source_id);
}

/* Runs @stmt (bound) and calls @func on each row of "id, key, class_id, flags,
 * corruption_id, severity, split_id, source_id". */
static gboolean
foreach_row (DdCatalogWriter  *w,
             sqlite3_stmt     *stmt,
             DdSampleRowFunc   func,
             gpointer          user_data,
             const char       *what,
             GError          **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DdSampleRow row = {
        .key = (const char *) sqlite3_column_text (stmt, 1),
        .class_id = sqlite3_column_int (stmt, 2),
        .flags = sqlite3_column_int (stmt, 3),
        .corruption_id = sqlite3_column_int (stmt, 4),
        .severity = sqlite3_column_int (stmt, 5),
        .split_id = sqlite3_column_int (stmt, 6),
        .source_id = sqlite3_column_int (stmt, 7),
      };

      if (!func (sqlite3_column_int64 (stmt, 0), &row, user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    dd_catalog_writer_fail (w, error, what);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

gboolean
dd_catalog_writer_foreach_sample (DdCatalogWriter  *w,
                                  DdSampleSet       set,
                                  guint             id,
                                  DdSampleRowFunc   func,
                                  gpointer          user_data,
                                  GError          **error)
{
#define ROWS "SELECT samples.id, coalesce (f.path, '') || samples.name, class_id, flags," \
             " corruption_id, severity, split_id, source_id FROM samples LEFT JOIN folders f" \
             " ON f.id = samples.folder_id WHERE "
  static const char * const sql[] = {
    [DD_SAMPLES_OF_SOURCE] = ROWS "source_id = ?",
    [DD_SAMPLES_CLEAN_IN_SPLIT] = ROWS "corruption_id = 0 AND split_id = ?",
    [DD_SAMPLES_UNLINKED_IN_SPLIT] = ROWS "corruption_id != 0 AND clean_id IS NULL"
                                     " AND split_id = ?",
  };
#undef ROWS
  const char *what = set == DD_SAMPLES_OF_SOURCE ? N_("Cannot update labels")
                                                 : N_("Cannot link corrupted samples to clean ones");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (set < G_N_ELEMENTS (sql), FALSE);
  if (!(stmt = dd_catalog_writer_statement (w, sql[set], what, error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, id);
  return foreach_row (w, stmt, func, user_data, what, error);
}

gboolean
dd_catalog_writer_read_folder (DdCatalogWriter  *w,
                               gint64            folder,
                               guint             source_id,
                               const char       *prefix,
                               GHashTable       *into,
                               GError          **error)
{
  static const char sql[] = "SELECT id, name FROM samples WHERE folder_id = ?1"
                            " AND (?2 = 0 OR source_id = ?2)";
  const char *what = N_("Cannot read the samples");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, folder);
  sqlite3_bind_int (stmt, 2, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_insert (into, g_strconcat (prefix ? prefix : "", name ? name : "", NULL),
                           (gpointer) (gintptr) sqlite3_column_int64 (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return dd_catalog_writer_fail (w, error, what);
  return TRUE;
}

GHashTable *
dd_catalog_writer_folder_samples (DdCatalogWriter *w,
                                  guint            source_id,
                                  const char      *prefix)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 folder;

  /* without the index this would read every sample, for every folder */
  if (!need_key_index (w, NULL) || *prefix == '\0')
    return files;
  folder = dd_catalog_writer_folder_id (w, prefix, strlen (prefix), FALSE, NULL);
  if (folder > 0)
    dd_catalog_writer_read_folder (w, folder, source_id, prefix, files, NULL);
  return files;
}

gboolean
dd_catalog_writer_forget_decodes (DdCatalogWriter  *w,
                                  GError          **error)
{
  dd_catalog_writer_touch_rows (w);
  return dd_catalog_exec_sql (w->db, w->catalog->path, "UPDATE samples SET decoded_mtime = NULL",
                              error);
}

gboolean
dd_catalog_writer_set_facts (DdCatalogWriter      *w,
                             gint64                id,
                             const DdSampleFacts  *f,
                             guint32               mask,
                             GError              **error)
{
  static const char sql[] =
    "UPDATE samples SET file_size = ?2, mtime = ?3, width = ?4, height = ?5,"
    " channels = ?6, mode = ?7, format = ?8, hash = ?9, decode_error = ?10,"
    " decoded_mtime = ?3, flags = (flags & ~?11) | ?12 WHERE id = ?1";
  const char *what = N_("Cannot record what the images hold");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  if (stmt == NULL)
    return FALSE;
  dd_catalog_writer_touch_rows (w);
  sqlite3_bind_int64 (stmt, 1, id);
  if (f->file_size >= 0)
    sqlite3_bind_int64 (stmt, 2, f->file_size);
  else
    sqlite3_bind_null (stmt, 2);
  if (f->mtime >= 0)
    sqlite3_bind_int64 (stmt, 3, f->mtime);
  else
    sqlite3_bind_null (stmt, 3);
  if (f->width > 0)
    {
      sqlite3_bind_int (stmt, 4, f->width);
      sqlite3_bind_int (stmt, 5, f->height);
      sqlite3_bind_int (stmt, 6, f->channels);
      sqlite3_bind_text (stmt, 7, f->mode, -1, SQLITE_STATIC);
    }
  else
    for (int i = 4; i <= 7; i++)
      sqlite3_bind_null (stmt, i);
  sqlite3_bind_text (stmt, 8, f->format, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, f->hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, f->error, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, mask);
  sqlite3_bind_int (stmt, 12, f->flags);
  return dd_catalog_writer_step (w, stmt, what, error);
}
