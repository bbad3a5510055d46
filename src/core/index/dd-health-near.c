/* Near duplicates in health: the pair search over the catalog's perceptual hashes,
 * each pair judged (same class, another label, train against val/test), stored as
 * pairs and flags; groups and details for the report; the samples like one sample. */
#define G_LOG_DOMAIN "datadive-health"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-catalog-lookup.h"
#include "dd-catalog-private.h"
#include "dd-health-near.h"
#include "dd-near-dup.h"
#include "dd-phash.h"

#define LISTED 3   /* other files named in one finding's detail */

void
dd_near_group_free (DdNearGroup *group)
{
  if (group == NULL)
    return;
  g_strfreev (group->keys);
  g_free (group);
}

void
dd_similar_free (DdSimilar *similar)
{
  if (similar == NULL)
    return;
  g_free (similar->key);
  g_free (similar->wnid);
  g_free (similar->split);
  g_free (similar);
}

/* Leakage takes precedence: the same picture in train and in val/test; then two
 * labels; else the same class (or unlabeled). */
static DdHealthKind
kind_of_pair (const DdPhashRow *x,
              const DdPhashRow *y)
{
  if ((x->split == DD_NEAR_SPLIT_TRAIN && y->split == DD_NEAR_SPLIT_HELDOUT) ||
      (x->split == DD_NEAR_SPLIT_HELDOUT && y->split == DD_NEAR_SPLIT_TRAIN))
    return DD_HEALTH_SPLIT_LEAKAGE;
  if (x->class_id != 0 && y->class_id != 0 && x->class_id != y->class_id)
    return DD_HEALTH_NEAR_DUPLICATE_CONFLICT;
  return DD_HEALTH_NEAR_DUPLICATE;
}

/* Only clean images are paired: a corruption variant is its clean image made to look
 * different on purpose (ImageNet-C and its kin relate them by path), so its variants,
 * the variants of another image and the clean image itself are never findings; the
 * clean image's findings stand for its variants. */
gboolean
dd_health_update_near (DdCatalogWriter  *writer,
                       guint64          *changed,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GArray) rows = dd_catalog_writer_read_phashes (writer, error);
  g_autoptr(GArray) clean = NULL;
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(GArray) stored = NULL;
  g_autofree guint64 *hashes = NULL;
  g_autofree guint32 *families = NULL;
  guint threshold = dd_catalog_writer_get_near_threshold (writer);

  if (rows == NULL)
    return FALSE;
  clean = g_array_sized_new (FALSE, FALSE, sizeof (DdPhashRow), rows->len);
  for (guint i = 0; i < rows->len; i++)
    if (!g_array_index (rows, DdPhashRow, i).corrupted)
      g_array_append_val (clean, g_array_index (rows, DdPhashRow, i));
  hashes = g_new (guint64, MAX (clean->len, 1));
  families = g_new (guint32, MAX (clean->len, 1));
  for (guint i = 0; i < clean->len; i++)
    {
      hashes[i] = g_array_index (clean, DdPhashRow, i).phash;
      families[i] = g_array_index (clean, DdPhashRow, i).family;
    }
  pairs = dd_near_dup_pairs (hashes, clean->len, threshold, families, cancellable);
  if (pairs == NULL)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  stored = g_array_sized_new (FALSE, FALSE, sizeof (DdNearPairRow), pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      DdNearPair *p = &g_array_index (pairs, DdNearPair, i);
      DdPhashRow *x = &g_array_index (clean, DdPhashRow, p->a);
      DdPhashRow *y = &g_array_index (clean, DdPhashRow, p->b);
      DdNearPairRow row = { x->id, y->id, p->distance, kind_of_pair (x, y) };

      /* identical bytes under two labels are a duplicate_conflict already */
      if (row.kind == DD_HEALTH_NEAR_DUPLICATE_CONFLICT && x->bytes && x->bytes == y->bytes)
        continue;
      g_array_append_val (stored, row);
    }
  return dd_catalog_writer_store_near_pairs (writer, stored, changed, error);
}

gboolean
dd_health_set_near_threshold (DdCatalog     *catalog,
                              guint          threshold,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(DdCatalogWriter) writer = NULL;
  guint64 changed = 0;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), FALSE);
  if (threshold > DD_NEAR_MAX_THRESHOLD)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                   _("The near-duplicate threshold is %u bits; it can be 0 to %u"), threshold,
                   DD_NEAR_MAX_THRESHOLD);
      return FALSE;
    }
  if (!(writer = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_METADATA, error)) ||
      !dd_catalog_writer_set_near_threshold (writer, threshold, error) ||
      !dd_health_update_near (writer, &changed, cancellable, error))
    return FALSE;
  if (changed > 0)
    dd_catalog_writer_samples_changed (writer);
  if (!dd_catalog_writer_commit (g_steal_pointer (&writer), error))
    return FALSE;
  return changed == 0 || dd_catalog_reload (catalog, error);
}

/* ---- the report --------------------------------------------------------------------- */

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const DdNearGroup *x = *(DdNearGroup * const *) a, *y = *(DdNearGroup * const *) b;

  if (x->kind != y->kind)
    return x->kind > y->kind ? -1 : 1;   /* leakage first */
  return strcmp (x->keys[0], y->keys[0]);
}

/* The stronger kind of a group: leakage, then two labels, then the same class. */
static DdHealthKind
stronger (DdHealthKind a,
          DdHealthKind b)
{
  static const DdHealthKind order[] = { DD_HEALTH_NEAR_DUPLICATE,
                                        DD_HEALTH_NEAR_DUPLICATE_CONFLICT,
                                        DD_HEALTH_SPLIT_LEAKAGE };
  guint ra = 0, rb = 0;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (order[i] == a)
        ra = i;
      if (order[i] == b)
        rb = i;
    }
  return ra >= rb ? a : b;
}

/* "same picture as K (d bits), K2 (d bits) and 3 more" for a finding of @kind. */
static char *
near_detail (DdFinding  *f,
             GArray     *pairs,
             GHashTable *keys)
{
  g_autoptr(GString) others = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < pairs->len; i++)
    {
      DdNearPairRow *p = &g_array_index (pairs, DdNearPairRow, i);
      gint64 other = p->a == f->sample_id ? p->b : p->b == f->sample_id ? p->a : 0;
      const char *key;

      if (other == 0 || p->kind != f->kind)
        continue;
      if (n++ < LISTED)
        {
          key = g_hash_table_lookup (keys, &other);
          g_string_append_printf (others, "%s%s", n > 1 ? ", " : "", key ? key : "?");
          g_string_append_printf (others, g_dngettext (GETTEXT_PACKAGE, " (%u bit apart)",
                                                       " (%u bits apart)", p->distance),
                                  p->distance);
        }
    }
  if (n == 0)
    return NULL;
  if (n > LISTED)
    g_string_append_printf (others, g_dngettext (GETTEXT_PACKAGE, " and %u more",
                                                 " and %u more", n - LISTED), n - LISTED);
  switch (f->kind)
    {
    case DD_HEALTH_SPLIT_LEAKAGE:
      return g_strdup_printf (_("the same picture in another split: %s"),
                              others->str);
    case DD_HEALTH_NEAR_DUPLICATE_CONFLICT:
      return g_strdup_printf (_("the same picture under another label: %s"),
                              others->str);
    default:
      return g_strdup_printf (_("the same picture as %s"), others->str);
    }
}

gboolean
dd_health_add_near_groups (DdCatalog       *catalog,
                           DdHealthReport  *report,
                           GError         **error)
{
  g_autoptr(GArray) pairs = dd_catalog_read_near_pairs (catalog, error);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) local = g_array_new (FALSE, FALSE, sizeof (DdNearPair));
  g_autofree guint32 *roots = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new (NULL, NULL);   /* root → DdNearGroup-ish */

  if (pairs == NULL)
    return FALSE;
  report->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_near_group_free);
  /* every sample of a pair is flagged: its key is in a finding */
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *f = g_ptr_array_index (report->findings, i);

      if (dd_health_kind_is_near (f->kind) && f->sample_id)
        g_hash_table_insert (keys, &f->sample_id, f->key);
    }
  for (guint i = 0; i < report->findings->len; i++)
    {
      DdFinding *f = g_ptr_array_index (report->findings, i);
      char *detail;

      if (dd_health_kind_is_near (f->kind) && (detail = near_detail (f, pairs, keys)))
        {
          g_free (f->detail);
          f->detail = detail;
        }
    }

  /* groups: the pairs' samples numbered, joined, each group listed once */
  for (guint i = 0; i < pairs->len; i++)
    {
      DdNearPairRow *p = &g_array_index (pairs, DdNearPairRow, i);
      gint64 *ends[2] = { &p->a, &p->b };
      guint32 at[2];

      if (!g_hash_table_contains (keys, &p->a) || !g_hash_table_contains (keys, &p->b))
        continue;   /* a pair whose flags are gone (another program changed samples) */
      for (guint e = 0; e < 2; e++)
        {
          gpointer found;

          if (!g_hash_table_lookup_extended (index, ends[e], NULL, &found))
            {
              found = GUINT_TO_POINTER (ids->len);
              g_array_append_val (ids, *ends[e]);
              g_hash_table_insert (index, ends[e], found);
            }
          at[e] = GPOINTER_TO_UINT (found);
        }
      g_array_append_val (local, ((DdNearPair) { MIN (at[0], at[1]), MAX (at[0], at[1]),
                                                 i }));
    }
  roots = dd_near_dup_groups (local, ids->len);
  {
    g_autoptr(GHashTable) members = g_hash_table_new_full (NULL, NULL, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);
    GHashTableIter iter;
    gpointer root, list;

    for (guint i = 0; i < local->len; i++)
      {
        DdNearPair *lp = &g_array_index (local, DdNearPair, i);
        DdNearPairRow *p = &g_array_index (pairs, DdNearPairRow, lp->distance);
        DdNearGroup *g = g_hash_table_lookup (groups, GUINT_TO_POINTER (roots[lp->a]));

        if (g == NULL)
          {
            g = g_new0 (DdNearGroup, 1);
            g->kind = p->kind;
            g_hash_table_insert (groups, GUINT_TO_POINTER (roots[lp->a]), g);
            g_ptr_array_add (report->groups, g);
          }
        g->kind = stronger (g->kind, p->kind);
        g->distance = MAX (g->distance, p->distance);
      }
    for (guint i = 0; i < ids->len; i++)
      {
        GPtrArray *m = g_hash_table_lookup (members, GUINT_TO_POINTER (roots[i]));
        gint64 id = g_array_index (ids, gint64, i);

        if (m == NULL)
          {
            m = g_ptr_array_new ();
            g_hash_table_insert (members, GUINT_TO_POINTER (roots[i]), m);
          }
        g_ptr_array_add (m, g_strdup (g_hash_table_lookup (keys, &id)));
      }
    g_hash_table_iter_init (&iter, members);
    while (g_hash_table_iter_next (&iter, &root, &list))
      {
        DdNearGroup *g = g_hash_table_lookup (groups, root);
        GPtrArray *m = list;

        g_ptr_array_sort (m, dd_compare_strings);
        g_ptr_array_add (m, NULL);
        g->keys = (GStrv) g_ptr_array_steal (m, NULL);
      }
  }
  g_ptr_array_sort (report->groups, compare_groups);
  return TRUE;
}

/* ---- resolving a group ---------------------------------------------------------------- */

/* Whether @a is the better copy to keep than @b. */
static gboolean
better_keeper (const DdSampleInfo *a,
               const DdSampleInfo *b,
               gboolean            leakage)
{
  gint64 area_a = (gint64) a->width * a->height, area_b = (gint64) b->width * b->height;

  if (leakage && (g_strcmp0 (a->split, "train") == 0) != (g_strcmp0 (b->split, "train") == 0))
    return g_strcmp0 (a->split, "train") == 0;
  if (area_a != area_b)
    return area_a > area_b;
  if (a->file_size != b->file_size)
    return a->file_size > b->file_size;
  return g_strcmp0 (a->key, b->key) < 0;
}

DdRecipe *
dd_health_resolve_group (DdCatalog          *catalog,
                         DdRecipe           *recipe,
                         const DdNearGroup  *group,
                         char              **out_kept,
                         GError            **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) drop = g_ptr_array_new ();
  DdSampleInfo *keep = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (recipe != NULL && group != NULL && group->keys != NULL, NULL);

  if (!(infos = dd_catalog_get_samples_by_keys (catalog, (const char * const *) group->keys,
                                                -1, error)))
    return NULL;
  if (infos->len == 0)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                   _("None of the group's files is in the catalog any more (%s)"),
                   group->keys[0] ? group->keys[0] : "");
      return NULL;
    }
  for (guint i = 0; i < infos->len; i++)
    {
      DdSampleInfo *info = g_ptr_array_index (infos, i);

      if (keep == NULL || better_keeper (info, keep, group->kind == DD_HEALTH_SPLIT_LEAKAGE))
        keep = info;
    }
  for (guint i = 0; i < infos->len; i++)
    if (g_ptr_array_index (infos, i) != keep)
      g_ptr_array_add (drop, ((DdSampleInfo *) g_ptr_array_index (infos, i))->key);
  if (out_kept)
    *out_kept = g_strdup (keep->key);
  return dd_recipe_with_override (recipe, (const char * const *) drop->pdata, drop->len,
                                  DD_RECIPE_OVERRIDE_EXCLUDE);
}

/* ---- similar samples ----------------------------------------------------------------- */

static gint
compare_similar (gconstpointer a,
                 gconstpointer b)
{
  const DdSimilar *x = *(DdSimilar * const *) a, *y = *(DdSimilar * const *) b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* Candidates whose families are looked at a time: a clean image of ImageNet-C has 75
 * variants that all look like it. */
#define SIMILAR_BATCH 128

/* The samples nearest to the one of @key: every hash is read alone (no join: a
 * popcount per sample), and only the nearest are read whole, to leave out its own
 * family (its corruption variants or clean image) — reading every hash with its family
 * took a second per sample at 860,000. */
GPtrArray *
dd_health_similar (DdCatalog   *catalog,
                   const char  *key,
                   guint        limit,
                   guint        max_distance,
                   GError     **error)
{
  const char *keys[] = { key, NULL };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) values = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (DdNearSample));
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (DdNearSample));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) infos = NULL;
  GPtrArray *out;
  DdSampleInfo *self_info;
  const DdPhashValue *me = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(found = dd_catalog_get_samples_by_keys (catalog, keys, 1, error)))
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                   _("No sample with the key “%s” in the catalog"), key);
      return NULL;
    }
  self_info = g_ptr_array_index (found, 0);
  if (!(values = dd_catalog_read_phash_values (catalog, error)))
    return NULL;
  for (guint lo = 0, hi = values->len; lo < hi && !me;)
    {
      guint mid = lo + (hi - lo) / 2;
      const DdPhashValue *v = &g_array_index (values, DdPhashValue, mid);

      if (v->id == self_info->id)
        me = v;
      else if (v->id < self_info->id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (me == NULL)
    {
      g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_NOT_FOUND,
                   _("“%s” has no perceptual hash yet: run the content pass (index --deep)"),
                   key);
      return NULL;
    }
  /* one linear scan: a popcount per sample, milliseconds at 860,000 */
  for (guint i = 0; i < values->len; i++)
    {
      const DdPhashValue *v = &g_array_index (values, DdPhashValue, i);
      guint d = dd_phash_distance (me->phash, v->phash);

      if (v != me && d <= max_distance)
        g_array_append_val (candidates, ((DdNearSample) { v->id, d }));
    }
  g_array_sort (candidates, dd_near_sample_compare);

  /* the nearest, a batch at a time, without its own family */
  for (guint from = 0; from < candidates->len && chosen->len < limit; from += SIMILAR_BATCH)
    {
      guint n = MIN (SIMILAR_BATCH, candidates->len - from);
      g_autoptr(GArray) batch = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n + 1);
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GHashTable) family_of = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint32 family = 0;

      g_array_append_val (batch, me->id);
      for (guint i = 0; i < n; i++)
        g_array_append_val (batch, g_array_index (candidates, DdNearSample, from + i).id);
      if (!(rows = dd_catalog_read_phashes_of (catalog, (gint64 *) batch->data, batch->len, error)))
        return NULL;
      for (guint i = 0; i < rows->len; i++)
        {
          DdPhashRow *r = &g_array_index (rows, DdPhashRow, i);

          g_hash_table_insert (family_of, &r->id, GUINT_TO_POINTER (r->family));
          if (r->id == me->id)
            family = r->family;
        }
      for (guint i = 0; i < n && chosen->len < limit; i++)
        {
          DdNearSample *c = &g_array_index (candidates, DdNearSample, from + i);
          gpointer f = g_hash_table_lookup (family_of, &c->id);

          /* a candidate gone since its hash was read is left out too */
          if (f != NULL && GPOINTER_TO_UINT (f) != family)
            {
              g_array_append_val (chosen, *c);
              g_array_append_val (ids, c->id);
            }
        }
    }
  if (!(infos = dd_catalog_get_samples (catalog, (gint64 *) ids->data, ids->len, error)))
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_similar_free);
  for (guint i = 0; i < infos->len; i++)
    {
      DdSampleInfo *info = g_ptr_array_index (infos, i);
      DdSimilar *s = g_new0 (DdSimilar, 1);

      s->key = g_strdup (info->key);
      s->wnid = g_strdup (info->wnid);
      s->split = g_strdup (info->split);
      for (guint c = 0; c < chosen->len; c++)
        if (g_array_index (chosen, DdNearSample, c).id == info->id)
          {
            s->distance = g_array_index (chosen, DdNearSample, c).distance;
            break;
          }
      g_ptr_array_add (out, s);
    }
  g_ptr_array_sort (out, compare_similar);
  return out;
}
