/* Relations of a catalog as a graph of typed nodes, answered from the sample
 * snapshot (counts) and SQLite (variants, duplicates), paged for big fan-outs. */
#define G_LOG_DOMAIN "datadive-relations"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "dd-catalog-private.h"
#include "dd-relations.h"
#include "dd-relations-model.h"
#include "dd-relations-near.h"
#include "dd-taxonomy.h"

/* ---- vocabulary helpers ---------------------------------------------------------- */

typedef struct {
  GPtrArray *sources;
  GPtrArray *classes;
  GPtrArray *corruptions;
  GPtrArray *splits;
} Vocab;

static void
vocab_clear (Vocab *v)
{
  g_clear_pointer (&v->sources, g_ptr_array_unref);
  g_clear_pointer (&v->classes, g_ptr_array_unref);
  g_clear_pointer (&v->corruptions, g_ptr_array_unref);
  g_clear_pointer (&v->splits, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Vocab, vocab_clear)

static void
vocab_load (Vocab     *v,
            DdCatalog *catalog)
{
  v->sources = dd_catalog_list_sources (catalog);
  v->classes = dd_catalog_list_classes (catalog);
  v->corruptions = dd_catalog_list_corruptions (catalog);
  v->splits = dd_catalog_list_splits (catalog);
}

static DdClassInfo *
vocab_class (Vocab *v,
             guint  id)
{
  for (guint i = 0; i < v->classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (v->classes, i);
      if (c->id == id)
        return c;
    }
  return NULL;
}

static DdClassInfo *
vocab_class_by_wnid (Vocab      *v,
                     const char *wnid)
{
  for (guint i = 0; i < v->classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (v->classes, i);
      if (g_strcmp0 (c->wnid, wnid) == 0)
        return c;
    }
  return NULL;
}

static DdCorruptionInfo *
vocab_corruption (Vocab      *v,
                  const char *name)
{
  for (guint i = 0; i < v->corruptions->len; i++)
    {
      DdCorruptionInfo *c = g_ptr_array_index (v->corruptions, i);
      if (g_strcmp0 (c->name, name) == 0)
        return c;
    }
  return NULL;
}

static DdSourceInfo *
vocab_source (Vocab      *v,
              const char *id)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (id, 10, 1, G_MAXUINT, &n, NULL))
    return NULL;
  for (guint i = 0; i < v->sources->len; i++)
    {
      DdSourceInfo *s = g_ptr_array_index (v->sources, i);
      if (s->id == n)
        return s;
    }
  return NULL;
}

static const char *
split_name (Vocab *v,
            guint  id)
{
  for (guint i = 0; i < v->splits->len; i++)
    {
      DdSplitInfo *s = g_ptr_array_index (v->splits, i);
      if (s->id == id)
        return s->name;
    }
  return NULL;
}

static gboolean
is_family (const char *name)
{
  return name != NULL && g_strv_contains (dd_corruption_families (), name);
}

/* "3" → (NULL, 3); "fog/3" → (fog, 3). */
static gboolean
parse_severity (const char  *id,
                char       **out_corruption,
                guint       *out_severity)
{
  const char *slash = strrchr (id, '/');
  guint64 v;

  if (!g_ascii_string_to_unsigned (slash ? slash + 1 : id, 10, 0, 5, &v, NULL))
    return FALSE;
  *out_severity = v;
  *out_corruption = slash ? g_strndup (id, slash - id) : NULL;
  return TRUE;
}

/* ---- filters of nodes ------------------------------------------------------------- */

DdFilter *
dd_relations_node_filter (DdCatalog   *catalog,
                          DdNodeKind   kind,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(DdFilter) filter = dd_filter_new ();
  g_auto(Vocab) v = { 0 };

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  vocab_load (&v, catalog);
  switch (kind)
    {
    case DD_NODE_DATASET:
      break;
    case DD_NODE_SOURCE:
      {
        DdSourceInfo *src = vocab_source (&v, id);
        if (src == NULL)
          goto unknown;
        dd_filter_add_source (filter, src->id);
      }
      break;
    case DD_NODE_SPLIT:
      {
        guint split = dd_catalog_lookup_split (catalog, id);
        if (split == G_MAXUINT)
          goto unknown;
        dd_filter_add_split (filter, split);
      }
      break;
    case DD_NODE_FAMILY:
      if (!is_family (id))
        goto unknown;
      filter->corruptions = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < v.corruptions->len; i++)
        {
          DdCorruptionInfo *c = g_ptr_array_index (v.corruptions, i);
          if (g_strcmp0 (c->family, id) == 0)
            dd_filter_add_corruption (filter, c->id);
        }
      break;
    case DD_NODE_CORRUPTION:
      {
        DdCorruptionInfo *c = vocab_corruption (&v, id);
        if (c == NULL)
          goto unknown;
        dd_filter_add_corruption (filter, c->id);
      }
      break;
    case DD_NODE_SEVERITY:
      {
        g_autofree char *corruption = NULL;
        guint severity;

        if (!parse_severity (id, &corruption, &severity))
          goto unknown;
        if (corruption)
          {
            DdCorruptionInfo *c = vocab_corruption (&v, corruption);
            if (c == NULL)
              goto unknown;
            dd_filter_add_corruption (filter, c->id);
          }
        dd_filter_add_severity (filter, severity);
      }
      break;
    case DD_NODE_CLASS:
      {
        DdClassInfo *c = vocab_class_by_wnid (&v, id);
        if (c == NULL)
          goto unknown;
        dd_filter_add_class (filter, c->id);
      }
      break;
    case DD_NODE_SYNSET:
      {
        g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (catalog);
        g_autoptr(GArray) classes = dd_taxonomy_get_classes_under (tax, id);

        if (classes == NULL)
          goto unknown;
        filter->classes = g_steal_pointer (&classes);
      }
      break;
    case DD_NODE_SAMPLE:
      {
        gint64 sample = dd_catalog_lookup_key (catalog, id, error);
        if (sample == 0)
          goto unknown;
        /* An empty class set matches nothing: only the forced-in sample remains. */
        filter->classes = g_array_new (FALSE, FALSE, sizeof (guint));
        filter->include_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_array_append_val (filter->include_ids, sample);
      }
      break;
    case DD_NODE_HEALTH:
      {
        DdHealthKind hk;
        if (!dd_health_kind_from_string (id, &hk))
          goto unknown;
        filter->require_flags = DD_HEALTH_FLAG (hk);
      }
      break;
    case DD_NODE_MORE:
    case DD_NODE_N_KINDS:
    default:
      goto unknown;
    }
  return g_steal_pointer (&filter);

unknown:
  if (error && *error == NULL)
    dd_node_set_unknown (error, kind, id);
  return NULL;
}

static guint
count_filter (DdCatalog *catalog,
              DdFilter  *filter)
{
  return dd_catalog_count (catalog, filter, NULL, NULL);
}

/* ---- describe --------------------------------------------------------------------- */

DdNode *
dd_relations_describe (DdCatalog   *catalog,
                       DdNodeKind   kind,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(DdFilter) filter = NULL;
  g_auto(Vocab) v = { 0 };
  g_autofree char *label = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);

  if (kind == DD_NODE_MORE)
    {
      g_set_error (error, DD_RELATIONS_ERROR, DD_RELATIONS_ERROR_INVALID,
                   _("A “more” node is a page of another node's neighbours"));
      return NULL;
    }
  if (!(filter = dd_relations_node_filter (catalog, kind, id, error)))
    return NULL;

  vocab_load (&v, catalog);
  switch (kind)
    {
    case DD_NODE_DATASET:
      label = g_filename_display_basename (dd_catalog_get_path (catalog));
      break;
    case DD_NODE_SOURCE:
      {
        g_autofree char *base = g_path_get_basename (vocab_source (&v, id)->root);
        label = g_filename_display_name (base);
      }
      break;
    case DD_NODE_CLASS:
      label = g_strdup (vocab_class_by_wnid (&v, id)->name);
      break;
    case DD_NODE_SYNSET:
      {
        g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (catalog);
        label = g_strdup (dd_taxonomy_get_label (tax, id));
      }
      break;
    case DD_NODE_SEVERITY:
      {
        g_autofree char *corruption = NULL;
        guint severity;

        parse_severity (id, &corruption, &severity);
        label = corruption ? g_strdup_printf (_("%s severity %u"), corruption, severity)
                           : g_strdup_printf (_("severity %u"), severity);
      }
      break;
    case DD_NODE_HEALTH:
      {
        DdHealthKind hk;
        dd_health_kind_from_string (id, &hk);
        label = g_strdup (dd_health_kind_title (hk));
      }
      break;
    case DD_NODE_SAMPLE:
      label = g_path_get_basename (id);
      break;
    case DD_NODE_SPLIT:
    case DD_NODE_FAMILY:
    case DD_NODE_CORRUPTION:
    case DD_NODE_MORE:
    case DD_NODE_N_KINDS:
    default:
      label = g_strdup (id);
      break;
    }
  return dd_node_new (kind, id, label, count_filter (catalog, filter), NULL);
}

/* ---- neighbours ----------------------------------------------------------------- */

typedef struct {
  DdCatalog *catalog;
  Vocab     *v;
  GPtrArray *out;
  guint      limit;
} Ctx;

static void
add (Ctx        *ctx,
     DdNodeKind  kind,
     const char *id,
     const char *label,
     guint64     count,
     const char *edge)
{
  g_ptr_array_add (ctx->out, dd_node_new (kind, id, label, count, edge));
}

static void
add_more (Ctx        *ctx,
          DdNodeKind  of_kind,
          const char *of_id,
          guint       next_offset,
          guint64     left,
          const char *edge)
{
  g_autofree char *id = dd_node_format_more (of_kind, of_id, next_offset);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " more",
                                                         "%" PRIu64 " more", left), left);
  g_ptr_array_add (ctx->out, dd_node_new (DD_NODE_MORE, id, label, left, edge));
}

/* Samples of a filter, from @offset, at most ctx->limit, then a "more" node. */
static gboolean
add_samples (Ctx        *ctx,
             DdFilter   *filter,
             guint       offset,
             DdNodeKind  of_kind,
             const char *of_id,
             const char *edge,
             GError    **error)
{
  g_autoptr(DdSelection) sel = dd_catalog_select (ctx->catalog, filter, NULL, error);
  g_autoptr(GPtrArray) page = NULL;
  guint n;

  if (sel == NULL)
    return FALSE;
  n = dd_selection_get_n (sel);
  if (!(page = dd_catalog_get_page (ctx->catalog, sel, offset, ctx->limit, NULL, error)))
    return FALSE;
  for (guint i = 0; i < page->len; i++)
    {
      DdSampleInfo *s = g_ptr_array_index (page, i);
      g_autofree char *label = g_path_get_basename (s->key);
      add (ctx, DD_NODE_SAMPLE, s->key, label, 1, edge);
    }
  if (offset + page->len < n)
    add_more (ctx, of_kind, of_id, offset + page->len, n - offset - page->len, edge);
  return TRUE;
}

typedef struct {
  guint       id;
  guint       count;
  const char *name;
} IdCount;

/* Biggest first; equal counts by name whatever its case ("abacus" before "Yorkshire
 * terrier", not after every capitalised name). */
static int
cmp_count_desc (gconstpointer a,
                gconstpointer b)
{
  const IdCount *x = a, *y = b;
  int by_name;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  by_name = g_ascii_strcasecmp (x->name ? x->name : "", y->name ? y->name : "");
  if (by_name != 0)
    return by_name;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Classes of a selection with their counts, biggest first, paged. */
static void
add_classes (Ctx        *ctx,
             DdFacets   *facets,
             guint       offset,
             DdNodeKind  of_kind,
             const char *of_id,
             const char *edge)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (IdCount));
  guint end;

  for (guint c = 1; c < facets->n_classes; c++)
    if (facets->classes[c] > 0)
      {
        DdClassInfo *info = vocab_class (ctx->v, c);
        IdCount ic = { c, facets->classes[c], info ? (info->name ? info->name : info->wnid) : NULL };

        g_array_append_val (items, ic);
      }
  g_array_sort (items, cmp_count_desc);
  end = MIN (items->len, offset + ctx->limit);
  for (guint i = offset; i < end; i++)
    {
      IdCount *ic = &g_array_index (items, IdCount, i);
      DdClassInfo *c = vocab_class (ctx->v, ic->id);
      if (c)
        add (ctx, DD_NODE_CLASS, c->wnid, c->name, ic->count, edge);
    }
  if (end < items->len)
    add_more (ctx, of_kind, of_id, end, items->len - end, edge);
}

static DdFacets *
facets_of (DdCatalog *catalog,
           DdFilter  *filter)
{
  g_autoptr(DdSelection) sel = dd_catalog_select (catalog, filter, NULL, NULL);
  return sel ? dd_catalog_facets (catalog, sel) : NULL;
}

static void
add_splits (Ctx      *ctx,
            DdFacets *f)
{
  for (guint s = 0; s < f->n_splits; s++)
    if (f->splits[s] > 0 && split_name (ctx->v, s))
      add (ctx, DD_NODE_SPLIT, split_name (ctx->v, s), NULL, f->splits[s], "split");
}

static void
add_corruptions (Ctx        *ctx,
                 DdFacets   *f,
                 const char *family,
                 const char *edge)
{
  for (guint i = 0; i < ctx->v->corruptions->len; i++)
    {
      DdCorruptionInfo *c = g_ptr_array_index (ctx->v->corruptions, i);
      if (family && g_strcmp0 (c->family, family) != 0)
        continue;
      if (c->id < f->n_corruptions && f->corruptions[c->id] > 0)
        add (ctx, DD_NODE_CORRUPTION, c->name, NULL, f->corruptions[c->id], edge);
    }
}

static void
add_findings (Ctx      *ctx,
              DdFacets *f)
{
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    if (f->flags[k] > 0)
      add (ctx, DD_NODE_HEALTH, dd_health_kind_to_string (k), dd_health_kind_title (k),
           f->flags[k], "finding");
}

/* Samples found by clean key or by hash as neighbours (variants, duplicates), but the
 * sample @not_id itself. */
static void
add_found_samples (Ctx           *ctx,
                   DdSampleMatch  match,
                   const char    *value,
                   gint64         not_id,
                   const char    *of_key,
                   guint          offset,
                   const char    *edge)
{
  g_autoptr(GPtrArray) found = dd_catalog_find_samples (ctx->catalog, match, value, NULL);
  guint n = 0, total = 0;

  for (guint i = 0; found && i < found->len; i++)
    {
      DdSampleRef *ref = g_ptr_array_index (found, i);
      g_autofree char *label = NULL;

      if (ref->id == not_id || ref->key == NULL)
        continue;
      total++;
      if (total <= offset || n >= ctx->limit)
        continue;
      /* Variants are told apart by their cell, not their shared file name. */
      if (ref->corruption && g_strcmp0 (ref->corruption, "none") != 0)
        label = g_strdup_printf ("%s %u", ref->corruption, ref->severity);
      else
        label = g_path_get_basename (ref->key);
      add (ctx, DD_NODE_SAMPLE, ref->key, label, 1, edge);
      n++;
    }
  if (total > offset + n)
    add_more (ctx, DD_NODE_SAMPLE, of_key, offset + n, total - offset - n, edge);
}

/* The corrupted variants of a clean labeled sample sit at
 * <C source>/<corruption>/<severity>/<wnid>/<file name>: up to 75 key look-ups on the
 * unique key index, instead of an index on clean keys that would slow every scan. */
static void
add_variants (Ctx          *ctx,
              DdSampleInfo *s,
              guint         offset)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *file_name = g_path_get_basename (s->key);
  guint end;

  for (guint i = 0; i < ctx->v->sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (ctx->v->sources, i);
      g_autofree char *raw_base = NULL;
      g_autofree char *base = NULL;

      if (g_strcmp0 (src->layout, "imagenet-c") != 0)
        continue;
      raw_base = g_path_get_basename (src->root);
      dd_catalog_make_key (raw_base, strlen (raw_base), &base);   /* as keys begin */
      for (guint c = 0; c < ctx->v->corruptions->len; c++)
        {
          DdCorruptionInfo *corr = g_ptr_array_index (ctx->v->corruptions, c);

          if (corr->id == 0)
            continue;
          for (guint sev = 1; sev <= 5; sev++)
            {
              char *key = g_strdup_printf ("%s/%s/%u/%s/%s", base, corr->name, sev, s->wnid,
                                           file_name);
              if (dd_catalog_lookup_key (ctx->catalog, key, NULL) > 0)
                {
                  g_ptr_array_add (keys, key);
                  g_ptr_array_add (labels, g_strdup_printf ("%s %u", corr->name, sev));
                }
              else
                g_free (key);
            }
        }
    }
  end = MIN (keys->len, offset + ctx->limit);
  for (guint i = offset; i < end; i++)
    add (ctx, DD_NODE_SAMPLE, keys->pdata[i], labels->pdata[i], 1, "variant");
  if (end < keys->len)
    add_more (ctx, DD_NODE_SAMPLE, s->key, end, keys->len - end, "variant");
}

static gboolean
sample_neighbours (Ctx         *ctx,
                   const char  *key,
                   guint        offset,
                   GError     **error)
{
  gint64 id = dd_catalog_lookup_key (ctx->catalog, key, error);
  g_autoptr(DdSampleInfo) s = NULL;
  g_autofree char *cell = NULL;

  if (id == 0)
    {
      if (error && *error == NULL)
        dd_node_set_unknown (error, DD_NODE_SAMPLE, key);
      return FALSE;
    }
  if (!(s = dd_catalog_get_sample (ctx->catalog, id, error)))
    return FALSE;

  if (offset == 0)
    {
      g_autofree char *source_id = g_strdup_printf ("%u", s->source_id);
      DdSourceInfo *src = vocab_source (ctx->v, source_id);
      g_autofree char *source_label = src ? g_filename_display_basename (src->root) : NULL;
      if (s->wnid)
        add (ctx, DD_NODE_CLASS, s->wnid, s->class_name, 0, "class");
      dd_relations_add_predicted_class (ctx->catalog, s->id, ctx->out);
      dd_relations_add_near_duplicates (ctx->catalog, s->id, ctx->limit, ctx->out);
      add (ctx, DD_NODE_SPLIT, s->split, NULL, 0, "split");
      add (ctx, DD_NODE_CORRUPTION, s->corruption, NULL, 0, "corruption");
      if (s->severity > 0)
        {
          cell = g_strdup_printf ("%s/%u", s->corruption, s->severity);
          add (ctx, DD_NODE_SEVERITY, cell, NULL, 0, "severity");
        }
      add (ctx, DD_NODE_SOURCE, source_id, source_label, 0, "source");
      if (s->clean_key)
        {
          g_autofree char *label = g_path_get_basename (s->clean_key);
          add (ctx, DD_NODE_SAMPLE, s->clean_key, label, 1, "clean");
        }
      for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
        if (s->flags & DD_HEALTH_FLAG (k))
          add (ctx, DD_NODE_HEALTH, dd_health_kind_to_string (k), dd_health_kind_title (k), 0,
               "finding");
    }
  if (s->corruption_id == 0 && s->wnid)
    add_variants (ctx, s, offset);
  else if (s->corruption_id == 0)
    add_found_samples (ctx, DD_SAMPLES_WITH_CLEAN_KEY, s->key, s->id, s->key, offset,
                       "variant");
  if (s->hash)
    add_found_samples (ctx, DD_SAMPLES_WITH_HASH, s->hash, s->id, s->key, offset,
                       "duplicate");
  return TRUE;
}

static void
dataset_neighbours (Ctx      *ctx,
                    DdFacets *f)
{
  g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (ctx->catalog);
  const char *root = dd_taxonomy_get_root (tax);

  for (guint i = 0; i < ctx->v->sources->len; i++)
    {
      DdSourceInfo *src = g_ptr_array_index (ctx->v->sources, i);
      g_autofree char *sid = g_strdup_printf ("%u", src->id);
      g_autofree char *base = g_path_get_basename (src->root);
      g_autofree char *label = g_filename_display_name (base);
      add (ctx, DD_NODE_SOURCE, sid, label, src->samples, "source");
    }
  add_splits (ctx, f);
  for (const char * const *family = dd_corruption_families (); *family; family++)
    {
      guint64 n = 0;
      for (guint j = 0; j < ctx->v->corruptions->len; j++)
        {
          DdCorruptionInfo *c = g_ptr_array_index (ctx->v->corruptions, j);
          if (g_strcmp0 (c->family, *family) == 0 && c->id < f->n_corruptions)
            n += f->corruptions[c->id];
        }
      if (n > 0)
        add (ctx, DD_NODE_FAMILY, *family, NULL, n, "family");
    }
  if (root)
    add (ctx, DD_NODE_SYNSET, root, dd_taxonomy_get_label (tax, root),
         dd_taxonomy_get_count (tax, root), "taxonomy");
  add_findings (ctx, f);
}

static void
split_neighbours (Ctx        *ctx,
                  DdFilter   *filter,
                  DdFacets   *f,
                  const char *id,
                  guint       offset)
{
  if (offset == 0)
    {
      for (guint i = 0; i < ctx->v->sources->len; i++)
        {
          DdSourceInfo *src = g_ptr_array_index (ctx->v->sources, i);
          g_autoptr(DdFilter) in_source = dd_filter_copy (filter);
          g_autofree char *sid = g_strdup_printf ("%u", src->id);
          g_autofree char *label = g_filename_display_basename (src->root);
          guint n;

          dd_filter_add_source (in_source, src->id);
          if ((n = count_filter (ctx->catalog, in_source)) > 0)
            add (ctx, DD_NODE_SOURCE, sid, label, n, "source");
        }
      add_corruptions (ctx, f, NULL, "corruption");
    }
  add_classes (ctx, f, offset, DD_NODE_SPLIT, id, "class");
}

static void
corruption_neighbours (Ctx        *ctx,
                       DdFacets   *f,
                       const char *id,
                       guint       offset)
{
  DdCorruptionInfo *c = vocab_corruption (ctx->v, id);

  add (ctx, DD_NODE_FAMILY, c->family, NULL, 0, "family");
  if (c->id == 0)
    {
      add_splits (ctx, f);
      add_classes (ctx, f, offset, DD_NODE_CORRUPTION, id, "class");
      return;
    }
  for (guint s = 1; s <= 5; s++)
    if (f->severities[s] > 0)
      {
        g_autofree char *cell = g_strdup_printf ("%s/%u", id, s);
        g_autofree char *label = g_strdup_printf (_("%s severity %u"), id, s);
        add (ctx, DD_NODE_SEVERITY, cell, label, f->severities[s], "severity");
      }
}

static void
severity_neighbours (Ctx        *ctx,
                     DdFacets   *f,
                     const char *id,
                     guint       offset)
{
  g_autofree char *corruption = NULL;
  guint severity;

  parse_severity (id, &corruption, &severity);
  if (corruption == NULL)
    {
      for (guint i = 0; i < ctx->v->corruptions->len; i++)
        {
          DdCorruptionInfo *c = g_ptr_array_index (ctx->v->corruptions, i);
          if (c->id < f->n_corruptions && f->corruptions[c->id] > 0)
            {
              g_autofree char *cell = g_strdup_printf ("%s/%u", c->name, severity);
              g_autofree char *label = g_strdup_printf (_("%s severity %u"), c->name, severity);
              add (ctx, DD_NODE_SEVERITY, cell, label, f->corruptions[c->id], "cell");
            }
        }
      return;
    }
  if (offset == 0)
    add (ctx, DD_NODE_CORRUPTION, corruption, NULL, 0, "corruption");
  add_classes (ctx, f, offset, DD_NODE_SEVERITY, id, "cell");
}

/* A class links to each of its WordNet parents, its splits, corruptions and findings. */
static void
class_neighbours (Ctx        *ctx,
                  DdFacets   *f,
                  const char *id)
{
  DdClassInfo *c = vocab_class_by_wnid (ctx->v, id);
  g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (ctx->catalog);
  g_autoptr(GPtrArray) parents = dd_taxonomy_get_parents (tax, id);

  for (guint i = 0; i < parents->len; i++)
    add (ctx, DD_NODE_SYNSET, parents->pdata[i], dd_taxonomy_get_label (tax, parents->pdata[i]),
         dd_taxonomy_get_count (tax, parents->pdata[i]), "hypernym");
  if (parents->len == 0 && c && c->parent_wnid)
    add (ctx, DD_NODE_SYNSET, c->parent_wnid, c->parent_name, 0, "hypernym");
  add_splits (ctx, f);
  add_corruptions (ctx, f, NULL, "corruption");
  add_findings (ctx, f);
}

static void
synset_neighbours (Ctx        *ctx,
                   const char *id,
                   guint       offset)
{
  g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (ctx->catalog);
  g_autoptr(GPtrArray) parents = dd_taxonomy_get_parents (tax, id);
  g_autoptr(GPtrArray) children = dd_taxonomy_get_children (tax, id);
  guint end = MIN (children->len, offset + ctx->limit);

  for (guint i = 0; offset == 0 && i < parents->len; i++)
    add (ctx, DD_NODE_SYNSET, parents->pdata[i], dd_taxonomy_get_label (tax, parents->pdata[i]),
         dd_taxonomy_get_count (tax, parents->pdata[i]), "hypernym");
  for (guint i = offset; i < end; i++)
    {
      const char *child = g_ptr_array_index (children, i);
      DdClassInfo *c = vocab_class_by_wnid (ctx->v, child);
      guint64 n = dd_taxonomy_get_count (tax, child);

      /* A class that is also an ancestor of other classes stays a synset. */
      if (c && dd_taxonomy_is_leaf (tax, child))
        add (ctx, DD_NODE_CLASS, child, c->name, n, "hyponym");
      else
        add (ctx, DD_NODE_SYNSET, child, dd_taxonomy_get_label (tax, child), n, "hyponym");
    }
  if (end < children->len)
    add_more (ctx, DD_NODE_SYNSET, id, end, children->len - end, "hyponym");
}

static gboolean
neighbours_at (Ctx         *ctx,
               DdNodeKind   kind,
               const char  *id,
               guint        offset,
               GError     **error)
{
  g_autoptr(DdFilter) filter = NULL;
  g_autoptr(DdFacets) f = NULL;

  if (kind == DD_NODE_SAMPLE)
    return sample_neighbours (ctx, id, offset, error);
  if (!(filter = dd_relations_node_filter (ctx->catalog, kind, id, error)))
    return FALSE;
  if (!(f = facets_of (ctx->catalog, filter)))
    return FALSE;

  switch (kind)
    {
    case DD_NODE_DATASET:
      dataset_neighbours (ctx, f);
      return TRUE;
    case DD_NODE_SOURCE:
      add (ctx, DD_NODE_DATASET, "", NULL, 0, "dataset");
      add_splits (ctx, f);
      add_corruptions (ctx, f, NULL, "corruption");
      return TRUE;
    case DD_NODE_SPLIT:
      split_neighbours (ctx, filter, f, id, offset);
      return TRUE;
    case DD_NODE_FAMILY:
      add_corruptions (ctx, f, id, "corruption");
      return TRUE;
    case DD_NODE_CORRUPTION:
      corruption_neighbours (ctx, f, id, offset);
      return TRUE;
    case DD_NODE_SEVERITY:
      severity_neighbours (ctx, f, id, offset);
      return TRUE;
    case DD_NODE_CLASS:
      if (offset == 0)
        {
          DdClassInfo *c = vocab_class_by_wnid (ctx->v, id);

          class_neighbours (ctx, f, id);
          if (c)
            dd_relations_add_predicted_classes (ctx->catalog, c->id, ctx->limit, ctx->out);
        }
      return add_samples (ctx, filter, offset, kind, id, "sample", error);
    case DD_NODE_SYNSET:
      synset_neighbours (ctx, id, offset);
      return TRUE;
    case DD_NODE_HEALTH:
      return add_samples (ctx, filter, offset, kind, id, "sample", error);
    case DD_NODE_SAMPLE:
    case DD_NODE_MORE:
    case DD_NODE_N_KINDS:
    default:
      dd_node_set_unknown (error, kind, id);
      return FALSE;
    }
}

GPtrArray *
dd_relations_neighbours (DdCatalog   *catalog,
                         DdNodeKind   kind,
                         const char  *id,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_node_free);
  g_auto(Vocab) v = { 0 };
  Ctx ctx = { catalog, &v, out, MAX (limit, 1) };
  g_autofree char *inner_id = NULL;
  guint offset = 0;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  vocab_load (&v, catalog);
  if (kind == DD_NODE_MORE)
    {
      if (!dd_node_parse_more (id, &kind, &inner_id, &offset, error))
        return NULL;
      id = inner_id;
    }
  if (!neighbours_at (&ctx, kind, id, offset, error))
    return NULL;
  return g_steal_pointer (&out);
}
