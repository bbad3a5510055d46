/* Shared helpers of datadive-cli's subcommands: errors, options, JSON, progress. */
#define G_LOG_DOMAIN "datadive-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <unistd.h>

#include "dd-cli.h"

int
dd_cli_fail (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  dd_cli_progress_done ();
  /* One line, whatever the message holds. */
  g_strdelimit (message, "\n\r", ' ');
  fprintf (stderr, "datadive-cli: %s\n", message);
  return 1;
}

int
dd_cli_fail_error (const GError *error)
{
  return dd_cli_fail ("%s", error->message);
}

gboolean
dd_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "datadive-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
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
  return dd_catalog_open (path, writable ? DD_CATALOG_OPEN_DEFAULT : DD_CATALOG_OPEN_DEFAULT,
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

gboolean
dd_cli_stderr_is_tty (void)
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

  if (!dd_cli_stderr_is_tty ())
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

static gboolean
on_signal (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

typedef struct {
  GThreadFunc func;
  gpointer    data;
  gpointer    result;
  gint        done;
} Interruptible;

static gpointer
interruptible_thread (gpointer user_data)
{
  Interruptible *run = user_data;

  run->result = run->func (run->data);
  g_atomic_int_set (&run->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

gpointer
dd_cli_run_interruptible (GThreadFunc   func,
                          gpointer      data,
                          GCancellable *cancellable)
{
  Interruptible run = { func, data, NULL, 0 };
  guint sigint, sigterm;
  GThread *thread;

  /* the signal sources are dispatched by this thread's main context while the work
   * runs on another */
  sigint = g_unix_signal_add (SIGINT, on_signal, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, cancellable);
  thread = g_thread_new ("work", interruptible_thread, &run);
  while (!g_atomic_int_get (&run.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  return run.result;
}
