/* A GType for DdSelection, so widgets can hold one in a property. */
#define G_LOG_DOMAIN "datadive-core"
#include "config.h"

#include "dd-selection-type.h"

G_DEFINE_BOXED_TYPE (DdSelection, dd_selection, dd_selection_ref, dd_selection_unref)
