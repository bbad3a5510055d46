/* libFuzzer harness: every value read back from a catalog. The input is a list of
 * edits of a real catalog (the fixture, 111 samples): each sets one column of one row
 * to a fuzzed value (NULL, integer, real, text, blob), deletes a row or copies it;
 * then the catalog is opened and read back through the library and the CLI
 * (dd-fuzz-catalog.c). The stored snapshot is dropped first, so that the rows are
 * what the catalog reads; fuzz-snapshot covers the blob.
 *
 * Byte 0: which CLI read commands run (DD_FUZZ_CLI_*). Then edits:
 *   [target] [row] [kind] payload
 * target: an index into targets[]; row: the row's rank in rowid order; kind: 0 NULL,
 * 1 a small integer (1 byte, signed), 2 an integer (8 bytes), 3 a real (8 bytes),
 * 4 text (1 length byte + bytes), 5 a blob (1 length byte + bytes), 6 delete the row,
 * 7 copy the row (with a new rowid where the table has one). */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "dd-fuzz-catalog.h"
#include "dd-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const struct {
  const char *table;
  const char *column;
} targets[] = {
  { "samples", "id" }, { "samples", "source_id" }, { "samples", "folder_id" },
  { "samples", "name" }, { "folders", "id" }, { "folders", "path" },
  { "samples", "rawpath" }, { "samples", "class_id" }, { "samples", "corruption_id" },
  { "samples", "severity" }, { "samples", "split_id" }, { "samples", "clean_id" },
  { "samples", "keyhash" }, { "samples", "file_size" }, { "samples", "mtime" },
  { "samples", "width" }, { "samples", "height" }, { "samples", "channels" },
  { "samples", "mode" }, { "samples", "format" }, { "samples", "hash" },
  { "samples", "decode_error" }, { "samples", "decoded_mtime" }, { "samples", "flags" },
  { "classes", "id" }, { "classes", "wnid" }, { "classes", "name" }, { "classes", "names" },
  { "classes", "parent_wnid" }, { "classes", "parent_name" }, { "classes", "name_source" },
  { "classes", "in_wnids" },
  { "corruptions", "id" }, { "corruptions", "name" }, { "corruptions", "family" },
  { "splits", "id" }, { "splits", "name" },
  { "sources", "id" }, { "sources", "root" }, { "sources", "layout" },
  { "sources", "samples" }, { "sources", "junk" }, { "sources", "unreadable" },
  { "sources", "indexed_at" },
  { "meta", "key" }, { "meta", "value" },
  { "annotations", "sample_id" }, { "annotations", "x0" }, { "annotations", "y0" },
  { "annotations", "x1" }, { "annotations", "y1" },
  { "findings", "kind" }, { "findings", "sample_id" }, { "findings", "key" },
  { "findings", "detail" },
  { "orphan_annotations", "source_id" }, { "orphan_annotations", "file" },
  { "orphan_annotations", "wnid" }, { "orphan_annotations", "detail" },
  { "recipes", "name" }, { "recipes", "json" }, { "recipes", "created" },
  { "recipes", "modified" },
  { "recipe_history", "recipe_id" }, { "recipe_history", "json" },
  { "recipe_history", "saved_at" },
};

/* Ids that name no class, corruption, split or source index arrays unchecked or give
 * nodes without a name (issue 10 item 2: samples.class_id = -1 crashes the facets),
 * and a huge classes.id sizes the class table: being fixed on i10-catalog, where such a
 * catalog is "damaged". Until that is merged, the harness keeps every sample's ids to
 * ones the fixture's vocabulary has (classes 0-3, corruptions 0-3, splits 1-3, sources
 * 1-2) and leaves the vocabulary's own ids and rows alone, so that the fuzzer looks
 * elsewhere. Returns FALSE when the edit is to be skipped; may change @i64. */
static gboolean
tame_known_issues (guint   target,
                   guint   kind,
                   gint64 *i64)
{
  static const struct {
    const char *column;
    gint64      first, last;
  } refs[] = {
    { "class_id", 0, 3 }, { "corruption_id", 0, 3 }, { "split_id", 1, 3 }, { "source_id", 1, 2 },
  };
  const char *table = targets[target].table, *column = targets[target].column;
  gboolean vocabulary = strcmp (table, "classes") == 0 || strcmp (table, "corruptions") == 0 ||
                        strcmp (table, "splits") == 0 || strcmp (table, "sources") == 0;

  if (vocabulary && (kind == 6 || strcmp (column, "id") == 0))
    return FALSE;
  if (strcmp (table, "samples") != 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    if (strcmp (column, refs[i].column) == 0)
      {
        if (kind != 1 && kind != 2)
          return FALSE;
        *i64 = refs[i].first + (gint64) ((guint64) *i64 % (refs[i].last - refs[i].first + 1));
      }
  return TRUE;
}

static gsize
apply_edit (sqlite3      *db,
            const guint8 *data,
            gsize         size)
{
  guint target, row, kind;
  gsize used = 3;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 i64 = 0;
  double real = 0;
  guint len = 0;

  if (size < 3)
    return size;
  target = data[0] % G_N_ELEMENTS (targets);
  row = data[1];
  kind = data[2] % 8;
  if (kind == 1)
    {
      if (size < used + 1)
        return size;
      i64 = (gint8) data[used];
      used += 1;
    }
  else if (kind == 2 || kind == 3)
    {
      if (size < used + 8)
        return size;
      memcpy (kind == 2 ? (void *) &i64 : (void *) &real, data + used, 8);
      used += 8;
    }
  else if (kind == 4 || kind == 5)
    {
      if (size < used + 1)
        return size;
      len = MIN (data[used], size - used - 1);
      used += 1 + len;
    }

  if (dd_fuzz_skip_known () && !tame_known_issues (target, kind, &i64))
    return used;

  if (kind == 6)
    sql = g_strdup_printf ("DELETE FROM %s WHERE rowid = (SELECT rowid FROM %s ORDER BY rowid"
                           " LIMIT 1 OFFSET %u)", targets[target].table, targets[target].table,
                           row);
  else if (kind == 7)
    sql = g_strdup_printf ("INSERT INTO %s SELECT * FROM %s ORDER BY rowid LIMIT 1 OFFSET %u",
                           targets[target].table, targets[target].table, row);
  else
    sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE rowid = (SELECT rowid FROM %s"
                           " ORDER BY rowid LIMIT 1 OFFSET %u)", targets[target].table,
                           targets[target].column, targets[target].table, row);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "%s: %s\n", sql, sqlite3_errmsg (db));
      abort ();
    }
  switch (kind)
    {
    case 0:
      sqlite3_bind_null (stmt, 1);
      break;
    case 1:
    case 2:
      sqlite3_bind_int64 (stmt, 1, i64);
      break;
    case 3:
      sqlite3_bind_double (stmt, 1, real);
      break;
    case 4:
      sqlite3_bind_text (stmt, 1, (const char *) data + 4, len, SQLITE_TRANSIENT);
      break;
    case 5:
      sqlite3_bind_blob (stmt, 1, data + 4, len, SQLITE_TRANSIENT);
      break;
    default:
      break;
    }
  /* Constraint violations (a duplicate key, NOT NULL) leave the row as it was. */
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return used;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path;
  sqlite3 *db = NULL;
  guint cli;
  gsize at;

  dd_fuzz_init ();
  if (size < 1)
    return -1;
  cli = data[0] & DD_FUZZ_CLI_ALL;
  path = dd_fuzz_catalog_write (dd_fuzz_catalog_template ());

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    abort ();
  sqlite3_exec (db, "BEGIN; DELETE FROM snapshot_cache;", NULL, NULL, NULL);
  for (at = 1; at < size;)
    at += apply_edit (db, data + at, size - at);
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    abort ();
  sqlite3_close (db);

  dd_fuzz_exercise_catalog (path, cli);
  return 0;
}
