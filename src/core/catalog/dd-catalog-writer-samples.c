/* DdCatalogWriter's samples: their rows added one at a time or many to a statement,
 * deleted, relabelled, linked to their clean images, their boxes and content facts,
 * and the rows read back inside the transaction. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-catalog-db.h"
#include "dd-catalog-runs.h"   /* dd_catalog_writer_sample_of_key */

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

/* What a row needs before its insert: its folder (added when new) and key hash; its
 * key checked when it could be another file's. */
typedef struct {
  gint64      folder;
  gint64      keyhash;
  const char *name;       /* the key's end after its folder */
} PreparedRow;

static gboolean
prepare_row (DdCatalogWriter    *w,
             const DdSampleRow  *row,
             PreparedRow        *p,
             GError            **error)
{
  gsize folder_len = dd_catalog_key_folder_len (row->key);

  if ((p->folder = dd_catalog_writer_folder_id (w, row->key, folder_len, TRUE, error)) <= 0)
    return FALSE;
  if (p->folder == w->names_folder)
    w->names_folder = 0;
  p->name = row->key + folder_len;
  if (strstr (p->name, "\\x") && !check_escaped_key (w, row->key, error))
    return FALSE;
  p->keyhash = row->keyhash ? row->keyhash : dd_catalog_key_hash (row->key);
  return TRUE;
}

/* Binds the row's 11 columns after its id (source_id … flags) from parameter @base + 1. */
static void
bind_row (sqlite3_stmt       *stmt,
          int                 base,
          const DdSampleRow  *row,
          const PreparedRow  *p)
{
  sqlite3_bind_int (stmt, base + 1, row->source_id);
  sqlite3_bind_int64 (stmt, base + 2, p->folder);
  sqlite3_bind_text (stmt, base + 3, p->name, -1, SQLITE_STATIC);
  if (row->raw_key)
    sqlite3_bind_blob (stmt, base + 4, row->raw_key, strlen (row->raw_key), SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, base + 4);
  sqlite3_bind_int (stmt, base + 5, row->class_id);
  sqlite3_bind_int (stmt, base + 6, row->corruption_id);
  sqlite3_bind_int (stmt, base + 7, row->severity);
  sqlite3_bind_int (stmt, base + 8, row->split_id);
  if (row->clean_id)
    sqlite3_bind_int64 (stmt, base + 9, row->clean_id);
  else
    sqlite3_bind_null (stmt, base + 9);
  sqlite3_bind_int64 (stmt, base + 10, p->keyhash);
  sqlite3_bind_int (stmt, base + 11, row->flags);
}

/* The writer's count of the source's samples and the snapshot it assembles, after
 * the row's insert. */
static void
row_added (DdCatalogWriter    *w,
           const DdSampleRow  *row,
           gint64              id,
           gint64              keyhash)
{
  if (w->next_id && id >= w->next_id)
    w->next_id = id < G_MAXINT64 ? id + 1 : G_MAXINT64;   /* no room: add_samples goes
                                                            * a row at a time */
  if (w->inserted)
    {
      if (row->source_id != w->counting)
        {
          dd_catalog_writer_flush_counted (w);
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
  sqlite3_stmt *stmt;
  PreparedRow p;
  gint64 id;

  if (!prepare_row (w, row, &p, error) ||
      !(stmt = dd_catalog_writer_statement (w, sql, what, error)))
    return 0;
  bind_row (stmt, 0, row, &p);
  if (!dd_catalog_writer_step (w, stmt, what, error))
    return 0;
  id = sqlite3_last_insert_rowid (w->db);
  row_added (w, row, id, p.keyhash);
  return id;
}

/* Rows one statement of add_samples inserts: a statement's own work (its program's
 * start and end, the table's cursor) once for them all; more make a longer program
 * for little more (32 rows: 0.95 of the CPU time of a first index, 128: no gain). */
#define ROWS_PER_INSERT 32

/* "INSERT INTO samples (id, …) VALUES (?, …)" with @n rows of values: made once. */
static const char *
insert_rows_sql (guint n)
{
  static const char one[] = "INSERT INTO samples (id, source_id, folder_id, name, rawpath,"
                            " class_id, corruption_id, severity, split_id, clean_id, keyhash,"
                            " flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static gsize many = 0;

  if (n == 1)
    return one;
  g_assert (n == ROWS_PER_INSERT);
  if (g_once_init_enter (&many))
    {
      GString *sql = g_string_new (one);

      for (guint i = 1; i < n; i++)
        g_string_append (sql, ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      g_once_init_leave (&many, (gsize) g_string_free (sql, FALSE));
    }
  return (const char *) many;
}

/* @n rows in one statement, with the ids from w->next_id on. */
static gboolean
insert_rows (DdCatalogWriter    *w,
             const DdSampleRow  *rows,
             guint               n,
             gint64             *ids,
             GError            **error)
{
  const char *what = N_("Cannot record a sample");
  PreparedRow p[ROWS_PER_INSERT];
  gint64 first = w->next_id;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n; i++)
    if (!prepare_row (w, &rows[i], &p[i], error))
      return FALSE;
  if (!(stmt = dd_catalog_writer_statement (w, insert_rows_sql (n), what, error)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_int64 (stmt, i * 12 + 1, first + i);
      bind_row (stmt, i * 12 + 1, &rows[i], &p[i]);
    }
  if (!dd_catalog_writer_step (w, stmt, what, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      ids[i] = first + i;
      row_added (w, &rows[i], ids[i], p[i].keyhash);   /* moves w->next_id past it */
    }
  return TRUE;
}

gboolean
dd_catalog_writer_add_samples (DdCatalogWriter    *w,
                               const DdSampleRow  *rows,
                               guint               n,
                               gint64             *ids,
                               GError            **error)
{
  static const char max_sql[] = "SELECT coalesce(max(id), 0) FROM samples";
  guint done = 0;

  if (w->next_id == 0 && n > 0)
    {
      sqlite3_stmt *stmt = dd_catalog_writer_statement (w, max_sql, N_("Cannot record a sample"),
                                                        error);
      gint64 max;

      if (stmt == NULL || (max = dd_catalog_writer_step_id (w, stmt, N_("Cannot record a sample"),
                                                           error)) < 0)
        return FALSE;
      w->next_id = max + 1;
    }
  /* ids as SQLite would choose them (one past the largest), short of the largest id
   * there is: then SQLite picks unused ones at random, a row at a time */
  while (done < n && w->next_id > 0 && w->next_id <= G_MAXINT64 - ROWS_PER_INSERT)
    {
      /* a full statement, or the rest one row at a time */
      guint k = n - done >= ROWS_PER_INSERT ? ROWS_PER_INSERT : 1;

      if (!insert_rows (w, rows + done, k, ids + done, error))
        return FALSE;
      done += k;
    }
  for (; done < n; done++)
    if (!(ids[done] = dd_catalog_writer_add_sample (w, &rows[done], error)))
      return FALSE;
  return TRUE;
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
  if (!dd_catalog_writer_need_key_index (w, NULL) || *prefix == '\0')
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
