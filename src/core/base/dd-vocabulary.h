/* The words every part of DataDive shares, each listed once: health kinds, the
 * ImageNet-C corruptions and their families, the wnid form, severities as text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Health kinds. The order is the bit order of the per-sample flags column and is
 * stored in catalogs: only append. */
typedef enum {
  DD_HEALTH_MISSING_LABEL,
  DD_HEALTH_ORPHAN_ANNOTATION,
  DD_HEALTH_MISSING_CELL,
  DD_HEALTH_EMPTY_FILE,
  DD_HEALTH_UNDECODABLE,
  DD_HEALTH_TRUNCATED,
  DD_HEALTH_FORMAT_MISMATCH,
  DD_HEALTH_GRAYSCALE,
  DD_HEALTH_UNEXPECTED_SIZE,
  DD_HEALTH_DUPLICATE_CONFLICT,
  DD_HEALTH_UNKNOWN_CLASS,
  DD_HEALTH_UNNAMED_CLASS,
  DD_HEALTH_SUSPECT_LABEL,      /* confident learning on a model run's probabilities */
  DD_HEALTH_NEAR_DUPLICATE,
  DD_HEALTH_NEAR_DUPLICATE_CONFLICT,
  DD_HEALTH_SPLIT_LEAKAGE,
  DD_HEALTH_N_KINDS
} DdHealthKind;

#define DD_HEALTH_FLAG(kind) (1u << (kind))
/* The kinds the near-duplicate pass finds (by perceptual hash, not by bytes). */
#define DD_HEALTH_NEAR_FLAGS (DD_HEALTH_FLAG (DD_HEALTH_NEAR_DUPLICATE) | \
                              DD_HEALTH_FLAG (DD_HEALTH_NEAR_DUPLICATE_CONFLICT) | \
                              DD_HEALTH_FLAG (DD_HEALTH_SPLIT_LEAKAGE))

/* The kind's name in JSON, recipes and the command line ("missing_label"). */
const char *dd_health_kind_to_string   (DdHealthKind  kind);
gboolean    dd_health_kind_from_string (const char   *name,
                                        DdHealthKind *out_kind);
/* A short translated description for UI lists ("Missing label"). */
const char *dd_health_kind_title       (DdHealthKind  kind);
/* TRUE for the kinds of DD_HEALTH_NEAR_FLAGS. */
gboolean    dd_health_kind_is_near     (DdHealthKind  kind);

/* The family of a corruption name: noise, blur, weather, digital; "none" for clean,
 * "other" for a name ImageNet-C does not have. */
const char *dd_corruption_family_of    (const char *corruption);
/* One of the four real families (not "none" or "other"). */
gboolean    dd_is_corruption_family    (const char *name);
/* Every value dd_corruption_family_of() gives, in display order: "none", the four
 * families, "other"; NULL-terminated. */
const char * const *dd_corruption_families  (void);
/* The 15 standard corruptions (in ImageNet-C's order) followed by the 4 extra ones,
 * NULL-terminated. */
const char * const *dd_standard_corruptions (void);
#define DD_N_STANDARD_CORRUPTIONS 15

/* A WordNet noun id as ImageNet writes it: "n" and 8 digits. */
gboolean    dd_is_wnid                 (const char *name);

G_END_DECLS
