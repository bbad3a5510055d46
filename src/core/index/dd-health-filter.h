/* From a finding of the health report to the samples it is about, for "show them in
 * the grid": finding keys ("<source>/<corruption>/<severity>/<wnid>" for a missing
 * cell, a wnid for a class) are read here, not in the window. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

/* The filter selecting what a finding that is not about one sample stands for: an
 * unknown or unnamed class → the class's samples; a missing or short corruption cell
 * → its class under its corruption (the cell next to its siblings). Cheap: served from
 * the catalog's vocabulary in memory.
 * Errors: DD_CATALOG_ERROR_INVALID for a kind that has no such samples (an orphan
 * annotation, a finding about one sample); DD_CATALOG_ERROR_NOT_FOUND when the key
 * names a class or corruption the catalog does not hold. */
DdFilter *dd_health_finding_filter (DdCatalog     *catalog,
                                    DdHealthKind   kind,
                                    const char    *key,
                                    GError       **error);

G_END_DECLS
