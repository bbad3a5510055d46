/* DdCatalog: one dataset's catalog file — opening it, its two connections and their
 * locks, reloading its state after writes and telling about it (::changed). The topics
 * around it have their files: schema, state, snapshot, filter, selection, facets,
 * samples, keys, vocabulary, errors. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-catalog-db.h"
#include "dd-task.h"

G_DEFINE_FINAL_TYPE (DdCatalog, dd_catalog, G_TYPE_OBJECT)

static void store_snapshot (DdCatalog *self, DdSnapshot *snapshot, guint64 epoch);

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

DdCatalogState *
dd_catalog_get_state (DdCatalog *self)
{
  DdCatalogState *st;

  g_mutex_lock (&self->state_lock);
  st = dd_catalog_state_ref (self->state);
  g_mutex_unlock (&self->state_lock);
  return st;
}

/* ---- object --------------------------------------------------------------------- */

static void
dd_catalog_finalize (GObject *object)
{
  DdCatalog *self = (DdCatalog *) object;

  g_clear_pointer (&self->sample_stmt, sqlite3_finalize);
  g_clear_pointer (&self->boxes_stmt, sqlite3_finalize);
  g_clear_pointer (&self->read_db, sqlite3_close_v2);
  if (self->db && !self->readonly)
    dd_catalog_end_scratch (self);
  if (self->db)
    {
      /* Fold the WAL back so the catalog is one self-contained file. */
      if (!self->readonly)
        sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      g_clear_pointer (&self->db, sqlite3_close_v2);
    }
  g_clear_pointer (&self->state, dd_catalog_state_unref);
  g_clear_pointer (&self->built, dd_snapshot_builder_free);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->write_lock);
  g_mutex_clear (&self->read_lock);
  g_mutex_clear (&self->state_lock);

  G_OBJECT_CLASS (dd_catalog_parent_class)->finalize (object);
}

static void
dd_catalog_class_init (DdCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_catalog_finalize;

  /**
   * DdCatalog::changed:
   *
   * Emitted on the catalog's main context after writes changed its samples or
   * vocabulary (a scan, the content pass, health).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dd_catalog_init (DdCatalog *self)
{
  g_mutex_init (&self->write_lock);
  g_mutex_init (&self->read_lock);
  g_mutex_init (&self->state_lock);
}

/* dd_key_hash (key): dd_catalog_key_hash() in SQL (the upgrade to version 6 reckons
 * every key's hash again, for the keys' index to find it by). */
static void
sql_key_hash (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *key = (const char *) sqlite3_value_text (argv[0]);

  if (key == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_int64 (context, dd_catalog_key_hash (key));
}

/* Debian's SQLite counts every allocation of the process under one global mutex
 * unless told not to before its first use. DataDive reads none of those statistics;
 * without them a first index of 860k files takes 0.93 of the time. When something
 * else in the process set SQLite up first, it stays as it is. */
static void
configure_sqlite_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      int rc = sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

      if (rc != SQLITE_OK)
        g_debug ("SQLite was set up before the first catalog: its allocations stay counted (%s)",
                 sqlite3_errstr (rc));
      g_once_init_leave (&done, 1);
    }
}

static sqlite3 *
open_connection (const char  *name,
                 const char  *path,
                 int          flags,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  configure_sqlite_once ();
  rc = sqlite3_open_v2 (name, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      dd_catalog_sqlite_error (NULL, rc, path, error, _("Cannot open the catalog"));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 10000);
  /* The samples_* triggers are for other programs: DataDive's writers drop the
   * stored snapshot themselves, once, not once per row. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_create_function_v2 (db, "dd_key_hash", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                              sql_key_hash, NULL, NULL, NULL);
  return db;
}

/* A connection to the catalog. A read-only catalog that this process could write
 * is read through read-write connections that refuse every write (query_only): WAL
 * readers never wait for a writer either way, but only a read-write connection
 * removes the -wal and -shm it needed when it is the last to close. One it may not
 * write is opened SQLITE_OPEN_READONLY, or read as immutable (see
 * read_as_immutable()) through a URI. */
static sqlite3 *
open_db (DdCatalog  *self,
         int         flags,
         GError    **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db;

  if (self->query_only)
    {
      if ((db = open_connection (self->path, self->path, SQLITE_OPEN_READWRITE, error)))
        sqlite3_exec (db, "PRAGMA query_only=1", NULL, NULL, NULL);
      return db;
    }
  if (!self->immutable)
    return open_connection (self->path, self->path, flags, error);
  absolute = g_canonicalize_filename (self->path, NULL);
  escaped = g_uri_escape_string (absolute, "/", FALSE);
  uri = g_strconcat ("file://", escaped, "?immutable=1", NULL);
  return open_connection (uri, self->path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error);
}

/* An existing file must look like a SQLite database before SQLite opens it: SQLite
 * takes an empty file for a new database and writes its header into it. Opened
 * without blocking, so a FIFO or a device is refused, not waited on. */
static gboolean
check_file_header (const char  *path,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char head[sizeof magic];
  struct stat st;
  gssize n = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                   _("Cannot read the catalog “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG,
                   _("“%s” is not a regular file, not a DataDive catalog"), path);
      return FALSE;
    }
  while (n < (gssize) sizeof head)
    {
      gssize got = read (fd, head + n, sizeof head - n);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        break;
      n += got;
    }
  close (fd);
  if (st.st_size == 0)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG,
                   _("“%s” is an empty file, not a DataDive catalog"), path);
      return FALSE;
    }
  if (n != (gssize) sizeof head || memcmp (head, magic, sizeof magic) != 0)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG,
                   _("“%s” is not a DataDive catalog"), path);
      return FALSE;
    }
  return TRUE;
}

/* Whether this process may write the catalog and create its -wal and -shm beside it. */
static gboolean
can_write_catalog (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (dir, W_OK | X_OK) == 0;
}

/* For a reader that may not write beside the catalog: a WAL reader needs the -shm
 * index there and would create it (and a -wal), owned by this user where the owner
 * of the catalog then could not write; or fail in a read-only folder. With no write
 * pending in a -wal, it reads the file as immutable instead: no locks, no files. */
static gboolean
read_as_immutable (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

static void
remove_new_catalog (DdCatalog *self)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_pointer (&self->db, sqlite3_close_v2);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (self->path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* Whether @path can be opened as asked: an existing file must be a SQLite database,
 * a missing one may be created; *readonly becomes TRUE where the fallback applies. */
static gboolean
check_path (const char          *path,
            DdCatalogOpenFlags   flags,
            gboolean             create,
            gboolean            *exists,
            gboolean            *readonly,
            GError             **error)
{
  *exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!*exists && !create)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                   _("Catalog “%s” does not exist"), path);
      return FALSE;
    }
  if (*exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG,
                   _("“%s” is a folder, not a DataDive catalog"), path);
      return FALSE;
    }
  if (*exists && !check_file_header (path, error))
    return FALSE;
  if (*exists && !*readonly && !can_write_catalog (path))
    {
      /* Before SQLite creates a -wal and -shm it could not use beside it. */
      if (!(flags & DD_CATALOG_OPEN_READONLY_FALLBACK))
        {
          g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_READ_ONLY,
                       _("“%s” cannot be changed: the file or its folder is read-only"), path);
          return FALSE;
        }
      *readonly = TRUE;
    }
  return TRUE;
}

gboolean
dd_catalog_needs_upgrade (const char *path)
{
  sqlite3 *db = NULL;
  gint64 version = 0;
  gboolean complete = TRUE;
  gboolean upgrade;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_file_header (path, NULL) ||
      !(db = open_connection (path, path, SQLITE_OPEN_READONLY, NULL)))
    return FALSE;
  upgrade = dd_catalog_schema_check (db, path, &version, &complete, NULL) &&
            version > 0 && version < DD_CATALOG_SCHEMA_VERSION;
  sqlite3_close_v2 (db);
  return upgrade;
}

const char *
dd_catalog_clean_key_sql (DdCatalog *self)
{
  if (self->folders)
    return "(SELECT coalesce (f.path, '') || c.name FROM samples c"
           " LEFT JOIN folders f ON f.id = c.folder_id WHERE c.id = samples.clean_id)";
  return self->clean_ids ? "(SELECT c.key FROM samples c WHERE c.id = samples.clean_id)"
                         : "samples.clean_key";
}

gsize
dd_catalog_key_folder_len (const char *key)
{
  const char *slash = strrchr (key, '/');

  return slash ? (gsize) (slash + 1 - key) : 0;
}

char *
dd_catalog_key_sql (DdCatalog  *self,
                    const char *table)
{
  if (self->folders)
    return g_strdup_printf ("(coalesce ((SELECT path FROM folders WHERE id = %s.folder_id), '')"
                            " || %s.name)", table, table);
  return g_strdup_printf ("%s.key", table);
}

char *
dd_catalog_key_match_sql (DdCatalog  *self,
                          const char *table)
{
  if (self->folders)
    return g_strdup_printf ("%s.folder_id = (SELECT id FROM folders WHERE path = :folder)"
                            " AND %s.keyhash = :hash AND %s.name = :name", table, table, table);
  return g_strdup_printf ("%s.key = :folder || :name", table);
}

void
dd_catalog_bind_key (sqlite3_stmt *stmt,
                     const char   *key)
{
  int folder_len = (int) dd_catalog_key_folder_len (key);

  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":folder"), key, folder_len,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":name"), key + folder_len, -1,
                     SQLITE_STATIC);
  /* none before version 6: then 0, which binds nothing */
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":hash"),
                      dd_catalog_key_hash (key));
}

void
dd_catalog_end_scratch (DdCatalog *self)
{
  if (!self->scratch)
    return;
  self->scratch = FALSE;
  /* The switch is a commit of its own: with synchronous on, it syncs the whole file
   * before anything renames it into place. Should the WAL fail, the catalog stays
   * a valid one with a rollback journal. */
  sqlite3_exec (self->db, "PRAGMA synchronous=NORMAL; PRAGMA journal_mode=WAL;", NULL, NULL,
                NULL);
}

/* The write connection's settings, then the schema created or brought up to date. A
 * new scratch file goes without the WAL up to its first commit: every page of a bulk
 * index would otherwise be written twice, into the WAL and from it into the file. */
static gboolean
prepare_for_writing (DdCatalog  *self,
                     gint64      version,
                     gboolean    complete,
                     GError    **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (self->db,
                         self->scratch ? "PRAGMA journal_mode=MEMORY;"
                                         "PRAGMA synchronous=OFF;"
                                       : "PRAGMA journal_mode=WAL;"
                                         "PRAGMA synchronous=NORMAL;",
                         NULL, NULL, &errmsg);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db,
                       "PRAGMA foreign_keys=OFF;"
                       "PRAGMA temp_store=MEMORY;"
                       "PRAGMA cache_size=-65536;",
                       NULL, NULL, &errmsg);

  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    {
      dd_catalog_sqlite_error (self->db, sqlite3_extended_errcode (self->db), self->path,
                               error, _("Cannot open the catalog"));
      return FALSE;
    }
  if (version == 0)
    return dd_catalog_schema_create (self->db, self->path, error);
  if (!complete || version < DD_CATALOG_SCHEMA_VERSION)
    return dd_catalog_schema_upgrade (self->db, self->path, version, error);
  return TRUE;
}

/* The read connection and the state read through it, stored for the next open when
 * it was not read from the stored copy. */
static gboolean
load_first_state (DdCatalog  *self,
                  GError    **error)
{
  gboolean from_cache;

  if (!(self->read_db = open_db (self, SQLITE_OPEN_READONLY, error)))
    return FALSE;
  /* The stored snapshot (110 MB at 5 M samples) is read through a memory map, not
   * page by page into the cache: the open at 5 M takes 0.8 of the time. Only for the
   * load: a file cut short under a map is a SIGBUS, not an error. */
  sqlite3_exec (self->read_db, "PRAGMA cache_size=-16384; PRAGMA mmap_size=2000000000;", NULL,
                NULL, NULL);
  self->state = dd_catalog_state_load (self->read_db, self->path, TRUE, NULL, &from_cache,
                                       error);
  sqlite3_exec (self->read_db, "PRAGMA mmap_size=0;", NULL, NULL, NULL);
  if (self->state == NULL)
    return FALSE;
  if (from_cache)
    self->cache_on_disk = TRUE;
  else
    store_snapshot (self, self->state->snapshot, 0);
  return TRUE;
}

DdCatalog *
dd_catalog_open (const char          *path,
                 DdCatalogOpenFlags   flags,
                 GError             **error)
{
  g_autoptr(DdCatalog) self = NULL;
  gboolean exists;
  gboolean readonly = (flags & DD_CATALOG_OPEN_READONLY) != 0;
  gboolean create = !readonly && (flags & DD_CATALOG_OPEN_CREATE) != 0;
  gboolean complete = TRUE;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_path (path, flags, create, &exists, &readonly, error))
    return NULL;

  self = g_object_new (DD_TYPE_CATALOG, NULL);
  self->path = g_strdup (path);
  self->readonly = readonly;
  self->query_only = readonly && can_write_catalog (path);
  self->immutable = readonly && !self->query_only && read_as_immutable (path);
  self->scratch = create && !exists && (flags & DD_CATALOG_OPEN_SCRATCH) != 0;
  self->main_context = g_main_context_ref_thread_default ();
  self->main_thread = g_thread_self ();

  if (!(self->db = open_db (self,
                            readonly ? SQLITE_OPEN_READONLY
                                     : SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE),
                            error)))
    {
      if (!exists)
        g_unlink (path);
      return NULL;
    }

  /* What an existing file is, read before anything is written to it: another
   * application's database is left as it was. */
  if (exists && !dd_catalog_schema_check (self->db, path, &version, &complete, error))
    return NULL;
  if (exists && version == 0 && !create)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_A_CATALOG,
                   _("“%s” is not a DataDive catalog"), path);
      return NULL;
    }
  if (!readonly && !prepare_for_writing (self, version, complete, error))
    {
      if (!exists)
        remove_new_catalog (self);
      return NULL;
    }
  /* a writer upgraded it; a reader reads it as it is */
  self->clean_ids = dd_catalog_schema_has_column (self->db, "samples", "clean_id");
  self->folders = dd_catalog_schema_has_column (self->db, "samples", "folder_id");
  if (!load_first_state (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

DdCatalog *
dd_catalog_open_for_context (const char          *path,
                             DdCatalogOpenFlags   flags,
                             GMainContext        *context,
                             GError             **error)
{
  DdCatalog *catalog;

  g_return_val_if_fail (context != NULL, NULL);

  if (!(catalog = dd_catalog_open (path, flags, error)))
    return NULL;
  /* Signals go to the context that will use the catalog, not the worker's. */
  g_clear_pointer (&catalog->main_context, g_main_context_unref);
  catalog->main_context = g_main_context_ref (context);
  catalog->main_thread = NULL;
  return catalog;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;
  DdCatalog *catalog = dd_catalog_open_for_context (path, GPOINTER_TO_UINT (task_data),
                                                    g_task_get_context (task), &error);

  if (catalog == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, catalog, g_object_unref);
}

void
dd_catalog_open_async (const char          *path,
                       DdCatalogOpenFlags   flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  dd_task_run_in_thread (task, dd_catalog_open_async, GUINT_TO_POINTER (flags), NULL, open_thread);
}

DdCatalog *
dd_catalog_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
dd_catalog_get_path (DdCatalog *self)
{
  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  return self->path;
}

gboolean
dd_catalog_is_read_only (DdCatalog *self)
{
  g_return_val_if_fail (DD_IS_CATALOG (self), TRUE);
  return self->readonly;
}

guint64
dd_catalog_get_generation (DdCatalog *self)
{
  guint64 generation;

  g_return_val_if_fail (DD_IS_CATALOG (self), 0);
  g_mutex_lock (&self->state_lock);
  generation = self->generation;
  g_mutex_unlock (&self->state_lock);
  return generation;
}

/* ---- the write lock -------------------------------------------------------------- */

void
dd_catalog_lock_write (DdCatalog *self,
                       gboolean   samples)
{
  g_mutex_lock (&self->write_lock);
  self->lock_epoch++;
  /* Whatever a writer of samples does, the stored snapshot may no longer match. */
  if (samples)
    dd_catalog_drop_stored (self);
}

void
dd_catalog_unlock_write (DdCatalog *self)
{
  self->lock_epoch++;
  g_mutex_unlock (&self->write_lock);
}

void
dd_catalog_drop_stored (DdCatalog *self)
{
  if (self->cache_on_disk)
    {
      sqlite3_exec (self->db, "DELETE FROM snapshot_cache", NULL, NULL, NULL);
      self->cache_on_disk = FALSE;
    }
}

static guint64
current_lock_epoch (DdCatalog *self)
{
  guint64 epoch;

  g_mutex_lock (&self->write_lock);
  epoch = self->lock_epoch;
  g_mutex_unlock (&self->write_lock);
  return epoch;
}

/* Stores @snapshot for the next open, unless a writer came by since it was read
 * (@epoch is the lock epoch from before reading; odd means a writer was active). */
static void
store_snapshot (DdCatalog *self,
                DdSnapshot  *snapshot,
                guint64    epoch)
{
  g_autoptr(GBytes) bytes = NULL;
  sqlite3_stmt *stmt = NULL;

  if (self->readonly || (epoch & 1) != 0)
    return;
  bytes = dd_snapshot_to_bytes (snapshot);
  g_mutex_lock (&self->write_lock);
  if (self->lock_epoch == epoch &&
      sqlite3_prepare_v2 (self->db,
                          "INSERT OR REPLACE INTO snapshot_cache (id, data) VALUES (1, ?)",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_blob (stmt, 1, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                         SQLITE_STATIC);
      /* A failure (full disk, read-only file) only costs the next open some time. */
      if (sqlite3_step (stmt) == SQLITE_DONE)
        self->cache_on_disk = TRUE;
    }
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->write_lock);
}

gboolean
dd_catalog_has_stored_snapshot (DdCatalog *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean stored;

  g_return_val_if_fail (DD_IS_CATALOG (self), FALSE);

  g_mutex_lock (&self->read_lock);
  sqlite3_prepare_v2 (self->read_db, "SELECT 1 FROM snapshot_cache WHERE id = 1", -1, &stmt,
                      NULL);
  stored = stmt && sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return stored;
}

static gboolean
emit_changed (gpointer data)
{
  g_signal_emit (data, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static gboolean reload_with (DdCatalog *self, DdSnapshot *given, gboolean stored,
                             GError **error);

gint64
dd_catalog_data_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

gboolean
dd_catalog_reload (DdCatalog  *self,
                   GError    **error)
{
  DdSnapshotBuilder *built;
  gboolean stored;
  gboolean unchanged = FALSE;
  gboolean ok;

  g_return_val_if_fail (DD_IS_CATALOG (self), FALSE);

  /* What the last committed writer assembled, if it inserted every row there is and no
   * other connection has committed since: the write connection's data_version, read in
   * its transaction (when none could), does not move with its own commits, and a
   * writer of this connection drops what the one before assembled. Anything else reads
   * the rows. */
  g_mutex_lock (&self->write_lock);
  built = g_steal_pointer (&self->built);
  stored = self->built_stored;
  self->built_stored = FALSE;
  if (built && self->db)
    unchanged = self->built_version >= 0 &&
                dd_catalog_data_version (self->db) == self->built_version;
  g_mutex_unlock (&self->write_lock);
  if (built && built->ordered)
    dd_snapshot_builder_trim (built);
  ok = reload_with (self, built && built->ordered && unchanged ? built->s : NULL, stored, error);
  dd_snapshot_builder_free (built);
  return ok;
}

/* @stored: @given is in the file already, stored by the writer that made it. */
static gboolean
reload_with (DdCatalog  *self,
             DdSnapshot *given,
             gboolean    stored,
             GError    **error)
{
  DdCatalogState *st;
  DdCatalogState *old;
  gboolean from_cache;
  guint64 epoch = current_lock_epoch (self);

  g_mutex_lock (&self->read_lock);
  st = dd_catalog_state_load (self->read_db, self->path, FALSE, given, &from_cache, error);
  g_mutex_unlock (&self->read_lock);
  if (st == NULL)
    return FALSE;
  if (!stored || st->snapshot != given)
    {
      /* the writer's snapshot was not the table's after all: not kept for an open */
      if (stored)
        {
          g_mutex_lock (&self->write_lock);
          dd_catalog_drop_stored (self);
          g_mutex_unlock (&self->write_lock);
        }
      store_snapshot (self, st->snapshot, epoch);
    }

  g_mutex_lock (&self->state_lock);
  old = self->state;
  self->state = st;
  self->generation++;
  g_mutex_unlock (&self->state_lock);
  dd_catalog_state_unref (old);

  /* Synchronously where the signal belongs to this thread (its loop, or a CLI with
   * no loop at all); from any other thread, a source on the opener's context. */
  if (g_main_context_is_owner (self->main_context))
    g_signal_emit (self, signals[CHANGED], 0);
  else if (self->main_thread == g_thread_self () && g_main_context_acquire (self->main_context))
    {
      g_signal_emit (self, signals[CHANGED], 0);
      g_main_context_release (self->main_context);
    }
  else
    dd_post_to_context (self->main_context, emit_changed, g_object_ref (self),
                        g_object_unref);
  return TRUE;
}
