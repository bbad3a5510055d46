/* A plausible model run on a written demo: predictions whose error rises with severity,
 * some corruptions harder than others, and a few confident label errors. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads the demo written under @out_dir (dd_demo_generate) and writes next to it
 * predictions.jsonl (absolute paths, wnid predictions, confidence, loss, probs) and
 * classes.txt (the label order), deterministic for @seed. *@out_rows: the rows written.
 * Errors are DD_DEMO_ERROR. */
gboolean dd_demo_write_run (const char  *out_dir,
                            guint64      seed,
                            guint64     *out_rows,
                            GError     **error);

G_END_DECLS
