/* The catalog's state: its vocabulary (sources, classes, corruptions, splits) and its
 * sample snapshot, read in one transaction and replaced as a whole. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "dd-catalog-db.h"

DdCatalogState *
dd_catalog_state_ref (DdCatalogState *st)
{
  g_atomic_ref_count_inc (&st->ref);
  return st;
}

void
dd_catalog_state_unref (DdCatalogState *st)
{
  if (st == NULL || !g_atomic_ref_count_dec (&st->ref))
    return;
  dd_snapshot_unref (st->snapshot);
  g_clear_pointer (&st->sources, g_ptr_array_unref);
  g_clear_pointer (&st->classes, g_ptr_array_unref);
  g_clear_pointer (&st->corruptions, g_ptr_array_unref);
  g_clear_pointer (&st->splits, g_ptr_array_unref);
  g_clear_pointer (&st->class_names, g_hash_table_unref);
  g_clear_pointer (&st->run_names, g_ptr_array_unref);
  g_free (st);
}

DdClassInfo *
dd_class_info_from_row (sqlite3_stmt *stmt)
{
  DdClassInfo *info = g_new0 (DdClassInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->wnid = dd_column_dup_utf8 (stmt, 1);
  info->name = dd_column_dup_utf8 (stmt, 2);
  info->names = dd_column_dup_utf8 (stmt, 3);
  info->parent_wnid = dd_column_dup_utf8 (stmt, 4);
  info->parent_name = dd_column_dup_utf8 (stmt, 5);
  info->name_source = dd_column_dup_utf8 (stmt, 6);
  info->in_wnids = sqlite3_column_int (stmt, 7) != 0;
  return info;
}

char *
dd_column_dup_text (sqlite3_stmt *stmt,
                    int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return text ? g_strdup (text) : NULL;
}

char *
dd_column_dup_utf8 (sqlite3_stmt *stmt,
                    int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return text ? g_utf8_make_valid (text, -1) : NULL;
}

/* Stores @value at @index; FALSE when the slot is taken (ids are a primary key: only
 * a damaged file repeats one). */
static gboolean
ptr_array_set (GPtrArray *array,
               guint      index,
               gpointer   value)
{
  if (array->len <= index)
    g_ptr_array_set_size (array, index + 1);
  if (array->pdata[index] != NULL)
    return FALSE;
  array->pdata[index] = value;
  return TRUE;
}

static void
add_class_name (GHashTable *names,
                const char *name,
                guint       id)
{
  g_autofree char *folded = NULL;

  if (name == NULL || *name == '\0')
    return;
  folded = g_utf8_strdown (name, -1);
  g_strstrip (folded);
  if (!g_hash_table_contains (names, folded))
    g_hash_table_insert (names, g_steal_pointer (&folded), GUINT_TO_POINTER (id));
}

/* At most this many class ids per class row (ids are handed out densely; the slack
 * only bounds what a damaged file can make us allocate). */
#define CLASS_ID_SLACK 1024

static DdCatalogState *
state_new (void)
{
  DdCatalogState *st = g_new0 (DdCatalogState, 1);

  g_atomic_ref_count_init (&st->ref);
  st->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_source_info_free);
  st->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_class_info_free);
  st->corruptions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_corruption_info_free);
  st->splits = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_split_info_free);
  st->class_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (st->classes, NULL);
  return st;
}

/* Each vocabulary table is read by one statement; a row handler checks one row and
 * files it in the state, or sets a "damaged" error and returns FALSE. */
typedef gboolean (*RowFunc) (sqlite3_stmt    *stmt,
                             const char      *path,
                             DdCatalogState  *st,
                             GPtrArray       *scratch,
                             GError         **error);

static gboolean
read_rows (sqlite3         *db,
           const char      *path,
           const char      *sql,
           RowFunc          row,
           DdCatalogState  *st,
           GPtrArray       *scratch,
           GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      dd_catalog_set_read_error (db, path, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!row (stmt, path, st, scratch, error))
      {
        sqlite3_finalize (stmt);
        return FALSE;
      }
  if (rc != SQLITE_DONE)
    dd_catalog_set_read_error (db, path, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
source_row (sqlite3_stmt    *stmt,
            const char      *path,
            DdCatalogState  *st,
            GPtrArray       *scratch,
            GError         **error)
{
  g_autoptr(DdSourceInfo) info = g_new0 (DdSourceInfo, 1);
  gint64 id = sqlite3_column_int64 (stmt, 0);

  info->root = dd_column_dup_text (stmt, 1);
  info->layout = dd_column_dup_utf8 (stmt, 2);
  if (id < 1 || id > G_MAXUINT16)
    {
      dd_catalog_set_damaged (error, path, _("the source id %" PRId64 " is out of range"), id);
      return FALSE;
    }
  if (info->root == NULL || info->layout == NULL)
    {
      dd_catalog_set_damaged (error, path, _("source %" PRId64 " has no folder or layout"), id);
      return FALSE;
    }
  info->id = id;
  info->samples = MAX (sqlite3_column_int64 (stmt, 3), 0);
  info->junk = MAX (sqlite3_column_int64 (stmt, 4), 0);
  info->unreadable = MAX (sqlite3_column_int64 (stmt, 5), 0);
  info->indexed_at = sqlite3_column_int64 (stmt, 6);
  st->max_source = MAX (st->max_source, info->id);
  g_ptr_array_add (st->sources, g_steal_pointer (&info));
  return TRUE;
}

/* Classes are collected in @scratch first: the table is sized by the largest id only
 * once that id is known to be sane (class_table). */
static gboolean
class_row (sqlite3_stmt    *stmt,
           const char      *path,
           DdCatalogState  *st,
           GPtrArray       *scratch,
           GError         **error)
{
  g_autoptr(DdClassInfo) info = dd_class_info_from_row (stmt);
  gint64 id = sqlite3_column_int64 (stmt, 0);

  if (id < 1 || id > G_MAXINT32)
    {
      dd_catalog_set_damaged (error, path, _("the class id %" PRId64 " is out of range"), id);
      return FALSE;
    }
  if (info->wnid == NULL)
    {
      dd_catalog_set_damaged (error, path, _("class %" PRId64 " has no wnid"), id);
      return FALSE;
    }
  if (info->name == NULL)
    info->name = g_strdup (info->wnid);
  info->id = id;
  g_ptr_array_add (scratch, g_steal_pointer (&info));
  return TRUE;
}

/* The classes read into @classes, filed by id, and the names they are looked up by. */
static gboolean
class_table (DdCatalogState  *st,
             GPtrArray       *classes,
             const char      *path,
             GError         **error)
{
  guint max_class = 0;

  for (guint i = 0; i < classes->len; i++)
    max_class = MAX (max_class, ((DdClassInfo *) g_ptr_array_index (classes, i))->id);
  /* Before sizing the table by the largest id. */
  if (max_class > (guint64) classes->len * 4 + CLASS_ID_SLACK)
    {
      dd_catalog_set_damaged (error, path, _("the class id %u is out of range (%u classes)"),
                              max_class, classes->len);
      return FALSE;
    }
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *info = g_ptr_array_index (classes, i);

      if (!ptr_array_set (st->classes, info->id, info))
        {
          dd_catalog_set_damaged (error, path, _("two classes have the id %u"), info->id);
          return FALSE;
        }
      classes->pdata[i] = NULL;
    }
  /* Names in priority order: wnids, then first names, then synonyms. */
  for (guint i = 1; i < st->classes->len; i++)
    {
      DdClassInfo *info = g_ptr_array_index (st->classes, i);
      if (info)
        add_class_name (st->class_names, info->wnid, info->id);
    }
  for (guint i = 1; i < st->classes->len; i++)
    {
      DdClassInfo *info = g_ptr_array_index (st->classes, i);
      if (info)
        add_class_name (st->class_names, info->name, info->id);
    }
  for (guint i = 1; i < st->classes->len; i++)
    {
      DdClassInfo *info = g_ptr_array_index (st->classes, i);
      g_auto(GStrv) names = NULL;

      if (info == NULL || info->names == NULL)
        continue;
      names = g_strsplit (info->names, ",", -1);
      for (guint j = 0; names[j]; j++)
        add_class_name (st->class_names, g_strstrip (names[j]), info->id);
    }
  return TRUE;
}

/* What a damaged corruption or split row is told as. */
typedef struct {
  const char *out_of_range;
  const char *no_name;
  const char *twice;
} RowTexts;

/* A corruption or split row — an id 0–255 and a name — checked and filed in @table.
 * Both infos start with their id and name. */
static gboolean
file_small_row (GPtrArray       *table,
                gpointer         info,
                gint64           id,
                const RowTexts  *texts,
                const char      *path,
                GError         **error)
{
  struct { guint id; char *name; } *head = info;

  if (id < 0 || id > 255)
    {
      dd_catalog_set_damaged (error, path, _(texts->out_of_range), id);
      return FALSE;
    }
  if (head->name == NULL)
    {
      dd_catalog_set_damaged (error, path, _(texts->no_name), id);
      return FALSE;
    }
  head->id = id;
  if (!ptr_array_set (table, head->id, info))
    {
      dd_catalog_set_damaged (error, path, _(texts->twice), id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
corruption_row (sqlite3_stmt    *stmt,
                const char      *path,
                DdCatalogState  *st,
                GPtrArray       *scratch,
                GError         **error)
{
  static const RowTexts texts = {
    N_("the corruption id %" PRId64 " is out of range"),
    N_("corruption %" PRId64 " has no name"),
    N_("two corruptions have the id %" PRId64),
  };
  g_autoptr(DdCorruptionInfo) info = g_new0 (DdCorruptionInfo, 1);

  info->name = dd_column_dup_utf8 (stmt, 1);
  info->family = dd_column_dup_utf8 (stmt, 2);
  if (info->family == NULL)
    info->family = g_strdup ("other");
  if (!file_small_row (st->corruptions, info, sqlite3_column_int64 (stmt, 0), &texts, path,
                       error))
    return FALSE;
  st->max_corruption = MAX (st->max_corruption, info->id);
  info = NULL;
  return TRUE;
}

static gboolean
split_row (sqlite3_stmt    *stmt,
           const char      *path,
           DdCatalogState  *st,
           GPtrArray       *scratch,
           GError         **error)
{
  static const RowTexts texts = {
    N_("the split id %" PRId64 " is out of range"),
    N_("split %" PRId64 " has no name"),
    N_("two splits have the id %" PRId64),
  };
  g_autoptr(DdSplitInfo) info = g_new0 (DdSplitInfo, 1);

  info->name = dd_column_dup_utf8 (stmt, 1);
  if (!file_small_row (st->splits, info, sqlite3_column_int64 (stmt, 0), &texts, path, error))
    return FALSE;
  st->max_split = MAX (st->max_split, info->id);
  info = NULL;
  return TRUE;
}

/* The vocabulary tables, each row checked. */
static gboolean
load_vocabulary (sqlite3         *db,
                 const char      *path,
                 DdCatalogState  *st,
                 GError         **error)
{
  g_autoptr(GPtrArray) classes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dd_class_info_free);

  return read_rows (db, path, "SELECT id, root, layout, samples, junk, unreadable, indexed_at"
                              " FROM sources ORDER BY id", source_row, st, NULL, error) &&
         read_rows (db, path, "SELECT id, wnid, name, names, parent_wnid, parent_name,"
                              " name_source, in_wnids FROM classes ORDER BY id",
                    class_row, st, classes, error) &&
         class_table (st, classes, path, error) &&
         read_rows (db, path, "SELECT id, name, family FROM corruptions ORDER BY id",
                    corruption_row, st, NULL, error) &&
         read_rows (db, path, "SELECT id, name FROM splits ORDER BY id",
                    split_row, st, NULL, error);
}

/* The stored snapshot (or the one a writer built) only when it holds the table's rows
 * and values the vocabulary has; else the rows, each checked. */
static gboolean
load_samples (sqlite3         *db,
              const char      *path,
              DdCatalogState  *st,
              gboolean         use_cache,
              DdSnapshot      *given,
              gboolean        *out_from_cache,
              GError         **error)
{
  DdKnownIds known = { 0 };
  gboolean ok = TRUE;

  dd_known_ids_init (&known, st);
  *out_from_cache = FALSE;
  if (use_cache && (st->snapshot = dd_snapshot_load_stored (db)))
    {
      if (dd_snapshot_is_valid (st->snapshot, st, &known) &&
          dd_snapshot_matches_table (db, st->snapshot))
        *out_from_cache = TRUE;
      else
        {
          g_debug ("%s: the stored snapshot does not match the samples: reading them", path);
          g_clear_pointer (&st->snapshot, dd_snapshot_unref);
        }
    }
  /* nobody wrote since @given's writer (see dd_catalog_reload): its rows are not
   * counted, which reads them all (65 ms at 860k, 350 ms at 5 M) */
  if (st->snapshot == NULL && given && dd_snapshot_matches_table (db, given))
    st->snapshot = dd_snapshot_ref (given);
  if (st->snapshot == NULL)
    ok = dd_snapshot_load_rows (db, path, st, &known, &st->snapshot, error);
  dd_known_ids_clear (&known);
  return ok;
}

DdCatalogState *
dd_catalog_state_load (sqlite3     *db,
                       const char  *path,
                       gboolean     use_cache,
                       DdSnapshot  *given,
                       gboolean    *out_from_cache,
                       GError     **error)
{
  g_autoptr(DdCatalogState) st = state_new ();

  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      dd_catalog_set_read_error (db, path, error);
      return NULL;
    }
  st->run_names = dd_catalog_load_run_names (db);
  if (!load_vocabulary (db, path, st, error) ||
      !load_samples (db, path, st, use_cache, given, out_from_cache, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return g_steal_pointer (&st);
}
