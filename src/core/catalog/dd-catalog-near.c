/* The catalog side of near duplicates: perceptual hashes, the near pairs health found
 * and their threshold, written through DdCatalogWriter, read in one transaction. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dd-catalog-db.h"
#include "dd-catalog-near.h"

gboolean
dd_catalog_writer_set_phash (DdCatalogWriter  *w,
                             gint64            id,
                             gboolean          has_phash,
                             guint64           phash,
                             GError          **error)
{
  static const char set_sql[] =
    "INSERT OR REPLACE INTO phashes (sample_id, phash) VALUES (?, ?)";
  static const char drop_sql[] = "DELETE FROM phashes WHERE sample_id = ?";
  const char *what = N_("Cannot record what the images hold");

  if (!has_phash)
    return dd_catalog_writer_run (w, drop_sql, what, error, "l", id);
  /* SQLite's integers are signed: the 64 bits as they are */
  return dd_catalog_writer_run (w, set_sql, what, error, "ll", id, (gint64) phash);
}

static DdNearSplit
split_of (const char *name)
{
  if (g_strcmp0 (name, "train") == 0)
    return DD_NEAR_SPLIT_TRAIN;
  if (g_strcmp0 (name, "val") == 0 || g_strcmp0 (name, "valid") == 0 ||
      g_strcmp0 (name, "validation") == 0 || g_strcmp0 (name, "test") == 0)
    return DD_NEAR_SPLIT_HELDOUT;
  return DD_NEAR_SPLIT_OTHER;
}

/* A catalog of version 2 opened read-only (never upgraded) has neither table: no
 * hashes and no pairs are known there yet, which is no error. */
static gboolean
has_table (sqlite3    *db,
           const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* The row @stmt stands on (read_phashes' columns); its family numbered in @families
 * (family key → number, from 1). */
static DdPhashRow
phash_row (sqlite3_stmt *stmt,
           GHashTable   *families)
{
  DdPhashRow row = { 0 };
  const char *key = (const char *) sqlite3_column_text (stmt, 4);
  const char *clean = (const char *) sqlite3_column_text (stmt, 5);
  g_autofree char *family = NULL;
  gpointer id;

  row.id = sqlite3_column_int64 (stmt, 0);
  row.phash = (guint64) sqlite3_column_int64 (stmt, 1);
  row.class_id = sqlite3_column_int (stmt, 2);
  row.split = split_of ((const char *) sqlite3_column_text (stmt, 3));
  row.corrupted = sqlite3_column_int (stmt, 6) != 0;
  if (sqlite3_column_text (stmt, 7))
    {
      char head[17] = { 0 };

      strncpy (head, (const char *) sqlite3_column_text (stmt, 7), 16);
      row.bytes = g_ascii_strtoull (head, NULL, 16);
    }
  if (clean)
    family = g_strdup (clean);
  else if (row.corrupted && key)
    family = g_strdup_printf ("\x01%u/%s", row.class_id,
                              strrchr (key, '/') ? strrchr (key, '/') + 1 : key);
  else
    family = g_strdup (key ? key : "");
  if (!(id = g_hash_table_lookup (families, family)))
    {
      id = GUINT_TO_POINTER (g_hash_table_size (families) + 1);
      g_hash_table_insert (families, g_steal_pointer (&family), id);
    }
  row.family = GPOINTER_TO_UINT (id);
  return row;
}

/* Rows of the hashes with the facts near duplicates are judged by. A corruption
 * variant's family is its clean image's key, also when that image is not indexed (then
 * its class and file name: ImageNet-C names a variant as its clean image). */
static GArray *
read_phashes (DdCatalog     *catalog,
              sqlite3       *db,
              const char    *path,
              const gint64  *ids,       /* only these samples (in this order), or NULL: all */
              guint          n_ids,
              GError       **error)
{
  g_autofree char *key = dd_catalog_key_sql (catalog, "samples");
  g_autofree char *sql = g_strdup_printf (
    "SELECT samples.id, p.phash, samples.class_id, sp.name, %s, %s,"
    " samples.corruption_id, samples.hash"
    " FROM phashes p JOIN samples ON samples.id = p.sample_id"
    " LEFT JOIN splits sp ON sp.id = samples.split_id %s",
    key, dd_catalog_clean_key_sql (catalog), ids ? "WHERE p.sample_id = ?1" : "ORDER BY samples.id");
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (DdPhashRow));
  g_autoptr(GHashTable) families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_DONE;

  if (!has_table (db, "phashes"))
    return g_steal_pointer (&rows);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      dd_catalog_sqlite_error (db, sqlite3_extended_errcode (db), path, error,
                               _("Cannot read the perceptual hashes"));
      return NULL;
    }
  for (guint k = 0; k < (ids ? n_ids : 1) && rc == SQLITE_DONE; k++)
    {
      if (ids)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, ids[k]);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DdPhashRow row = phash_row (stmt, families);

          g_array_append_val (rows, row);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dd_catalog_sqlite_error (db, sqlite3_extended_errcode (db), path, error,
                               _("Cannot read the perceptual hashes"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GArray *
dd_catalog_writer_read_phashes (DdCatalogWriter  *w,
                                GError          **error)
{
  return read_phashes (w->catalog, w->db, w->catalog->path, NULL, 0, error);
}

gboolean
dd_catalog_writer_store_near_pairs (DdCatalogWriter  *w,
                                    GArray           *pairs,
                                    guint64          *changed,
                                    GError          **error)
{
  static const char insert_sql[] =
    "INSERT INTO near_pairs (a, b, distance, kind) VALUES (?, ?, ?, ?)";
  static const char flag_sql[] =
    "INSERT INTO dd_near_flags (id, bits) VALUES (?1, ?2)"
    " ON CONFLICT (id) DO UPDATE SET bits = bits | ?2";
  const char *what = N_("Cannot record the near duplicates");
  g_autofree char *update = NULL;

  if (!dd_catalog_exec_sql (w->db, w->catalog->path,
                            "DELETE FROM near_pairs;"
                            "CREATE TEMP TABLE IF NOT EXISTS dd_near_flags"
                            " (id INTEGER PRIMARY KEY, bits INTEGER NOT NULL);"
                            "DELETE FROM dd_near_flags;", error))
    return FALSE;
  for (guint i = 0; i < pairs->len; i++)
    {
      DdNearPairRow *p = &g_array_index (pairs, DdNearPairRow, i);
      int bit = DD_HEALTH_FLAG (p->kind);

      if (!dd_catalog_writer_run (w, insert_sql, what, error, "llii", p->a, p->b,
                                  (int) p->distance, (int) p->kind) ||
          !dd_catalog_writer_run (w, flag_sql, what, error, "li", p->a, bit) ||
          !dd_catalog_writer_run (w, flag_sql, what, error, "li", p->b, bit))
        return FALSE;
    }
  /* only the rows whose flags differ are written (and counted) */
  update = g_strdup_printf (
    "UPDATE samples SET flags = (flags & ~%u)"
    "   | coalesce ((SELECT bits FROM dd_near_flags f WHERE f.id = samples.id), 0)"
    " WHERE (flags & %u) != coalesce ((SELECT bits FROM dd_near_flags f"
    "                                  WHERE f.id = samples.id), 0);",
    DD_HEALTH_NEAR_FLAGS, DD_HEALTH_NEAR_FLAGS);
  if (!dd_catalog_exec_sql (w->db, w->catalog->path, update, error))
    return FALSE;
  if (sqlite3_changes (w->db) > 0)
    {
      dd_catalog_writer_touch_rows (w);
      *changed += sqlite3_changes (w->db);
    }
  return TRUE;
}

static guint
parse_threshold (const char *text)
{
  guint64 v;

  if (text && g_ascii_string_to_unsigned (text, 10, 0, DD_NEAR_MAX_THRESHOLD, &v, NULL))
    return (guint) v;
  return DD_NEAR_DEFAULT_THRESHOLD;
}

guint
dd_catalog_writer_get_near_threshold (DdCatalogWriter *w)
{
  static const char sql[] = "SELECT value FROM meta WHERE key = 'near_threshold'";
  gint64 v = dd_catalog_writer_query (w, sql, -1, "");

  return v >= 0 && v <= DD_NEAR_MAX_THRESHOLD ? (guint) v : DD_NEAR_DEFAULT_THRESHOLD;
}

gboolean
dd_catalog_writer_set_near_threshold (DdCatalogWriter  *w,
                                      guint             threshold,
                                      GError          **error)
{
  static const char sql[] =
    "INSERT OR REPLACE INTO meta (key, value) VALUES ('near_threshold', ?)";
  g_autofree char *value = g_strdup_printf ("%u", MIN (threshold, DD_NEAR_MAX_THRESHOLD));

  return dd_catalog_writer_run (w, sql, N_("Cannot record the near-duplicate threshold"),
                                error, "t", value);
}

/* ---- reading ---------------------------------------------------------------------- */

GArray *
dd_catalog_read_phashes_of (DdCatalog     *self,
                            const gint64  *ids,
                            guint          n_ids,
                            GError       **error)
{
  GArray *rows;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  if (n_ids == 0)
    return g_array_new (FALSE, FALSE, sizeof (DdPhashRow));
  g_mutex_lock (&self->read_lock);
  sqlite3_exec (self->read_db, "BEGIN", NULL, NULL, NULL);
  rows = read_phashes (self, self->read_db, self->path, ids, n_ids, error);
  sqlite3_exec (self->read_db, "COMMIT", NULL, NULL, NULL);
  g_mutex_unlock (&self->read_lock);
  return rows;
}

/* The hashes alone: two integers a row, no join (similar images scan them all). */
GArray *
dd_catalog_read_phash_values (DdCatalog  *self,
                              GError    **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (DdPhashValue));
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_mutex_lock (&self->read_lock);
  if (!has_table (self->read_db, "phashes"))
    rc = SQLITE_DONE;
  else if (sqlite3_prepare_v2 (self->read_db,
                               "SELECT sample_id, phash FROM phashes ORDER BY sample_id", -1,
                               &stmt, NULL) == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        DdPhashValue v = { sqlite3_column_int64 (stmt, 0), (guint64) sqlite3_column_int64 (stmt, 1) };

        g_array_append_val (values, v);
      }
  if (rc != SQLITE_DONE)
    dd_catalog_sqlite_error (self->read_db, sqlite3_extended_errcode (self->read_db), self->path,
                             error, _("Cannot read the perceptual hashes"));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return rc == SQLITE_DONE ? g_steal_pointer (&values) : NULL;
}

GArray *
dd_catalog_read_phashes (DdCatalog  *self,
                         GError    **error)
{
  GArray *rows;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_mutex_lock (&self->read_lock);
  sqlite3_exec (self->read_db, "BEGIN", NULL, NULL, NULL);
  rows = read_phashes (self, self->read_db, self->path, NULL, 0, error);
  sqlite3_exec (self->read_db, "COMMIT", NULL, NULL, NULL);
  g_mutex_unlock (&self->read_lock);
  return rows;
}

/* The pairs @sql selects (@of bound to ?1 when not 0). */
static GArray *
read_near_pairs (DdCatalog   *self,
                 const char  *sql,
                 gint64       of,
                 GError     **error)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (DdNearPairRow));
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  g_mutex_lock (&self->read_lock);
  if (!has_table (self->read_db, "near_pairs"))
    rc = SQLITE_DONE;
  else if (sqlite3_prepare_v2 (self->read_db, sql, -1, &stmt, NULL) == SQLITE_OK &&
           (of == 0 || sqlite3_bind_int64 (stmt, 1, of) == SQLITE_OK))
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        DdNearPairRow p = {
          sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
          sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3)
        };

        if (p.kind < DD_HEALTH_N_KINDS)
          g_array_append_val (pairs, p);
      }
  if (rc != SQLITE_DONE)
    dd_catalog_sqlite_error (self->read_db, sqlite3_extended_errcode (self->read_db), self->path,
                             error, _("Cannot read the near duplicates"));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return rc == SQLITE_DONE ? g_steal_pointer (&pairs) : NULL;
}

GArray *
dd_catalog_read_near_pairs (DdCatalog  *self,
                            GError    **error)
{
  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  return read_near_pairs (self, "SELECT a, b, distance, kind FROM near_pairs ORDER BY a, b", 0,
                          error);
}

/* One sample's pairs through the indexes on a and on b (schema.sql): an explorer's
 * expansion of a sample read every pair of the catalog, and sorted them. */
GArray *
dd_catalog_read_near_pairs_of (DdCatalog  *self,
                               gint64      sample_id,
                               GError    **error)
{
  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_return_val_if_fail (sample_id != 0, NULL);
  return read_near_pairs (self,
                          "SELECT a, b, distance, kind FROM near_pairs WHERE a = ?1"
                          " UNION ALL "
                          "SELECT a, b, distance, kind FROM near_pairs WHERE b = ?1 AND a != ?1"
                          " ORDER BY 1, 2", sample_id, error);
}

guint
dd_catalog_get_near_threshold (DdCatalog *self)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (self), DD_NEAR_DEFAULT_THRESHOLD);
  g_mutex_lock (&self->read_lock);
  if (sqlite3_prepare_v2 (self->read_db, "SELECT value FROM meta WHERE key = 'near_threshold'",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return parse_threshold (value);
}

int
dd_near_sample_compare (gconstpointer a,
                        gconstpointer b)
{
  const DdNearSample *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}
