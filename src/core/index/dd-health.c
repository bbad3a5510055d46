/* Health: derives the findings that need the whole dataset and reports every finding
 * with a one-line detail. */
#define G_LOG_DOMAIN "datadive-health"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "dd-catalog-private.h"
#include "dd-health.h"

void
dd_finding_free (DdFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->key);
  g_free (finding->detail);
  g_free (finding);
}

void
dd_health_report_free (DdHealthReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

typedef struct {
  int     width, height;
  guint64 count, total;
} Dominant;

/* The most common decoded size of each source, when it covers at least half of the
 * source (ImageNet's sizes vary: no size is "unexpected" there). */
static GHashTable *
dominant_sizes (sqlite3 *db)
{
  GHashTable *sizes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT source_id, width, height, count(*) FROM samples"
                          " WHERE width IS NOT NULL GROUP BY 1, 2, 3", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gpointer source = GINT_TO_POINTER (sqlite3_column_int (stmt, 0));
      Dominant *d = g_hash_table_lookup (sizes, source);
      guint64 n = sqlite3_column_int64 (stmt, 3);

      if (d == NULL)
        {
          d = g_new0 (Dominant, 1);
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

static gboolean
update_sizes (DdCatalog  *catalog,
              sqlite3    *db,
              GError    **error)
{
  g_autoptr(GHashTable) sizes = dominant_sizes (db);
  g_autoptr(GPtrArray) sources = dd_catalog_list_sources (catalog);
  guint bit = DD_HEALTH_FLAG (DD_HEALTH_UNEXPECTED_SIZE);

  for (guint i = 0; i < sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (sources, i);
      Dominant *d = g_hash_table_lookup (sizes, GINT_TO_POINTER (src->id));
      g_autofree char *rule = NULL;
      g_autofree char *sql = NULL;

      /* Only a size that at least half of the source has makes others unexpected. */
      if (d && d->count * 2 >= d->total)
        rule = g_strdup_printf ("(width IS NOT NULL AND (width != %d OR height != %d))",
                                d->width, d->height);
      else
        rule = g_strdup ("0");
      /* Touch only the rows whose flag changes (SQLite has no XOR: toggle by hand). */
      sql = g_strdup_printf ("UPDATE samples SET flags = (flags | %u) - (flags & %u)"
                             " WHERE source_id = %u AND ((flags & %u) != 0) != %s",
                             bit, bit, src->id, bit, rule);
      if (!dd_catalog_exec (catalog, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
update_duplicates (DdCatalog  *catalog,
                   GError    **error)
{
  guint bit = DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT);
  /* identical non-empty bytes under two or more different labels */
  g_autofree char *sql = g_strdup_printf (
    "CREATE TEMP TABLE IF NOT EXISTS dd_conflicts (hash TEXT PRIMARY KEY) WITHOUT ROWID;"
    "DELETE FROM dd_conflicts;"
    "INSERT INTO dd_conflicts SELECT hash FROM samples WHERE hash IS NOT NULL AND class_id != 0"
    "  AND file_size > 0 GROUP BY hash HAVING count (DISTINCT class_id) > 1;"
    "UPDATE samples SET flags = flags & ~%u WHERE flags & %u"
    "  AND (class_id = 0 OR hash IS NULL OR hash NOT IN (SELECT hash FROM dd_conflicts));"
    "UPDATE samples SET flags = flags | %u WHERE NOT (flags & %u) AND class_id != 0"
    "  AND hash IN (SELECT hash FROM dd_conflicts);", bit, bit, bit, bit);

  return dd_catalog_exec (catalog, sql, error);
}

static int
cmp_uint (gconstpointer a,
          gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* Cells of each corrupted source: corruption × severity 1–5 × class. A cell is
 * missing when it has fewer images than most cells have. Needs a snapshot that is
 * current for the structure (after the scanner's reload). */
static gboolean
update_cells (DdCatalog  *catalog,
              sqlite3    *db,
              GError    **error)
{
  g_autoptr(GPtrArray) sources = dd_catalog_list_sources (catalog);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);
  sqlite3_stmt *insert = NULL;
  gboolean ok = TRUE;

  if (!dd_catalog_exec (catalog, "DELETE FROM findings WHERE kind = 'missing_cell'", error))
    return FALSE;
  sqlite3_prepare_v2 (db, "INSERT INTO findings (kind, key, detail) VALUES ('missing_cell', ?, ?)",
                      -1, &insert, NULL);

  for (guint i = 0; ok && i < sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (sources, i);
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_autoptr(GHashTable) present_classes = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) present_corr = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) histogram = g_hash_table_new (NULL, NULL);
      g_autofree char *base = NULL;
      g_autoptr(DdFilter) filter = dd_filter_new ();
      g_autoptr(DdSelection) sel = NULL;
      g_autoptr(DdFacets) facets = NULL;
      GHashTableIter iter;
      gpointer k, v;
      guint expected = 0, best = 0;
      g_autoptr(GArray) class_ids = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) corr_ids = g_array_new (FALSE, FALSE, sizeof (guint));

      if (g_strcmp0 (src->layout, "imagenet-c") != 0)
        continue;
      base = g_path_get_basename (src->root);
      /* Counts come from the catalog's snapshot: milliseconds, not a table scan. */
      dd_filter_add_source (filter, src->id);
      sel = dd_catalog_select (catalog, filter, NULL, NULL);
      facets = sel ? dd_catalog_facets (catalog, sel) : NULL;
      for (guint cls = 1; facets && cls < facets->n_classes; cls++)
        for (guint corr = 1; corr < facets->n_corruptions; corr++)
          for (guint sev = 1; sev <= 5; sev++)
            {
              guint n = facets->cube[((gsize) cls * facets->n_corruptions + corr) * 6 + sev];
              gint64 *cell;

              if (n == 0)
                continue;
              cell = g_new (gint64, 1);
              *cell = ((gint64) corr << 40) | ((gint64) sev << 32) | cls;
              g_hash_table_insert (counts, cell, GUINT_TO_POINTER (n));
              g_hash_table_add (present_classes, GUINT_TO_POINTER (cls));
              g_hash_table_add (present_corr, GUINT_TO_POINTER (corr));
              g_hash_table_insert (histogram, GUINT_TO_POINTER (n),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (histogram, GUINT_TO_POINTER (n))) + 1));
            }
      g_hash_table_iter_init (&iter, histogram);
      while (g_hash_table_iter_next (&iter, &k, &v))
        if (GPOINTER_TO_UINT (v) > best || (GPOINTER_TO_UINT (v) == best && GPOINTER_TO_UINT (k) > expected))
          {
            best = GPOINTER_TO_UINT (v);
            expected = GPOINTER_TO_UINT (k);
          }

      g_hash_table_iter_init (&iter, present_classes);
      while (g_hash_table_iter_next (&iter, &k, NULL))
        {
          guint id = GPOINTER_TO_UINT (k);
          g_array_append_val (class_ids, id);
        }
      g_array_sort (class_ids, cmp_uint);
      /* Cells of the corruptions this source has (a corruption folder that is gone
       * altogether is not a cell of it). */
      for (guint c = 0; c < corruptions->len; c++)
        {
          DdCorruptionInfo *corr = g_ptr_array_index (corruptions, c);
          if (corr->id != 0 && g_hash_table_contains (present_corr, GUINT_TO_POINTER (corr->id)))
            g_array_append_val (corr_ids, corr->id);
        }

      for (guint c = 0; ok && c < corr_ids->len; c++)
        for (guint sev = 1; ok && sev <= 5; sev++)
          for (guint j = 0; ok && j < class_ids->len; j++)
            {
              guint corr = g_array_index (corr_ids, guint, c);
              guint cls = g_array_index (class_ids, guint, j);
              gint64 cell = ((gint64) corr << 40) | ((gint64) sev << 32) | cls;
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &cell));
              DdCorruptionInfo *ci = NULL;
              DdClassInfo *cl = NULL;
              g_autofree char *key = NULL;
              g_autofree char *detail = NULL;

              if (n >= expected)
                continue;
              for (guint x = 0; x < corruptions->len; x++)
                if (((DdCorruptionInfo *) corruptions->pdata[x])->id == corr)
                  ci = corruptions->pdata[x];
              for (guint x = 0; x < classes->len; x++)
                if (((DdClassInfo *) classes->pdata[x])->id == cls)
                  cl = classes->pdata[x];
              if (ci == NULL || cl == NULL)
                continue;
              key = g_strdup_printf ("%s/%s/%u/%s", base, ci->name, sev, cl->wnid);
              detail = n == 0
                ? g_strdup_printf (_("%s/%u/%s (%s) is missing: 0 of %u images"), ci->name, sev, cl->wnid, cl->name, expected)
                : g_strdup_printf (_("%s/%u/%s (%s) is short: %u of %u images"), ci->name, sev, cl->wnid, cl->name, n, expected);
              sqlite3_reset (insert);
              sqlite3_bind_text (insert, 1, key, -1, SQLITE_STATIC);
              sqlite3_bind_text (insert, 2, detail, -1, SQLITE_STATIC);
              ok = sqlite3_step (insert) == SQLITE_DONE;
            }
    }
  sqlite3_finalize (insert);
  if (!ok)
    dd_catalog_set_error_from_db (catalog, error, _("Cannot record missing cells"));
  return ok;
}

gboolean
dd_health_update_full (DdCatalog     *catalog,
                       gboolean      *out_flags_changed,
                       GCancellable  *cancellable,
                       GError       **error)
{
  sqlite3 *db = dd_catalog_get_db (catalog);
  gboolean ok;
  gboolean decoded;
  int before;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  if (out_flags_changed)
    *out_flags_changed = FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* Missing cells are not in the sample snapshot: the stored copy stays unless flags
   * change below. */
  dd_catalog_lock_metadata (catalog);
  /* Sizes and duplicates need the content pass; until then only cells matter. */
  sqlite3_prepare_v2 (db, "SELECT 1 FROM samples WHERE hash IS NOT NULL LIMIT 1", -1, &stmt, NULL);
  decoded = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  ok = dd_catalog_exec (catalog, "BEGIN IMMEDIATE", error);
  before = sqlite3_total_changes (db);
  if (ok && decoded)
    ok = update_sizes (catalog, db, error) && update_duplicates (catalog, error);
  if (ok && sqlite3_total_changes (db) != before)
    {
      dd_catalog_drop_stored_snapshot (catalog);
      if (out_flags_changed)
        *out_flags_changed = TRUE;
    }
  ok = ok && update_cells (catalog, db, error) &&
       dd_catalog_exec (catalog, "COMMIT", error);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  dd_catalog_unlock (catalog);
  return ok;
}

gboolean
dd_health_update (DdCatalog     *catalog,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return dd_health_update_full (catalog, NULL, cancellable, error);
}

/* ---- the report ------------------------------------------------------------------ */

static void
add_finding (DdHealthReport *report,
             DdHealthKind    kind,
             const char     *key,
             gint64          sample_id,
             char           *detail)
{
  DdFinding *f = g_new0 (DdFinding, 1);

  f->kind = kind;
  f->key = g_strdup (key);
  f->detail = detail;
  f->sample_id = sample_id;
  g_ptr_array_add (report->findings, f);
  report->counts[kind]++;
}

static int
cmp_findings (gconstpointer a,
              gconstpointer b)
{
  const DdFinding *x = *(DdFinding * const *) a;
  const DdFinding *y = *(DdFinding * const *) b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

static char *
other_with_hash (sqlite3    *db,
                 const char *hash,
                 guint       class_id)
{
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  sqlite3_prepare_v2 (db, "SELECT s.key, c.wnid, c.name FROM samples s JOIN classes c"
                          " ON c.id = s.class_id WHERE s.hash = ? AND s.class_id != ?"
                          " AND s.class_id != 0 LIMIT 1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, class_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup_printf (_("same bytes as %s, labeled %s (%s)"),
                           sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                           sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  return out;
}

static const char *
ext_of (const char *key)
{
  const char *dot = strrchr (key, '.');
  return dot ? dot + 1 : "";
}

DdHealthReport *
dd_health_report (DdCatalog  *catalog,
                  GError    **error)
{
  g_autoptr(DdHealthReport) report = g_new0 (DdHealthReport, 1);
  sqlite3 *db;
  g_autoptr(GHashTable) sizes = NULL;
  sqlite3_stmt *stmt = NULL;
  guint32 class_bits = DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS) |
                       DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS);

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  report->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_finding_free);
  db = dd_catalog_read_lock (catalog);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sizes = dominant_sizes (db);

  if (sqlite3_prepare_v2 (db, "SELECT id, key, flags, width, height, file_size, decode_error,"
                              " format, hash, class_id, source_id FROM samples"
                              " WHERE flags & ? != 0", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_int (stmt, 1, ~class_bits);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      guint32 flags = sqlite3_column_int (stmt, 2);
      int w = sqlite3_column_int (stmt, 3), h = sqlite3_column_int (stmt, 4);
      const char *err = (const char *) sqlite3_column_text (stmt, 6);
      const char *format = (const char *) sqlite3_column_text (stmt, 7);
      const char *hash = (const char *) sqlite3_column_text (stmt, 8);

      for (guint kind = 0; kind < DD_HEALTH_N_KINDS; kind++)
        {
          char *detail = NULL;

          if (!(flags & DD_HEALTH_FLAG (kind)) || (DD_HEALTH_FLAG (kind) & class_bits))
            continue;
          switch (kind)
            {
            case DD_HEALTH_MISSING_LABEL:
              detail = g_strdup (_("no label: the annotation file has no row for this image"));
              break;
            case DD_HEALTH_EMPTY_FILE:
              detail = g_strdup (_("the file is empty (0 bytes)"));
              break;
            case DD_HEALTH_UNDECODABLE:
            case DD_HEALTH_TRUNCATED:
              detail = err ? g_strdup (err)
                           : g_strdup_printf (_("cannot be decoded (%" PRId64 " bytes)"),
                                              (gint64) sqlite3_column_int64 (stmt, 5));
              break;
            case DD_HEALTH_FORMAT_MISMATCH:
              detail = g_strdup_printf (_("the bytes are %s but the name ends in .%s"),
                                        format ? format : "?", ext_of (key));
              break;
            case DD_HEALTH_GRAYSCALE:
              detail = g_strdup_printf (_("grayscale %d×%d image among colour images"), w, h);
              break;
            case DD_HEALTH_UNEXPECTED_SIZE:
              {
                Dominant *d = g_hash_table_lookup (sizes, GINT_TO_POINTER (sqlite3_column_int (stmt, 10)));
                detail = d ? g_strdup_printf (_("%d×%d; most images of this dataset are %d×%d"),
                                              w, h, d->width, d->height)
                           : g_strdup_printf ("%d×%d", w, h);
              }
              break;
            case DD_HEALTH_DUPLICATE_CONFLICT:
              detail = hash ? other_with_hash (db, hash, sqlite3_column_int (stmt, 9)) : NULL;
              if (detail == NULL)
                detail = g_strdup (_("identical to an image with another label"));
              break;
            default:
              detail = g_strdup (dd_health_kind_title (kind));
              break;
            }
          add_finding (report, kind, key, id, detail);
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  sqlite3_prepare_v2 (db, "SELECT file, wnid, detail FROM orphan_annotations", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_finding (report, DD_HEALTH_ORPHAN_ANNOTATION, (const char *) sqlite3_column_text (stmt, 0), 0,
                 g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  sqlite3_prepare_v2 (db, "SELECT key, detail FROM findings WHERE kind = 'missing_cell'", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_finding (report, DD_HEALTH_MISSING_CELL, (const char *) sqlite3_column_text (stmt, 0), 0,
                 g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Class findings: one per class, with the number of its samples. */
  {
    g_autoptr(GHashTable) per_class = g_hash_table_new (NULL, NULL);

    sqlite3_prepare_v2 (db, "SELECT class_id, count(*) FROM samples WHERE flags & ? GROUP BY 1",
                        -1, &stmt, NULL);
    sqlite3_bind_int (stmt, 1, class_bits);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_insert (per_class, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                           GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    g_clear_pointer (&stmt, sqlite3_finalize);

    sqlite3_prepare_v2 (db, "SELECT id, wnid, name, in_wnids, name_source FROM classes", -1,
                        &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_class,
                                                         GINT_TO_POINTER (sqlite3_column_int (stmt, 0))));
        const char *wnid = (const char *) sqlite3_column_text (stmt, 1);
        const char *name = (const char *) sqlite3_column_text (stmt, 2);

        if (n == 0)
          continue;
        if (!sqlite3_column_int (stmt, 3))
          add_finding (report, DD_HEALTH_UNKNOWN_CLASS, wnid, 0,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s (%s): %u image in a folder that wnids.txt does not list",
                                                     "%s (%s): %u images in a folder that wnids.txt does not list", n),
                                        wnid, name, n));
        if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "folder") == 0 &&
            dd_is_wnid (wnid))
          add_finding (report, DD_HEALTH_UNNAMED_CLASS, wnid, 0,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s: no name in words.txt or WordNet (%u image)",
                                                     "%s: no name in words.txt or WordNet (%u images)", n),
                                        wnid, n));
      }
  }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  dd_catalog_read_unlock (catalog);

  g_ptr_array_sort (report->findings, cmp_findings);
  return g_steal_pointer (&report);

fail:
  g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
               _("Cannot read the health findings: %s"), sqlite3_errmsg (db));
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  dd_catalog_read_unlock (catalog);
  return NULL;
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  DdHealthReport *report = dd_health_report (source_object, &error);

  if (report)
    g_task_return_pointer (task, report, (GDestroyNotify) dd_health_report_free);
  else
    g_task_return_error (task, error);
}

void
dd_health_report_async (DdCatalog           *catalog,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (catalog, cancellable, callback, user_data);

  g_task_set_source_tag (task, dd_health_report_async);
  g_task_run_in_thread (task, report_thread);
}

DdHealthReport *
dd_health_report_finish (DdCatalog     *catalog,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
