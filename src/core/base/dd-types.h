/* Shared vocabulary of the core: health kinds, corruption families, progress. */
#pragma once

#include <glib.h>
#include <gio/gio.h>

#include "dd-errors.h"

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
  DD_HEALTH_N_KINDS
} DdHealthKind;

#define DD_HEALTH_FLAG(kind) (1u << (kind))

const char *dd_health_kind_to_string   (DdHealthKind  kind);
gboolean    dd_health_kind_from_string (const char   *name,
                                        DdHealthKind *out_kind);
/* A short translatable description for UI lists ("Missing label"). */
const char *dd_health_kind_title       (DdHealthKind  kind);

/* Corruption families of ImageNet-C. */
const char *dd_corruption_family_of    (const char *corruption);
gboolean    dd_is_corruption_family    (const char *name);
/* The 15 standard corruptions followed by the 4 extra ones, NULL-terminated. */
const char * const *dd_standard_corruptions (void);

/* Progress reports from long jobs: fraction in [0,1] or negative when unknown. */
typedef void (*DdProgressFunc) (double      fraction,
                                const char *text,
                                gpointer    user_data);

/* Runs @func on @context's next iteration, always from a source: unlike
 * g_main_context_invoke(), never on the calling thread, even when that thread could
 * acquire @context at this moment (a worker racing the owner's main loop). */
void dd_post_to_context (GMainContext   *context,
                         GSourceFunc     func,
                         gpointer        data,
                         GDestroyNotify  destroy);

G_END_DECLS
