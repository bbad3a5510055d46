/* ImageFolder: <class>/<image>, optionally under train/, val/, test/ (torchvision's
 * layout; also ImageNet-R, -A, -Sketch and -V2). */
#define G_LOG_DOMAIN "datadive-scanner"
#include "config.h"

#include <string.h>

#include "dd-layout.h"

static const char *
split_of (const char *name)
{
  if (g_ascii_strcasecmp (name, "train") == 0 || g_ascii_strcasecmp (name, "training") == 0)
    return "train";
  if (g_ascii_strcasecmp (name, "val") == 0 || g_ascii_strcasecmp (name, "valid") == 0 ||
      g_ascii_strcasecmp (name, "validation") == 0)
    return "val";
  if (g_ascii_strcasecmp (name, "test") == 0 || g_ascii_strcasecmp (name, "testing") == 0)
    return "test";
  return NULL;
}

/* TRUE when some sub-folder (or sub-sub-folder under a split) holds image files. */
static gboolean
has_class_folders (const char *root,
                   guint       depth)
{
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;
  guint checked = 0;

  while (dir && (name = g_dir_read_name (dir)) && checked < 32)
    {
      g_autofree char *sub = g_build_filename (root, name, NULL);
      g_autoptr(GDir) inner = NULL;
      const char *file;
      guint seen = 0;

      if (!g_file_test (sub, G_FILE_TEST_IS_DIR))
        continue;
      checked++;
      if (depth == 0 && split_of (name) && has_class_folders (sub, 1))
        return TRUE;
      inner = g_dir_open (sub, 0, NULL);
      while (inner && (file = g_dir_read_name (inner)) && seen++ < 64)
        if (dd_layout_is_image_name (file))
          return TRUE;
    }
  return FALSE;
}

static gboolean
recognise (const char *root)
{
  return has_class_folders (root, 0);
}

static void
classify (DdLayoutContext *ctx,
          char           **parts,
          guint            n_parts,
          const char      *file_name,
          DdLayoutLabel   *label)
{
  const char *split = n_parts >= 2 ? split_of (parts[0]) : NULL;

  if (split)
    {
      label->split = split;
      label->wnid = g_strdup (parts[1]);
    }
  else if (n_parts >= 1)
    {
      label->split = "all";
      label->wnid = g_strdup (parts[0]);
    }
  else
    label->split = "all";   /* an image at the root: unlabeled */
}

const DdLayout dd_layout_imagefolder = {
  "imagefolder", recognise, dd_layout_prepare_nothing, classify, NULL,
};
