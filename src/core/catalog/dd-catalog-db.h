/* What the files of src/core/catalog/ share, and nothing outside that folder
 * includes: DdCatalog's fields, its in-memory state (vocabulary + sample snapshot),
 * the snapshot's column store, and the SQLite helpers. The rest of the core reaches
 * the catalog through dd-catalog.h and dd-catalog-private.h. */
#pragma once

#include <sqlite3.h>

#include "dd-catalog-private.h"
#include "dd-catalog-writer.h"

G_BEGIN_DECLS

/* ---- the snapshot: one immutable column store of every sample ------------------ */

typedef struct {
  gatomicrefcount ref;
  guint     n;
  gint64   *ids;        /* ascending */
  guint32  *classes;
  guint8   *corruptions;
  guint8   *severities;
  guint8   *splits;
  guint16  *sources;
  guint32  *flags;
  guint32  *keyhashes;
  gsize     maxima;     /* g_once: the largest ids below are known (dd_snapshot_maxima) */
  guint     max_class, max_corruption, max_split;
} DdSnapshot;

DdSnapshot *dd_snapshot_ref      (DdSnapshot   *s);
void        dd_snapshot_unref    (DdSnapshot   *s);
/* Row of a sample id, or -1. O(log n). */
gint64      dd_snapshot_find_row (DdSnapshot   *s,
                                  gint64        id);
/* The largest class, corruption and split ids of the snapshot's rows (0 when it has
 * none), counted at the first call (a snapshot does not change). */
void        dd_snapshot_maxima   (DdSnapshot   *s,
                                  guint        *max_class,
                                  guint        *max_corruption,
                                  guint        *max_split);
/* The blob stored in the catalog file (snapshot_cache). */
GBytes     *dd_snapshot_to_bytes (DdSnapshot   *s);

/* A snapshot assembled by a writer that knows every sample it wrote: the first index
 * of a catalog, in id order. dd_catalog_reload() takes it instead of reading every row
 * back when no other connection has committed since that writer and no writer of this
 * connection began after it (after checking the table's last id against it). */
typedef struct _DdSnapshotBuilder DdSnapshotBuilder;

DdSnapshotBuilder *dd_snapshot_builder_new  (void);
void               dd_snapshot_builder_add  (DdSnapshotBuilder *builder,
                                             gint64             id,
                                             guint              class_id,
                                             guint              corruption_id,
                                             guint              severity,
                                             guint              split_id,
                                             guint              source_id,
                                             guint32            flags,
                                             gint64             keyhash);
void               dd_snapshot_builder_free (DdSnapshotBuilder *builder);

struct _DdSnapshotBuilder {
  DdSnapshot *s;
  guint       cap;
  gboolean    ordered;     /* ids ascending so far */
};

/* Gives the builder's columns exactly the room its rows need: it becomes a catalog's
 * snapshot. */
void        dd_snapshot_builder_trim (DdSnapshotBuilder *builder);

/* An immutable, refcounted set of rows of one snapshot. */
struct _DdSelection {
  gatomicrefcount ref;
  DdSnapshot *snapshot;
  guint       n;
  guint32    *rows;      /* ascending row indices into the snapshot */
};

/* ---- the state: vocabulary and snapshot, replaced as a whole on reload ------------- */

typedef struct {
  gatomicrefcount ref;
  DdSnapshot *snapshot;
  GPtrArray  *sources;      /* DdSourceInfo */
  GPtrArray  *classes;      /* DdClassInfo, index = id (index 0 = NULL) */
  GPtrArray  *corruptions;  /* DdCorruptionInfo, index = id, holes NULL */
  GPtrArray  *splits;       /* DdSplitInfo, index = id, holes NULL */
  GHashTable *class_names;  /* lowercased wnid / name / synonym → GUINT_TO_POINTER (id) */
  GPtrArray  *run_names;    /* model runs, oldest import first (char *) */
  guint       max_corruption;
  guint       max_split;
  guint       max_source;
} DdCatalogState;

DdCatalogState *dd_catalog_state_ref   (DdCatalogState *st);
void            dd_catalog_state_unref (DdCatalogState *st);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCatalogState, dd_catalog_state_unref)

/* Reads the vocabulary and the sample snapshot in one read transaction on @db. The
 * snapshot is the one stored in the file when @use_cache and it matches the table, else
 * @given (a writer's, made from the rows it inserted with nobody writing since) when
 * its last id is the table's, else the rows, each value checked against the
 * vocabulary. *out_from_cache tells which. A catalog whose values make no sense fails
 * with DD_CATALOG_ERROR_DAMAGED. */
DdCatalogState *dd_catalog_state_load  (sqlite3        *db,
                                        const char     *path,
                                        gboolean        use_cache,
                                        DdSnapshot     *given,
                                        gboolean       *out_from_cache,
                                        GError        **error);
/* PRAGMA data_version of @db: changes when another connection (of any process) commits
 * to the file, not with the commits of @db itself; -1 when it cannot be read. */
gint64          dd_catalog_data_version (sqlite3      *db);

/* The ids a sample may refer to, for checking values read from the file. */
typedef struct {
  guint    n_classes;            /* classes->len: ids below it may exist */
  gboolean corruptions[256];
  gboolean splits[256];
  guint8  *sources;              /* G_MAXUINT16 + 1 entries */
} DdKnownIds;

void        dd_known_ids_init          (DdKnownIds     *k,
                                        DdCatalogState *st);
void        dd_known_ids_clear         (DdKnownIds     *k);

/* Work over parts of the snapshot, at most this many at once. */
#define DD_CATALOG_MAX_PARTS 8
/* Runs @func on each of @n_parts parts (an array of @part_size bytes each, @parts), the
 * first on this thread, the others on threads of their own (@name), and returns once
 * all are done; each part holds its own results, so no locks and no shared cache
 * lines. A thread that cannot start runs its part here. */
void dd_catalog_run_parts (gpointer     parts,
                           gsize        part_size,
                           guint        n_parts,
                           const char  *name,
                           GThreadFunc  func);
/* Tests: the fewest rows one thread of dd_catalog_facets() counts (500,000). */
void dd_facets_set_rows_per_part (guint rows);
/* Tests: the fewest rows one thread of dd_catalog_select() tries (1,000,000). */
void dd_selection_set_rows_per_part (guint rows);

/* The stored snapshot of the file (NULL when there is none or it is not one). */
DdSnapshot *dd_snapshot_load_stored    (sqlite3        *db);
/* Whether every value of @s is one the vocabulary has, ids ascending. */
gboolean    dd_snapshot_is_valid       (DdSnapshot     *s,
                                        DdCatalogState *st,
                                        DdKnownIds     *k);
/* Whether @s can be the table's rows: the same last id (cheap). */
gboolean    dd_snapshot_matches_table  (sqlite3        *db,
                                        DdSnapshot     *s);
/* Reads the snapshot from the rows, checking each value against the vocabulary. */
gboolean    dd_snapshot_load_rows      (sqlite3        *db,
                                        const char     *path,
                                        DdCatalogState *st,
                                        DdKnownIds     *k,
                                        DdSnapshot    **out,
                                        GError        **error);

/* ---- the object ---------------------------------------------------------------- */

struct _DdCatalog
{
  GObject       parent_instance;

  char         *path;
  gboolean      readonly;
  gboolean      immutable;     /* read-only and read without locks (see open_db) */
  gboolean      query_only;    /* read-only through connections that refuse writes */
  gboolean      clean_ids;     /* samples name their clean image by id (version 5 on),
                                * not by key (read without upgrading it): see
                                * dd_catalog_clean_key_sql() */
  gboolean      folders;       /* keys are stored as folder and name (version 6 on), not
                                * whole (read without upgrading it): see
                                * dd_catalog_key_sql() */
  gboolean      scratch;       /* a new file without WAL nor sync up to its first commit
                                * (DD_CATALOG_OPEN_SCRATCH) */
  GMainContext *main_context;
  GThread      *main_thread;   /* the thread that opened it; NULL when opened async */

  GMutex        write_lock;
  sqlite3      *db;
  GMutex        read_lock;
  sqlite3      *read_db;
  sqlite3_stmt *sample_stmt;
  sqlite3_stmt *boxes_stmt;

  GMutex        state_lock;
  DdCatalogState *state;
  guint64       generation;

  /* The snapshot is also kept in the catalog file, so that opening a big catalog
   * reads one blob instead of every row. Any writer invalidates it when it takes the
   * write lock; lock_epoch (under write_lock) is odd while a writer holds the lock. */
  guint64       lock_epoch;
  gboolean      cache_on_disk;
  /* A snapshot a committed writer assembled from the rows it inserted (under
   * write_lock): the next reload takes it instead of reading the rows back. */
  DdSnapshotBuilder *built;
  gboolean      built_stored;  /* and stored by it, in its transaction */
  gint64        built_version; /* db's data_version in that transaction */
};

/* The SQL of a sample's clean key in a query FROM samples (unaliased): read from its
 * clean image's row since version 5, from its own column before (a catalog read
 * without upgrading it). */
const char *dd_catalog_clean_key_sql   (DdCatalog      *self);
/* The bytes of @key up to and including its last '/': its folder's path in the folders
 * table (the rest is its name). */
gsize       dd_catalog_key_folder_len  (const char     *key);
/* The SQL of the key of the samples row @table (a table name or alias) in this
 * catalog's version: its folder's path and its name since version 6, its own column
 * before. */
char       *dd_catalog_key_sql         (DdCatalog      *self,
                                        const char     *table);
/* A condition that the samples row @table has the key bound by dd_catalog_bind_key()
 * (the parameters :folder, :hash and :name): one look-up of the keys' index. */
char       *dd_catalog_key_match_sql   (DdCatalog      *self,
                                        const char     *table);
/* Binds @key to :folder (its part up to and including its last '/'), :name (the
 * rest) and :hash (dd_catalog_key_hash()) of @stmt, as they are kept in the folders
 * and samples tables; @key must live until @stmt is reset. */
void        dd_catalog_bind_key        (sqlite3_stmt   *stmt,
                                        const char     *key);

/* A scratch catalog's first commit is done: the file is synced and uses the WAL from
 * now on, as every catalog does. */
void        dd_catalog_end_scratch     (DdCatalog      *self);

/* The current state, referenced (never NULL on an open catalog). */
DdCatalogState *dd_catalog_get_state   (DdCatalog      *self);

/* The write lock: a writer that changes samples (@samples) drops the stored snapshot
 * as it takes it; one that does not keeps it until dd_catalog_drop_stored().
 * The lock epoch is odd while a writer holds it. */
void        dd_catalog_lock_write      (DdCatalog      *self,
                                        gboolean        samples);
void        dd_catalog_unlock_write    (DdCatalog      *self);
/* The write lock held: the snapshot stored for the next open goes. */
void        dd_catalog_drop_stored     (DdCatalog      *self);

/* ---- the writer ------------------------------------------------------------------ */

struct _DdCatalogWriter
{
  DdCatalog         *catalog;
  sqlite3           *db;
  DdCatalogWriteFlags flags;
  GHashTable        *statements;      /* SQL text (by address) → prepared statement */
  gboolean           empty_at_begin;  /* the catalog had no sample: add_sample builds */
  gboolean           rows_changed;    /* a sample row was updated or deleted */
  gboolean           dropped;         /* the stored snapshot was dropped in this
                                       * transaction */
  gboolean           key_index_dropped; /* samples_by_key is built again at the commit */
  GHashTable        *inserted;        /* while it is: source id → samples inserted, */
  guint              counting;        /* but for the source of the last insert (G_MAXUINT:
                                       * none yet), */
  guint64            counted;         /* counted here (one hash look-up a row cost 2 %) */
  GHashTable        *folders;         /* folder path → id in folders, as met */
  GHashTable        *escaped;         /* keys with an escape added (check_escaped_key) */
  /* dd_catalog_writer_sample_of_key's look-ups, a folder at a time once two keys in a
   * row are in one folder (a model's predictions come folder by folder) */
  gint64             probe_folder;    /* the folder of the last key looked up */
  gint64             names_folder;    /* the folder whose samples names holds, or 0 */
  GHashTable        *names;           /* name → sample id (as a gintptr) */
  char              *last_folder;     /* the folder of the last sample added */
  gint64             last_folder_id;
  DdSnapshotBuilder *built;
  gint64             next_id;         /* add_samples: the id of its next row (0: not known
                                       * yet) */
};

/* The count of the source being inserted into, into w->inserted. */
void          dd_catalog_writer_flush_counted (DdCatalogWriter *writer);
/* The unique index of the keys, built again if this writer dropped it. */
gboolean      dd_catalog_writer_need_key_index (DdCatalogWriter  *writer,
                                                GError          **error);
/* The statement of @sql, prepared once per writer (@sql is a string constant: its
 * address is the key), reset and ready for new bindings. NULL with @error set when it
 * cannot be prepared. */
sqlite3_stmt *dd_catalog_writer_statement (DdCatalogWriter  *writer,
                                           const char       *sql,
                                           const char       *what,
                                           GError          **error);
/* Sets @error from the connection's last error: "@what: <message> (PATH)". Here and
 * below @what is the untranslated message (N_()): it is translated when an error is
 * set, not on every call. */
gboolean      dd_catalog_writer_fail      (DdCatalogWriter  *writer,
                                           GError          **error,
                                           const char       *what);
/* Binds the arguments to @sql's parameters in order, as @types says — 'i' an int or
 * guint, 'l' a gint64, 't' a text (NULL binds NULL), 'b' a string bound as the blob of
 * its bytes — and runs it to its end: FALSE with @error ("@what: …") otherwise. */
gboolean      dd_catalog_writer_run       (DdCatalogWriter  *writer,
                                           const char       *sql,
                                           const char       *what,
                                           GError          **error,
                                           const char       *types,
                                           ...);
/* The same binding, for a query: the integer in the first column of its first row,
 * @absent when it has no row (or cannot run). */
gint64        dd_catalog_writer_query     (DdCatalogWriter  *writer,
                                           const char       *sql,
                                           gint64            absent,
                                           const char       *types,
                                           ...);
/* The id of the one row @sql selects for @text (its only parameter): 0 when there is
 * none, -1 with @error ("@what: …") when the query fails. */
gint64        dd_catalog_writer_lookup_id (DdCatalogWriter  *writer,
                                           const char       *sql,
                                           const char       *what,
                                           const char       *text,
                                           GError          **error);
/* The id of the folder @path (@len bytes: a key up to and including its last '/') in
 * the folders table, added when new if @add; 0 when it is not there, -1 with @error
 * when the catalog cannot be read or written. The writer keeps those it met (and the
 * last one apart: samples come folder by folder). */
gint64        dd_catalog_writer_folder_id (DdCatalogWriter  *writer,
                                           const char       *path,
                                           gsize             len,
                                           gboolean          add,
                                           GError          **error);
/* The samples directly in @folder (of @source_id, or of any source when 0) into @into:
 * @prefix and the name → the sample id (as a gintptr). FALSE with @error when the
 * catalog cannot be read. */
gboolean      dd_catalog_writer_read_folder (DdCatalogWriter  *writer,
                                             gint64            folder,
                                             guint             source_id,
                                             const char       *prefix,
                                             GHashTable       *into,
                                             GError          **error);
/* Steps @stmt (bound) for the id in the first column of its one row, and resets it: 0
 * when there is none, -1 with @error ("@what: …") when the query fails. */
gint64        dd_catalog_writer_step_id   (DdCatalogWriter  *writer,
                                           sqlite3_stmt     *stmt,
                                           const char       *what,
                                           GError          **error);
/* Runs one statement whose result is done: FALSE with @error (@what) otherwise. */
gboolean      dd_catalog_writer_step      (DdCatalogWriter  *writer,
                                           sqlite3_stmt     *stmt,
                                           const char       *what,
                                           GError          **error);
/* Rows of the samples table were updated or deleted: a snapshot assembled from
 * inserts no longer describes the table. */
void          dd_catalog_writer_touch_rows (DdCatalogWriter *writer);

/* The most common decoded size of each source, read on @db. */
GHashTable   *dd_catalog_dominant_sizes    (sqlite3         *db);

/* The model runs' names on @db, oldest import first (the state's load; a catalog
 * without the runs table has none). */
GPtrArray  *dd_catalog_load_run_names  (sqlite3        *db);

/* ---- the schema ------------------------------------------------------------------ */

/* What an existing database is, read without writing to it: *out_version is 0 for an
 * empty database, else the catalog's schema version; *out_complete tells whether
 * every table and trigger of schema.sql is there. */
gboolean    dd_catalog_schema_check    (sqlite3        *db,
                                        const char     *path,
                                        gint64         *out_version,
                                        gboolean       *out_complete,
                                        GError        **error);
/* The schema of a new catalog, in an empty database. */
gboolean    dd_catalog_schema_create   (sqlite3        *db,
                                        const char     *path,
                                        GError        **error);
/* Whether @table of @db has @column. */
gboolean    dd_catalog_schema_has_column (sqlite3        *db,
                                          const char     *table,
                                          const char     *column);
/* Brings a catalog of @version up to DD_CATALOG_SCHEMA_VERSION in one transaction: the
 * tables added in a version's life, then the numbered migrations. */
gboolean    dd_catalog_schema_upgrade  (sqlite3        *db,
                                        const char     *path,
                                        gint64          version,
                                        GError        **error);

/* ---- SQLite helpers ------------------------------------------------------------ */

/* Sets @error from an SQLite result code: "@what: <message> (PATH)", or the one-line
 * forms for a full disk, a read-only file, a damaged file, not a database, and
 * G_IO_ERROR_CANCELLED for an interrupt. @db may be NULL (then only @rc speaks). */
void        dd_catalog_sqlite_error    (sqlite3        *db,
                                        int             rc,
                                        const char     *path,
                                        GError        **error,
                                        const char     *what);
/* "“PATH” is damaged: WHAT" — one line for a catalog whose content makes no sense. */
void        dd_catalog_set_damaged     (GError        **error,
                                        const char     *path,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (3, 4);
/* A statement over the catalog's tables failed: a missing table or column means the
 * file is no longer a catalog we can read, anything else is the disk's or SQLite's. */
void        dd_catalog_set_read_error  (sqlite3        *db,
                                        const char     *path,
                                        GError        **error);
/* Runs statements without results; on failure, "Cannot update the catalog". */
gboolean    dd_catalog_exec_sql        (sqlite3        *db,
                                        const char     *path,
                                        const char     *sql,
                                        GError        **error);
/* A class row of "id, wnid, name, names, parent_wnid, parent_name, name_source,
 * in_wnids" (the id as stored: check it before use). */
DdClassInfo *dd_class_info_from_row    (sqlite3_stmt   *stmt);
/* A copy of a text column, NULL for NULL. */
char       *dd_column_dup_text         (sqlite3_stmt   *stmt,
                                        int             col);
/* The same for text the catalog holds as UTF-8 (names, keys, facts): a damaged value
 * is made valid, so whatever prints, shows or serialises it as JSON gets text. */
char       *dd_column_dup_utf8         (sqlite3_stmt   *stmt,
                                        int             col);

G_END_DECLS
