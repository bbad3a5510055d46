/* DdSelection: a filter evaluated over the snapshot (masks, per-class quotas by seed,
 * forced rows), and the diff of two selections. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <string.h>

#include "dd-catalog-db.h"
#include "dd-task.h"

DdSelection *
dd_selection_ref (DdSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
dd_selection_unref (DdSelection *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  dd_snapshot_unref (self->snapshot);
  g_free (self->rows);
  g_free (self);
}

guint
dd_selection_get_n (DdSelection *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n;
}

gint64
dd_selection_get_id (DdSelection *self,
                     guint        position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->n, 0);
  return self->snapshot->ids[self->rows[position]];
}

gint64
dd_selection_find (DdSelection *self,
                   gint64       id)
{
  gint64 row;
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);

  row = dd_snapshot_find_row (self->snapshot, id);
  if (row < 0)
    return -1;
  hi = self->n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (self->rows[mid] < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (lo < self->n && self->rows[lo] == row) ? (gint64) lo : -1;
}

#define DIFF_BLOCK 512

gboolean
dd_selection_diff (DdSelection *old,
                   DdSelection *new_,
                   guint        max_changes,
                   GArray      *changes)
{
  const gint64 *old_ids, *new_ids;
  const guint32 *a, *b;
  guint i = 0, j = 0, n_changes = 0;

  g_return_val_if_fail (old != NULL && new_ != NULL && changes != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (changes) == sizeof (DdSelectionChange), FALSE);

  old_ids = old->snapshot->ids;
  new_ids = new_->snapshot->ids;
  a = old->rows;
  b = new_->rows;
#define OLD_ID(k) (old_ids[a[k]])
#define NEW_ID(k) (new_ids[b[k]])
  while (i < old->n || j < new_->n)
    {
      DdSelectionChange change;

      /* the common stretch; one snapshot compares rows, no ids needed, a block at a
       * time (memcmp's vector loop: 5 M rows in about a millisecond) */
      if (old->snapshot == new_->snapshot)
        {
          while (MIN (old->n - i, new_->n - j) >= DIFF_BLOCK &&
                 memcmp (a + i, b + j, DIFF_BLOCK * sizeof *a) == 0)
            i += DIFF_BLOCK, j += DIFF_BLOCK;
          while (i < old->n && j < new_->n && a[i] == b[j])
            i++, j++;
        }
      else
        while (i < old->n && j < new_->n && OLD_ID (i) == NEW_ID (j))
          i++, j++;
      if (i == old->n && j == new_->n)
        break;

      change.old_position = i;
      change.new_position = j;
      while (i < old->n || j < new_->n)
        {
          if (i < old->n && j < new_->n)
            {
              gint64 x = OLD_ID (i), y = NEW_ID (j);

              if (x == y)
                break;
              if (x < y)
                i++;
              else
                j++;
            }
          else if (i < old->n)
            i++;
          else
            j++;
        }
      change.removed = i - change.old_position;
      change.added = j - change.new_position;
      if (n_changes == max_changes)
        return FALSE;
      g_array_append_val (changes, change);
      n_changes++;
    }
#undef OLD_ID
#undef NEW_ID
  return TRUE;
}

/* A lookup table: ok[v] for v < n; NULL array = everything allowed. */
static gboolean *
make_mask (GArray *values,
           guint   n)
{
  gboolean *mask;

  if (values == NULL)
    return NULL;
  mask = g_new0 (gboolean, n);
  for (guint i = 0; i < values->len; i++)
    {
      guint v = g_array_index (values, guint, i);
      if (v < n)
        mask[v] = TRUE;
    }
  return mask;
}

static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

/* Reorders @v so that its @k smallest values come first (in any order): quickselect,
 * linear on average, instead of sorting whole classes. Values are unique. */
static void
select_smallest (guint64 *v,
                 guint    n,
                 guint    k)
{
  guint lo = 0, hi = n;   /* the k-th boundary lies in [lo, hi) */

  while (hi - lo > 16)
    {
      guint64 a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1];
      guint64 pivot = MAX (MIN (a, b), MIN (MAX (a, b), c));
      guint i = lo, j = hi - 1;

      /* Hoare partition: [lo, i) <= pivot <= (j, hi). */
      for (;;)
        {
          guint64 t;

          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i >= j)
            break;
          t = v[i];
          v[i] = v[j];
          v[j] = t;
          i++;
          j--;
        }
      if (k <= j)
        hi = j + 1;
      else
        lo = j + 1;
    }
  /* Small rest: insertion sort settles the boundary. */
  for (guint i = lo + 1; i < hi; i++)
    {
      guint64 x = v[i];
      guint j = i;

      for (; j > lo && v[j - 1] > x; j--)
        v[j] = v[j - 1];
      v[j] = x;
    }
}

/* Keeps at most @limit rows per class, chosen by a seeded hash of each sample's key
 * so that the choice is reproducible and independent of ids or scan order. */
static guint
apply_per_class_limit (DdSnapshot *s,
                       guint32  *rows,
                       guint     n,
                       guint     limit,
                       guint64   seed,
                       guint     n_classes)
{
  g_autofree guint *counts = g_new0 (guint, n_classes + 1);
  g_autofree guint *starts = g_new0 (guint, n_classes + 2);
  g_autofree guint64 *scored = NULL;
  g_autofree guint *fill = NULL;
  g_autofree guint8 *keep = NULL;
  guint out = 0;
  gboolean any_over = FALSE;

  for (guint i = 0; i < n; i++)
    counts[MIN (s->classes[rows[i]], n_classes)]++;
  for (guint c = 0; c <= n_classes; c++)
    if (counts[c] > limit)
      any_over = TRUE;
  if (!any_over)
    return n;

  for (guint c = 0; c <= n_classes; c++)
    starts[c + 1] = starts[c] + counts[c];
  scored = g_new (guint64, n);
  keep = g_new0 (guint8, MAX (s->n, 1));
  fill = g_memdup2 (starts, sizeof (guint) * (n_classes + 1));
  /* score in the high 40 bits, row in the low 24 would not hold 3.75M+ rows safely:
   * keep the row in the low 32 bits and 32 bits of score above it. */
  for (guint i = 0; i < n; i++)
    {
      guint c = MIN (s->classes[rows[i]], n_classes);
      guint64 score = mix64 (seed * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^
                             s->keyhashes[rows[i]]) >> 32;
      scored[fill[c]++] = (score << 32) | rows[i];
    }
  for (guint c = 0; c <= n_classes; c++)
    {
      guint len = counts[c];
      guint64 *bucket = scored + starts[c];

      if (len > limit)
        {
          select_smallest (bucket, len, limit);
          len = limit;
        }
      for (guint i = 0; i < len; i++)
        keep[bucket[i] & 0xffffffffu] = 1;
    }
  /* Compact in place: rows stay in their ascending order, no sort needed. */
  for (guint i = 0; i < n; i++)
    if (keep[rows[i]])
      rows[out++] = rows[i];
  return out;
}

/* The @n filtered @rows with @filter's forced-in samples merged in and its forced-out
 * ones dropped, in row order; the new count. */
static guint
apply_overrides (DdSnapshot     *s,
                 const DdFilter *filter,
                 guint32        *rows,
                 guint           n)
{
  g_autofree guint8 *forced = g_new0 (guint8, MAX (s->n, 1));   /* 1 include, 2 exclude */
  g_autofree guint32 *merged = g_new (guint32, MAX (s->n, 1));
  guint out = 0;
  guint j = 0;

  if (filter->include_ids)
    for (guint i = 0; i < filter->include_ids->len; i++)
      {
        gint64 row = dd_snapshot_find_row (s, g_array_index (filter->include_ids, gint64, i));
        if (row >= 0)
          forced[row] = 1;
      }
  if (filter->exclude_ids)
    for (guint i = 0; i < filter->exclude_ids->len; i++)
      {
        gint64 row = dd_snapshot_find_row (s, g_array_index (filter->exclude_ids, gint64, i));
        if (row >= 0)
          forced[row] = 2;
      }
  for (guint row = 0; row < s->n; row++)
    {
      gboolean in_filter = j < n && rows[j] == row;

      if (in_filter)
        j++;
      if (forced[row] == 2)
        continue;
      if (in_filter || forced[row] == 1)
        merged[out++] = row;
    }
  memcpy (rows, merged, sizeof (guint32) * out);
  return out;
}

/* What a row must be to be selected, and the rows [from, to) it is tried on: one part
 * of the snapshot, its rows written from out on (no more than it has). */
typedef struct {
  const DdSnapshot *s;
  const guint8     *within;
  const gboolean   *class_ok, *corr_ok, *sev_ok, *split_ok, *source_ok;
  guint             n_classes;
  int               labeled;
  guint32           require_flags, exclude_flags;
  GCancellable     *cancellable;
  guint             from, to;
  guint32          *out;
  guint             n;            /* rows written */
} RowTest;

static gpointer
match_rows (gpointer data)
{
  RowTest *t = data;
  /* in locals: the rows written through @out could otherwise be the test's own fields
   * to the compiler (the build has no strict aliasing), read again at every row */
  const RowTest test = *t;
  const DdSnapshot *s = test.s;
  guint32 *out = test.out;
  guint n = 0;

  for (guint i = test.from; i < test.to; i++)
    {
      guint32 c = s->classes[i];
      guint32 f = s->flags[i];

      if (G_UNLIKELY ((i & 0xfffff) == 0xfffff) && g_cancellable_is_cancelled (test.cancellable))
        break;
      if (test.within && !test.within[i])
        continue;
      if (test.class_ok && (c >= test.n_classes || !test.class_ok[c]))
        continue;
      if (test.corr_ok && !test.corr_ok[s->corruptions[i]])
        continue;
      if (test.sev_ok && !test.sev_ok[s->severities[i]])
        continue;
      if (test.split_ok && !test.split_ok[s->splits[i]])
        continue;
      if (test.source_ok && !test.source_ok[s->sources[i]])
        continue;
      if (test.labeled == 0 && c != 0)
        continue;
      if (test.labeled == 1 && c == 0)
        continue;
      if (test.require_flags && !(f & test.require_flags))
        continue;
      if (f & test.exclude_flags)
        continue;
      out[n++] = i;
    }
  t->n = n;
  return NULL;
}

/* Parts of the snapshot a selection tries at once: one a core, a million rows or
 * more each (5 M rows, the filter of a toggled class: 26 ms on one thread). */
#define SELECT_MAX_PARTS 4
static guint select_rows_per_part = 1000000;

void
dd_selection_set_rows_per_part (guint rows)
{
  select_rows_per_part = MAX (rows, 1);
}

/* The rows that pass @test, into @rows (the snapshot's length): in parts on threads of
 * their own, then moved up behind each other. */
static guint
match_all_rows (RowTest  *test,
                guint32  *rows)
{
  RowTest parts[SELECT_MAX_PARTS];
  guint total = test->s->n;
  guint n_parts = CLAMP (total / select_rows_per_part, 1,
                         MIN (SELECT_MAX_PARTS, (guint) g_get_num_processors ()));
  guint n = 0;

  for (guint p = 0; p < n_parts; p++)
    {
      parts[p] = *test;
      parts[p].from = (guint) ((guint64) total * p / n_parts);
      parts[p].to = (guint) ((guint64) total * (p + 1) / n_parts);
      parts[p].out = rows + parts[p].from;
    }
  dd_catalog_run_parts (parts, sizeof parts[0], n_parts, "dd-select", match_rows);
  for (guint p = 0; p < n_parts; p++)
    {
      memmove (rows + n, parts[p].out, parts[p].n * sizeof *rows);
      n += parts[p].n;
    }
  return n;
}

static DdSelection *
select_in_state (DdCatalogState           *st,
                 const DdFilter  *filter,
                 GCancellable    *cancellable,
                 GError         **error)
{
  DdSnapshot *s = st->snapshot;
  guint n_classes = st->classes->len;
  g_autofree gboolean *class_ok = make_mask (filter->classes, n_classes);
  g_autofree gboolean *corr_ok = make_mask (filter->corruptions, 256);
  g_autofree gboolean *sev_ok = make_mask (filter->severities, 256);
  g_autofree gboolean *split_ok = make_mask (filter->splits, 256);
  g_autofree gboolean *source_ok = make_mask (filter->sources, G_MAXUINT16 + 1);
  g_autofree guint8 *within = NULL;   /* 1 = in filter->within_ids */
  DdSelection *sel;
  guint32 *rows;
  guint n = 0;

  if (filter->within_ids)
    {
      within = g_new0 (guint8, MAX (s->n, 1));
      for (guint i = 0; i < filter->within_ids->len; i++)
        {
          gint64 row = dd_snapshot_find_row (s, g_array_index (filter->within_ids, gint64, i));

          if (row >= 0)
            within[row] = 1;
        }
    }

  rows = g_new (guint32, MAX (s->n, 1));
  /* no rule on the rows: every row, without a test a row (the window's first subset
   * and its "every sample" at open: 5 M rows in 3–5 ms instead of 25) */
  if (!within && !class_ok && !corr_ok && !sev_ok && !split_ok && !source_ok &&
      filter->labeled < 0 && !filter->require_flags && !filter->exclude_flags)
    {
      for (guint i = 0; i < s->n; i++)
        rows[i] = i;
      n = s->n;
    }
  else
    {
      RowTest test = {
        .s = s, .within = within, .class_ok = class_ok, .corr_ok = corr_ok,
        .sev_ok = sev_ok, .split_ok = split_ok, .source_ok = source_ok,
        .n_classes = n_classes, .labeled = filter->labeled,
        .require_flags = filter->require_flags, .exclude_flags = filter->exclude_flags,
        .cancellable = cancellable,
      };

      n = match_all_rows (&test, rows);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_free (rows);
      return NULL;
    }

  if (filter->per_class_limit > 0)
    n = apply_per_class_limit (s, rows, n, filter->per_class_limit, filter->seed, n_classes);

  if ((filter->include_ids && filter->include_ids->len) ||
      (filter->exclude_ids && filter->exclude_ids->len))
    n = apply_overrides (s, filter, rows, n);

  sel = g_new0 (DdSelection, 1);
  g_atomic_ref_count_init (&sel->ref);
  sel->snapshot = dd_snapshot_ref (s);
  sel->n = n;
  sel->rows = g_renew (guint32, rows, MAX (n, 1));
  return sel;
}

DdSelection *
dd_catalog_select (DdCatalog       *self,
                   const DdFilter  *filter,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(DdCatalogState) st = NULL;
  g_autoptr(DdFilter) all = NULL;

  g_return_val_if_fail (DD_IS_CATALOG (self), NULL);

  if (filter == NULL)
    filter = all = dd_filter_new ();
  st = dd_catalog_get_state (self);
  return select_in_state (st, filter, cancellable, error);
}

static void
select_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  DdSelection *sel = dd_catalog_select (source_object, task_data, cancellable, &error);

  dd_task_return_pointer_or_error (task, sel, (GDestroyNotify) dd_selection_unref, error);
}

void
dd_catalog_select_async (DdCatalog           *self,
                         const DdFilter      *filter,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  dd_task_run_in_thread (task, dd_catalog_select_async,
                         filter ? dd_filter_copy (filter) : dd_filter_new (),
                         (GDestroyNotify) dd_filter_free, select_thread);
}

DdSelection *
dd_catalog_select_finish (DdCatalog     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
dd_catalog_count (DdCatalog       *self,
                  const DdFilter  *filter,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(DdSelection) sel = dd_catalog_select (self, filter, cancellable, error);
  return sel ? sel->n : 0;
}
