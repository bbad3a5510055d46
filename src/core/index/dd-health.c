/* Health: derives the findings that need the whole dataset and reports every finding
 * with a one-line detail. */
#define G_LOG_DOMAIN "datadive-health"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "dd-catalog-private.h"
#include "dd-catalog-writer.h"
#include "dd-health.h"
#include "dd-health-near.h"
#include "dd-task.h"

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
  g_clear_pointer (&report->groups, g_ptr_array_unref);
  g_free (report);
}

/* Only a size that at least half of a source has makes others unexpected (ImageNet's
 * sizes vary: no size is "unexpected" there). */
static gboolean
update_sizes (DdCatalog        *catalog,
              DdCatalogWriter  *writer,
              guint64          *changed,
              GError          **error)
{
  g_autoptr(GHashTable) sizes = dd_catalog_writer_dominant_sizes (writer);
  g_autoptr(GPtrArray) sources = dd_catalog_list_sources (catalog);

  for (guint i = 0; i < sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (sources, i);
      DdSizeCount *d = g_hash_table_lookup (sizes, GINT_TO_POINTER (src->id));

      if (!dd_catalog_writer_flag_sizes (writer, src->id, d && d->count * 2 >= d->total ? d : NULL,
                                         changed, error))
        return FALSE;
    }
  return TRUE;
}

/* The cells of one corrupted source: corruption × severity 1–5 × class. */
typedef struct {
  GHashTable *counts;      /* cell (corruption << 40 | severity << 32 | class) → images */
  GArray     *class_ids;   /* the classes it has, ascending */
  GArray     *corr_ids;    /* the corruptions it has, in catalog order */
  guint       expected;    /* what most cells have */
} Cells;

static void
cells_clear (Cells *c)
{
  g_clear_pointer (&c->counts, g_hash_table_unref);
  g_clear_pointer (&c->class_ids, g_array_unref);
  g_clear_pointer (&c->corr_ids, g_array_unref);
}

static gint64
cell_id (guint corruption,
         guint severity,
         guint class_id)
{
  return ((gint64) corruption << 40) | ((gint64) severity << 32) | class_id;
}

/* The size of most cells: the most frequent count, the larger one on a tie. */
static guint
most_common (GHashTable *histogram)
{
  GHashTableIter iter;
  gpointer k, v;
  guint expected = 0, best = 0;

  g_hash_table_iter_init (&iter, histogram);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (GPOINTER_TO_UINT (v) > best ||
        (GPOINTER_TO_UINT (v) == best && GPOINTER_TO_UINT (k) > expected))
      {
        best = GPOINTER_TO_UINT (v);
        expected = GPOINTER_TO_UINT (k);
      }
  return expected;
}

/* Counts come from the catalog's snapshot: milliseconds, not a table scan. */
static void
cells_of_source (DdCatalog    *catalog,
                 DdSourceInfo *src,
                 GPtrArray    *corruptions,
                 Cells        *c)
{
  g_autoptr(GHashTable) present_classes = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) present_corr = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) histogram = g_hash_table_new (NULL, NULL);
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_autoptr(DdSelection) sel = NULL;
  g_autoptr(DdFacets) facets = NULL;
  GHashTableIter iter;
  gpointer k;

  c->counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c->class_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  c->corr_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  dd_filter_add_source (filter, src->id);
  sel = dd_catalog_select (catalog, filter, NULL, NULL);
  facets = sel ? dd_catalog_facets (catalog, sel) : NULL;
  for (guint cls = 1; facets && cls < facets->n_classes; cls++)
    for (guint corr = 1; corr < facets->n_corruptions; corr++)
      for (guint sev = 1; sev <= 5; sev++)
        {
          guint n = facets->cube[((gsize) cls * facets->n_corruptions + corr) * 6 + sev];
          gpointer seen;

          if (n == 0)
            continue;
          g_hash_table_insert (c->counts, g_memdup2 ((gint64[]) { cell_id (corr, sev, cls) },
                                                     sizeof (gint64)),
                               GUINT_TO_POINTER (n));
          g_hash_table_add (present_classes, GUINT_TO_POINTER (cls));
          g_hash_table_add (present_corr, GUINT_TO_POINTER (corr));
          seen = g_hash_table_lookup (histogram, GUINT_TO_POINTER (n));
          g_hash_table_insert (histogram, GUINT_TO_POINTER (n),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (seen) + 1));
        }
  c->expected = most_common (histogram);

  g_hash_table_iter_init (&iter, present_classes);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    {
      guint id = GPOINTER_TO_UINT (k);
      g_array_append_val (c->class_ids, id);
    }
  g_array_sort (c->class_ids, dd_compare_uints);
  /* Cells of the corruptions this source has (a corruption folder that is gone
   * altogether is not a cell of it). */
  for (guint i = 0; i < corruptions->len; i++)
    {
      DdCorruptionInfo *corr = g_ptr_array_index (corruptions, i);
      if (corr->id != 0 && g_hash_table_contains (present_corr, GUINT_TO_POINTER (corr->id)))
        g_array_append_val (c->corr_ids, corr->id);
    }
}

static gpointer
info_with_id (GPtrArray *infos,
              gsize      id_offset,
              guint      id)
{
  for (guint i = 0; i < infos->len; i++)
    if (G_STRUCT_MEMBER (guint, infos->pdata[i], id_offset) == id)
      return infos->pdata[i];
  return NULL;
}

/* A finding for every cell of @c with fewer images than most have. */
static gboolean
record_short_cells (DdCatalogWriter  *writer,
                    const char       *base,
                    Cells            *c,
                    GPtrArray        *corruptions,
                    GPtrArray        *classes,
                    GError          **error)
{
  for (guint i = 0; i < c->corr_ids->len; i++)
    for (guint sev = 1; sev <= 5; sev++)
      for (guint j = 0; j < c->class_ids->len; j++)
        {
          guint corr = g_array_index (c->corr_ids, guint, i);
          guint cls = g_array_index (c->class_ids, guint, j);
          gint64 cell = cell_id (corr, sev, cls);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (c->counts, &cell));
          DdCorruptionInfo *ci = info_with_id (corruptions, G_STRUCT_OFFSET (DdCorruptionInfo, id),
                                               corr);
          DdClassInfo *cl = info_with_id (classes, G_STRUCT_OFFSET (DdClassInfo, id), cls);
          g_autofree char *key = NULL;
          g_autofree char *detail = NULL;

          if (n >= c->expected || ci == NULL || cl == NULL)
            continue;
          key = g_strdup_printf ("%s/%s/%u/%s", base, ci->name, sev, cl->wnid);
          detail = n == 0
            ? g_strdup_printf (_("%s/%u/%s (%s) is missing: 0 of %u images"),
                               ci->name, sev, cl->wnid, cl->name, c->expected)
            : g_strdup_printf (_("%s/%u/%s (%s) is short: %u of %u images"),
                               ci->name, sev, cl->wnid, cl->name, n, c->expected);
          if (!dd_catalog_writer_add_finding (writer, DD_HEALTH_MISSING_CELL, key, detail, error))
            return FALSE;
        }
  return TRUE;
}

/* Cells of each corrupted source: a cell is missing when it has fewer images than most
 * cells have. Needs a snapshot that is current for the structure (after the scanner's
 * reload). */
static gboolean
update_cells (DdCatalog        *catalog,
              DdCatalogWriter  *writer,
              GError          **error)
{
  g_autoptr(GPtrArray) sources = dd_catalog_list_sources (catalog);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);

  if (!dd_catalog_writer_clear_findings (writer, DD_HEALTH_MISSING_CELL, error))
    return FALSE;
  for (guint i = 0; i < sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (sources, i);
      g_autofree char *raw_base = NULL;
      g_autofree char *base = NULL;
      Cells cells = { 0 };
      gboolean ok;

      if (g_strcmp0 (src->layout, "imagenet-c") != 0)
        continue;
      raw_base = g_path_get_basename (src->root);
      dd_catalog_make_key (raw_base, strlen (raw_base), &base);   /* as keys begin */
      cells_of_source (catalog, src, corruptions, &cells);
      ok = record_short_cells (writer, base, &cells, corruptions, classes, error);
      cells_clear (&cells);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
dd_health_update_full (DdCatalog     *catalog,
                       gboolean      *out_flags_changed,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(DdCatalogWriter) writer = NULL;
  guint64 changed = 0;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);

  if (out_flags_changed)
    *out_flags_changed = FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* Missing cells are not in the sample snapshot: the stored copy stays unless flags
   * change below. */
  if (!(writer = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_METADATA, error)))
    return FALSE;
  /* Sizes and duplicates need the content pass; until then only cells matter. */
  if (dd_catalog_writer_has_facts (writer) &&
      (!update_sizes (catalog, writer, &changed, error) ||
       !dd_catalog_writer_flag_duplicates (writer, &changed, error) ||
       !dd_health_update_near (writer, &changed, cancellable, error)))
    return FALSE;
  if (changed > 0)
    {
      dd_catalog_writer_samples_changed (writer);
      if (out_flags_changed)
        *out_flags_changed = TRUE;
    }
  if (!update_cells (catalog, writer, error))
    return FALSE;
  return dd_catalog_writer_commit (g_steal_pointer (&writer), error);
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

  /* Keys and details are read back from the catalog: a damaged one (NULL, not UTF-8)
   * still gives a finding that can be printed and shown. */
  f->kind = kind;
  f->key = g_utf8_make_valid (key ? key : "", -1);
  f->detail = g_utf8_make_valid (detail ? detail : dd_health_kind_title (kind), -1);
  g_free (detail);
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

static const char *
ext_of (const char *key)
{
  const char *dot = strrchr (key, '.');
  return dot ? dot + 1 : "";
}

/* The one line of a sample's finding of @kind. */
static char *
sample_detail (DdHealthKind       kind,
               DdFlaggedSample   *s,
               GHashTable        *sizes)
{
  int w = s->width, h = s->height;

  switch (kind)
    {
    case DD_HEALTH_MISSING_LABEL:
      return g_strdup (_("no label: the annotation file has no row for this image"));
    case DD_HEALTH_EMPTY_FILE:
      return g_strdup (_("the file is empty (0 bytes)"));
    case DD_HEALTH_UNDECODABLE:
    case DD_HEALTH_TRUNCATED:
      return s->decode_error ? g_strdup (s->decode_error)
                             : g_strdup_printf (_("cannot be decoded (%" PRId64 " bytes)"),
                                                s->file_size);
    case DD_HEALTH_FORMAT_MISMATCH:
      return g_strdup_printf (_("the bytes are %s but the name ends in .%s"),
                              s->format ? s->format : "?", ext_of (s->key));
    case DD_HEALTH_GRAYSCALE:
      return g_strdup_printf (_("grayscale %d×%d image among colour images"), w, h);
    case DD_HEALTH_UNEXPECTED_SIZE:
      {
        DdSizeCount *d = g_hash_table_lookup (sizes, GINT_TO_POINTER (s->source_id));
        return d ? g_strdup_printf (_("%d×%d; most images of this dataset are %d×%d"),
                                    w, h, d->width, d->height)
                 : g_strdup_printf ("%d×%d", w, h);
      }
    case DD_HEALTH_DUPLICATE_CONFLICT:
      if (s->other_key)
        return g_strdup_printf (_("same bytes as %s, labeled %s (%s)"),
                                s->other_key, s->other_wnid, s->other_name);
      return g_strdup (_("identical to an image with another label"));
    case DD_HEALTH_SUSPECT_LABEL:
      return g_strdup (s->suspect_detail ? s->suspect_detail
                                         : _("a model run suggests another class"));
    default:
      return g_strdup (dd_health_kind_title (kind));
    }
}

static void
add_sample_findings (DdHealthReport *report,
                     DdHealthRows   *rows,
                     guint32         class_bits)
{
  for (guint i = 0; i < rows->samples->len; i++)
    {
      DdFlaggedSample *s = g_ptr_array_index (rows->samples, i);

      for (guint kind = 0; kind < DD_HEALTH_N_KINDS; kind++)
        if ((s->flags & DD_HEALTH_FLAG (kind)) && !(DD_HEALTH_FLAG (kind) & class_bits))
          add_finding (report, kind, s->key, s->id, sample_detail (kind, s, rows->sizes));
    }
}

static void
add_stored_findings (DdHealthReport *report,
                     GPtrArray      *stored,
                     DdHealthKind    kind)
{
  for (guint i = 0; i < stored->len; i++)
    {
      DdStoredFinding *f = g_ptr_array_index (stored, i);
      add_finding (report, kind, f->key, 0, g_strdup (f->detail));
    }
}

/* Class findings: one per class, with the number of its samples. */
static void
add_class_findings (DdHealthReport *report,
                    DdCatalog      *catalog,
                    GHashTable     *class_counts)
{
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);

  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (class_counts, GINT_TO_POINTER (c->id)));

      if (n == 0)
        continue;
      if (!c->in_wnids)
        add_finding (report, DD_HEALTH_UNKNOWN_CLASS, c->wnid, 0,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%s (%s): %u image in a folder"
                                        " that wnids.txt does not list",
                                        "%s (%s): %u images in a folder"
                                        " that wnids.txt does not list", n),
                                      c->wnid, c->name, n));
      if (g_strcmp0 (c->name_source, "folder") == 0 && dd_is_wnid (c->wnid))
        add_finding (report, DD_HEALTH_UNNAMED_CLASS, c->wnid, 0,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%s: no name in words.txt or WordNet (%u image)",
                                        "%s: no name in words.txt or WordNet (%u images)", n),
                                      c->wnid, n));
    }
}

DdHealthReport *
dd_health_report (DdCatalog  *catalog,
                  GError    **error)
{
  g_autoptr(DdHealthReport) report = g_new0 (DdHealthReport, 1);
  guint32 class_bits = DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS) |
                       DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS);
  DdHealthRows rows;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (!dd_catalog_read_health (catalog, ~class_bits, class_bits, &rows, error))
    return NULL;
  report->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_finding_free);
  add_sample_findings (report, &rows, class_bits);
  add_stored_findings (report, rows.orphans, DD_HEALTH_ORPHAN_ANNOTATION);
  add_stored_findings (report, rows.cells, DD_HEALTH_MISSING_CELL);
  add_class_findings (report, catalog, rows.class_counts);
  dd_health_rows_clear (&rows);
  g_ptr_array_sort (report->findings, cmp_findings);
  if (!dd_health_add_near_groups (catalog, report, error))
    return NULL;
  return g_steal_pointer (&report);
}

void
dd_health_report_async (DdCatalog           *catalog,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  dd_task_run_call (catalog, (DdTaskCall) dd_health_report,
                    (GDestroyNotify) dd_health_report_free, dd_health_report_async,
                    cancellable, callback, user_data);
}

DdHealthReport *
dd_health_report_finish (DdCatalog     *catalog,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, catalog), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
