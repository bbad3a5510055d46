/* Shared helpers of datadive-cli's subcommands.
 *
 * Every subcommand lives in a file of its own (dd-cli-<name>.c) and reads the same
 * way: an options struct filled by parsing, a run step that calls the core and fills
 * a result struct, a to-JSON step and a print step for people. What they share is
 * here: one-line errors and exit statuses, option parsing, opening a catalog in the
 * right mode, warnings, JSON output, progress on a terminal and Ctrl+C. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

/* Every subcommand: parses its own options from argv (argv[0] is the subcommand
 * name) and returns the exit status: 0 success, 1 user error (one line printed on
 * stderr via dd_cli_fail), 2 usage error. */
typedef int (*DdCliCommand) (int argc, char **argv);

/* The options every subcommand spells the same way. */
#define DD_CLI_OPTION_CATALOG(target, description) \
  { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, (target), (description), N_("FILE") }
#define DD_CLI_OPTION_JSON(target) \
  { "json", 0, 0, G_OPTION_ARG_NONE, (target), N_("Print one JSON document"), NULL }

/* The options of a subcommand that reads a catalog and prints it (info, health). */
typedef struct {
  char     *catalog_path;
  gboolean  json;
} DdCliReadOptions;

void dd_cli_read_options_clear (DdCliReadOptions *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DdCliReadOptions, dd_cli_read_options_clear)
/* Parses --catalog and --json (nothing else); 0, or the exit status. */
int  dd_cli_parse_read_options (DdCliReadOptions  *options,
                                int                argc,
                                char             **argv,
                                const char        *parameter);

/* Prints "datadive-cli: MESSAGE" on stderr and returns 1. */
int        dd_cli_fail          (const char *format, ...) G_GNUC_PRINTF (1, 2);
int        dd_cli_fail_error    (const GError *error);
/* Prints "datadive-cli: warning: MESSAGE" on stderr; one per element of @warnings. */
void       dd_cli_warn          (const char *format, ...) G_GNUC_PRINTF (1, 2);
void       dd_cli_print_warnings (GPtrArray *warnings);
/* The whole option step of a subcommand: a context with @parameter (translatable,
 * shown after the usage line) and @entries, parsed out of argv. On error prints one
 * line and returns FALSE (exit 2). */
gboolean   dd_cli_parse_options (int                *argc,
                                 char             ***argv,
                                 const char         *parameter,
                                 const GOptionEntry *entries);
/* 0 when argv holds at most @max arguments after parsing (the subcommand's name
 * included), else the one-line "unexpected argument" failure (1). */
int        dd_cli_check_extra   (int argc, char **argv, int max);
/* Opens an existing catalog: read-only unless @writable (reading never writes). */
DdCatalog *dd_cli_open_catalog  (const char *path, gboolean writable, GError **error);
/* Prints a JSON node as one document on stdout, with a newline. */
void       dd_cli_print_json    (JsonNode *node);
/* The same for an object (consumed). */
void       dd_cli_print_object  (JsonObject *object);
/* A DdProgressFunc that redraws one progress line on stderr (only on a terminal). */
void       dd_cli_progress      (double fraction, const char *text, gpointer user_data);
void       dd_cli_progress_done (void);
/* Runs @func (@data) on this thread and returns what it returns; meanwhile SIGINT and
 * SIGTERM cancel @cancellable (from a helper thread), so the work stops where it can
 * and removes what it wrote (a temporary folder) before the command fails. */
gpointer   dd_cli_run_interruptible (GThreadFunc   func,
                                     gpointer      data,
                                     GCancellable *cancellable);
/* Appends @text as a JSON string literal (text must be UTF-8): for streamed output. */
void       dd_cli_json_string   (GString *out, const char *text);
/* A dataset folder of the catalog as JSON: {"root", "layout", "samples", then "added" and
 * "removed" when @changes is given (index counts them), "junk", "unreadable"}. */
JsonObject *dd_cli_source_to_json (const char    *root,
                                   const char    *layout,
                                   guint64        samples,
                                   const guint64 *changes,
                                   guint64        junk,
                                   guint64        unreadable);
/* Appends "key":value pairs of string members: the JSON of a record written by hand
 * (NULL-terminated pairs of name and value; a NULL value is written as null). */
void       dd_cli_json_members  (GString *out, const char *first_name, ...) G_GNUC_NULL_TERMINATED;

int dd_cli_index (int argc, char **argv);
int dd_cli_info  (int argc, char **argv);
int dd_cli_query (int argc, char **argv);
int dd_cli_relations (int argc, char **argv);
int dd_cli_health (int argc, char **argv);
int dd_cli_similar (int argc, char **argv);
int dd_cli_export (int argc, char **argv);
int dd_cli_prompt (int argc, char **argv);
int dd_cli_recipe (int argc, char **argv);
int dd_cli_demo  (int argc, char **argv);
int dd_cli_model (int argc, char **argv);

G_END_DECLS
