/* Every fact of given samples, read from SQLite on the read connection: by id, by
 * selection page. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "dd-catalog-db.h"
#include "dd-task.h"

void
dd_sample_info_free (DdSampleInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->key);
  g_free (info->path);
  g_free (info->wnid);
  g_free (info->class_name);
  g_free (info->corruption);
  g_free (info->split);
  g_free (info->clean_key);
  g_free (info->mode);
  g_free (info->format);
  g_free (info->hash);
  g_free (info->decode_error);
  g_clear_pointer (&info->boxes, g_array_unref);
  g_free (info);
}

static const char *
info_name (GPtrArray *infos,
           guint      id,
           gsize      offset)
{
  gpointer info = id < infos->len ? g_ptr_array_index (infos, id) : NULL;
  return info ? G_STRUCT_MEMBER (const char *, info, offset) : NULL;
}

/* Where a sample's file is: @rel (its raw path bytes, or its key when those are
 * UTF-8) under the parent of its source's root. */
static char *
sample_path (DdCatalogState *st,
             guint           source_id,
             const char     *rel)
{
  const char *root = NULL;
  g_autofree char *parent = NULL;

  for (guint i = 0; i < st->sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (st->sources, i);
      if (src->id == source_id)
        root = src->root;
    }
  parent = root ? g_path_get_dirname (root) : g_strdup ("/");
  return g_build_filename (parent, rel, NULL);
}

static DdSampleInfo *
read_sample (DdCatalog      *self,
             DdCatalogState *st,
             gint64          id)
{
  sqlite3_stmt *stmt = self->sample_stmt;
  DdSampleInfo *info;
  const void *raw;
  int raw_len;
  DdClassInfo *cls;
  g_autofree char *rel_raw = NULL;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }

  info = g_new0 (DdSampleInfo, 1);
  info->id = sqlite3_column_int64 (stmt, 0);
  info->source_id = sqlite3_column_int (stmt, 1);
  info->key = dd_column_dup_utf8 (stmt, 2);
  raw = sqlite3_column_blob (stmt, 3);
  raw_len = sqlite3_column_bytes (stmt, 3);
  rel_raw = (raw != NULL && raw_len > 0) ? g_strndup (raw, raw_len) : NULL;
  info->class_id = sqlite3_column_int (stmt, 4);
  info->corruption_id = sqlite3_column_int (stmt, 5);
  info->severity = sqlite3_column_int (stmt, 6);
  info->split = g_strdup (info_name (st->splits, sqlite3_column_int (stmt, 7),
                                     G_STRUCT_OFFSET (DdSplitInfo, name)));
  info->clean_key = dd_column_dup_utf8 (stmt, 8);
  info->file_size = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? -1
                    : sqlite3_column_int64 (stmt, 9);
  info->mtime = sqlite3_column_int64 (stmt, 10);
  info->width = sqlite3_column_int (stmt, 11);
  info->height = sqlite3_column_int (stmt, 12);
  info->channels = sqlite3_column_int (stmt, 13);
  info->mode = dd_column_dup_utf8 (stmt, 14);
  info->format = dd_column_dup_utf8 (stmt, 15);
  info->hash = dd_column_dup_utf8 (stmt, 16);
  info->decode_error = dd_column_dup_utf8 (stmt, 17);
  info->flags = sqlite3_column_int (stmt, 18);
  info->corruption = g_strdup (info_name (st->corruptions, info->corruption_id,
                                          G_STRUCT_OFFSET (DdCorruptionInfo, name)));
  if (info->corruption == NULL)
    info->corruption = g_strdup ("none");
  cls = info->class_id < st->classes->len ? g_ptr_array_index (st->classes, info->class_id)
                                          : NULL;
  if (cls)
    {
      info->wnid = g_strdup (cls->wnid);
      info->class_name = g_strdup (cls->name);
    }

  info->path = sample_path (st, info->source_id, rel_raw ? rel_raw : info->key);

  /* Done with the row: a statement left active would pin this connection to an old
   * snapshot of the database. */
  sqlite3_reset (stmt);

  info->boxes = g_array_new (FALSE, FALSE, sizeof (DdBox));
  sqlite3_reset (self->boxes_stmt);
  sqlite3_bind_int64 (self->boxes_stmt, 1, id);
  while (sqlite3_step (self->boxes_stmt) == SQLITE_ROW)
    {
      DdBox box = {
        sqlite3_column_int (self->boxes_stmt, 0), sqlite3_column_int (self->boxes_stmt, 1),
        sqlite3_column_int (self->boxes_stmt, 2), sqlite3_column_int (self->boxes_stmt, 3),
      };
      g_array_append_val (info->boxes, box);
    }
  sqlite3_reset (self->boxes_stmt);
  return info;
}

static gboolean
prepare_read_statements (DdCatalog  *self,
                         GError    **error)
{
  if (self->sample_stmt == NULL)
    {
      g_autofree char *key = dd_catalog_key_sql (self, "samples");
      g_autofree char *sql = g_strdup_printf ("SELECT id, source_id, %s, rawpath, class_id,"
                                              " corruption_id, severity, split_id, %s,"
                                              " file_size, mtime, width, height, channels,"
                                              " mode, format, hash, decode_error, flags"
                                              " FROM samples WHERE id = ?",
                                              key, dd_catalog_clean_key_sql (self));

      if (sqlite3_prepare_v3 (self->read_db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                              &self->sample_stmt, NULL) != SQLITE_OK)
        goto fail;
    }
  if (self->boxes_stmt == NULL &&
      sqlite3_prepare_v3 (self->read_db,
                          "SELECT x0, y0, x1, y1 FROM annotations WHERE sample_id = ?",
                          -1, SQLITE_PREPARE_PERSISTENT, &self->boxes_stmt, NULL) != SQLITE_OK)
    goto fail;
  return TRUE;

fail:
  dd_catalog_sqlite_error (self->read_db, sqlite3_extended_errcode (self->read_db), self->path,
                         error, _("Cannot read the catalog"));
  return FALSE;
}

GPtrArray *
dd_catalog_get_samples (DdCatalog     *self,
                        const gint64  *ids,
                        guint          n_ids,
                        GError       **error)
{
  g_autoptr(DdCatalogState) st = NULL;
  g_autoptr(GPtrArray) out = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);

  st = dd_catalog_get_state (self);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sample_info_free);

  g_mutex_lock (&self->read_lock);
  if (!prepare_read_statements (self, error))
    {
      g_mutex_unlock (&self->read_lock);
      return NULL;
    }
  sqlite3_exec (self->read_db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < n_ids; i++)
    {
      DdSampleInfo *info = read_sample (self, st, ids[i]);
      if (info)
        g_ptr_array_add (out, info);
    }
  sqlite3_exec (self->read_db, "COMMIT", NULL, NULL, NULL);
  g_mutex_unlock (&self->read_lock);

  return g_steal_pointer (&out);
}

DdSampleInfo *
dd_catalog_get_sample (DdCatalog  *self,
                       gint64      id,
                       GError    **error)
{
  g_autoptr(GPtrArray) samples = dd_catalog_get_samples (self, &id, 1, error);

  if (samples == NULL)
    return NULL;
  if (samples->len == 0)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                   _("No sample with id %" PRId64 " in the catalog"), id);
      return NULL;
    }
  return g_ptr_array_steal_index (samples, 0);
}

GPtrArray *
dd_catalog_get_page (DdCatalog     *self,
                     DdSelection   *selection,
                     guint          offset,
                     guint          limit,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree gint64 *ids = NULL;
  guint n;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_return_val_if_fail (selection != NULL, NULL);

  if (offset >= selection->n)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sample_info_free);
  n = MIN (limit, selection->n - offset);
  ids = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    ids[i] = selection->snapshot->ids[selection->rows[offset + i]];
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return dd_catalog_get_samples (self, ids, n, error);
}

typedef struct {
  DdSelection *selection;
  guint offset;
  guint limit;
} PageData;

static void
page_data_free (PageData *data)
{
  dd_selection_unref (data->selection);
  g_free (data);
}

static void
page_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PageData *data = task_data;
  GError *error = NULL;
  GPtrArray *page = dd_catalog_get_page (source_object, data->selection, data->offset,
                                         data->limit, cancellable, &error);

  dd_task_return_pointer_or_error (task, page, (GDestroyNotify) g_ptr_array_unref, error);
}

void
dd_catalog_get_page_async (DdCatalog           *self,
                           DdSelection         *selection,
                           guint                offset,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PageData *data = g_new0 (PageData, 1);

  data->selection = dd_selection_ref (selection);
  data->offset = offset;
  data->limit = limit;
  dd_task_run_in_thread (task, dd_catalog_get_page_async, data, (GDestroyNotify) page_data_free,
                         page_thread);
}

GPtrArray *
dd_catalog_get_page_finish (DdCatalog     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- what the content pass and the relations need --------------------------------- */

void
dd_sample_file_free (DdSampleFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->name);
  g_free (file);
}

GPtrArray *
dd_catalog_list_sample_files (DdCatalog  *self,
                              gint64      after_id,
                              guint       limit,
                              GError    **error)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  g_autoptr(GPtrArray) files =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sample_file_free);
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;
  g_autofree char *key = dd_catalog_key_sql (self, "samples");
  g_autofree char *sql = g_strdup_printf ("SELECT id, source_id, %s, rawpath, file_size,"
                                          " decoded_mtime FROM samples WHERE id > ?"
                                          " ORDER BY id LIMIT ?", key);

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);

  g_mutex_lock (&self->read_lock);
  if (sqlite3_prepare_v2 (self->read_db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, after_id);
      sqlite3_bind_int (stmt, 2, limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DdSampleFile *file = g_new0 (DdSampleFile, 1);
          const char *raw = sqlite3_column_blob (stmt, 3);
          int raw_len = sqlite3_column_bytes (stmt, 3);
          g_autofree char *rel = raw && raw_len > 0 ? g_strndup (raw, raw_len)
                                                    : dd_column_dup_text (stmt, 2);
          const char *slash = strrchr (rel, '/');

          file->id = sqlite3_column_int64 (stmt, 0);
          file->path = sample_path (st, sqlite3_column_int (stmt, 1), rel);
          file->name = g_strdup (slash ? slash + 1 : rel);
          file->file_size = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1
                            : sqlite3_column_int64 (stmt, 4);
          file->decoded_mtime = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1
                                : sqlite3_column_int64 (stmt, 5);
          g_ptr_array_add (files, file);
        }
    }
  if (rc != SQLITE_DONE)
    dd_catalog_sqlite_error (self->read_db, sqlite3_extended_errcode (self->read_db),
                             self->path, error, _("Cannot read the catalog"));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return rc == SQLITE_DONE ? g_steal_pointer (&files) : NULL;
}

void
dd_sample_ref_free (DdSampleRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->key);
  g_free (ref->corruption);
  g_free (ref);
}

GPtrArray *
dd_catalog_find_samples (DdCatalog      *self,
                         DdSampleMatch   match,
                         const char     *value,
                         GError        **error)
{
  g_autoptr(DdCatalogState) st = dd_catalog_get_state (self);
  g_autoptr(GPtrArray) refs =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sample_ref_free);
  g_autofree char *key = dd_catalog_key_sql (self, "samples");
  g_autofree char *match_clean = dd_catalog_key_match_sql (self, "c");
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);
  g_return_val_if_fail (match == DD_SAMPLES_WITH_CLEAN_KEY || match == DD_SAMPLES_WITH_HASH,
                        NULL);

  if (match == DD_SAMPLES_WITH_HASH)
    sql = g_strdup_printf ("SELECT id, %s, corruption_id, severity FROM samples"
                           " WHERE hash = :hash ORDER BY id", key);
  else if (self->clean_ids)
    sql = g_strdup_printf ("SELECT id, %s, corruption_id, severity FROM samples"
                           " WHERE clean_id = (SELECT c.id FROM samples c WHERE %s)"
                           " ORDER BY corruption_id, severity", key, match_clean);
  else   /* before version 5 */
    sql = g_strdup_printf ("SELECT id, %s, corruption_id, severity FROM samples"
                           " WHERE clean_key = :folder || :name"
                           " ORDER BY corruption_id, severity", key);

  g_mutex_lock (&self->read_lock);
  if (sqlite3_prepare_v2 (self->read_db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      if (match == DD_SAMPLES_WITH_HASH)
        sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
      else
        dd_catalog_bind_key (stmt, value);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DdSampleRef *ref = g_new0 (DdSampleRef, 1);

          ref->id = sqlite3_column_int64 (stmt, 0);
          ref->key = dd_column_dup_utf8 (stmt, 1);
          ref->corruption = g_strdup (info_name (st->corruptions, sqlite3_column_int (stmt, 2),
                                                 G_STRUCT_OFFSET (DdCorruptionInfo, name)));
          ref->severity = sqlite3_column_int (stmt, 3);
          g_ptr_array_add (refs, ref);
        }
    }
  if (rc != SQLITE_DONE)
    dd_catalog_sqlite_error (self->read_db, sqlite3_extended_errcode (self->read_db),
                             self->path, error, _("Cannot read the catalog"));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);
  return rc == SQLITE_DONE ? g_steal_pointer (&refs) : NULL;
}
