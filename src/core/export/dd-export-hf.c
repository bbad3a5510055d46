/* Export for Hugging Face's imagefolder loader: DIR/<split>/<file> +
 * DIR/<split>/metadata.csv (file_name, label, wnid, class_name, corruption, severity,
 * key). */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include "dd-export-private.h"

static gpointer
hf_begin (DdExportRun *run)
{
  /* split → GString metadata.csv */
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, dd_export_string_free);
}

static gboolean
hf_place (DdSampleInfo  *s,
          char         **rel_dir,
          char         **name)
{
  *rel_dir = g_strdup (s->split);
  *name = dd_export_name (s, FALSE);
  return TRUE;
}

/* A row of its split's metadata.csv. */
static void
hf_placed (DdExportRun  *run,
           gpointer      state,
           DdSampleInfo *s,
           int           label,
           const char   *rel)
{
  GHashTable *splits = state;
  g_autofree char *file_name = g_path_get_basename (rel);
  char label_text[16] = "";
  char severity_text[16];
  GString *meta;

  if (!(meta = g_hash_table_lookup (splits, s->split)))
    {
      meta = g_string_new (run->predictions
                           ? "file_name,label,wnid,class_name,corruption,severity,key,"
                             "prediction,confidence,loss\n"
                           : "file_name,label,wnid,class_name,corruption,severity,key\n");
      g_hash_table_insert (splits, g_strdup (s->split), meta);
    }
  if (label >= 0)
    g_snprintf (label_text, sizeof label_text, "%d", label);
  g_snprintf (severity_text, sizeof severity_text, "%u", s->severity);
  dd_export_model_csv_row (run, meta, s, 7, (const char *[]) {
                             file_name, label_text, s->wnid, s->class_name, s->corruption,
                             severity_text, s->key });
}

static gboolean
hf_end (DdExportRun  *run,
        gpointer      state,
        GError      **error)
{
  GHashTableIter iter;
  gpointer split, meta;

  g_hash_table_iter_init (&iter, state);
  while (g_hash_table_iter_next (&iter, &split, &meta))
    {
      g_autofree char *rel = g_build_filename (split, "metadata.csv", NULL);

      if (!dd_export_write_text (run, rel, ((GString *) meta)->str, ((GString *) meta)->len, error))
        return FALSE;
    }
  return TRUE;
}

const DdExportFormat dd_export_hf = {
  .layout = DD_EXPORT_HF,
  .manifest = TRUE,
  .begin = hf_begin,
  .place = hf_place,
  .placed = hf_placed,
  .end = hf_end,
  .free_state = (GDestroyNotify) g_hash_table_unref,
};
