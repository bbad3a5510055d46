/* The catalog side of health: the flags that need the whole dataset and the stored
 * findings, written through DdCatalogWriter, and the rows a health report is made of,
 * read in one transaction. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-catalog-db.h"

GHashTable *
dd_catalog_dominant_sizes (sqlite3 *db)
{
  GHashTable *sizes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT source_id, width, height, count(*) FROM samples"
                          " WHERE width IS NOT NULL GROUP BY 1, 2, 3", -1, &stmt, NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gpointer source = GINT_TO_POINTER (sqlite3_column_int (stmt, 0));
      DdSizeCount *d = g_hash_table_lookup (sizes, source);
      guint64 n = sqlite3_column_int64 (stmt, 3);

      if (d == NULL)
        {
          d = g_new0 (DdSizeCount, 1);
          g_hash_table_insert (sizes, source, d);
        }
      d->total += n;
      if (n > d->count)
        {
          d->count = n;
          d->width = sqlite3_column_int (stmt, 1);
          d->height = sqlite3_column_int (stmt, 2);
        }
    }
  sqlite3_finalize (stmt);
  return sizes;
}

/* ---- writing --------------------------------------------------------------------- */

gboolean
dd_catalog_writer_has_facts (DdCatalogWriter *w)
{
  static const char sql[] = "SELECT 1 FROM samples WHERE hash IS NOT NULL LIMIT 1";

  return dd_catalog_writer_query (w, sql, 0, "") == 1;
}

GHashTable *
dd_catalog_writer_dominant_sizes (DdCatalogWriter *w)
{
  return dd_catalog_dominant_sizes (w->db);
}

/* The rows the last statement changed are flag changes: counted, and the snapshot a
 * writer assembled no longer holds. */
static void
count_flag_changes (DdCatalogWriter *w,
                    guint64         *changed)
{
  if (sqlite3_changes (w->db) > 0)
    {
      dd_catalog_writer_touch_rows (w);
      *changed += sqlite3_changes (w->db);
    }
}

gboolean
dd_catalog_writer_flag_sizes (DdCatalogWriter    *w,
                              guint               source_id,
                              const DdSizeCount  *dominant,
                              guint64            *changed,
                              GError            **error)
{
  /* Touch only the rows whose flag changes (SQLite has no XOR: toggle by hand). */
  static const char sql[] =
    "UPDATE samples SET flags = (flags | ?1) - (flags & ?1)"
    " WHERE source_id = ?2 AND ((flags & ?1) != 0)"
    "   != (?3 AND width IS NOT NULL AND (width != ?4 OR height != ?5))";

  if (!dd_catalog_writer_run (w, sql, N_("Cannot update the catalog"), error, "iiiii",
                              DD_HEALTH_FLAG (DD_HEALTH_UNEXPECTED_SIZE), source_id,
                              dominant != NULL, dominant ? dominant->width : 0,
                              dominant ? dominant->height : 0))
    return FALSE;
  count_flag_changes (w, changed);
  return TRUE;
}

gboolean
dd_catalog_writer_flag_duplicates (DdCatalogWriter  *w,
                                   guint64          *changed,
                                   GError          **error)
{
  guint bit = DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT);
  const char *path = w->catalog->path;
  /* identical non-empty bytes under two or more different labels */
  g_autofree char *clear = g_strdup_printf (
    "UPDATE samples SET flags = flags & ~%u WHERE flags & %u"
    "  AND (class_id = 0 OR hash IS NULL OR hash NOT IN (SELECT hash FROM dd_conflicts));",
    bit, bit);
  g_autofree char *set = g_strdup_printf (
    "UPDATE samples SET flags = flags | %u WHERE NOT (flags & %u) AND class_id != 0"
    "  AND hash IN (SELECT hash FROM dd_conflicts);", bit, bit);
  const char *updates[] = { clear, set };

  if (!dd_catalog_exec_sql (w->db, path,
                            "CREATE TEMP TABLE IF NOT EXISTS dd_conflicts (hash TEXT PRIMARY KEY)"
                            " WITHOUT ROWID;"
                            "DELETE FROM dd_conflicts;"
                            "INSERT INTO dd_conflicts SELECT hash FROM samples"
                            "  WHERE hash IS NOT NULL AND class_id != 0 AND file_size > 0"
                            "  GROUP BY hash HAVING count (DISTINCT class_id) > 1;", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (updates); i++)
    {
      if (!dd_catalog_exec_sql (w->db, path, updates[i], error))
        return FALSE;
      count_flag_changes (w, changed);
    }
  return TRUE;
}

gboolean
dd_catalog_writer_clear_findings (DdCatalogWriter  *w,
                                  DdHealthKind      kind,
                                  GError          **error)
{
  static const char sql[] = "DELETE FROM findings WHERE kind = ?";

  return dd_catalog_writer_run (w, sql, N_("Cannot update the catalog"), error, "t",
                                dd_health_kind_to_string (kind));
}

gboolean
dd_catalog_writer_add_finding (DdCatalogWriter  *w,
                               DdHealthKind      kind,
                               const char       *key,
                               const char       *detail,
                               GError          **error)
{
  static const char sql[] = "INSERT INTO findings (kind, key, detail) VALUES (?, ?, ?)";

  return dd_catalog_writer_run (w, sql, N_("Cannot record missing cells"), error, "ttt",
                                dd_health_kind_to_string (kind), key, detail);
}

/* ---- reading a report's rows ----------------------------------------------------- */

static void
flagged_sample_free (DdFlaggedSample *s)
{
  g_free (s->suspect_detail);
  g_free (s->key);
  g_free (s->format);
  g_free (s->hash);
  g_free (s->decode_error);
  g_free (s->other_key);
  g_free (s->other_wnid);
  g_free (s->other_name);
  g_free (s);
}

static void
stored_finding_free (DdStoredFinding *f)
{
  g_free (f->key);
  g_free (f->detail);
  g_free (f);
}

void
dd_health_rows_clear (DdHealthRows *rows)
{
  g_clear_pointer (&rows->sizes, g_hash_table_unref);
  g_clear_pointer (&rows->samples, g_ptr_array_unref);
  g_clear_pointer (&rows->orphans, g_ptr_array_unref);
  g_clear_pointer (&rows->cells, g_ptr_array_unref);
  g_clear_pointer (&rows->class_counts, g_hash_table_unref);
}

/* A sample with the same bytes under another label than @s's. */
static void
find_other_with_hash (DdCatalog        *catalog,
                      DdFlaggedSample  *s)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *key = dd_catalog_key_sql (catalog, "s");
  g_autofree char *sql = g_strdup_printf ("SELECT %s, c.wnid, c.name FROM samples s JOIN classes c"
                                          " ON c.id = s.class_id WHERE s.hash = ? AND s.class_id != ?"
                                          " AND s.class_id != 0 LIMIT 1", key);

  sqlite3_prepare_v2 (catalog->read_db, sql, -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, s->hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, s->class_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      s->other_key = dd_column_dup_text (stmt, 0);
      s->other_wnid = dd_column_dup_text (stmt, 1);
      s->other_name = dd_column_dup_text (stmt, 2);
    }
  sqlite3_finalize (stmt);
}

static char *
read_suspect_detail (sqlite3    *db,
                     const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *detail = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT detail FROM findings WHERE kind = 'suspect_label'"
                              " AND key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    detail = dd_column_dup_utf8 (stmt, 0);
  sqlite3_finalize (stmt);
  return detail;
}

static gboolean
read_flagged (DdCatalog     *catalog,
              guint32        kinds,
              GPtrArray     *out)
{
  sqlite3 *db = catalog->read_db;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *key = dd_catalog_key_sql (catalog, "samples");
  g_autofree char *sql = g_strdup_printf ("SELECT id, %s, flags, width, height, file_size,"
                                          " decode_error, format, hash, class_id, source_id"
                                          " FROM samples WHERE flags & ? != 0", key);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int (stmt, 1, kinds);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DdFlaggedSample *s = g_new0 (DdFlaggedSample, 1);

      s->id = sqlite3_column_int64 (stmt, 0);
      s->key = dd_column_dup_text (stmt, 1);
      s->flags = sqlite3_column_int (stmt, 2);
      s->width = sqlite3_column_int (stmt, 3);
      s->height = sqlite3_column_int (stmt, 4);
      s->file_size = sqlite3_column_int64 (stmt, 5);
      s->decode_error = dd_column_dup_text (stmt, 6);
      s->format = dd_column_dup_text (stmt, 7);
      s->hash = dd_column_dup_text (stmt, 8);
      s->class_id = sqlite3_column_int (stmt, 9);
      s->source_id = sqlite3_column_int (stmt, 10);
      if ((s->flags & DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT)) && s->hash)
        find_other_with_hash (catalog, s);
      if (s->flags & DD_HEALTH_FLAG (DD_HEALTH_SUSPECT_LABEL))
        s->suspect_detail = read_suspect_detail (db, s->key);
      g_ptr_array_add (out, s);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Rows of "SELECT key, detail …". */
static void
read_stored (sqlite3    *db,
             const char *sql,
             GPtrArray  *out)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      DdStoredFinding *f = g_new0 (DdStoredFinding, 1);

      f->key = dd_column_dup_text (stmt, 0);
      f->detail = dd_column_dup_text (stmt, 1);
      g_ptr_array_add (out, f);
    }
  sqlite3_finalize (stmt);
}

static GHashTable *
read_class_counts (sqlite3 *db,
                   guint32  kinds)
{
  GHashTable *counts = g_hash_table_new (NULL, NULL);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT class_id, count(*) FROM samples WHERE flags & ? GROUP BY 1",
                      -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, kinds);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (counts, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);
  return counts;
}

gboolean
dd_catalog_read_health (DdCatalog     *self,
                        guint32        sample_kinds,
                        guint32        class_kinds,
                        DdHealthRows  *out,
                        GError       **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (DD_IS_CATALOG (self), FALSE);

  memset (out, 0, sizeof *out);
  out->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) flagged_sample_free);
  out->orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) stored_finding_free);
  out->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) stored_finding_free);
  g_mutex_lock (&self->read_lock);
  db = self->read_db;
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  out->sizes = dd_catalog_dominant_sizes (db);
  ok = read_flagged (self, sample_kinds, out->samples);
  if (ok)
    {
      read_stored (db, "SELECT file, detail FROM orphan_annotations", out->orphans);
      read_stored (db, "SELECT key, detail FROM findings WHERE kind = 'missing_cell'",
                   out->cells);
      out->class_counts = read_class_counts (db, class_kinds);
    }
  else
    g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                 _("Cannot read the health findings: %s"), sqlite3_errmsg (db));
  sqlite3_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  g_mutex_unlock (&self->read_lock);
  if (!ok)
    dd_health_rows_clear (out);
  return ok;
}
