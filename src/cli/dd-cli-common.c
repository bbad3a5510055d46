/* Shared helpers of datadive-cli's subcommands: errors, options, JSON, progress. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "dd-cli.h"

/* "datadive-cli: " + @prefix + the message, on one line of stderr. */
static void
print_line (const char *prefix,
            const char *format,
            va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  dd_cli_progress_done ();
  /* One line, whatever the message holds. */
  g_strdelimit (message, "\n\r", ' ');
  fprintf (stderr, "datadive-cli: %s%s\n", prefix, message);
}

int
dd_cli_fail (const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  print_line ("", format, args);
  va_end (args);
  return 1;
}

int
dd_cli_fail_error (const GError *error)
{
  return dd_cli_fail ("%s", error->message);
}

void
dd_cli_warn (const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  /* TRANSLATORS: the start of a warning line, as in "datadive-cli: warning: …" */
  print_line (_("warning: "), format, args);
  va_end (args);
}

void
dd_cli_print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; warnings && i < warnings->len; i++)
    dd_cli_warn ("%s", (char *) g_ptr_array_index (warnings, i));
}

gboolean
dd_cli_parse_options (int                 *argc,
                      char              ***argv,
                      const char          *parameter,
                      const GOptionEntry  *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "datadive-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
dd_cli_check_extra (int    argc,
                    char **argv,
                    int    max)
{
  if (argc > max)
    return dd_cli_fail (_("unexpected argument “%s”"), argv[max]);
  return 0;
}

void
dd_cli_read_options_clear (DdCliReadOptions *options)
{
  g_clear_pointer (&options->catalog_path, g_free);
}

int
dd_cli_parse_read_options (DdCliReadOptions  *options,
                           int                argc,
                           char             **argv,
                           const char        *parameter)
{
  GOptionEntry entries[] = {
    DD_CLI_OPTION_CATALOG (&options->catalog_path, N_("Catalog file")),
    DD_CLI_OPTION_JSON (&options->json),
    { NULL }
  };

  if (!dd_cli_parse_options (&argc, &argv, parameter, entries))
    return 2;
  return dd_cli_check_extra (argc, argv, 1);
}

DdCatalog *
dd_cli_open_catalog (const char  *path,
                     gboolean     writable,
                     GError     **error)
{
  if (path == NULL)
    {
      g_set_error_literal (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_INVALID,
                           _("No catalog given: use --catalog FILE"));
      return NULL;
    }
  /* Reading never writes: no upgrade, no stored snapshot, no lock a writer waits on. */
  return dd_catalog_open (path, writable ? DD_CATALOG_OPEN_DEFAULT : DD_CATALOG_OPEN_READONLY,
                          error);
}

void
dd_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, FALSE);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

void
dd_cli_print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  dd_cli_print_json (node);
}

/* TRUE when stderr is a terminal: progress lines go there. */
static gboolean
stderr_is_tty (void)
{
  static int tty = -1;

  if (tty < 0)
    tty = isatty (STDERR_FILENO) ? 1 : 0;
  return tty == 1;
}

static gboolean progress_shown;
static gint64 progress_last;

void
dd_cli_progress (double      fraction,
                 const char *text,
                 gpointer    user_data)
{
  gint64 now;

  if (!stderr_is_tty ())
    return;
  now = g_get_monotonic_time ();
  if (progress_shown && now - progress_last < 100 * 1000 && fraction < 1.0)
    return;
  progress_last = now;
  progress_shown = TRUE;
  if (fraction >= 0)
    fprintf (stderr, "\r\033[K[%3d%%] %s", (int) (fraction * 100 + 0.5), text ? text : "");
  else
    fprintf (stderr, "\r\033[K%s", text ? text : "");
  fflush (stderr);
}

void
dd_cli_progress_done (void)
{
  if (progress_shown)
    {
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
      progress_shown = FALSE;
    }
}

void
dd_cli_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) (text ? text : ""); *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

JsonObject *
dd_cli_source_to_json (const char    *root,
                       const char    *layout,
                       guint64        samples,
                       const guint64 *changes,
                       guint64        junk,
                       guint64        unreadable)
{
  g_autofree char *root_utf8 = g_filename_display_name (root);
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "root", root_utf8);
  json_object_set_string_member (o, "layout", layout);
  json_object_set_int_member (o, "samples", samples);
  if (changes)
    {
      json_object_set_int_member (o, "added", changes[0]);
      json_object_set_int_member (o, "removed", changes[1]);
    }
  json_object_set_int_member (o, "junk", junk);
  json_object_set_int_member (o, "unreadable", unreadable);
  return o;
}

void
dd_cli_json_members (GString    *out,
                     const char *first_name,
                     ...)
{
  va_list args;
  const char *name = first_name;

  va_start (args, first_name);
  for (guint i = 0; name; i++, name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (i > 0)
        g_string_append_c (out, ',');
      dd_cli_json_string (out, name);
      g_string_append_c (out, ':');
      if (value)
        dd_cli_json_string (out, value);
      else
        g_string_append (out, "null");
    }
  va_end (args);
}

typedef struct {
  GMainContext *context;
  gint          done;
} Watch;

static gpointer
watch_thread (gpointer user_data)
{
  Watch *watch = user_data;

  while (!g_atomic_int_get (&watch->done))
    g_main_context_iteration (watch->context, TRUE);
  return NULL;
}

static gboolean
on_signal (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

gpointer
dd_cli_run_interruptible (GThreadFunc   func,
                          gpointer      data,
                          GCancellable *cancellable)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Watch watch = { context, 0 };
  GSource *sources[] = { g_unix_signal_source_new (SIGINT), g_unix_signal_source_new (SIGTERM) };
  GThread *thread;
  gpointer result;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_source_set_callback (sources[i], on_signal, cancellable, NULL);
      g_source_attach (sources[i], context);
    }
  thread = g_thread_new ("dd-cli-signals", watch_thread, &watch);
  /* The work stays on this thread: malloc's main arena serves it (a worker thread's
   * arena grew and shrank with an mprotect() per step, doubling a re-index). */
  result = func (data);
  g_atomic_int_set (&watch.done, 1);
  g_main_context_wakeup (context);
  g_thread_join (thread);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_source_destroy (sources[i]);
      g_source_unref (sources[i]);
    }
  return result;
}
