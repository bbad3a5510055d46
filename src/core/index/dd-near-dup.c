/* Near pairs among 64-bit hashes: a multi-index hash. The 64 bits are cut into m
 * blocks; two hashes within t bits differ by at most floor (t / m) bits in at least
 * one block (pigeonhole), so each block's table is probed within that radius only. */
#define G_LOG_DOMAIN "datadive-near-dup"
#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-near-dup.h"
#include "dd-phash.h"

#define MIN_BLOCKS 3      /* blocks of at most 22 bits: a table of offsets per block */
#define MAX_BLOCKS 16

static gboolean
same_family (const guint32 *family,
             guint32        a,
             guint32        b)
{
  return family && family[a] != 0 && family[a] == family[b];
}

static gint
compare_pairs (gconstpointer x,
               gconstpointer y)
{
  const DdNearPair *p = x, *q = y;

  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  return (p->b > q->b) - (p->b < q->b);
}

GArray *
dd_near_dup_pairs_naive (const guint64  *hashes,
                         guint           n,
                         guint           threshold,
                         const guint32  *family,
                         GCancellable   *cancellable)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (DdNearPair));

  for (guint a = 0; a < n; a++)
    {
      guint64 h = hashes[a];

      if ((a & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;
      for (guint b = a + 1; b < n; b++)
        {
          guint d = dd_phash_distance (h, hashes[b]);

          if (d <= threshold && !same_family (family, a, b))
            {
              DdNearPair p = { a, b, d };
              g_array_append_val (pairs, p);
            }
        }
    }
  return g_steal_pointer (&pairs);
}

static double
binomial_sum (int bits,
              int radius)
{
  double sum = 0, c = 1;

  for (int k = 0; k <= radius && k <= bits; k++)
    {
      sum += c;
      c = c * (bits - k) / (k + 1);
    }
  return sum;
}

/* The number of blocks that costs least: for each block, every flip mask within the
 * radius pairs each occupied bucket with its partner, and the hashes of the two
 * buckets are compared, as if hashes were spread evenly. */
static int
choose_blocks (guint n,
               guint threshold)
{
  double best = INFINITY;
  int best_m = MIN_BLOCKS;

  for (int m = MIN_BLOCKS; m <= MAX_BLOCKS; m++)
    {
      int bits = 64 / m, radius = threshold / m;
      double buckets = ldexp (1.0, bits);
      double cost = m * binomial_sum (bits, radius) *
                    (MIN (n, buckets) + (double) n * n / (2 * buckets));

      if (cost < best)
        {
          best = cost;
          best_m = m;
        }
    }
  return best_m;
}

typedef struct {
  const guint64 *hashes;
  const guint32 *family;
  guint          threshold;
  int            m, radius;
  int            start[MAX_BLOCKS + 1];   /* block k: bits start[k] … start[k + 1] - 1 */
  int            block;
  guint32       *offsets;                 /* bucket → first index in order */
  guint32       *order;                   /* hash indices by their block's key */
  guint64       *sorted;                  /* their hashes, in that order */
  GArray        *keys;                    /* guint32: the occupied buckets, ascending */
  GArray        *masks;                   /* guint32: the flips within the radius */
  GCancellable  *cancellable;
} Search;

static inline guint64
block_key (const Search *s,
           guint64       h,
           int           k)
{
  int bits = s->start[k + 1] - s->start[k];

  return (h >> s->start[k]) & ((G_GUINT64_CONSTANT (1) << bits) - 1);
}

/* Whether an earlier block already has @a and @b within the radius (then that block
 * reported the pair). */
static gboolean
found_before (const Search *s,
              guint64       a,
              guint64       b)
{
  for (int k = 0; k < s->block; k++)
    if ((guint) __builtin_popcountll (block_key (s, a, k) ^ block_key (s, b, k)) <= (guint) s->radius)
      return TRUE;
  return FALSE;
}

/* Positions @i and @j of the block's order: a pair when within the threshold. The
 * hashes are read in order (contiguous in a bucket): only a near one is looked up. */
static inline void
consider (const Search *s,
          guint32       i,
          guint32       j,
          GArray       *pairs)
{
  guint d = dd_phash_distance (s->sorted[i], s->sorted[j]);
  guint32 a, b;

  if (d > s->threshold)
    return;
  a = s->order[i];
  b = s->order[j];
  if (!same_family (s->family, a, b) && !found_before (s, s->sorted[i], s->sorted[j]))
    {
      DdNearPair p = { MIN (a, b), MAX (a, b), d };
      g_array_append_val (pairs, p);
    }
}

/* Every mask of @bits bits with at most @left more bits set from @from on. */
static void
collect_masks (GArray  *masks,
               guint32  mask,
               int      from,
               int      bits,
               int      left)
{
  g_array_append_val (masks, mask);
  if (left == 0)
    return;
  for (int i = from; i < bits; i++)
    collect_masks (masks, mask | (1u << i), i + 1, bits, left - 1);
}

typedef struct {
  Search  *s;
  guint    part, parts;
  GArray  *pairs;
} Worker;

/* The worker's share of the masks: each occupied bucket against the bucket its key
 * flipped by the mask names (within the bucket itself for no flip). */
static gpointer
join_masks (gpointer data)
{
  Worker *w = data;
  Search *s = w->s;
  const guint32 *keys = (const guint32 *) s->keys->data;

  for (guint mi = w->part; mi < s->masks->len; mi += w->parts)
    {
      guint32 mask = g_array_index (s->masks, guint32, mi);

      if (g_cancellable_is_cancelled (s->cancellable))
        break;
      for (guint ki = 0; ki < s->keys->len; ki++)
        {
          guint32 key = keys[ki], other = key ^ mask;

          if (mask == 0)
            {
              for (guint32 i = s->offsets[key]; i < s->offsets[key + 1]; i++)
                for (guint32 j = i + 1; j < s->offsets[key + 1]; j++)
                  consider (s, i, j, w->pairs);
            }
          else if (other > key && s->offsets[other] < s->offsets[other + 1])
            {
              for (guint32 i = s->offsets[key]; i < s->offsets[key + 1]; i++)
                for (guint32 j = s->offsets[other]; j < s->offsets[other + 1]; j++)
                  consider (s, i, j, w->pairs);
            }
        }
    }
  return NULL;
}

GArray *
dd_near_dup_pairs (const guint64  *hashes,
                   guint           n,
                   guint           threshold,
                   const guint32  *family,
                   GCancellable   *cancellable)
{
  Search s = { hashes, family, threshold };
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (DdNearPair));
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) masks = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *order = NULL;
  g_autofree guint32 *offsets = NULL;
  g_autofree guint64 *sorted = NULL;
  guint parts = CLAMP (g_get_num_processors (), 1, 8);
  int max_bits = 0;

  g_return_val_if_fail (threshold <= 32, NULL);
  if (n < 2)
    return g_steal_pointer (&pairs);

  s.m = choose_blocks (n, threshold);
  s.radius = threshold / s.m;
  s.cancellable = cancellable;
  for (int k = 0; k <= s.m; k++)
    s.start[k] = k * 64 / s.m;
  for (int k = 0; k < s.m; k++)
    max_bits = MAX (max_bits, s.start[k + 1] - s.start[k]);
  s.order = order = g_new (guint32, n);
  s.sorted = sorted = g_new (guint64, n);
  s.offsets = offsets = g_new (guint32, ((gsize) 1 << max_bits) + 1);
  s.keys = keys;
  s.masks = masks;

  for (s.block = 0; s.block < s.m; s.block++)
    {
      int bits = s.start[s.block + 1] - s.start[s.block];
      gsize buckets = (gsize) 1 << bits;
      Worker workers[8];
      GThread *threads[8];

      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      /* counting sort of the indices by this block's key */
      memset (offsets, 0, (buckets + 1) * sizeof (guint32));
      for (guint i = 0; i < n; i++)
        offsets[block_key (&s, hashes[i], s.block) + 1]++;
      g_array_set_size (keys, 0);
      for (gsize k = 0; k < buckets; k++)
        {
          if (offsets[k + 1])
            {
              guint32 key = k;
              g_array_append_val (keys, key);
            }
          offsets[k + 1] += offsets[k];
        }
      for (guint i = 0; i < n; i++)
        order[offsets[block_key (&s, hashes[i], s.block)]++] = i;
      /* the increments moved every offset one bucket on: back */
      memmove (offsets + 1, offsets, buckets * sizeof (guint32));
      offsets[0] = 0;
      for (guint i = 0; i < n; i++)
        sorted[i] = hashes[order[i]];

      g_array_set_size (masks, 0);
      collect_masks (masks, 0, 0, bits, s.radius);
      for (guint p = 0; p < parts; p++)
        {
          workers[p] = (Worker) { &s, p, parts, g_array_new (FALSE, FALSE, sizeof (DdNearPair)) };
          threads[p] = p == 0 ? NULL : g_thread_new ("near-dup", join_masks, &workers[p]);
        }
      join_masks (&workers[0]);
      for (guint p = 0; p < parts; p++)
        {
          if (threads[p])
            g_thread_join (threads[p]);
          g_array_append_vals (pairs, workers[p].pairs->data, workers[p].pairs->len);
          g_array_unref (workers[p].pairs);
        }
    }
  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  g_array_sort (pairs, compare_pairs);
  return g_steal_pointer (&pairs);
}

static guint32
find_root (guint32 *parent,
           guint32  x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

guint32 *
dd_near_dup_groups (const GArray *pairs,
                    guint         n)
{
  guint32 *parent = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint i = 0; pairs && i < pairs->len; i++)
    {
      const DdNearPair *p = &g_array_index (pairs, DdNearPair, i);
      guint32 x = find_root (parent, p->a), y = find_root (parent, p->b);

      /* the smaller index is the root: a group's root is its smallest member */
      if (x < y)
        parent[y] = x;
      else if (y < x)
        parent[x] = y;
    }
  for (guint i = 0; i < n; i++)
    parent[i] = find_root (parent, i);
  return parent;
}
