/* Text shown to people: counts in the locale's digit grouping, user values cut to a
 * readable length, endpoint URLs without their secrets. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How much of a value from outside (a recipe key, a name, a sample key) a message
 * repeats. */
#define DD_TEXT_ECHO_CHARS 80

/* @n with the locale's thousands separator ("859,960" in en_US, "859.960" in de_DE);
 * where the locale has none (C, POSIX) grouped by a narrow no-break space ("859 960"). */
char *dd_format_count (guint64     n);
/* A severity mask (bit n: severity n, 0 = clean) in words: "severities 4–5", "severity 5",
 * "clean, severities 1–2", "clean only"; NULL for every severity (-1 or all six bits). */
char *dd_format_severities (int mask);

/* @text as valid UTF-8, cut to @max_chars characters followed by "…" when longer, with
 * control characters (newlines) shown as spaces: for echoing a user's value in one line. */
char *dd_text_echo    (const char *text,
                       guint       max_chars);

/* @url without its password or user information ("http://user:KEY@host/v1" →
 * "http://host/v1"); text that is not a URL comes back cut by dd_text_echo. */
char *dd_uri_redact   (const char *url);

G_END_DECLS
