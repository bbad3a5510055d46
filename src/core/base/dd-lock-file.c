/* DdLockFile: a writer's exclusive lock on a catalog (flock on "PATH.lock"), the sweep
 * of temporaries that killed runs left, and the no-replace rename of a new catalog. */
#define _GNU_SOURCE 1   /* renameat2, RENAME_NOREPLACE */
#define G_LOG_DOMAIN "datadive-catalog"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dd-lock-file.h"
#include "dd-types.h"

struct _DdLockFile {
  char *lock_path;
  int   fd;
};

DdLockFile *
dd_lock_file_acquire (const char      *path,
                      DdLockWaitFunc   on_wait,
                      gpointer         user_data,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autofree char *lock_path = NULL;
  gboolean told = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  lock_path = g_strconcat (path, ".lock", NULL);
  for (;;)
    {
      struct stat held, there;
      DdLockFile *lock;
      int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);

      if (fd < 0)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                       _("Cannot lock the catalog “%s”: %s"), display, g_strerror (saved));
          return NULL;
        }
      while (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          if (saved == ENOLCK || saved == EOPNOTSUPP || saved == ENOSYS)
            {
              /* A file system without locks: the no-replace rename still guards
               * a new catalog, and SQLite's own locks an existing one. */
              g_debug ("%s: no locks on this file system (%s)", lock_path, g_strerror (saved));
              break;
            }
          if (saved != EWOULDBLOCK)
            {
              g_autofree char *display = g_filename_display_name (path);

              close (fd);
              g_set_error (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_IO,
                           _("Cannot lock the catalog “%s”: %s"), display, g_strerror (saved));
              return NULL;
            }
          if (!told && on_wait)
            on_wait (path, user_data);
          told = TRUE;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              close (fd);
              return NULL;
            }
          g_usleep (100 * 1000);
        }
      /* The previous holder removes the file when it is done: a lock on a file that
       * is no longer at lock_path guards nothing, so take the one there now. */
      if (fstat (fd, &held) != 0 || g_lstat (lock_path, &there) != 0 ||
          held.st_dev != there.st_dev || held.st_ino != there.st_ino)
        {
          close (fd);
          continue;
        }
      lock = g_new0 (DdLockFile, 1);
      lock->lock_path = g_steal_pointer (&lock_path);
      lock->fd = fd;
      return lock;
    }
}

void
dd_lock_file_release (DdLockFile *lock)
{
  if (lock == NULL)
    return;
  /* Removed while still held: whoever waits on this file then sees it gone. */
  g_unlink (lock->lock_path);
  close (lock->fd);
  g_free (lock->lock_path);
  g_free (lock);
}

gboolean
dd_rename_no_replace (const char  *from,
                      const char  *to,
                      GError     **error)
{
  int saved;

  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  saved = errno;
  if (saved == EINVAL || saved == ENOSYS || saved == EOPNOTSUPP)
    {
      /* Without RENAME_NOREPLACE (some network and FUSE file systems) a hard link
       * refuses an existing name the same way. */
      if (link (from, to) == 0)
        {
          g_unlink (from);
          return TRUE;
        }
      saved = errno;
      if (saved == EPERM || saved == EOPNOTSUPP || saved == ENOSYS)
        {
          /* Nor hard links (vfat): with the lock held, nobody else renames here. */
          if (g_file_test (to, G_FILE_TEST_EXISTS))
            saved = EEXIST;
          else if (g_rename (from, to) == 0)
            return TRUE;
          else
            saved = errno;
        }
    }
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
  return FALSE;
}

char *
dd_lock_file_temporary_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.tmp-%d", base, (int) getpid ());

  return g_build_filename (dir, name, NULL);
}

guint
dd_lock_file_sweep_temporaries (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", NULL };
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (".", base, ".tmp-", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  gsize plen = strlen (prefix);
  const char *name;
  guint removed = 0;

  while (listing && (name = g_dir_read_name (listing)))
    {
      const char *digits = name + plen;
      char *end = NULL;
      guint64 pid;

      if (!g_str_has_prefix (name, prefix) || !g_ascii_isdigit (*digits))
        continue;
      pid = g_ascii_strtoull (digits, &end, 10);
      if (pid == (guint64) getpid () || !g_strv_contains (suffixes, end))
        continue;
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        if (g_unlink (file) == 0)
          removed++;
      }
    }
  return removed;
}
