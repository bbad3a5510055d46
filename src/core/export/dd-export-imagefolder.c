/* Export as an ImageFolder tree, DIR/<split>/<wnid>/<file>: what
 * torchvision.datasets.ImageFolder(DIR/<split>) loads. An unlabeled sample has no
 * class folder to go to: it is left out and counted. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include "dd-export-private.h"

static gboolean
imagefolder_sample (DdExportRun   *run,
                    gpointer       state,
                    DdSampleInfo  *s,
                    int            label,
                    GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *rel = NULL;

  if (s->wnid == NULL)
    {
      run->result->skipped_unlabeled++;
      return TRUE;
    }
  dir = g_strdup_printf ("%s/%s", s->split, s->wnid);
  name = dd_export_name (s, FALSE);
  return dd_export_place (run, s, dir, name, label, &rel, error);
}

const DdExportFormat dd_export_imagefolder = {
  .layout = DD_EXPORT_IMAGEFOLDER,
  .manifest = TRUE,
  .sample = imagefolder_sample,
};
