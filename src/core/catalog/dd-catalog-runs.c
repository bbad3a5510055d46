/* The runs and predictions tables: rows written through DdCatalogWriter by the model
 * importer, read back on the read connection (joined with the samples as they are now,
 * so a relabel or a deleted file is seen at once). */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dd-catalog-db.h"
#include "dd-catalog-runs.h"

void
dd_run_info_free (DdRunInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->file);
  g_free (info);
}

void
dd_run_rows_free (DdRunRows *rows)
{
  if (rows == NULL)
    return;
  dd_run_info_free (rows->info);
  g_strfreev (rows->labels);
  g_clear_pointer (&rows->rows, g_array_unref);
  g_free (rows->probs);
  g_free (rows);
}

/* ---- writing --------------------------------------------------------------------- */

/* The names of the samples in @folder, with their ids, into @w's names. */
static gboolean
read_folder_names (DdCatalogWriter  *w,
                   gint64            folder,
                   GError          **error)
{
  if (w->names == NULL)
    w->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_remove_all (w->names);
  w->names_folder = 0;
  if (!dd_catalog_writer_read_folder (w, folder, 0, NULL, w->names, error))
    return FALSE;
  w->names_folder = folder;
  return TRUE;
}

gint64
dd_catalog_writer_sample_of_key (DdCatalogWriter  *w,
                                 const char       *key,
                                 GError          **error)
{
  static const char sql[] = "SELECT id FROM samples WHERE folder_id = ?1 AND keyhash = ?2"
                            " AND name = ?3";
  const char *what = N_("Cannot read the samples");
  gsize folder_len = dd_catalog_key_folder_len (key);
  gint64 folder = dd_catalog_writer_folder_id (w, key, folder_len, FALSE, error);
  sqlite3_stmt *stmt;

  /* the folder known to the writer after its first sample */
  if (folder <= 0)
    return folder;
  /* the second key in a row in one folder: its names, read once, answer the rest */
  if (folder != w->names_folder && folder == w->probe_folder &&
      !read_folder_names (w, folder, error))
    return -1;
  w->probe_folder = folder;
  if (folder == w->names_folder)
    return (gint64) (gintptr) g_hash_table_lookup (w->names, key + folder_len);
  if (!(stmt = dd_catalog_writer_statement (w, sql, what, error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, folder);
  sqlite3_bind_int64 (stmt, 2, dd_catalog_key_hash (key));
  sqlite3_bind_text (stmt, 3, key + folder_len, -1, SQLITE_STATIC);
  return dd_catalog_writer_step_id (w, stmt, what, error);
}

gint64
dd_catalog_writer_find_run (DdCatalogWriter  *w,
                            const char       *name,
                            GError          **error)
{
  static const char sql[] = "SELECT id FROM runs WHERE name = ?";

  return dd_catalog_writer_lookup_id (w, sql, N_("Cannot read the model runs"), name, error);
}

gboolean
dd_catalog_writer_delete_run (DdCatalogWriter  *w,
                              gint64            run_id,
                              GError          **error)
{
  static const char predictions[] = "DELETE FROM predictions WHERE run_id = ?";
  static const char run[] = "DELETE FROM runs WHERE id = ?";
  const char *what = N_("Cannot delete the model run");

  return dd_catalog_writer_run (w, predictions, what, error, "l", run_id) &&
         dd_catalog_writer_run (w, run, what, error, "l", run_id);
}

gboolean
dd_catalog_writer_rename_run (DdCatalogWriter  *w,
                              gint64            run_id,
                              const char       *name,
                              GError          **error)
{
  static const char sql[] = "UPDATE runs SET name = ? WHERE id = ?";

  return dd_catalog_writer_run (w, sql, N_("Cannot rename the model run"), error, "tl", name,
                                run_id);
}

gint64
dd_catalog_writer_replace_run (DdCatalogWriter  *w,
                               const char       *name,
                               const char       *file,
                               const char       *labels,
                               gint64            now,
                               GError          **error)
{
  static const char sql[] = "INSERT INTO runs (name, imported_at, file, labels)"
                            " VALUES (?, ?, ?, ?)";
  gint64 old = dd_catalog_writer_find_run (w, name, error);

  if (old < 0 || (old > 0 && !dd_catalog_writer_delete_run (w, old, error)))
    return 0;
  if (!dd_catalog_writer_run (w, sql, N_("Cannot import the model run"), error, "tltt", name,
                              now, file, labels))
    return 0;
  return sqlite3_last_insert_rowid (w->db);
}

gboolean
dd_catalog_writer_add_prediction (DdCatalogWriter        *w,
                                  gint64                  run_id,
                                  const DdPredictionRow  *row,
                                  gboolean               *out_duplicate,
                                  GError                **error)
{
  static const char sql[] = "INSERT OR IGNORE INTO predictions"
                            " (run_id, sample_id, predicted, confidence, loss, probs, top5)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)";
  const char *what = N_("Cannot import the model run");
  sqlite3_stmt *stmt = dd_catalog_writer_statement (w, sql, what, error);

  *out_duplicate = FALSE;
  if (stmt == NULL)
    return FALSE;
  /* a reused statement keeps its last bindings: every parameter is bound again */
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, row->sample_id);
  sqlite3_bind_int (stmt, 3, row->predicted);
  if (!isnan (row->confidence))
    sqlite3_bind_double (stmt, 4, row->confidence);
  if (!isnan (row->loss))
    sqlite3_bind_double (stmt, 5, row->loss);
  if (row->probs)
    sqlite3_bind_blob (stmt, 6, row->probs, row->n_probs * sizeof (float), SQLITE_STATIC);
  if (row->top5)
    sqlite3_bind_text (stmt, 7, row->top5, -1, SQLITE_STATIC);
  if (!dd_catalog_writer_step (w, stmt, what, error))
    return FALSE;
  if (sqlite3_changes (w->db) == 0)
    {
      *out_duplicate = TRUE;
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_catalog_writer_set_flag_on (DdCatalogWriter  *w,
                               DdHealthKind      kind,
                               GArray           *ids,
                               GError          **error)
{
  static const char clear[] = "UPDATE samples SET flags = flags & ~?1 WHERE flags & ?1 != 0";
  static const char set[] = "UPDATE samples SET flags = flags | ?1 WHERE id = ?2";
  const char *what = N_("Cannot record the health findings");
  guint32 bit = DD_HEALTH_FLAG (kind);
  gint64 before = dd_catalog_writer_query (w, "SELECT count(*) FROM samples WHERE flags & ?1 != 0",
                                           0, "i", bit);
  gboolean same = before == (gint64) ids->len;

  for (guint i = 0; same && i < ids->len; i++)
    same = dd_catalog_writer_query (w, "SELECT flags & ?1 != 0 FROM samples WHERE id = ?2", 0,
                                    "il", bit, g_array_index (ids, gint64, i)) == 1;
  if (same)
    return TRUE;
  if (!dd_catalog_writer_run (w, clear, what, error, "i", bit))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!dd_catalog_writer_run (w, set, what, error, "il", bit, g_array_index (ids, gint64, i)))
      return FALSE;
  dd_catalog_writer_touch_rows (w);
  dd_catalog_writer_samples_changed (w);
  return TRUE;
}

char *
dd_catalog_writer_latest_probs_run (DdCatalogWriter *w)
{
  static const char sql[] = "SELECT r.id FROM runs r WHERE EXISTS (SELECT 1 FROM predictions p"
                            " WHERE p.run_id = r.id AND p.probs IS NOT NULL)"
                            " ORDER BY r.imported_at DESC, r.id DESC LIMIT 1";
  static const char name_sql[] = "SELECT name FROM runs WHERE id = ?";
  gint64 id = dd_catalog_writer_query (w, sql, 0, "");
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (id == 0 || !(stmt = dd_catalog_writer_statement (w, name_sql, NULL, NULL)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = dd_column_dup_utf8 (stmt, 0);
  sqlite3_reset (stmt);
  return name;
}

/* ---- reading --------------------------------------------------------------------- */

static void
read_failed (DdCatalog   *self,
             GError     **error,
             const char  *what)
{
  g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO, "%s: %s (%s)", what,
               sqlite3_errmsg (self->read_db), self->path);
}

/* A catalog of version 2 opened read-only has no runs table: it has no runs. */
static gboolean
no_runs_table (sqlite3 *db)
{
  return strstr (sqlite3_errmsg (db), "no such table") != NULL;
}

static DdRunInfo *
run_info_from_row (sqlite3_stmt *stmt)
{
  DdRunInfo *info = g_new0 (DdRunInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = dd_column_dup_utf8 (stmt, 1);
  info->imported_at = sqlite3_column_int64 (stmt, 2);
  info->file = dd_column_dup_utf8 (stmt, 3);
  return info;
}

/* The counts of run @info->id, on @db. */
static gboolean
count_run (sqlite3    *db,
           DdRunInfo  *info)
{
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  if (sqlite3_prepare_v2 (db, "SELECT count(*), coalesce(sum(s.class_id != 0), 0),"
                              " coalesce(sum(s.class_id != 0 AND s.class_id = p.predicted), 0),"
                              " coalesce(max(p.probs IS NOT NULL), 0)"
                              " FROM predictions p JOIN samples s ON s.id = p.sample_id"
                              " WHERE p.run_id = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, info->id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          info->samples = sqlite3_column_int64 (stmt, 0);
          info->labeled = sqlite3_column_int64 (stmt, 1);
          info->correct = sqlite3_column_int64 (stmt, 2);
          info->has_probs = sqlite3_column_int (stmt, 3) != 0;
        }
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

GPtrArray *
dd_catalog_read_runs (DdCatalog  *self,
                      GError    **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_run_info_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);

  g_mutex_lock (&self->read_lock);
  db = self->read_db;
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (db, "SELECT id, name, imported_at, file FROM runs ORDER BY name",
                          -1, &stmt, NULL) == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (out, run_info_from_row (stmt));
  else if (no_runs_table (db))
    rc = SQLITE_DONE;
  sqlite3_finalize (stmt);
  for (guint i = 0; rc == SQLITE_DONE && i < out->len; i++)
    if (!count_run (db, g_ptr_array_index (out, i)))
      rc = SQLITE_ERROR;
  if (rc != SQLITE_DONE)
    read_failed (self, error, _("Cannot read the model runs"));
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  g_mutex_unlock (&self->read_lock);
  return rc == SQLITE_DONE ? g_steal_pointer (&out) : NULL;
}

static double
column_double_or_nan (sqlite3_stmt *stmt,
                      int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, col);
}

/* The predictions of run @rows->info->id into @rows (on @db, in its transaction). */
static gboolean
read_predictions (sqlite3    *db,
                  DdRunRows  *rows,
                  gboolean    with_probs)
{
  guint n_labels = g_strv_length (rows->labels);
  g_autoptr(GByteArray) probs = with_probs ? g_byte_array_new () : NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  if (sqlite3_prepare_v2 (db, with_probs
                          ? "SELECT p.sample_id, s.class_id, s.corruption_id, s.severity,"
                            " p.predicted, p.confidence, p.loss, p.probs"
                            " FROM predictions p JOIN samples s ON s.id = p.sample_id"
                            " WHERE p.run_id = ? ORDER BY p.sample_id"
                          : "SELECT p.sample_id, s.class_id, s.corruption_id, s.severity,"
                            " p.predicted, p.confidence, p.loss"
                            " FROM predictions p JOIN samples s ON s.id = p.sample_id"
                            " WHERE p.run_id = ? ORDER BY p.sample_id",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, rows->info->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DdPrediction p = {
            .sample_id = sqlite3_column_int64 (stmt, 0),
            .class_id = sqlite3_column_int (stmt, 1),
            .corruption_id = sqlite3_column_int (stmt, 2),
            .severity = sqlite3_column_int (stmt, 3),
            .predicted = sqlite3_column_int (stmt, 4),
            .confidence = column_double_or_nan (stmt, 5),
            .loss = column_double_or_nan (stmt, 6),
          };

          g_array_append_val (rows->rows, p);
          if (p.class_id != 0)
            rows->info->labeled++;
          if (p.class_id != 0 && p.class_id == p.predicted)
            rows->info->correct++;
          if (probs)
            {
              gsize size = n_labels * sizeof (float);
              guint at = probs->len;

              g_byte_array_set_size (probs, at + size);
              if (sqlite3_column_type (stmt, 7) == SQLITE_BLOB &&
                  (gsize) sqlite3_column_bytes (stmt, 7) == size)
                {
                  memcpy (probs->data + at, sqlite3_column_blob (stmt, 7), size);
                  rows->info->has_probs = TRUE;
                }
              else
                for (guint j = 0; j < n_labels; j++)
                  ((float *) (probs->data + at))[j] = NAN;
            }
        }
    }
  sqlite3_finalize (stmt);
  rows->info->samples = rows->rows->len;
  if (probs)
    rows->probs = (float *) g_byte_array_free (g_steal_pointer (&probs), FALSE);
  return rc == SQLITE_DONE;
}

/* The last run read without probabilities, kept on the catalog (under its read lock)
 * while no connection has written to the file since: filters by outcome re-evaluate a
 * recipe on every edit, and 750,000 rows take a third of a second to read. */
typedef struct {
  char      *name;
  gint64     data_version;
  guint64    generation;
  DdRunRows *rows;
} RunCache;

static void
run_cache_free (RunCache *cache)
{
  g_free (cache->name);
  dd_run_rows_free (cache->rows);
  g_free (cache);
}

static DdRunRows *
run_rows_copy (const DdRunRows *rows)
{
  DdRunRows *copy = g_new0 (DdRunRows, 1);

  copy->info = g_memdup2 (rows->info, sizeof *rows->info);
  copy->info->name = g_strdup (rows->info->name);
  copy->info->file = g_strdup (rows->info->file);
  copy->labels = g_strdupv (rows->labels);
  copy->rows = g_array_sized_new (FALSE, FALSE, sizeof (DdPrediction), rows->rows->len);
  g_array_append_vals (copy->rows, rows->rows->data, rows->rows->len);
  return copy;
}

DdRunRows *
dd_catalog_read_run (DdCatalog   *self,
                     const char  *name,
                     gboolean     with_probs,
                     gboolean    *out_found,
                     GError     **error)
{
  g_autoptr(DdRunRows) rows = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc = SQLITE_ERROR;
  RunCache *cache;
  gint64 version;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);

  *out_found = FALSE;
  g_mutex_lock (&self->read_lock);
  db = self->read_db;
  version = dd_catalog_data_version (db);
  cache = g_object_get_data (G_OBJECT (self), "dd-run-cache");
  if (!with_probs && cache && version >= 0 && cache->data_version == version &&
      cache->generation == dd_catalog_get_generation (self) && g_str_equal (cache->name, name))
    {
      rows = run_rows_copy (cache->rows);
      g_mutex_unlock (&self->read_lock);
      *out_found = TRUE;
      return g_steal_pointer (&rows);
    }
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (db, "SELECT id, name, imported_at, file, labels FROM runs"
                              " WHERE name = ?", -1, &stmt, NULL) != SQLITE_OK)
    rc = no_runs_table (db) ? SQLITE_DONE : SQLITE_ERROR;
  else
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_autofree char *labels = dd_column_dup_utf8 (stmt, 4);

          rows = g_new0 (DdRunRows, 1);
          rows->info = run_info_from_row (stmt);
          rows->labels = g_strsplit (labels ? labels : "", "\n", -1);
          if (rows->labels[0] && !*rows->labels[g_strv_length (rows->labels) - 1])
            {
              /* a trailing newline leaves an empty last line */
              guint n = g_strv_length (rows->labels);

              g_free (rows->labels[n - 1]);
              rows->labels[n - 1] = NULL;
            }
          rows->rows = g_array_new (FALSE, FALSE, sizeof (DdPrediction));
        }
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    rc = read_predictions (db, rows, with_probs) ? SQLITE_DONE : SQLITE_ERROR;
  if (rc != SQLITE_DONE)
    read_failed (self, error, _("Cannot read the model run"));
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc == SQLITE_DONE && rows && !with_probs && version >= 0)
    {
      cache = g_new0 (RunCache, 1);
      cache->name = g_strdup (name);
      cache->data_version = version;
      cache->generation = dd_catalog_get_generation (self);
      cache->rows = run_rows_copy (rows);
      g_object_set_data_full (G_OBJECT (self), "dd-run-cache", cache,
                              (GDestroyNotify) run_cache_free);
    }
  g_mutex_unlock (&self->read_lock);
  if (rc != SQLITE_DONE)
    return NULL;
  *out_found = rows != NULL;
  return g_steal_pointer (&rows);
}

gboolean
dd_catalog_read_prediction (DdCatalog   *self,
                            const char  *run,
                            gint64       sample_id,
                            guint       *out_predicted,
                            double      *out_confidence,
                            double      *out_loss,
                            char       **out_top5,
                            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (DD_IS_CATALOG (self), FALSE);

  *out_top5 = NULL;
  g_mutex_lock (&self->read_lock);
  if (sqlite3_prepare_v2 (self->read_db,
                          "SELECT p.predicted, p.confidence, p.loss, p.top5"
                          " FROM predictions p JOIN runs r ON r.id = p.run_id"
                          " WHERE r.name = ? AND p.sample_id = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, run, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, sample_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          found = TRUE;
          *out_predicted = sqlite3_column_int (stmt, 0);
          *out_confidence = column_double_or_nan (stmt, 1);
          *out_loss = column_double_or_nan (stmt, 2);
          *out_top5 = dd_column_dup_utf8 (stmt, 3);
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    read_failed (self, error, _("Cannot read the model run"));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return found;
}

char *
dd_catalog_read_latest_run (DdCatalog  *self,
                            GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  char *name = NULL;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);

  g_mutex_lock (&self->read_lock);
  if (sqlite3_prepare_v2 (self->read_db, "SELECT name FROM runs"
                          " ORDER BY imported_at DESC, id DESC LIMIT 1", -1, &stmt, NULL)
      == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        name = dd_column_dup_utf8 (stmt, 0);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    read_failed (self, error, _("Cannot read the model runs"));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return name;
}

GArray *
dd_catalog_read_confusions (DdCatalog   *self,
                            const char  *run,
                            guint        class_id,
                            guint        limit,
                            GError     **error)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DdConfusionCount));
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);

  g_mutex_lock (&self->read_lock);
  if (sqlite3_prepare_v2 (self->read_db,
                          "SELECT p.predicted, count(*) AS n FROM predictions p"
                          " JOIN runs r ON r.id = p.run_id JOIN samples s ON s.id = p.sample_id"
                          " WHERE r.name = ? AND s.class_id = ? AND p.predicted != s.class_id"
                          " GROUP BY p.predicted ORDER BY n DESC, p.predicted LIMIT ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, run, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, class_id);
      sqlite3_bind_int (stmt, 3, limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DdConfusionCount c = {
            .predicted = sqlite3_column_int (stmt, 0),
            .count = sqlite3_column_int64 (stmt, 1),
          };

          g_array_append_val (out, c);
        }
    }
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  if (rc != SQLITE_DONE)
    {
      read_failed (self, error, _("Cannot read the model run"));
      g_array_unref (out);
      return NULL;
    }
  return out;
}

GPtrArray *
dd_catalog_load_run_names (sqlite3 *db)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM runs ORDER BY imported_at, id", -1, &stmt, NULL)
      == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (names, dd_column_dup_utf8 (stmt, 0));
  sqlite3_finalize (stmt);
  return names;
}

GPtrArray *
dd_catalog_list_run_names (DdCatalog *self)
{
  g_autoptr(DdCatalogState) st = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (DD_IS_CATALOG (self), names);
  st = dd_catalog_get_state (self);
  for (guint i = 0; st->run_names && i < st->run_names->len; i++)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (st->run_names, i)));
  return names;
}
