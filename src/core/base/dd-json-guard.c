/* dd_json_guard_check: refuses JSON text nested deeper than its use allows before
 * json-glib's recursive parser sees it. */
#define G_LOG_DOMAIN "datadive-json"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-json-guard.h"
#include "dd-types.h"

gboolean
dd_json_guard_check (const char  *data,
                     gssize       len,
                     guint        max_depth,
                     gsize        max_bytes,
                     GError     **error)
{
  gsize n;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  n = len < 0 ? strlen (data) : (gsize) len;
  if (max_bytes > 0 && n > max_bytes)
    {
      g_autofree char *size = g_format_size (n);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The JSON text is too large (%s; at most %s)"), size, limit);
      return FALSE;
    }

  /* What json-glib 1.6's scanner (a GScanner) skips: "…" with \ escapes, '…' without,
   * and comments, which its configuration ("//\n" as the single-line pair) makes run
   * from one '/' to the next. Counting a bracket it would skip only refuses more;
   * missing one it counts would let the overflow through, so each of these is
   * followed exactly (tests/test-hostile-io.c has the cases). */
  for (gsize i = 0; i < n; i++)
    {
      char c = data[i];

      switch (c)
        {
        case '"':
          for (i++; i < n && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          break;
        case '\'':
          for (i++; i < n && data[i] != '\''; i++)
            ;
          break;
        case '/':
          for (i++; i < n && data[i] != '/'; i++)
            ;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The JSON text is nested more than %u levels deep"), max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}
