/* Catalog side of the harnesses: a real catalog file as template, and everything that
 * reads values back from a (damaged) catalog — the library calls and the CLI's read
 * commands with their output checked. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fixture catalog (111 samples) plus a saved recipe, a finding and an annotation,
 * closed (one self-contained file): its bytes. */
GBytes     *dd_fuzz_catalog_template (void);

/* Writes @bytes as a fresh catalog file (no -wal, no -shm) and returns its path. */
const char *dd_fuzz_catalog_write    (GBytes     *bytes);

/* The read commands of datadive-cli, as bits of @cli. */
enum {
  DD_FUZZ_CLI_INFO      = 1 << 0,
  DD_FUZZ_CLI_QUERY     = 1 << 1,
  DD_FUZZ_CLI_HEALTH    = 1 << 2,
  DD_FUZZ_CLI_RELATIONS = 1 << 3,
  DD_FUZZ_CLI_RECIPE    = 1 << 4,
  DD_FUZZ_CLI_ALL       = 0x1f,
};

/* Opens the catalog at @path and reads everything back: select, facets, counts with
 * filters and quotas, pages and samples, key look-ups, recipes and their history,
 * health report and update, relations; then the CLI commands in @cli, whose --json
 * output must be one valid UTF-8 JSON document and whose failures one line. A
 * refusal to open must say why. Aborts on any broken invariant. */
void        dd_fuzz_exercise_catalog (const char *path,
                                      guint       cli);

G_END_DECLS
