/* Export as files and a CSV manifest: DIR/data/<split>/<wnid>/<file> (unlabeled
 * samples under _unlabeled/) + DIR/manifest.csv, the manifest every export has. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include "dd-export-private.h"

gboolean
dd_export_place_in_data (DdExportRun   *run,
                         DdSampleInfo  *s,
                         int            label,
                         char         **rel,
                         GError       **error)
{
  g_autofree char *dir = g_strdup_printf ("data/%s/%s", s->split,
                                          s->wnid ? s->wnid : "_unlabeled");
  g_autofree char *name = dd_export_name (s, FALSE);

  return dd_export_place (run, s, dir, name, label, rel, error);
}

static gboolean
csv_sample (DdExportRun   *run,
            gpointer       state,
            DdSampleInfo  *s,
            int            label,
            GError       **error)
{
  g_autofree char *rel = NULL;

  return dd_export_place_in_data (run, s, label, &rel, error);
}

const DdExportFormat dd_export_csv = {
  .layout = DD_EXPORT_CSV,
  .manifest = TRUE,
  .sample = csv_sample,
};
