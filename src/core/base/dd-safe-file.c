/* Bounded, non-blocking reads of files that may have been swapped for FIFOs, devices
 * or huge files since DataDive last looked at them. */
#define G_LOG_DOMAIN "datadive-io"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "dd-safe-file.h"

gint64
dd_safe_file_sample_limit (gint64 recorded_size)
{
  return recorded_size >= 0 ? recorded_size + DD_SAMPLE_GROWTH_MARGIN : DD_SAMPLE_MAX_BYTES;
}

static const char *
kind_of (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("a FIFO");
  if (S_ISCHR (mode))
    return _("a character device");
  if (S_ISBLK (mode))
    return _("a block device");
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("a special file");
}

static int
open_nonblocking (const char  *path,
                  struct stat *st,
                  GError     **error)
{
  int fd;

  /* O_NONBLOCK: opening a FIFO without a writer (or a device) returns at once */
  do
    fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return -1;
    }
  if (fstat (fd, st) != 0)
    {
      int saved = errno;
      close (fd);
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return -1;
    }
  return fd;
}

static gboolean
set_blocking (int      fd,
              GError **error)
{
  int flags = fcntl (fd, F_GETFL);

  if (flags < 0 || fcntl (fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
    {
      int saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

int
dd_safe_file_open (const char  *path,
                   struct stat *st,
                   GError     **error)
{
  struct stat local;
  int fd;

  g_return_val_if_fail (path != NULL, -1);

  if (st == NULL)
    st = &local;
  if ((fd = open_nonblocking (path, st, error)) < 0)
    return -1;
  if (!S_ISREG (st->st_mode))
    {
      /* TRANSLATORS: %s is "a FIFO", "a character device", "a folder"… */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("it is %s, not a regular file"), kind_of (st->st_mode));
      close (fd);
      return -1;
    }
  if (!set_blocking (fd, error))
    {
      close (fd);
      return -1;
    }
  return fd;
}

static void
set_too_large (GError **error,
               gsize    max_bytes)
{
  g_autofree char *limit = g_format_size (max_bytes);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               _("it holds more than %s, the most that is read"), limit);
}

gboolean
dd_safe_file_read_fd (int      fd,
                      gsize    max_bytes,
                      char   **contents,
                      gsize   *length,
                      GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  struct stat st;
  gsize want = 65536;

  /* a GByteArray counts in guint */
  max_bytes = MIN (max_bytes, (gsize) G_MAXUINT / 2);
  /* a regular file says how big it is: one allocation */
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0)
    want = MIN ((gsize) st.st_size, max_bytes) + 1;
  want = MIN (want, max_bytes + 1);
  for (;;)
    {
      guint old = data->len;
      ssize_t n;

      g_byte_array_set_size (data, old + want);
      n = read (fd, data->data + old, want);
      if (n < 0)
        {
          int saved = errno;

          g_byte_array_set_size (data, old);
          if (saved == EINTR)
            continue;
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved),
                               g_strerror (saved));
          return FALSE;
        }
      g_byte_array_set_size (data, old + n);
      if (n == 0)
        break;
      if (data->len > max_bytes)
        {
          set_too_large (error, max_bytes);
          return FALSE;
        }
      /* grow by doubling, never asking for more than one byte past the bound */
      want = MIN (MAX ((gsize) data->len, (gsize) 65536), max_bytes + 1 - data->len);
    }
  if (length)
    *length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
  return TRUE;
}

gboolean
dd_safe_file_get_contents (const char  *path,
                           gsize        max_bytes,
                           gboolean     allow_pipe,
                           char       **contents,
                           gsize       *length,
                           GError     **error)
{
  struct stat st;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);

  if ((fd = open_nonblocking (path, &st, error)) < 0)
    return FALSE;
  if (!S_ISREG (st.st_mode) && !(allow_pipe && S_ISFIFO (st.st_mode)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("it is %s, not a regular file"), kind_of (st.st_mode));
      close (fd);
      return FALSE;
    }
  if (S_ISREG (st.st_mode) && (guint64) st.st_size > max_bytes)
    {
      g_autofree char *what = g_format_size (st.st_size);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("it is %s (at most %s is read)"), what, limit);
      close (fd);
      return FALSE;
    }
  ok = set_blocking (fd, error) && dd_safe_file_read_fd (fd, max_bytes, contents, length, error);
  close (fd);
  return ok;
}
