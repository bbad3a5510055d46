/* Export as files and a CSV manifest: DIR/data/<split>/<wnid>/<file> (unlabeled
 * samples under _unlabeled/) + DIR/manifest.csv, the manifest every export has. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include "dd-export-private.h"

gboolean
dd_export_place_in_data (DdSampleInfo  *s,
                         char         **rel_dir,
                         char         **name)
{
  *rel_dir = g_strdup_printf ("data/%s/%s", s->split, s->wnid ? s->wnid : "_unlabeled");
  *name = dd_export_name (s, FALSE);
  return TRUE;
}

const DdExportFormat dd_export_csv = {
  .layout = DD_EXPORT_CSV,
  .manifest = TRUE,
  .place = dd_export_place_in_data,
};
