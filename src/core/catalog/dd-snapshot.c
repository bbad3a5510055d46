/* The sample snapshot: one immutable column store of every sample, its builder, its
 * blob form stored in the catalog, and its checks against the vocabulary. */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "dd-catalog-db.h"

DdSnapshot *
dd_snapshot_ref (DdSnapshot *s)
{
  g_atomic_ref_count_inc (&s->ref);
  return s;
}

/* The columns of a snapshot in their stored order: where each lives in DdSnapshot and
 * the width of one value. */
static const struct {
  gsize offset;
  gsize width;
} columns[] = {
  { G_STRUCT_OFFSET (DdSnapshot, ids), sizeof (gint64) },
  { G_STRUCT_OFFSET (DdSnapshot, classes), sizeof (guint32) },
  { G_STRUCT_OFFSET (DdSnapshot, corruptions), sizeof (guint8) },
  { G_STRUCT_OFFSET (DdSnapshot, severities), sizeof (guint8) },
  { G_STRUCT_OFFSET (DdSnapshot, splits), sizeof (guint8) },
  { G_STRUCT_OFFSET (DdSnapshot, sources), sizeof (guint16) },
  { G_STRUCT_OFFSET (DdSnapshot, flags), sizeof (guint32) },
  { G_STRUCT_OFFSET (DdSnapshot, keyhashes), sizeof (guint32) },
};

#define COLUMN(s, c) G_STRUCT_MEMBER (gpointer, (s), columns[(c)].offset)

void
dd_snapshot_unref (DdSnapshot *s)
{
  if (s == NULL || !g_atomic_ref_count_dec (&s->ref))
    return;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    g_free (COLUMN (s, c));
  g_free (s);
}

#define SNAPSHOT_MAGIC "DDSNAP02"

/* Gives every column room for @cap rows (more or fewer). */
static void
snapshot_resize (DdSnapshot *s,
                 guint       cap)
{
  cap = MAX (cap, 1);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    COLUMN (s, c) = g_realloc_n (COLUMN (s, c), cap, columns[c].width);
}

static DdSnapshot *
snapshot_alloc (guint cap)
{
  DdSnapshot *s = g_new0 (DdSnapshot, 1);

  g_atomic_ref_count_init (&s->ref);
  snapshot_resize (s, cap);
  return s;
}

DdSnapshotBuilder *
dd_snapshot_builder_new (void)
{
  DdSnapshotBuilder *b = g_new0 (DdSnapshotBuilder, 1);

  b->cap = 65536;
  b->s = snapshot_alloc (b->cap);
  b->ordered = TRUE;
  return b;
}

void
dd_snapshot_builder_add (DdSnapshotBuilder *b,
                         gint64             id,
                         guint              class_id,
                         guint              corruption_id,
                         guint              severity,
                         guint              split_id,
                         guint              source_id,
                         guint32            flags,
                         gint64             keyhash)
{
  DdSnapshot *s = b->s;
  guint i = s->n;

  if (i == b->cap)
    snapshot_resize (s, b->cap *= 2);
  if (i > 0 && s->ids[i - 1] >= id)
    b->ordered = FALSE;
  /* the same narrowing as reading the rows (dd_snapshot_load_rows) */
  s->ids[i] = id;
  s->classes[i] = class_id;
  s->corruptions[i] = MIN (corruption_id, 255);
  s->severities[i] = MIN (severity, 5);
  s->splits[i] = MIN (split_id, 255);
  s->sources[i] = MIN (source_id, G_MAXUINT16);
  s->flags[i] = flags;
  s->keyhashes[i] = (guint32) keyhash;
  s->n++;
}

void
dd_snapshot_builder_trim (DdSnapshotBuilder *b)
{
  if (b->cap > b->s->n)
    {
      b->cap = MAX (b->s->n, 1);
      snapshot_resize (b->s, b->cap);
    }
}

void
dd_snapshot_builder_free (DdSnapshotBuilder *b)
{
  if (b == NULL)
    return;
  dd_snapshot_unref (b->s);
  g_free (b);
}

/* Whether @s can be the table's rows: the same last id — cheap (counting 870,000 rows
 * takes 100 ms, twice the whole open), and enough for a stored snapshot (other
 * programs' changes to the rows drop it through the samples_* triggers; this catches a
 * table made again without them, or emptied) and for a writer's (taken only when
 * nobody wrote since: dd_catalog_reload). */
gboolean
dd_snapshot_matches_table (sqlite3    *db,
                           DdSnapshot *s)
{
  sqlite3_stmt *stmt = NULL;
  gboolean same = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT max(id) FROM samples", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    same = s->n == 0 ? sqlite3_column_type (stmt, 0) == SQLITE_NULL
                     : sqlite3_column_int64 (stmt, 0) == s->ids[s->n - 1];
  sqlite3_finalize (stmt);
  return same;
}

void
dd_known_ids_init (DdKnownIds     *k,
                   DdCatalogState *st)
{
  memset (k, 0, sizeof *k);
  k->n_classes = st->classes->len;
  k->sources = g_new0 (guint8, G_MAXUINT16 + 1);
  k->corruptions[0] = TRUE;   /* clean, even without its row */
  for (guint i = 0; i < st->corruptions->len; i++)
    if (g_ptr_array_index (st->corruptions, i))
      k->corruptions[i] = TRUE;
  for (guint i = 0; i < st->splits->len; i++)
    if (g_ptr_array_index (st->splits, i))
      k->splits[i] = TRUE;
  for (guint i = 0; i < st->sources->len; i++)
    k->sources[((DdSourceInfo *) g_ptr_array_index (st->sources, i))->id] = TRUE;
}

void
dd_known_ids_clear (DdKnownIds *k)
{
  g_clear_pointer (&k->sources, g_free);
}

/* Whether every value of a stored snapshot is one the vocabulary has, with ids
 * ascending: a damaged blob is read from the rows again, never indexed with. */
gboolean
dd_snapshot_is_valid (DdSnapshot     *s,
                      DdCatalogState *st,
                      DdKnownIds     *k)
{
  guint32 max_class = 0;
  guint8 max_corruption = 0, max_split = 0;

  for (guint i = 0; i < s->n; i++)
    {
      guint32 c = s->classes[i];

      if (s->ids[i] < 1 || (i > 0 && s->ids[i] <= s->ids[i - 1]))
        return FALSE;
      if (c != 0 && (c >= k->n_classes || g_ptr_array_index (st->classes, c) == NULL))
        return FALSE;
      if (!k->corruptions[s->corruptions[i]] || s->severities[i] > 5 ||
          !k->splits[s->splits[i]] || !k->sources[s->sources[i]])
        return FALSE;
      max_class = MAX (max_class, c);
      max_corruption = MAX (max_corruption, s->corruptions[i]);
      max_split = MAX (max_split, s->splits[i]);
    }
  /* the values were read anyway: the first count of facets need not read them again */
  if (g_once_init_enter (&s->maxima))
    {
      s->max_class = max_class;
      s->max_corruption = max_corruption;
      s->max_split = max_split;
      g_once_init_leave (&s->maxima, 1);
    }
  return TRUE;
}

/* How a column is stored (DDSNAP02; DDSNAP01 stored every column whole). */
enum {
  COLUMN_WHOLE,      /* n values */
  COLUMN_CONSTANT,   /* one value, the same for every row (flags before a content pass) */
  COLUMN_DENSE,      /* ids only: the first; the others follow it one by one */
};

/* Every value equals the next one: the column against itself one value on, in one
 * memcmp. */
static gboolean
column_is_constant (DdSnapshot *s,
                    guint       c)
{
  const guint8 *v = COLUMN (s, c);
  gsize w = columns[c].width;

  return s->n < 2 || memcmp (v, v + w, (gsize) (s->n - 1) * w) == 0;
}

static gboolean
ids_are_dense (DdSnapshot *s)
{
  for (guint i = 1; i < s->n; i++)
    if (s->ids[i] != s->ids[0] + i)
      return FALSE;
  return TRUE;
}

/* The bytes of column @c stored as @how. */
static gsize
column_bytes (guint32 n,
              guint   c,
              guint8  how)
{
  return how == COLUMN_WHOLE ? (gsize) n * columns[c].width : n > 0 ? columns[c].width : 0;
}

#define HEADER_SIZE (8 + sizeof (guint32) + G_N_ELEMENTS (columns))

/* A magic, the row count and how each column is stored, then the columns one after
 * the other: most catalogs store their ids (in order, no gap after a first index) and
 * flags (none before a content pass) in a few bytes, 12 of 25 bytes a sample. */
GBytes *
dd_snapshot_to_bytes (DdSnapshot *s)
{
  guint8 how[G_N_ELEMENTS (columns)];
  gsize size = HEADER_SIZE;
  guint32 n = s->n;
  guint8 *data;
  guint8 *p;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      how[c] = c == 0 ? (n > 0 && ids_are_dense (s) ? COLUMN_DENSE : COLUMN_WHOLE)
                      : (n > 0 && column_is_constant (s, c) ? COLUMN_CONSTANT : COLUMN_WHOLE);
      size += column_bytes (n, c, how[c]);
    }
  p = data = g_malloc (size);
  memcpy (p, SNAPSHOT_MAGIC, 8);
  memcpy (p + 8, &n, sizeof n);
  memcpy (p + 8 + sizeof n, how, sizeof how);
  p += HEADER_SIZE;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      gsize bytes = column_bytes (n, c, how[c]);

      memcpy (p, COLUMN (s, c), bytes);
      p += bytes;
    }
  g_assert ((gsize) (p - data) == size);
  return g_bytes_new_take (data, size);
}

/* Reads @size bytes at @offset of @blob into @into, in pieces sqlite3_blob_read takes
 * (an int of bytes each). */
static gboolean
blob_read (sqlite3_blob *blob,
           void         *into,
           gsize         size,
           gsize         offset)
{
  const gsize piece = 1 << 30;

  for (gsize done = 0; done < size; done += MIN (piece, size - done))
    if (sqlite3_blob_read (blob, (guint8 *) into + done, (int) MIN (piece, size - done),
                           (int) (offset + done)) != SQLITE_OK)
      return FALSE;
  return TRUE;
}

/* Column @c of @s, stored as @how at @offset of @blob. */
static gboolean
read_column (sqlite3_blob *blob,
             DdSnapshot   *s,
             guint         c,
             guint8        how,
             gsize         offset)
{
  guint8 *v = COLUMN (s, c);
  gsize w = columns[c].width;

  if (!blob_read (blob, v, column_bytes (s->n, c, how), offset))
    return FALSE;
  if (how == COLUMN_DENSE)
    for (guint i = 1; i < s->n; i++)
      s->ids[i] = s->ids[0] + i;
  else if (how == COLUMN_CONSTANT && w == 1)
    memset (v + 1, v[0], s->n - 1);
  else if (how == COLUMN_CONSTANT)
    for (guint i = 1; i < s->n; i++)
      memcpy (v + (gsize) i * w, v, w);
  return TRUE;
}

/* The most samples the catalog file could hold (every row takes more than 8 bytes of
 * it): a bound on a stored snapshot's row count before its columns are allocated, as
 * one stored as one value for every row is a few bytes whatever count it claims. */
static guint64
max_rows_in_file (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  guint64 bytes = 0;

  if (sqlite3_prepare_v2 (db, "SELECT page_count * page_size FROM pragma_page_count (),"
                              " pragma_page_size ()", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    bytes = (guint64) MAX (sqlite3_column_int64 (stmt, 0), 0);
  sqlite3_finalize (stmt);
  return bytes / 8;
}

/* The stored snapshot, read from its blob straight into the columns: no copy of the
 * whole blob first (5 million samples are 120 MB: SQLite's copy and ours, each in
 * fresh pages, were half of the open). NULL when there is none or it is not one
 * (DDSNAP01, of catalogs before, is read too: every column whole, no table of how). */
DdSnapshot *
dd_snapshot_load_stored (sqlite3 *db)
{
  sqlite3_blob *blob = NULL;
  DdSnapshot *s = NULL;
  guint8 header[HEADER_SIZE] = { 0 };
  guint8 *how = header + 8 + sizeof (guint32);
  gboolean first_version;
  guint32 n;
  gsize size, offset, want;

  if (sqlite3_blob_open (db, "main", "snapshot_cache", "data", 1, 0, &blob) != SQLITE_OK)
    {
      sqlite3_blob_close (blob);   /* NULL-safe; the handle may be set on failure */
      return NULL;
    }
  size = (gsize) sqlite3_blob_bytes (blob);
  /* an empty or short blob has no header: no arithmetic on it before the size check */
  if (size < 8 + sizeof n || sqlite3_blob_read (blob, header, 8 + sizeof n, 0) != SQLITE_OK)
    goto out;
  first_version = memcmp (header, "DDSNAP01", 8) == 0;
  if (!first_version && memcmp (header, SNAPSHOT_MAGIC, 8) != 0)
    goto out;
  memcpy (&n, header + 8, sizeof n);
  if (n > max_rows_in_file (db))
    goto out;
  offset = first_version ? 8 + sizeof n : HEADER_SIZE;
  if (!first_version &&
      (size < HEADER_SIZE ||
       sqlite3_blob_read (blob, how, G_N_ELEMENTS (columns), 8 + sizeof n) != SQLITE_OK))
    goto out;
  want = offset;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      if (how[c] > (c == 0 ? COLUMN_DENSE : COLUMN_CONSTANT) ||
          (how[c] == COLUMN_DENSE && c != 0))
        goto out;
      want += column_bytes (n, c, how[c]);
    }
  if (size != want)
    goto out;
  s = snapshot_alloc (n);
  s->n = n;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      if (!read_column (blob, s, c, how[c], offset))
        {
          g_clear_pointer (&s, dd_snapshot_unref);
          break;
        }
      offset += column_bytes (n, c, how[c]);
    }
out:
  sqlite3_blob_close (blob);
  return s;
}

/* Reads the snapshot from the rows, checking every value against the vocabulary: a
 * value no class, corruption, split or source has is a damaged catalog. */
gboolean
dd_snapshot_load_rows (sqlite3         *db,
                       const char      *path,
                       DdCatalogState  *st,
                       DdKnownIds      *k,
                       DdSnapshot     **out,
                       GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  DdSnapshot *s;
  guint cap;
  gint64 count = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM samples", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    goto fail;
  if (count > G_MAXUINT32 - 1)
    {
      dd_catalog_set_damaged (error, path, _("it claims %" PRId64 " samples"), count);
      return FALSE;
    }

  cap = MAX (count, 1);
  s = snapshot_alloc (cap);

  rc = sqlite3_prepare_v2 (db,
                           "SELECT id, class_id, corruption_id, severity, split_id, source_id,"
                           " flags, keyhash FROM samples ORDER BY id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      dd_snapshot_unref (s);
      goto fail;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint i = s->n;
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 c = sqlite3_column_int64 (stmt, 1);
      gint64 corruption = sqlite3_column_int64 (stmt, 2);
      gint64 severity = sqlite3_column_int64 (stmt, 3);
      gint64 split = sqlite3_column_int64 (stmt, 4);
      gint64 source = sqlite3_column_int64 (stmt, 5);

      if (i >= cap)
        break;  /* a concurrent writer; the next reload sees the rest */
      if (id < 1)
        {
          dd_catalog_set_damaged (error, path, _("a sample has the id %" PRId64), id);
          goto bad;
        }
      if (c < 0 || (c > 0 && ((guint64) c >= k->n_classes ||
                              g_ptr_array_index (st->classes, c) == NULL)))
        {
          dd_catalog_set_damaged (error, path, _("sample %" PRId64 " has the class id %" PRId64
                                      ", which no class has"), id, c);
          goto bad;
        }
      if (corruption < 0 || corruption > 255 || !k->corruptions[corruption])
        {
          dd_catalog_set_damaged (error, path, _("sample %" PRId64 " has the corruption id %" PRId64
                                      ", which no corruption has"), id, corruption);
          goto bad;
        }
      if (severity < 0 || severity > 5)
        {
          dd_catalog_set_damaged (error, path, _("sample %" PRId64 " has the severity %" PRId64
                                      " (0 to 5)"), id, severity);
          goto bad;
        }
      if (split < 0 || split > 255 || !k->splits[split])
        {
          dd_catalog_set_damaged (error, path, _("sample %" PRId64 " has the split id %" PRId64
                                      ", which no split has"), id, split);
          goto bad;
        }
      if (source < 0 || source > G_MAXUINT16 || !k->sources[source])
        {
          dd_catalog_set_damaged (error, path, _("sample %" PRId64 " has the source id %" PRId64
                                      ", which no source has"), id, source);
          goto bad;
        }
      s->ids[i] = id;
      s->classes[i] = c;
      s->corruptions[i] = corruption;
      s->severities[i] = severity;
      s->splits[i] = split;
      s->sources[i] = source;
      s->flags[i] = sqlite3_column_int (stmt, 6);
      s->keyhashes[i] = (guint32) sqlite3_column_int64 (stmt, 7);
      s->n++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      dd_snapshot_unref (s);
      goto fail;
    }
  *out = s;
  return TRUE;

bad:
  sqlite3_finalize (stmt);
  dd_snapshot_unref (s);
  return FALSE;

fail:
  dd_catalog_set_read_error (db, path, error);
  return FALSE;
}

void
dd_snapshot_maxima (DdSnapshot *s,
                    guint      *max_class,
                    guint      *max_corruption,
                    guint      *max_split)
{
  if (g_once_init_enter (&s->maxima))
    {
      guint32 classes = 0;
      guint8 corruptions = 0, splits = 0;

      for (guint r = 0; r < s->n; r++)
        {
          classes = MAX (classes, s->classes[r]);
          corruptions = MAX (corruptions, s->corruptions[r]);
          splits = MAX (splits, s->splits[r]);
        }
      s->max_class = classes;
      s->max_corruption = corruptions;
      s->max_split = splits;
      g_once_init_leave (&s->maxima, 1);
    }
  *max_class = s->max_class;
  *max_corruption = s->max_corruption;
  *max_split = s->max_split;
}

/* Row of a sample id in the snapshot, or -1. */
gint64
dd_snapshot_find_row (DdSnapshot *s,
                      gint64      id)
{
  guint lo = 0, hi = s->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (s->ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (lo < s->n && s->ids[lo] == id) ? (gint64) lo : -1;
}
