/* A model run's columns in an export: prediction (wnid), confidence and loss in
 * manifest.csv, manifest.jsonl and the Hugging Face metadata.csv, and FiftyOne's
 * predictions.json (a "predictions" field beside the labels). */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-export-private.h"

void
dd_export_model_begin (DdExportRun *run,
                       DdCatalog   *catalog,
                       DdRunRows   *predictions)
{
  g_autoptr(GPtrArray) classes = NULL;

  run->predictions = predictions;
  if (predictions == NULL)
    return;
  classes = dd_catalog_list_classes (catalog);
  run->wnids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);

      if (c->id >= run->wnids->len)
        g_ptr_array_set_size (run->wnids, c->id + 1);
      g_ptr_array_index (run->wnids, c->id) = g_strdup (c->wnid);
    }
  /* the manifest's header gains the run's columns */
  g_string_truncate (run->manifest, run->manifest->len - 1);
  g_string_append (run->manifest, ",prediction,confidence,loss\n");
}

void
dd_export_model_clear (DdExportRun *run)
{
  g_clear_pointer (&run->predictions, dd_run_rows_free);
  g_clear_pointer (&run->wnids, g_ptr_array_unref);
  g_clear_object (&run->fiftyone_predictions);
}

static const char *
wnid_of (DdExportRun *run,
         guint        id)
{
  return id < run->wnids->len && g_ptr_array_index (run->wnids, id)
         ? g_ptr_array_index (run->wnids, id) : "";
}

static const char *
number (double  value,
        char   *buffer)
{
  if (isnan (value))
    return "";
  return g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.10g", value);
}

void
dd_export_model_csv_row (DdExportRun        *run,
                         GString            *out,
                         DdSampleInfo       *s,
                         guint               n,
                         const char * const *fields)
{
  const DdPrediction *p;
  const char *row[16];
  char buffers[2][G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (n + 3 <= G_N_ELEMENTS (row));

  if (run->predictions == NULL)
    {
      dd_export_csv_row (out, n, fields);
      return;
    }
  p = dd_run_rows_find (run->predictions, s->id);
  memcpy (row, fields, n * sizeof *fields);
  row[n] = p ? wnid_of (run, p->predicted) : "";
  row[n + 1] = p ? number (p->confidence, buffers[0]) : "";
  row[n + 2] = p ? number (p->loss, buffers[1]) : "";
  dd_export_csv_row (out, n + 3, row);
}

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

char *
dd_export_model_json (DdExportRun  *run,
                      DdSampleInfo *s,
                      char         *json)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *extra = NULL;
  const DdPrediction *p;
  gsize len;
  char *out;

  if (run->predictions == NULL)
    return json;
  p = dd_run_rows_find (run->predictions, s->id);
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "prediction");
  if (p)
    json_builder_add_string_value (b, wnid_of (run, p->predicted));
  else
    json_builder_add_null_value (b);
  add_number (b, "confidence", p ? p->confidence : NAN);
  add_number (b, "loss", p ? p->loss : NAN);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  extra = json_to_string (node, FALSE);
  /* "{…}" + "{…}": the sample's members, then these */
  len = strlen (json);
  g_assert (len >= 2 && json[len - 1] == '}');
  json[len - 1] = '\0';
  out = g_strconcat (json, len > 2 ? "," : "", extra + 1, NULL);
  g_free (json);
  return out;
}

/* predictions.json's "labels" object, opened on first use. */
static JsonBuilder *
fiftyone_predictions (DdExportRun *run)
{
  if (run->fiftyone_predictions == NULL)
    {
      run->fiftyone_predictions = json_builder_new ();
      json_builder_begin_object (run->fiftyone_predictions);
    }
  return run->fiftyone_predictions;
}

void
dd_export_model_fiftyone (DdExportRun  *run,
                          DdSampleInfo *s,
                          const char   *stem)
{
  const DdPrediction *p = dd_run_rows_find (run->predictions, s->id);
  JsonBuilder *b = fiftyone_predictions (run);

  if (p == NULL)
    return;
  json_builder_set_member_name (b, stem);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, wnid_of (run, p->predicted));
  if (!isnan (p->confidence))
    {
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, p->confidence);
    }
  json_builder_end_object (b);
}

gboolean
dd_export_model_fiftyone_end (DdExportRun  *run,
                              GError      **error)
{
  return dd_export_fiftyone_write (run, "predictions.json", fiftyone_predictions (run), error);
}
