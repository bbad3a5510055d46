/* The words every part of DataDive shares, each listed once. */
#define G_LOG_DOMAIN "datadive-core"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-vocabulary.h"

static const struct {
  const char *name;
  const char *title;
} health_kinds[DD_HEALTH_N_KINDS] = {
  [DD_HEALTH_MISSING_LABEL] = { "missing_label", N_("Missing label") },
  [DD_HEALTH_ORPHAN_ANNOTATION] = { "orphan_annotation", N_("Annotation without file") },
  [DD_HEALTH_MISSING_CELL] = { "missing_cell", N_("Missing corruption cell") },
  [DD_HEALTH_EMPTY_FILE] = { "empty_file", N_("Empty file") },
  [DD_HEALTH_UNDECODABLE] = { "undecodable", N_("Undecodable image") },
  [DD_HEALTH_TRUNCATED] = { "truncated", N_("Truncated image") },
  [DD_HEALTH_FORMAT_MISMATCH] = { "format_mismatch", N_("Format mismatch") },
  [DD_HEALTH_GRAYSCALE] = { "grayscale", N_("Grayscale image") },
  [DD_HEALTH_UNEXPECTED_SIZE] = { "unexpected_size", N_("Unexpected size") },
  [DD_HEALTH_DUPLICATE_CONFLICT] = { "duplicate_conflict", N_("Duplicate under another label") },
  [DD_HEALTH_UNKNOWN_CLASS] = { "unknown_class", N_("Class not in wnids.txt") },
  [DD_HEALTH_UNNAMED_CLASS] = { "unnamed_class", N_("Class without a name") },
  [DD_HEALTH_SUSPECT_LABEL] = { "suspect_label", N_("Suspect label") },
  [DD_HEALTH_NEAR_DUPLICATE] = { "near_duplicate", N_("Near duplicate") },
  [DD_HEALTH_NEAR_DUPLICATE_CONFLICT] = { "near_duplicate_conflict",
                                          N_("Near duplicate under another label") },
  [DD_HEALTH_SPLIT_LEAKAGE] = { "split_leakage", N_("Same picture in train and val/test") },
};

const char *
dd_health_kind_to_string (DdHealthKind kind)
{
  g_return_val_if_fail (kind < DD_HEALTH_N_KINDS, NULL);
  return health_kinds[kind].name;
}

gboolean
dd_health_kind_from_string (const char   *name,
                            DdHealthKind *out_kind)
{
  for (guint i = 0; i < DD_HEALTH_N_KINDS; i++)
    if (g_strcmp0 (name, health_kinds[i].name) == 0)
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
  g_return_val_if_fail (kind < DD_HEALTH_N_KINDS, NULL);
  return _(health_kinds[kind].title);
}

gboolean
dd_health_kind_is_near (DdHealthKind kind)
{
  return (guint) kind < DD_HEALTH_N_KINDS && (DD_HEALTH_FLAG (kind) & DD_HEALTH_NEAR_FLAGS) != 0;
}

/* ImageNet-C's corruptions in its order: the 15 standard ones, then the 4 extra ones. */
static const char * const corruption_names[] = {
  "gaussian_noise", "shot_noise", "impulse_noise",
  "defocus_blur", "glass_blur", "motion_blur", "zoom_blur",
  "snow", "frost", "fog", "brightness",
  "contrast", "elastic_transform", "pixelate", "jpeg_compression",
  "speckle_noise", "gaussian_blur", "spatter", "saturate",
  NULL
};

static const char * const corruption_families[G_N_ELEMENTS (corruption_names) - 1] = {
  "noise", "noise", "noise",
  "blur", "blur", "blur", "blur",
  "weather", "weather", "weather", "weather",
  "digital", "digital", "digital", "digital",
  "noise", "blur", "weather", "digital",
};

static const char * const families[] = {
  "none", "noise", "blur", "weather", "digital", "other", NULL
};

G_STATIC_ASSERT (DD_N_STANDARD_CORRUPTIONS == 15);

const char *
dd_corruption_family_of (const char *corruption)
{
  if (g_strcmp0 (corruption, "none") == 0)
    return "none";
  for (guint i = 0; corruption_names[i]; i++)
    if (g_strcmp0 (corruption, corruption_names[i]) == 0)
      return corruption_families[i];
  return "other";
}

gboolean
dd_is_corruption_family (const char *name)
{
  /* the families between "none" and "other" */
  for (guint i = 1; families[i + 1]; i++)
    if (g_strcmp0 (name, families[i]) == 0)
      return TRUE;
  return FALSE;
}

const char * const *
dd_corruption_families (void)
{
  return families;
}

const char * const *
dd_standard_corruptions (void)
{
  return corruption_names;
}

gboolean
dd_is_wnid (const char *name)
{
  if (name == NULL || name[0] != 'n' || strlen (name) != 9)
    return FALSE;
  for (guint i = 1; i < 9; i++)
    if (!g_ascii_isdigit (name[i]))
      return FALSE;
  return TRUE;
}
