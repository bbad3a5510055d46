/* Export as files and a JSON Lines manifest: the CSV layout's files plus
 * DIR/manifest.jsonl, one object per sample (path, key, wnid, class_name, label,
 * corruption, severity, split). */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include "dd-export-private.h"

static gpointer
jsonl_begin (DdExportRun *run)
{
  return g_string_new (NULL);
}

static gboolean
jsonl_sample (DdExportRun   *run,
              gpointer       state,
              DdSampleInfo  *s,
              int            label,
              GError       **error)
{
  GString *lines = state;
  g_autofree char *rel = NULL;
  g_autofree char *line = NULL;

  if (!dd_export_place_in_data (run, s, label, &rel, error))
    return FALSE;
  if (rel == NULL)
    return TRUE;   /* left out: recorded */
  line = dd_export_sample_json (s, label, rel);
  g_string_append (lines, line);
  g_string_append_c (lines, '\n');
  return TRUE;
}

static gboolean
jsonl_end (DdExportRun  *run,
           gpointer      state,
           GError      **error)
{
  GString *lines = state;

  return dd_export_write_text (run, "manifest.jsonl", lines->str, lines->len, error);
}

const DdExportFormat dd_export_jsonl = {
  .layout = DD_EXPORT_JSONL,
  .manifest = TRUE,
  .begin = jsonl_begin,
  .sample = jsonl_sample,
  .end = jsonl_end,
  .free_state = dd_export_string_free,
};
