/* Labels of the scanner: a relative path read through its layout, and the ids of its
 * split, corruption, class and clean file in the catalog being written. */
#define G_LOG_DOMAIN "datadive-scanner"
#include "config.h"

#include <string.h>

#include "dd-scanner-private.h"

guint
dd_scan_lookup_or_ensure (Run         *run,
                          GHashTable  *cache,
                          const char  *name,
                          gboolean     split,
                          GError     **error)
{
  gpointer value;
  guint id;

  if (g_hash_table_lookup_extended (cache, name, NULL, &value))
    return GPOINTER_TO_UINT (value);
  id = split ? dd_catalog_writer_ensure_split (run->writer, name, error)
             : dd_catalog_writer_ensure_corruption (run->writer, name, error);
  if (id != G_MAXUINT)
    g_hash_table_insert (cache, g_strdup (name), GUINT_TO_POINTER (id));
  return id;
}

static gboolean
add_clean_key (gint64              id,
               const DdSampleRow  *row,
               gpointer            user_data,
               GError            **error)
{
  const char *slash = strrchr (row->key, '/');

  g_hash_table_replace (user_data, g_strdup (slash ? slash + 1 : row->key),
                        GSIZE_TO_POINTER ((gsize) id));
  return TRUE;
}

/* Clean val samples by file name, for the corrupted variants to point at. */
void
dd_scan_ensure_clean_keys (Run *run)
{
  if (run->clean_keys)
    return;
  run->clean_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dd_catalog_writer_foreach_sample (run->writer, DD_SAMPLES_CLEAN_IN_SPLIT, run->val_split,
                                    add_clean_key, run->clean_keys, NULL);
}

gboolean
dd_scan_classify (Source         *src,
                  char          **parts,
                  guint           n_parts,
                  const char     *file_name,
                  DdLayoutLabel  *label,
                  char          **out_corruption)
{
  memset (label, 0, sizeof *label);
  *out_corruption = NULL;
  src->layout->classify (&src->ctx, parts, n_parts, file_name, label);
  if (label->skip)
    {
      g_clear_pointer (&label->wnid, g_free);
      return FALSE;
    }
  if (label->corruption && label->severity > 0)
    {
      if (g_utf8_validate (label->corruption, label->corruption_len, NULL))
        *out_corruption = g_strndup (label->corruption, label->corruption_len);
      else
        {
          g_autofree char *raw = g_strndup (label->corruption, label->corruption_len);
          dd_catalog_make_key (raw, strlen (raw), out_corruption);
        }
    }
  label->corruption = NULL;
  if (label->wnid && !g_utf8_validate (label->wnid, -1, NULL))
    {
      char *valid = NULL;
      dd_catalog_make_key (label->wnid, strlen (label->wnid), &valid);
      g_free (label->wnid);
      label->wnid = valid;
    }
  return TRUE;
}

gboolean
dd_scan_classify_rel (Source         *src,
                      const char     *rel,
                      DdLayoutLabel  *label,
                      char          **out_corruption)
{
  g_auto(GStrv) parts = g_strsplit (rel, "/", -1);
  guint n = g_strv_length (parts);
  char *file_name = parts[n - 1];
  gboolean sample;

  parts[n - 1] = NULL;
  sample = dd_scan_classify (src, parts, n - 1, file_name, label, out_corruption);
  parts[n - 1] = file_name;
  return sample;
}

gboolean
dd_scan_resolve_label (Run            *run,
                       Source         *src,
                       DdLayoutLabel  *label,
                       const char     *corruption,
                       DdSampleRow    *row,
                       GError        **error)
{
  memset (row, 0, sizeof *row);
  row->flags = label->flags;
  row->split_id = dd_scan_lookup_or_ensure (run, run->split_ids, label->split, TRUE, error);
  if (row->split_id == G_MAXUINT)
    return FALSE;
  if (corruption)
    {
      row->corruption_id = dd_scan_lookup_or_ensure (run, run->corruption_ids, corruption, FALSE,
                                                     error);
      if (row->corruption_id == G_MAXUINT)
        return FALSE;
      row->severity = label->severity;
    }
  if (label->wnid)
    {
      gboolean unnamed = FALSE;

      if ((row->class_id = dd_scan_ensure_class (run, src, label->wnid, &unnamed, error)) == 0)
        return FALSE;
      if (src->ctx.wnids && !g_hash_table_contains (src->ctx.wnids, label->wnid))
        row->flags |= DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS);
      if (unnamed)
        row->flags |= DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS);
    }
  return TRUE;
}

void
dd_scan_link_clean (Run         *run,
                    const char  *file_name,
                    DdSampleRow *row)
{
  row->clean_id = 0;
  if (row->severity > 0 && row->split_id == run->val_split)   /* corrupted */
    {
      dd_scan_ensure_clean_keys (run);
      row->clean_id = GPOINTER_TO_SIZE (g_hash_table_lookup (run->clean_keys, file_name));
    }
}

/* Labels one file from its relative path; FALSE when it is not a sample (junk) or
 * on error. */
gboolean
dd_scan_label_file (Run          *run,
                    Source       *src,
                    const char   *rel,
                    DdSampleRow  *row,
                    GError      **error)
{
  DdLayoutLabel label;
  g_autofree char *corruption = NULL;
  const char *file_name = strrchr (rel, '/');
  gboolean ok;

  if (!dd_scan_classify_rel (src, rel, &label, &corruption))
    return FALSE;
  ok = dd_scan_resolve_label (run, src, &label, corruption, row, error);
  if (ok)
    dd_scan_link_clean (run, file_name ? file_name + 1 : rel, row);
  g_free (label.wnid);
  return ok;
}

/* Boxes of a file, by its name or (ImageNet's CSV) by its name without extension. */
GArray *
dd_scan_boxes_of (Source     *src,
                  const char *file_name)
{
  GArray *boxes = g_hash_table_lookup (src->ctx.boxes, file_name);
  const char *dot;

  if (boxes == NULL && (dot = strrchr (file_name, '.')))
    {
      g_autofree char *stem = g_strndup (file_name, dot - file_name);
      boxes = g_hash_table_lookup (src->ctx.boxes, stem);
    }
  return boxes;
}
