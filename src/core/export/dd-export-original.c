/* Export in the source's own layout: DIR/<key>, each file where it was relative to the
 * parent of its dataset folder. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include "dd-export-private.h"

static gboolean
original_sample (DdExportRun   *run,
                 gpointer       state,
                 DdSampleInfo  *s,
                 int            label,
                 GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (s->key);
  g_autofree char *name = g_path_get_basename (s->key);
  g_autofree char *rel = NULL;

  return dd_export_place (run, s, dir, name, label, &rel, error);
}

const DdExportFormat dd_export_original = {
  .layout = DD_EXPORT_ORIGINAL,
  .manifest = TRUE,
  .sample = original_sample,
};
