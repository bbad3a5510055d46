/* Export for FiftyOne: DIR/data/<file> + DIR/labels.json, FiftyOne's
 * ImageClassificationDataset ({"classes": [wnid…], "labels": {stem: index or null}}). */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include <string.h>

#include "dd-export-private.h"

static gpointer
fiftyone_begin (DdExportRun *run)
{
  JsonBuilder *labels = json_builder_new ();

  json_builder_begin_object (labels);
  return labels;
}

static gboolean
fiftyone_sample (DdExportRun   *run,
                 gpointer       state,
                 DdSampleInfo  *s,
                 int            label,
                 GError       **error)
{
  JsonBuilder *labels = state;
  g_autofree char *name = dd_export_name (s, FALSE);
  g_autofree char *rel = NULL;
  g_autofree char *stem = NULL;
  char *dot;

  if (!dd_export_place (run, s, "data", name, label, &rel, error))
    return FALSE;
  if (rel == NULL)
    return TRUE;   /* left out: recorded */
  stem = g_path_get_basename (rel);
  if ((dot = strrchr (stem, '.')))
    *dot = '\0';
  json_builder_set_member_name (labels, stem);
  if (label >= 0)
    json_builder_add_int_value (labels, label);
  else
    json_builder_add_null_value (labels);
  return TRUE;
}

static gboolean
fiftyone_end (DdExportRun  *run,
              gpointer      state,
              GError      **error)
{
  JsonBuilder *labels = state;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_end_object (labels);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint i = 0; i < run->classes->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (run->classes, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "labels");
  json_builder_add_value (b, json_builder_get_root (labels));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, TRUE);
  return dd_export_write_text (run, "labels.json", text, -1, error);
}

const DdExportFormat dd_export_fiftyone = {
  .layout = DD_EXPORT_FIFTYONE,
  .manifest = TRUE,
  .begin = fiftyone_begin,
  .sample = fiftyone_sample,
  .end = fiftyone_end,
  .free_state = g_object_unref,
};
