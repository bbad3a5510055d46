/* Export as an ImageFolder tree, DIR/<split>/<wnid>/<file>: what
 * torchvision.datasets.ImageFolder(DIR/<split>) loads. An unlabeled sample has no
 * class folder to go to: it is left out and counted. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include "dd-export-private.h"

static gboolean
imagefolder_place (DdSampleInfo  *s,
                   char         **rel_dir,
                   char         **name)
{
  if (s->wnid == NULL)
    return FALSE;
  *rel_dir = g_strdup_printf ("%s/%s", s->split, s->wnid);
  *name = dd_export_name (s, FALSE);
  return TRUE;
}

const DdExportFormat dd_export_imagefolder = {
  .layout = DD_EXPORT_IMAGEFOLDER,
  .manifest = TRUE,
  .place = imagefolder_place,
};
