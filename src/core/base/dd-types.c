/* Shared vocabulary of the core: health kinds, corruption families, progress. */
#define G_LOG_DOMAIN "datadive-core"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-types.h"

static const char *health_names[DD_HEALTH_N_KINDS] = {
  "missing_label",
  "orphan_annotation",
  "missing_cell",
  "empty_file",
  "undecodable",
  "truncated",
  "format_mismatch",
  "grayscale",
  "unexpected_size",
  "duplicate_conflict",
  "unknown_class",
  "unnamed_class",
};

const char *
dd_health_kind_to_string (DdHealthKind kind)
{
  g_return_val_if_fail (kind < DD_HEALTH_N_KINDS, NULL);
  return health_names[kind];
}

gboolean
dd_health_kind_from_string (const char   *name,
                            DdHealthKind *out_kind)
{
  for (guint i = 0; i < DD_HEALTH_N_KINDS; i++)
    if (g_strcmp0 (name, health_names[i]) == 0)
      {
        if (out_kind)
          *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
dd_health_kind_title (DdHealthKind kind)
{
  switch (kind)
    {
    case DD_HEALTH_MISSING_LABEL: return _("Missing label");
    case DD_HEALTH_ORPHAN_ANNOTATION: return _("Annotation without file");
    case DD_HEALTH_MISSING_CELL: return _("Missing corruption cell");
    case DD_HEALTH_EMPTY_FILE: return _("Empty file");
    case DD_HEALTH_UNDECODABLE: return _("Undecodable image");
    case DD_HEALTH_TRUNCATED: return _("Truncated image");
    case DD_HEALTH_FORMAT_MISMATCH: return _("Format mismatch");
    case DD_HEALTH_GRAYSCALE: return _("Grayscale image");
    case DD_HEALTH_UNEXPECTED_SIZE: return _("Unexpected size");
    case DD_HEALTH_DUPLICATE_CONFLICT: return _("Duplicate under another label");
    case DD_HEALTH_UNKNOWN_CLASS: return _("Class not in wnids.txt");
    case DD_HEALTH_UNNAMED_CLASS: return _("Class without a name");
    case DD_HEALTH_N_KINDS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

static const struct {
  const char *name;
  const char *family;
} corruptions[] = {
  { "gaussian_noise", "noise" },
  { "shot_noise", "noise" },
  { "impulse_noise", "noise" },
  { "defocus_blur", "blur" },
  { "glass_blur", "blur" },
  { "motion_blur", "blur" },
  { "zoom_blur", "blur" },
  { "snow", "weather" },
  { "frost", "weather" },
  { "fog", "weather" },
  { "brightness", "weather" },
  { "contrast", "digital" },
  { "elastic_transform", "digital" },
  { "pixelate", "digital" },
  { "jpeg_compression", "digital" },
  /* The four "extra" corruptions of ImageNet-C. */
  { "speckle_noise", "noise" },
  { "gaussian_blur", "blur" },
  { "spatter", "weather" },
  { "saturate", "digital" },
};

const char *
dd_corruption_family_of (const char *corruption)
{
  if (g_strcmp0 (corruption, "none") == 0)
    return "none";
  for (guint i = 0; i < G_N_ELEMENTS (corruptions); i++)
    if (g_strcmp0 (corruption, corruptions[i].name) == 0)
      return corruptions[i].family;
  return "other";
}

gboolean
dd_is_corruption_family (const char *name)
{
  return g_strcmp0 (name, "noise") == 0 || g_strcmp0 (name, "blur") == 0 ||
         g_strcmp0 (name, "weather") == 0 || g_strcmp0 (name, "digital") == 0;
}

const char * const *
dd_standard_corruptions (void)
{
  static const char * const names[] = {
    "gaussian_noise", "shot_noise", "impulse_noise",
    "defocus_blur", "glass_blur", "motion_blur", "zoom_blur",
    "snow", "frost", "fog", "brightness",
    "contrast", "elastic_transform", "pixelate", "jpeg_compression",
    "speckle_noise", "gaussian_blur", "spatter", "saturate",
    NULL
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (corruptions) + 1);
  return names;
}

void
dd_post_to_context (GMainContext   *context,
                    GSourceFunc     func,
                    gpointer        data,
                    GDestroyNotify  destroy)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[datadive] post");
  g_source_attach (source, context);
}
