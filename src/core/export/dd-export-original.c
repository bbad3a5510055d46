/* Export in the source's own layout: DIR/<key>, each file where it was relative to the
 * parent of its dataset folder. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include "dd-export-private.h"

static gboolean
original_place (DdSampleInfo  *s,
                char         **rel_dir,
                char         **name)
{
  *rel_dir = g_path_get_dirname (s->key);
  *name = g_path_get_basename (s->key);
  return TRUE;
}

const DdExportFormat dd_export_original = {
  .layout = DD_EXPORT_ORIGINAL,
  .manifest = TRUE,
  .place = original_place,
};
