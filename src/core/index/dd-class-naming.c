/* Class naming: a wnid's names from the source's words.txt, else WordNet, else its
 * folder, and its class row, created or given a better name. */
#define G_LOG_DOMAIN "datadive-scanner"
#include "config.h"

#include "dd-scanner-private.h"
#include "dd-wordnet.h"

/* The names of @wnid: words.txt, else WordNet, else the folder name; its WordNet
 * parent. */
static void
name_class (Source      *src,
            const char  *wnid,
            DdClassInfo *row)
{
  DdWordnet *wn = dd_wordnet_get_default ();
  const char *words;

  if ((words = g_hash_table_lookup (src->ctx.words, wnid)))
    {
      g_auto(GStrv) parts = g_strsplit (words, ",", 2);
      row->name = g_strdup (g_strstrip (parts[0]));
      row->names = g_strdup (words);
      row->name_source = g_strdup ("words");
    }
  else if (wn && dd_wordnet_has (wn, wnid))
    {
      g_auto(GStrv) all = dd_wordnet_get_names (wn, wnid);
      row->name = g_strdup (all[0]);
      row->names = g_strjoinv (", ", all);
      row->name_source = g_strdup ("wordnet");
    }
  else
    {
      row->name = g_strdup (wnid);
      row->names = g_strdup (wnid);
      row->name_source = g_strdup ("folder");
    }
  if (wn && (row->parent_wnid = dd_wordnet_get_parent (wn, wnid)))
    row->parent_name = dd_wordnet_get_name (wn, row->parent_wnid);
}

/* Writes the class row of @row->wnid: a new one, or a better name (or the news that
 * wnids.txt lacks it) for one an earlier source named. Its id, 0 on error. */
static guint
record_class (Run          *run,
              DdClassInfo  *row,
              GError      **error)
{
  g_autoptr(DdClassInfo) existing = dd_catalog_writer_get_class (run->writer, row->wnid);
  const char *existing_source;

  if (existing == NULL)
    return dd_catalog_writer_add_class (run->writer, row, error);
  existing_source = existing->name_source;
  if (!existing->in_wnids)
    row->in_wnids = FALSE;
  if (g_strcmp0 (existing_source, "folder") == 0 || g_strcmp0 (row->name_source, "words") == 0 ||
      !row->in_wnids)
    {
      if (g_strcmp0 (row->name_source, "folder") == 0 && g_strcmp0 (existing_source, "folder") != 0)
        {
          g_free (row->name_source);
          row->name_source = g_strdup (existing_source);
        }
      /* the same kind of name as stored (but words): the stored name stays */
      if (g_strcmp0 (row->name_source, existing_source) == 0 &&
          g_strcmp0 (row->name_source, "words") != 0)
        {
          g_clear_pointer (&row->name, g_free);
          g_clear_pointer (&row->names, g_free);
        }
      if (!dd_catalog_writer_update_class (run->writer, row, error))
        return 0;
    }
  return existing->id;
}

/* The class id of @wnid, created with its names: words.txt, else WordNet, else the
 * folder name. *unnamed tells which. */
guint
dd_scan_ensure_class (Run         *run,
                      Source      *src,
                      const char  *wnid,
                      gboolean    *unnamed,
                      GError     **error)
{
  g_autoptr(DdClassInfo) row = NULL;
  gpointer value;
  guint id;

  if (g_hash_table_lookup_extended (run->class_ids, wnid, NULL, &value))
    {
      guint packed = GPOINTER_TO_UINT (value);
      *unnamed = (packed & 0x80000000u) != 0;
      return packed & 0x7fffffffu;
    }
  row = g_new0 (DdClassInfo, 1);
  row->wnid = g_strdup (wnid);
  row->in_wnids = src->ctx.wnids == NULL || g_hash_table_contains (src->ctx.wnids, wnid);
  name_class (src, wnid, row);
  if ((id = record_class (run, row, error)) == 0)
    return 0;

  /* A folder called "cat" names its class; "n00000042" does not. */
  *unnamed = g_strcmp0 (row->name_source, "folder") == 0 && dd_is_wnid (wnid);
  g_hash_table_insert (run->class_ids, g_strdup (wnid),
                       GUINT_TO_POINTER (id | (*unnamed ? 0x80000000u : 0)));
  return id;
}
