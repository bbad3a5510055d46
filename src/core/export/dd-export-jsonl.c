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

static void
jsonl_placed (DdExportRun  *run,
              gpointer      state,
              DdSampleInfo *s,
              int           label,
              const char   *rel)
{
  g_autofree char *line = dd_export_model_json (run, s, dd_export_sample_json (s, label, rel));

  g_string_append (state, line);
  g_string_append_c (state, '\n');
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
  .place = dd_export_place_in_data,
  .placed = jsonl_placed,
  .end = jsonl_end,
  .free_state = dd_export_string_free,
};
