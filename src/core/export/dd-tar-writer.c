/* DdTarWriter: tar files for the WebDataset export, written through libarchive. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <unistd.h>

#include "dd-export-private.h"
#include "dd-tar-writer.h"

struct _DdTarWriter
{
  struct archive *archive;
  int             fd;
  char           *path;
};

/* Member names are file names, UTF-8 in the catalog. libarchive converts them from
 * the locale's character set into the pax header's UTF-8 (and crashes on a name it
 * cannot convert for the ustar header in the C locale), so it works under C.UTF-8
 * whatever the user's locale: the same export gives the same bytes everywhere. */
static locale_t
utf8_locale (void)
{
  static locale_t utf8;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      utf8 = newlocale (LC_CTYPE_MASK, "C.UTF-8", (locale_t) 0);
      if (utf8 == (locale_t) 0)
        utf8 = LC_GLOBAL_LOCALE;
      g_once_init_leave (&done, 1);
    }
  return utf8;
}

static gboolean
archive_failed (DdTarWriter  *self,
                GError      **error)
{
  if (archive_errno (self->archive) > 0)
    return dd_export_io_error (error, archive_errno (self->archive), _("Cannot write"), self->path);
  return dd_export_error (error, _("Cannot write"), self->path,
                          archive_error_string (self->archive));
}

DdTarWriter *
dd_tar_writer_new (const char  *path,
                   GError     **error)
{
  g_autoptr(DdTarWriter) self = g_new0 (DdTarWriter, 1);
  locale_t previous;
  gboolean ok;

  self->path = g_strdup (path);
  self->fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      dd_export_io_error (error, errno, _("Cannot create"), path);
      return NULL;
    }
  previous = uselocale (utf8_locale ());
  self->archive = archive_write_new ();
  /* ustar, with a pax header only for what ustar cannot hold; no padding of the last
   * record to 10 kB beyond the two zero blocks that end an archive */
  ok = archive_write_set_format_pax_restricted (self->archive) == ARCHIVE_OK &&
       archive_write_set_bytes_in_last_block (self->archive, 1) == ARCHIVE_OK &&
       archive_write_open_fd (self->archive, self->fd) == ARCHIVE_OK;
  uselocale (previous);
  if (!ok)
    {
      archive_failed (self, error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
dd_tar_writer_add (DdTarWriter  *self,
                   const char   *name,
                   const void   *data,
                   gsize         len,
                   GError      **error)
{
  struct archive_entry *entry = archive_entry_new ();
  locale_t previous = uselocale (utf8_locale ());
  la_ssize_t written = 0;
  int status;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, len);
  archive_entry_set_mtime (entry, g_get_real_time () / G_USEC_PER_SEC, 0);
  /* a warning is a name that could not be converted: written as its bytes */
  status = archive_write_header (self->archive, entry);
  if (status >= ARCHIVE_WARN && len > 0)
    written = archive_write_data (self->archive, data, len);
  archive_entry_free (entry);
  uselocale (previous);
  if (status < ARCHIVE_WARN || written < 0 || (gsize) written != len)
    return archive_failed (self, error);
  return TRUE;
}

gboolean
dd_tar_writer_close (DdTarWriter  *self,
                     GError      **error)
{
  locale_t previous = uselocale (utf8_locale ());
  gboolean ok = archive_write_close (self->archive) >= ARCHIVE_WARN;

  uselocale (previous);
  if (!ok)
    archive_failed (self, error);
  /* what the file system says last: a full disk may only show here */
  if (close (self->fd) != 0 && ok)
    ok = dd_export_io_error (error, errno, _("Cannot write"), self->path);
  self->fd = -1;
  dd_tar_writer_free (self);
  return ok;
}

void
dd_tar_writer_free (DdTarWriter *self)
{
  if (self == NULL)
    return;
  if (self->archive)
    {
      if (self->fd >= 0)
        archive_write_fail (self->archive);   /* no end blocks after a failure */
      archive_write_free (self->archive);
    }
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_free (self);
}
