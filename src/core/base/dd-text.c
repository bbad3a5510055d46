/* Formatting helpers for messages and labels: grouped counts, echoed user values,
 * redacted URLs. */
#define G_LOG_DOMAIN "datadive-text"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <langinfo.h>
#include <string.h>

#include "dd-text.h"

char *
dd_format_count (guint64 n)
{
  const char *sep = nl_langinfo (THOUSEP);
  char digits[24];
  GString *out;
  gsize len;

  /* %' asks printf for the LC_NUMERIC grouping, what GNOME applications show */
  if (sep && *sep)
    return g_strdup_printf ("%'" PRIu64, n);
  /* C and POSIX have none: 859960 is read more easily as 859 960, grouped by a narrow
   * no-break space as SI writes numbers, which no locale reads as a decimal point */
  len = g_snprintf (digits, sizeof digits, "%" PRIu64, n);
  out = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, "\u202f");
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
dd_text_echo (const char *text,
              guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");
  /* only the start is looked at, however long the text */
  valid = g_utf8_make_valid (text, MIN (strlen (text), (gsize) max_chars * 4 + 4));
  out = g_string_new (NULL);
  for (p = valid; *p && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*p || strlen (text) > (gsize) max_chars * 4 + 4)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

char *
dd_uri_redact (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return g_strdup ("");
  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_HAS_AUTH_PARAMS |
                          G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      /* not a URL we can take apart: show none of what might be userinfo */
      const char *at = strchr (url, '@');
      const char *scheme_end = strstr (url, "://");

      if (at && (scheme_end == NULL || at > scheme_end))
        {
          g_autofree char *tail = dd_text_echo (at + 1, 80);

          return scheme_end ? g_strdup_printf ("%.*s://…@%s", (int) (scheme_end - url), url, tail)
                            : g_strdup_printf ("…@%s", tail);
        }
      return dd_text_echo (url, 200);
    }
  /* the whole userinfo goes: "user" alone may be a token too */
  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), g_uri_get_query (uri),
                     g_uri_get_fragment (uri));
}

char *
dd_format_severities (int mask)
{
  g_autoptr(GString) ranges = g_string_new (NULL);
  guint n = 0;

  if (mask < 0 || (mask & 0x3f) == 0x3f)
    return NULL;
  if ((mask & 0x3e) == 0)
    return g_strdup ((mask & 1) ? _("clean only") : _("no severity"));
  /* runs of consecutive severities as ranges: "1–2, 4" */
  for (int s = 1; s <= 5; s++)
    {
      int end = s;

      if (!(mask & (1 << s)))
        continue;
      while (end < 5 && (mask & (1 << (end + 1))))
        end++;
      if (ranges->len)
        g_string_append (ranges, ", ");
      if (end > s)
        g_string_append_printf (ranges, "%d–%d", s, end);
      else
        g_string_append_printf (ranges, "%d", s);
      n += end - s + 1;
      s = end;
    }
  if (mask & 1)
    /* TRANSLATORS: the clean images and some severities: "clean, severities 4–5" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "clean, severity %s",
                                         "clean, severities %s", n), ranges->str);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "severity %s", "severities %s", n),
                          ranges->str);
}
