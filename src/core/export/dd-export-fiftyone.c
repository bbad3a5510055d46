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
fiftyone_place (DdSampleInfo  *s,
                char         **rel_dir,
                char         **name)
{
  *rel_dir = g_strdup ("data");
  *name = dd_export_name (s, FALSE);
  return TRUE;
}

/* labels.json names a sample by its file's stem. */
static void
fiftyone_placed (DdExportRun  *run,
                 gpointer      state,
                 DdSampleInfo *s,
                 int           label,
                 const char   *rel)
{
  JsonBuilder *labels = state;
  g_autofree char *stem = g_path_get_basename (rel);
  char *dot = strrchr (stem, '.');

  if (dot)
    *dot = '\0';
  json_builder_set_member_name (labels, stem);
  if (label >= 0)
    json_builder_add_int_value (labels, label);
  else
    json_builder_add_null_value (labels);
  if (run->predictions)
    dd_export_model_fiftyone (run, s, stem);
}

gboolean
dd_export_fiftyone_write (DdExportRun  *run,
                          const char   *name,
                          JsonBuilder  *labels,
                          GError      **error)
{
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
  return dd_export_write_text (run, name, text, -1, error);
}

static gboolean
fiftyone_end (DdExportRun  *run,
              gpointer      state,
              GError      **error)
{
  return dd_export_fiftyone_write (run, "labels.json", state, error) &&
         (run->predictions == NULL || dd_export_model_fiftyone_end (run, error));
}

const DdExportFormat dd_export_fiftyone = {
  .layout = DD_EXPORT_FIFTYONE,
  .manifest = TRUE,
  .begin = fiftyone_begin,
  .place = fiftyone_place,
  .placed = fiftyone_placed,
  .end = fiftyone_end,
  .free_state = g_object_unref,
};
