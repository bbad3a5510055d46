/* Tiny-ImageNet-C and ImageNet-C: <corruption>/<severity 1–5>/<wnid>/<file>. */
#define G_LOG_DOMAIN "datadive-scanner"
#include "config.h"

#include <string.h>

#include "dd-layout.h"
#include "dd-types.h"

/* A corruption folder: one holding a severity folder. */
static gboolean
owns (const char *root,
      const char *name)
{
  for (char s = '1'; s <= '5'; s++)
    {
      char sev[2] = { s, '\0' };
      g_autofree char *rel = g_build_filename (name, sev, NULL);

      if (dd_layout_has_dir (root, rel))
        return TRUE;
    }
  return FALSE;
}

static gboolean
recognise (const char *root)
{
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;
  guint checked = 0;

  while (dir && (name = g_dir_read_name (dir)) && checked < 64)
    {
      checked++;
      /* A known corruption name holding a severity folder. */
      if (g_strcmp0 (dd_corruption_family_of (name), "other") != 0 && owns (root, name))
        return TRUE;
    }
  return FALSE;
}

static void
classify (DdLayoutContext *ctx,
          char           **parts,
          guint            n_parts,
          const char      *file_name,
          DdLayoutLabel   *label)
{
  guint64 severity;

  if (n_parts < 3 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 5, &severity, NULL))
    {
      label->skip = TRUE;
      return;
    }
  label->split = "val";
  label->corruption = parts[0];
  label->corruption_len = strlen (parts[0]);
  label->severity = severity;
  label->wnid = g_strdup (parts[2]);
}

const DdLayout dd_layout_imagenet_c = {
  "imagenet-c", recognise, dd_layout_prepare_nothing, classify, owns,
};
