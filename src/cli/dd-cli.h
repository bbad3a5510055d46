/* Shared helpers of datadive-cli's subcommands. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

/* Every subcommand: parses its own options from argv (argv[0] is the subcommand
 * name) and returns the exit status: 0 success, 1 user error (one line printed on
 * stderr via dd_cli_fail), 2 usage error. */
typedef int (*DdCliCommand) (int argc, char **argv);

/* Prints "datadive-cli: MESSAGE" on stderr and returns 1. */
int        dd_cli_fail          (const char *format, ...) G_GNUC_PRINTF (1, 2);
int        dd_cli_fail_error    (const GError *error);
/* Parses options; on error prints one line and returns FALSE (exit 2). */
gboolean   dd_cli_parse         (GOptionContext *context, int *argc, char ***argv);
/* Opens an existing catalog or fails with one line. */
DdCatalog *dd_cli_open_catalog  (const char *path, gboolean writable, GError **error);
/* Prints a JSON node as one document on stdout, with a newline. */
void       dd_cli_print_json    (JsonNode *node);
/* TRUE when stderr is a terminal: progress lines go there. */
gboolean   dd_cli_stderr_is_tty (void);
/* A DdProgressFunc that redraws one progress line on stderr (only on a terminal). */
void       dd_cli_progress      (double fraction, const char *text, gpointer user_data);
void       dd_cli_progress_done (void);
/* Runs @func (@data) on this thread and returns what it returns; meanwhile SIGINT and
 * SIGTERM cancel @cancellable (from a helper thread), so the work can clean up. */
gpointer   dd_cli_run_interruptible (GThreadFunc   func,
                                     gpointer      data,
                                     GCancellable *cancellable);
/* Appends @text as a JSON string literal (text must be UTF-8): for streamed output. */
void       dd_cli_json_string   (GString *out, const char *text);
/* Runs @func (@data) on a thread and returns what it returns. Meanwhile SIGINT and
 * SIGTERM cancel @cancellable instead of ending the process, so the work stops where
 * it can and removes what it wrote (a temporary folder) before the command fails. */
gpointer   dd_cli_run_interruptible (GThreadFunc   func,
                                     gpointer      data,
                                     GCancellable *cancellable);

/* Adds the shared --class/--corruption/--severity/--split/--flag options to @filter. */
gboolean dd_cli_add_filter_options (DdCatalog    *catalog,
                                    DdFilter     *filter,
                                    char * const *classes,
                                    char * const *corruptions,
                                    char * const *severities,
                                    char * const *splits,
                                    char * const *flags,
                                    GError      **error);

int dd_cli_index (int argc, char **argv);
int dd_cli_info  (int argc, char **argv);
int dd_cli_query (int argc, char **argv);
int dd_cli_relations (int argc, char **argv);
int dd_cli_health (int argc, char **argv);
int dd_cli_export (int argc, char **argv);
int dd_cli_prompt (int argc, char **argv);
int dd_cli_recipe (int argc, char **argv);
int dd_cli_demo  (int argc, char **argv);

G_END_DECLS
